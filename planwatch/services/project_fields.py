"""The fields of a library entry: their Chinese labels, and what a person may enter in each.

A field's value is stored as text (`store.project_library`): amounts in 万元, dates and years in ISO
form, units of the department directory by their full name. `read_value` turns what a person typed
into that text or says, in one Chinese line, why it cannot be taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy.engine import Connection

from planwatch.dates import DateError, parse_date
from planwatch.document.text import strip_spaces, to_halfwidth
from planwatch.errors import Location, PlanwatchError
from planwatch.project_model import CATEGORIES, NATURES, STATUSES
from planwatch.services.departments import require_known
from planwatch.store import departments as directory

WAN_PER_YI = Decimal(10000)
PLAN_PREFIX = "plan:"  # plan:2024 → 2024年计划投资
NODE_PREFIX = "node:"  # node:主体封顶 → a 节点's planned date
LOCATION_KINDS = ("乡镇街道", "园区")

LABELS = {
    "code": "项目编号",
    "name": "项目名称",
    "box": "所属专栏",
    "category": "项目类别",
    "nature": "建设性质",
    "location": "建设地点",
    "content": "建设内容",
    "start_year": "建设起始年份",
    "end_year": "建设结束年份",
    "investment": "总投资",
    "owner": "项目单位",
    "department": "责任单位",
    "status": "状态",
    "start": "计划开工日期",
    "finish": "计划竣工日期",
}
CHOICES = {"category": CATEGORIES, "nature": NATURES, "status": STATUSES}
# Fields whose value may take effect from a date other than today (a year plan adjusted mid-year…).
DATED = ("status", "start", "finish")
_TEXT_LIMIT = 2000
_AMOUNT = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<unit>亿元|亿|万元|万)?")
_NODE_NAME = re.compile(r"[^\s:：]{1,40}")


class ProjectRefused(PlanwatchError):
    """A library edit refused: every field's problem listed, nothing written."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems  # (field label, reason)
        listed = "；".join(Location(field=label).with_reason(reason) for label, reason in problems)
        super().__init__(f"未保存（项目库未作改动）：{listed}")


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    label: str
    old: str | None
    new: str | None


def label_of(field: str) -> str:
    if field.startswith(PLAN_PREFIX):
        return f"{field.removeprefix(PLAN_PREFIX)}年计划投资"
    if field.startswith(NODE_PREFIX):
        return f"节点“{field.removeprefix(NODE_PREFIX)}”"
    return LABELS.get(field, field)


def known_field(field: str) -> bool:
    if field.startswith(PLAN_PREFIX):
        return field.removeprefix(PLAN_PREFIX).isdigit()
    if field.startswith(NODE_PREFIX):
        return _NODE_NAME.fullmatch(field.removeprefix(NODE_PREFIX)) is not None
    return field in LABELS


def is_dated(field: str) -> bool:
    return field in DATED or field.startswith((PLAN_PREFIX, NODE_PREFIX))


def read_value(
    connection: Connection, field: str, text: str, *, period: tuple[int, int] | None = None
) -> str | None:
    """The stored text for what a person typed (None: blank, the field is cleared). PlanwatchError
    with the reason when it cannot be taken."""
    tidy = text.strip()
    if not tidy:
        return None
    if len(tidy) > _TEXT_LIMIT:
        raise PlanwatchError(f"不能超过{_TEXT_LIMIT}个字符")
    if field in CHOICES:
        if tidy not in CHOICES[field]:
            raise PlanwatchError(f"“{tidy}”无法识别，应为 {'、'.join(CHOICES[field])} 之一")
        return tidy
    if field == "department":
        return require_known(connection, tidy)
    if field == "location":
        return location_name(connection, tidy)
    if field in ("start_year", "end_year"):
        return str(_year(tidy))
    if field == "investment":
        return amount_text(amount_wan_yuan(tidy))
    if field.startswith(PLAN_PREFIX):
        year = int(field.removeprefix(PLAN_PREFIX))
        if period is not None and not period[0] <= year <= period[1]:
            raise PlanwatchError(f"{year}年不在规划期（{period[0]}—{period[1]}年）内")
        return amount_text(amount_wan_yuan(tidy))
    if field in ("start", "finish") or field.startswith(NODE_PREFIX):
        try:
            day = parse_date(tidy)
        except DateError as error:
            raise PlanwatchError(error.reason) from None
        return day.isoformat() if day else None
    return tidy


def amount_wan_yuan(text: str) -> Decimal:
    """An amount a person typed for the library, in 万元: `0.5`, `0.5亿元` (a bare number is 亿元, as
    the library shows amounts), `5000万元`."""
    tidy = strip_spaces(to_halfwidth(text)).replace(",", "")
    match = _AMOUNT.fullmatch(tidy)
    if match is None:
        raise PlanwatchError(f"“{text.strip()}”不是金额（写作 0.5 或 0.5亿元，或 5000万元）")
    try:
        number = Decimal(match["number"])
    except InvalidOperation:  # pragma: no cover - the pattern admits only numerals
        raise PlanwatchError(f"“{text.strip()}”不是金额") from None
    unit = match["unit"] or "亿元"
    return number if unit.startswith("万") else number * WAN_PER_YI


def amount_text(wan_yuan: Decimal) -> str:
    """An amount in 万元 as stored: exact, without trailing zeros or an exponent (7731, 0.5)."""
    return format(wan_yuan.normalize(), "f") if wan_yuan else "0"


def location_name(connection: Connection, text: str) -> str:
    """A 乡镇街道 or 园区 of the directory named by its name or short name, as its name; other text
    (跨镇街, a street address) as typed."""
    for unit in directory.all_departments(connection):
        if unit.kind in LOCATION_KINDS and text in (unit.name, unit.short_name):
            return unit.name
    return text


def _year(text: str) -> int:
    digits = text.removesuffix("年")
    if not digits.isascii() or not digits.isdigit() or not 1949 <= int(digits) <= 2100:
        raise PlanwatchError(f"“{text}”不是年份（如 2023）")
    return int(digits)


def category_of_box(box_title: str | None) -> str | None:
    """项目类别 by the box the plan lists a project in (docs/projects.md); None when no rule fits."""
    for category, words in _BOX_CATEGORIES:
        if box_title and any(word in box_title for word in words):
            return category
    return None


# Checked in this order: 能源建材产业 is 产业, 文化与生态旅游 is 产业, 文化服务设施 is 社会民生.
_BOX_CATEGORIES = (
    ("产业", ("产业", "服务业", "数字经济", "旅游", "田园综合体", "招商")),
    ("社会民生", ("教育", "医疗", "卫生", "文化服务", "养老", "学校", "医院", "体育", "民生")),
    ("生态环保", ("生态", "环保", "污水", "环境", "绿化")),
    ("基础设施", ("交通", "水利", "能源", "基础设施", "城市管理", "新城", "路网", "管网", "市政")),
)
