"""Identical bytes for identical inputs: an Office file is a zip whose entries carry the time they
were written, and whose core properties (docProps/core.xml) say when the file was created and last
saved. Both are set from the report's as-of date, so the same report as of the same date is the same
file, whenever and wherever it is made.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

CORE = "docProps/core.xml"
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def moment(as_of: date) -> str:
    return f"{as_of.isoformat()}T00:00:00Z"


def fixed_zip(data: bytes, as_of: date) -> bytes:
    """`data` (a .docx or .xlsx) rewritten with every entry dated `as_of` and the core properties'
    created/modified set to it; the entries keep their order ([Content_Types].xml first)."""
    stamp = (as_of.year, as_of.month, as_of.day, 0, 0, 0)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == CORE:
                content = _STAMP.sub(
                    lambda m: m.group(1) + moment(as_of).encode("ascii") + m.group(3), content
                )
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 3  # Unix, whatever machine made it
            target.writestr(info, content, compresslevel=6)
    return output.getvalue()
