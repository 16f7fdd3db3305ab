"""The fields of one project item: name, owner, investment, land, capacity, year targets.

Everything is matched on the normalised line text (full-width folded, same length as the raw)
and quoted from the raw line by the same offsets. Amounts are valued by `numbers.parse_amount`
on the exact span found here; the full prose scanner is too slow to run over every box.

Conventions (see `projects` for which items are projects):
- `investment_raw` runs from the investment word, with a 拟/计划/约 or `5年` before it, to the end
  of the amount with its 左右: `计划总投资约1.7亿元`, `5年总投资2400万元`, `投入资金1.1亿元`.
  总投资/投资总额/总估算 beats a bare 投资/投入资金; the first of the stronger kind wins.
- Not a total: an amount after 其中 (a part), 完成投资 (progress), 一期/年/年度 投资 (a phase or a
  year). When only a phase or a year is given, the total stays None and a Problem says so.
- `investment_qualifier`: "approx" when 约/左右/近 is written (it wins: the figure itself is
  rough), else "plan" for 拟/计划/预计, else None.
- Land is 占地/用地 (面积/规模/范围) in 亩 after conversion; 建筑面积 is floor area, not land.
  `land_raw` runs from the land word: `占地面积6821.25平方米`.
- Capacity is raw text only: a power (`2X100MW`, `4.95万千瓦`) or an output after 年产/产能/
  装机容量… (`年产6000万只`, `装机容量共5000KW`), whichever comes first.
- A year target's investment is its 完成投资, else its one plain 投资 (`…一期开工，投资1亿元`); the
  总投资 in a year line is the total of a sub-project, not that year's money.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from planwatch.document.model import Document
from planwatch.document.numbers import Amount, NumberError, parse_amount, to_wan_yuan
from planwatch.model import Problem, ScheduleEntry


@dataclass(frozen=True, slots=True)
class Segment:
    """Characters start:end of line `line`: a piece of an item's text."""

    line: int
    start: int
    end: int


@dataclass(slots=True)
class Fields:
    owner: str | None = None
    investment_raw: str | None = None
    investment_wan_yuan: Decimal | None = None
    investment_qualifier: str | None = None
    land_mu: Decimal | None = None
    land_raw: str | None = None
    capacity_raw: str | None = None
    problems: list[Problem] = field(default_factory=list)
    mentions_money_or_land: bool = False  # an investment or land phrase, readable or not


# --- patterns (on normalised text: ，→, ：→: ；→; （→( ) ------------------------------------
_DELIMS = ",。;:"
NAME_END = re.compile(r"[:,。;]")  # where an item's name ends (normalised text)
_YEAR_ONLY = re.compile(r"[\s:,。;]*")
_NAME_LABEL = re.compile(r"\s*(?:项目名称|名称)\s*:\s*")
_YEAR_HEAD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:目标|计划|任务)\s*:?")
_SUB_POINT = re.compile(r"(?:(?<=[。;])|^)\s*\d{1,2}\s*[、.](?!\d)")

_INVEST_STRONG = "总投资额?|投资总额|总投入|总估算|投资估算"
_INVEST_WORD = re.compile(rf"(?P<word>{_INVEST_STRONG}|投入资金|投资额?)")
_INVEST_PREFIX = re.compile(r"(?:(?<![\d.])(?:\d{1,2}|[一二三四五六七八九十])年)?(?:预计|计划|大约|约|拟)?\Z")
_LAND_WORD = re.compile(r"(?P<word>占地|用地)(?:面积|规模|范围)?")
_LAND_PREFIX = re.compile(r"(?:规划)?总?\Z")
_GAP = re.compile(r"(?:\s|[:为约达共计是合近]|大约|约为|预计){0,4}")
_NUMBER = re.compile(
    r"(?P<ph>[*?□]+|[xX×]{1,2}(?=\s*[十百千万亿元亩平]))"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?P<cn>[零〇一二两三四五六七八九十百千万亿点]+))"
)
_MULT = re.compile(r"\s*(?:[十百千]?万|亿|千)?")
_MONEY_UNIT = re.compile(r"\s*(?:美元|元)")
_AREA_UNIT = re.compile(r"\s*(?:亩|平方米|平方公里|平方千米|平米|㎡|m2|m²|公顷|km2)")
_ABOUT_AFTER = re.compile(r"\s*(?:左右|上下)")
_PHASE = re.compile(r"(?:[一二三四五六七八九首末本近]期|年度?)(?:计划|拟|约|预计)?$")

