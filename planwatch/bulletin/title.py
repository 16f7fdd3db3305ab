"""Is it a bulletin, and of which year: its title (2023年新建区国民经济和社会发展统计公报), the
publisher's date line (2024年3月26日), the region it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from planwatch.document import Document
from planwatch.document.text import strip_spaces
from planwatch.errors import DocumentError

_TITLE = re.compile(
    r"(?P<year>(?:19|20)[0-9]{2})年(?:度)?(?P<region>[^0-9，。,;；:：]{0,24}?)(?:国民经济和社会发展)?统计公报"
)
_DATE = re.compile(r"^(?P<y>(?:19|20)[0-9]{2})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日$")
_REGION_END = re.compile(r"^(?P<region>.*?(?:省|市|区|县|旗|州))")
_DATE_LINES = 12  # the date line is near the title or at the end


class NotABulletin(DocumentError):
    """The file is readable but is not a statistics bulletin (a plan, a report, a blank page)."""


@dataclass(frozen=True, slots=True)
class Heading:
    title: str
    title_line: int
    year: int
    region: str | None
    published_on: date | None


def read_heading(document: Document, title_lines: int) -> Heading:
    """The bulletin's title, year, region and date; NotABulletin when the first lines hold no title."""
    texts = [line for line in document.lines if line.text.strip()][:title_lines]
    for line in texts:
        match = _TITLE.search(strip_spaces(line.text))
        if match is None:
            continue
        region = _REGION_END.match(match["region"]) if match["region"] else None
        return Heading(
            line.raw.strip(),
            line.number,
            int(match["year"]),
            region["region"] if region else None,
            _date(document),
        )
    raise NotABulletin(
        f"这不是统计公报：前{title_lines}行中没有“××××年……统计公报”这样的标题，未提出任何数值",
        file=document.path,
    )


def _date(document: Document) -> date | None:
    """The publisher's date line (2024年3月26日), first near the title, else at the end."""
    lines = [line for line in document.lines if line.text.strip()]
    for line in [*lines[:_DATE_LINES], *lines[-_DATE_LINES:]]:
        match = _DATE.match(strip_spaces(line.text))
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None