_OWNER_LABEL = re.compile(
    r"(?:项目单位|建设单位|业主单位|项目业主|实施单位|建设主体|投资主体)\s*(?:为|是|:)\s*(?P<org>[^,。;:、\s]{2,40})"
)
_OWNER_VERB = re.compile(r"(?:投资建设|建设投资|负责建设|投资兴建|出资建设)(?![\d约为达])")
_OWNER_HINT = re.compile(r"单位|业主|主体|投资建设|建设投资|负责建设|投资兴建|出资建设")
_NOT_ORG = re.compile(r"项目|完成|年内|^(?:主要|规划|计划|拟|积极|加快|推进|重点|依托|引进|吸引|支持|鼓励)")

_POWER = r"(?:万千瓦|千瓦|兆瓦|MW|GW|KW|kW)(?![A-Za-z时])"
_POWER_AMOUNT = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?\s*(?:[xX×*]\s*\d+(?:\.\d+)?\s*)?{_POWER}")
_POWER_HINTS = ("瓦", "W", "w")
_OUTPUT_HINTS = ("产", "装机", "处理", "供水")
_OUTPUT_WORD = re.compile(r"年总?产能?|年生产|[年日]处理|处理能力|装机|产能|日供水|供水能力")
_OUTPUT_TAIL = re.compile(
    r"[^,。;:\d]{0,10}?\d+(?:\.\d+)?\s*[十百千万亿]?"
    r"(?:吨|只|件|台|套|辆|个|片|张|箱|瓶|头|株|根|块|立方米|方|平方米|千瓦时|度|公里|米|KW|kW|MW|GW|千瓦|兆瓦)"
    r"(?:/(?:年|月|日|天|小时))?"
)


class _Kind(Enum):
    STRONG = "strong"  # 总投资
    WEAK = "weak"  # 投资, 投入资金
    PHASE = "phase"  # 一期投资, 年投资
    PROGRESS = "progress"  # 完成投资
    PART = "part"  # 其中…投资


@dataclass(frozen=True, slots=True)
class _Hit:
    """A money or land phrase: the word, and what follows it."""

    kind: _Kind
    line: int
    start: int  # where the word starts (qualifier and 5年 included)
    end: int  # end of the amount, 左右 included
    status: str  # "ok", "placeholder", "no_unit"
    amount_start: int = 0


# --- reading --------------------------------------------------------------------------------
def read_name(text: str, raw: str, start: int) -> str:
    """The name of an item whose title starts at `start`: before the first colon (or comma, full stop)."""
    if label := _NAME_LABEL.match(text, start):
        start = label.end()
    cut = NAME_END.search(text, start)
    end = cut.start() if cut else len(text)
    return raw[start:end].strip()


def read_fields(document: Document, own: Sequence[Segment]) -> Fields:
    fields = Fields()
    owners: list[tuple[int, int, str]] = []  # line, position, name
    for seg in own:
        line = document.line(seg.line)
        chunk = line.text[seg.start : seg.end]
        if not _OWNER_HINT.search(chunk):
            continue
        for m in _OWNER_LABEL.finditer(chunk):
            owners.append(
                (
                    seg.line,
                    seg.start + m.start("org"),
                    line.raw[seg.start + m.start("org") : seg.start + m.end("org")],
                )
            )
        for m in _OWNER_VERB.finditer(chunk):
            clause = max(chunk.rfind(d, 0, m.start()) for d in ",。;:") + 1
            if (by := chunk.rfind("由", clause, m.start())) >= 0:
                clause = by + 1
            org = line.raw[seg.start + clause : seg.start + m.start()].strip()
            if 2 <= len(org) <= 40 and not _NOT_ORG.search(org):
                owners.append((seg.line, seg.start + clause, org))
    names = list(dict.fromkeys(org for _, _, org in sorted(owners)))
    if names:
        fields.owner = names[0]
    if len(names) > 1:
        listed = "、".join(names)
        second = min(n for n, _, org in owners if org == names[1])
        reason = f"条目列出多个项目单位（{listed}），只记录第一个"
        fields.problems.append(Problem(second, "项目单位", reason, listed))
    _read_investment(document, own, fields)
    _read_land(document, own, fields)
    fields.capacity_raw = _capacity(document, own)
    return fields


def _capacity(document: Document, own: Sequence[Segment]) -> str | None:
    """The first power (2X100MW) or output after 年产/产能/装机… (年产6000万只), as written."""
    for seg in own:
        text = document.line(seg.line).text
        spans: list[tuple[int, int]] = []
        end = seg.end
        if _has(text, seg, _POWER_HINTS) and (power := _POWER_AMOUNT.search(text, seg.start, seg.end)):
            spans.append(power.span())
            end = power.start()
        if _has(text, seg, _OUTPUT_HINTS):
            for word in _OUTPUT_WORD.finditer(text, seg.start, end):
                if tail := _OUTPUT_TAIL.match(text, word.end(), seg.end):
                    spans.append((word.start(), tail.end()))
                    break
        if spans:
            start, stop = min(spans)
            return document.line(seg.line).raw[start:stop]
    return None


def _has(text: str, seg: Segment, hints: tuple[str, ...]) -> bool:
    return any(text.find(h, seg.start, seg.end) >= 0 for h in hints)


def _read_investment(document: Document, own: Sequence[Segment], fields: Fields) -> None:
    hits = _hits(document, own, _INVEST_WORD, _MONEY_UNIT, ("投",))
    fields.mentions_money_or_land = bool(hits)
    totals = [h for h in hits if h.kind in (_Kind.STRONG, _Kind.WEAK)]
    for hit in hits:
        if hit.status != "ok":
            fields.problems.append(_unreadable(document, hit, "总投资" if hit in totals else "投资"))
    readable = [h for h in totals if h.status == "ok"]
    strong = [h for h in readable if h.kind is _Kind.STRONG]
    if strong or readable:
        chosen = (strong or readable)[0]
        raw = _quote(document, chosen)
        amount = _amount(document, chosen)
        if amount is None or to_wan_yuan(amount) is None:
            why = "无法识别" if amount is None else "不是人民币，未换算为万元"
            fields.problems.append(Problem(chosen.line, "总投资", f"投资额{why}：{raw}", raw))
            return
        fields.investment_raw, fields.investment_wan_yuan = raw, to_wan_yuan(amount)
        fields.investment_qualifier = _qualifier(raw)
    elif not totals and (phases := [h for h in hits if h.kind is _Kind.PHASE and h.status == "ok"]):
        raw = _quote(document, phases[0])
        reason = f"仅给出分期或年度投资（{raw}），未给出总投资"
        fields.problems.append(Problem(phases[0].line, "总投资", reason, raw))


def _read_land(document: Document, own: Sequence[Segment], fields: Fields) -> None:
    hits = _hits(document, own, _LAND_WORD, _AREA_UNIT, ("占地", "用地"))
    fields.mentions_money_or_land = fields.mentions_money_or_land or bool(hits)
    for hit in hits:
        if hit.status != "ok":
            fields.problems.append(_unreadable(document, hit, "用地"))
    whole = [h for h in hits if h.status == "ok" and h.kind in (_Kind.STRONG, _Kind.WEAK)]
    if whole:
        raw = _quote(document, whole[0])
        amount = _amount(document, whole[0])
        if amount is not None and amount.base_unit == "亩":
            fields.land_raw, fields.land_mu = raw, amount.base_value
    elif phases := [h for h in hits if h.kind is _Kind.PHASE and h.status == "ok"]:
        raw = _quote(document, phases[0])
        fields.problems.append(Problem(phases[0].line, "用地", f"仅给出分期用地（{raw}），未给出总用地", raw))


def read_schedule_entry(
    document: Document, year: int, segments: Sequence[Segment]
) -> tuple[ScheduleEntry, list[Problem]]:
    """A year's target; its investment is its 完成投资 (or its only plain 投资)."""
    first = segments[0]
    text = "\n".join(document.line(s.line).raw[s.start : s.end].strip() for s in segments)
    hits = _hits(document, segments, _INVEST_WORD, _MONEY_UNIT, ("投",))
    problems = [_unreadable(document, h, "年度投资") for h in hits if h.status != "ok"]
    ok = [h for h in hits if h.status == "ok"]
    chosen = [h for h in ok if h.kind is _Kind.PROGRESS] or [
        h for h in ok if h.kind in (_Kind.WEAK, _Kind.PHASE)
    ]
    if len(chosen) == 1:
        raw = _quote(document, chosen[0])
        if (value := _money(document, chosen[0])) is not None:
            return ScheduleEntry(year, text, first.line, value, raw), problems
        problems.append(Problem(chosen[0].line, "年度投资", f"投资额无法换算为万元：{raw}", raw))
    elif chosen:
        quotes = "、".join(_quote(document, h) for h in chosen)
        reason = f"{year}年目标含多个投资额（{quotes}），未合计"
        problems.append(Problem(chosen[0].line, "年度投资", reason, quotes))
    return ScheduleEntry(year, text, first.line), problems


def year_heads(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, year) of each `2021年目标：` between start and end."""
    if "目标" not in text and "计划" not in text and "任务" not in text:
        return []
    return [(m.start(), m.end(), int(m["year"])) for m in _YEAR_HEAD.finditer(text, start, end)]


def year_entries(
    document: Document, entries: Sequence[tuple[int, list[Segment]]]
) -> list[tuple[int, list[Segment]]]:
    """The year targets with something in them; inline points `1、…。2、…` each their own.

    A lone `2021年目标：` has nothing: the numbered lines after it are their own entries.
    """
    out: list[tuple[int, list[Segment]]] = []
    for year, segments in entries:
        if not segments:
            continue
        first, rest = segments[0], segments[1:]
        text = document.line(first.line).text
        head = _YEAR_HEAD.match(text, first.start, first.end)
        body = head.end() if head else first.start
        if not rest and _YEAR_ONLY.fullmatch(text, body, first.end):
            continue
        points = _sub_points(text, body, first.end)
        if len(points) < 2:
            out.append((year, segments))
            continue
        pieces = [[Segment(first.line, a, b)] for a, b in itertools.pairwise([*points, first.end])]
        pieces[-1] += rest
        out += [(year, piece) for piece in pieces]
    return out


def _sub_points(text: str, start: int, end: int) -> list[int]:
    """Where `1、…。2、…` points start, when the text from `start` begins with `1、`."""
    body = text[start:end]
    first = _SUB_POINT.match(body)
    if first is None or not body[first.start() : first.end()].strip().startswith("1"):
        return []
    return [start + m.start() + (len(m[0]) - len(m[0].lstrip())) for m in _SUB_POINT.finditer(body)]


# --- helpers --------------------------------------------------------------------------------
def _hits(
    document: Document,
    segs: Sequence[Segment],
    word: re.Pattern[str],
    unit: re.Pattern[str],
    hints: tuple[str, ...],
) -> list[_Hit]:
    hits: list[_Hit] = []
    for seg in segs:
        text = document.line(seg.line).text
        if not _has(text, seg, hints):
            continue
        for m in word.finditer(text, seg.start, seg.end):
            hit = _hit_after(text, seg, m, unit)
            if hit is not None:
                hits.append(hit)
    return hits


def _hit_after(text: str, seg: Segment, m: re.Match[str], unit: re.Pattern[str]) -> _Hit | None:
    gap = _GAP.match(text, m.end(), seg.end)
    pos = gap.end() if gap else m.end()
    number = _NUMBER.match(text, pos, seg.end)
    if number is None:
        return None
    kind, start = _kind(text, seg.start, m)
    if number["ph"]:
        after = _MULT.match(text, number.end(), seg.end)
        end = after.end() if after else number.end()
        found = unit.match(text, end, seg.end)
        if found is None and "*" not in number["ph"]:
            return None
        return _Hit(kind, seg.line, start, found.end() if found else end, "placeholder", pos)
    end = number.end()
    if not number["cn"]:
        mult = _MULT.match(text, end, seg.end)
        end = mult.end() if mult else end
    found = unit.match(text, end, seg.end)
    if found is not None:
        about = _ABOUT_AFTER.match(text, found.end(), seg.end)
        return _Hit(kind, seg.line, start, about.end() if about else found.end(), "ok", pos)
    end = len(text[:end].rstrip())
    rest = text[end:].lstrip()[:1]
    if number["cn"] or (rest and rest not in _DELIMS + ")、"):
        return None  # a Chinese word (投资一批) or another unit (投资5个项目): not an amount
    return _Hit(kind, seg.line, start, end, "no_unit", pos)


def _kind(text: str, floor: int, m: re.Match[str]) -> tuple[_Kind, int]:
    """What the amount after word `m` is, and where its quote starts (a 拟/约/5年 or 一期 before it)."""
    start = m.start()
    land = m["word"] in ("占地", "用地")
    prefix = (_LAND_PREFIX if land else _INVEST_PREFIX).search(text, max(floor, start - 6), start)
    start = prefix.start() if prefix else start
    clause = max(text.rfind(d, floor, start) for d in ",。;")
    lead = text[max(clause + 1, floor) : start]
    if "其中" in lead:
        return _Kind.PART, start
    if "完成" in lead:
        return _Kind.PROGRESS, start
    if phase := _PHASE.search(lead):
        return _Kind.PHASE, start - len(lead) + phase.start()
    strong = land or re.fullmatch(_INVEST_STRONG, m["word"])
    return (_Kind.STRONG if strong else _Kind.WEAK), start


def _quote(document: Document, hit: _Hit) -> str:
    return document.line(hit.line).raw[hit.start : hit.end]


def _amount(document: Document, hit: _Hit) -> Amount | None:
    raw = document.line(hit.line).raw[hit.amount_start : hit.end]
    try:
        return parse_amount(raw)
    except NumberError:
        return None


def _money(document: Document, hit: _Hit) -> Decimal | None:
    amount = _amount(document, hit)
    return to_wan_yuan(amount) if amount is not None else None


def _qualifier(raw: str) -> str | None:
    if re.search(r"约|左右|上下|(?<![附就最])近", raw):
        return "approx"
    return "plan" if re.search(r"拟|计划|预计", raw) else None


def _unreadable(document: Document, hit: _Hit, field_name: str) -> Problem:
    raw = _quote(document, hit)
    what = "投资额" if field_name != "用地" else "用地面积"
    reason = f"{what}无法识别：{raw}" if hit.status == "placeholder" else f"{what}缺少单位：{raw}"
    return Problem(hit.line, field_name, reason, raw)
