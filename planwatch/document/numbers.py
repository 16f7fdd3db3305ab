"""Numbers in plan text: Chinese and Arabic numerals, amounts with units, ranges.

Values are `Decimal`, never float: a plan's 257.94 must read back as 257.94. We parse
numerals ourselves because the libraries misread plans: cn2an truncates 3.14159万 to 31415
and fails on 1.5万亿; chinese2digits reads the period name 十四五 as 55.

The scanners work on a length-preserving normalised copy of the text (full-width → half-width,
二〇三五年 → 2035年), so every offset they return indexes the caller's raw text:
`text[a.start:a.end] == a.raw`.

Decisions:
- A capacity written as a product, 2X100MW or 2×100MW, is one amount of 200 MW whose raw text
  is the whole product; reading only 100MW would invent a plant.
- 百分之十 parses as 10 and 千分之五 as 5, the number of percent (permille), as 8.5% reads 8.5;
  as amounts they carry the unit % (‰).
- Durations (年, 个月, 天…) are units without a dimension: parse_amount reads 18个月, but
  find_amounts never reports them, so 2025年 is never an amount.
- A rate (3000元/平方米, 2000万只/月) is not an amount of its numerator: not reported.
- Chinese numerals in prose are mostly slogans: a lone 一 or 零 (一批, 零件), an ordinal (第一个)
  and a quoted count (“四个全面”) are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Context, Decimal

from planwatch.document.text import normalise, to_halfwidth
from planwatch.document.vocabulary import (
    APPROX_AFTER,
    APPROX_BEFORE,
    CEILING_AFTER,
    CEILING_BEFORE,
    COUNT_UNITS,
    FLOOR_AFTER,
    FLOOR_BEFORE,
    INCLUSIVE,
    PLAN_BEFORE,
    alternation,
)


class NumberError(ValueError):
    """The text is not a number, amount, range or year of the kind asked for."""


@dataclass(frozen=True, slots=True)
class Amount:
    """A number with its unit as written, and its value in the base unit of its dimension."""

    raw: str
    value: Decimal
    unit: str | None
    base_value: Decimal | None
    base_unit: str | None
    qualifier: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NumberRange:
    """5-7家, 10-15万吨: low and high are in `unit`; a multiplier written once applies to both."""

    low: Decimal
    high: Decimal
    raw: str
    unit: str | None
    start: int
    end: int


# --- units -------------------------------------------------------------------------------
# Base unit of a dimension → its units, each `spelling|alias…=factor to the base` (factor 1 when
# omitted); the first spelling is the canonical one. Durations have no base: parse_amount reads
# them, find_amounts never reports them. Longer spellings keep 18个月 from reading as 18个.
_DIMENSIONS: dict[str | None, str] = {
    "万元": "元=0.0001 千元=0.1 万元 亿元=10000 万亿元=100000000",
    "万美元": "美元=0.0001 万美元 亿美元=10000",  # dollars are not converted at any rate
    # 1亩 = 10000/15 m² exactly, so 1 m² = 0.0015亩 and 1公顷 = 15亩
    "亩": "亩 万亩=10000 亿亩=100000000 平方米|㎡|m2|m²|平米=0.0015 万平方米|万㎡|万m2|万m²|万平米=15"
    " 公顷=15 千公顷=15000 万公顷=150000 平方公里|平方千米|km2|km²=1500",
    "公里": "公里|千米|km 米=0.001 万公里=10000",
    "万千瓦": "千瓦|kW|KW=0.0001 万千瓦|万kW|万KW 亿千瓦=10000 MW|兆瓦=0.1 GW|吉瓦=100",  # 1 MW = 1000 kW
    "万千瓦时": "千瓦时|kWh=0.0001 万千瓦时 亿千瓦时=10000 MWh=0.1",
    "吨": "吨 万吨=10000 亿吨=100000000 千克|公斤|kg=0.001",
    "吨标煤": "吨标煤|吨标准煤 万吨标煤|万吨标准煤=10000",
    "吨标煤/万元": "吨标煤/万元|吨标准煤/万元",
    "立方米": "立方米|m3|m³ 万立方米|万方=10000 亿立方米=100000000",
    "斤": "斤 万斤=10000 亿斤=100000000 万亿斤=1000000000000",
    "%": "%",
    "‰": "‰",
    "个百分点": "个百分点|百分点",
    None: "年 月 个月 日 天 周 小时 个小时 分钟 工作日 个工作日 季度 个季度 岁 周岁",
}
# Counts (vocabulary.COUNT_UNITS): each word is its own dimension, its 万 form ×10000.
_DIMENSIONS |= {c: f"{c} 万{c}=10000" for c in COUNT_UNITS}


@dataclass(frozen=True, slots=True)
class _Unit:
    canonical: str
    base: str | None
    factor: Decimal


def _unit_table() -> dict[str, _Unit]:
    table: dict[str, _Unit] = {}
    for base, entries in _DIMENSIONS.items():
        for entry in entries.split():
            names, _, factor = entry.partition("=")
            spellings = names.split("|")
            unit = _Unit(spellings[0], base, Decimal(factor or "1"))
            table |= dict.fromkeys(spellings, unit)
    return table


_UNITS = _unit_table()
_WORDS = ("人才", "人民", "人口", "家庭", "条件", "处理", "台阶", "所有")  # words that begin like a unit
# Longest spelling first, so 个百分点 beats 个 and 平方公里 beats 公里.
_UNIT_RE = re.compile(
    r"[ \t]*(?P<more>[余多])?[ \t]*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + ")"
)

# --- numerals ----------------------------------------------------------------------------
_CTX = Context(prec=28)  # the default precision, whatever context the caller's thread has set
_MAX_CHARS = 40  # longer than any number a plan writes; bounds the work on hostile input
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {**_SMALL_UNITS, "万": 10**4, "亿": 10**8}
_YEAR_DIGITS = {c: str(v) for c, v in _DIGITS.items() if c != "两"} | {"O": "0", "o": "0"}
_YEAR_DIGITS |= {str(d): str(d) for d in range(10)}

_MULT = "(?:[十百千]万?亿?|万亿?|亿)"  # 万, 千万, 万亿… written after a number
_AR = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_CN_DIGIT = "[零〇一二三四五六七八九]"
_CN = f"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点{_CN_DIGIT}+{_MULT}?)?"
_ARABIC_FULL = re.compile(
    rf"(?P<digits>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?P<frac>\.[0-9]+)?[ \t]*(?P<mult>{_MULT})?"
)
_CN_DECIMAL_FULL = re.compile(
    rf"(?P<int>[零〇一二两三四五六七八九十百千万亿]+)点(?P<frac>{_CN_DIGIT}+)(?P<mult>{_MULT})?"
)
_CN_MULT_END = re.compile("(?:万亿?|亿)$")
# One number as it appears in prose. No match starts inside a word or a number (G20, PM2.5),
# and a minus sign right after a digit is a range dash, not a sign.
_TOKEN = re.compile(
    rf"(?P<pct>百分之|千分之)(?P<pnum>{_AR}|{_CN})"
    r"|(?<![A-Za-z0-9.])(?P<prod>[0-9]+(?:\.[0-9]+)?[ \t]*[xX×*][ \t]*[0-9]+(?:\.[0-9]+)?)"
    rf"|(?<![A-Za-z0-9.])(?P<neg>-)?(?P<num>(?P<ar>{_AR})(?:[ \t]*{_MULT})?|(?P<cn>{_CN}))"
)
_SEP_RE = re.compile(r"[ \t]*(?:-|~|〜|–|—|至|到)[ \t]*")
_LOOSE_RANGE = re.compile(r"(?<![A-Za-z0-9.])[0-9][0-9.]*[ \t]*[-~〜–—][ \t]*[0-9]")

# --- qualifiers --------------------------------------------------------------------------
# Alternatives are tried at each start position left to right, so 不超过 wins over 超过.
_BEFORE_ALTS = (
    f"(?:(?P<ceiling>{alternation(CEILING_BEFORE)})"
    f"|(?P<floor>{alternation(FLOOR_BEFORE)})"
    f"|(?P<approx>{alternation(APPROX_BEFORE)}|(?<![附就最])近)"
    f"|(?P<plan>{alternation(PLAN_BEFORE)}))"
    "(?:总?投资额?|新增|建设|新建|完成|为|达到|达)?"  # 拟投资5亿元, 约投资50亿元
)
_BEFORE_RE = re.compile(rf"{_BEFORE_ALTS}[ \t]*\Z")
_LEAD_RE = re.compile(rf"{_BEFORE_ALTS}[ \t]*")
AFTER_QUALIFIER = re.compile(
    rf"[ \t]*(?:{alternation(INCLUSIVE)})?[ \t]*(?:(?P<approx>{alternation(APPROX_AFTER)})"
    rf"|(?P<floor>{alternation(FLOOR_AFTER)})|(?P<ceiling>{alternation(CEILING_AFTER)}))"
)
_BEFORE_WINDOW = 8  # the longest qualifier with its verb, 计划总投资额达到, is 8 characters


def _prepare(text: str, fold: Callable[[str], str] = normalise) -> str:
    """fold(text), keeping the Chinese comma: 382亿元，2020年 is no thousands separator."""
    folded = fold(text)
    if "，" not in text:
        return folded
    return "".join("，" if raw == "，" else c for raw, c in zip(text, folded, strict=False))


def _tidy(value: Decimal) -> Decimal:
    """15000.0 → 15000, 31415.90000 → 31415.9: a computed value shows as a person writes it."""
    if value == value.to_integral_value():
        return value.to_integral_value()
    return value.normalize(_CTX)


def _factor(mult: str) -> Decimal:
    factor = 1
    for ch in mult:
        factor *= _MULTIPLIERS[ch]
    return Decimal(factor)


def _scale(value: Decimal, mult: str | None) -> Decimal:
    return _tidy(_CTX.multiply(value, _factor(mult))) if mult else value


def _section(s: str) -> int:
    """A group below 万: 三千零五, 十二, 二百五 (= 250, the colloquial short form)."""
    if not s:
        raise NumberError("空的数字")
    total, digit, last_unit, after_zero = 0, None, 10_000, False
    for ch in s:
        if ch in _DIGITS:
            if digit is not None:
                raise NumberError(f"数字相连：{s}")  # the 四五 of 十四五 is a period name, not 145
            if ch in "零〇":
                after_zero = True
            else:
                digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit or (digit is None and (unit != 10 or total)):
                raise NumberError(f"数位错乱：{s}")
            total += (1 if digit is None else digit) * unit  # 十二 means 一十二
            last_unit, digit, after_zero = unit, None, False
        else:
            raise NumberError(f"不是中文数字：{s}")
    if digit is not None:
        # A bare last digit counts in the place below the last unit (二百五 = 250) unless 零 precedes it.
        short = not after_zero and last_unit not in (10, 10_000)
        total += digit * last_unit // 10 if short else digit
    return total


def _cn_int(s: str) -> int:
    """A Chinese integer with 万 and 亿 groups: 三千二百万, 一亿零五百万, 一万亿."""
    if "亿" in s:
        head, tail = s.rsplit("亿", 1)
        return _cn_int(head) * 10**8 + _tail(tail, 10**8)
    if "万" in s:
        head, tail = s.rsplit("万", 1)
        return _section(head) * 10**4 + _tail(tail, 10**4)
    return _section(s)


def _tail(tail: str, group: int) -> int:
    """What follows 万 or 亿: 一万五 is 15000 (short form), 一万零五 is 10005."""
    if not tail:
        return 0
    if len(tail) == 1 and tail in _DIGITS and tail not in "零〇":
        return _DIGITS[tail] * group // 10
    value = _cn_int(tail)
    if value >= group:
        raise NumberError(f"数位错乱：{tail}")
    return value


def _unsigned(text: str) -> Decimal:
    s = text.strip()
    if not s or len(s) > _MAX_CHARS:
        raise NumberError(f"不是数字：{text!r}")
    if s.startswith(("百分之", "千分之")):
        return _unsigned(s[3:])  # the number of percent (permille), as 8.5 in 8.5%
    if "分之" in s:
        denominator, numerator = (_unsigned(part) for part in s.split("分之", 1))
        if denominator == 0:
            raise NumberError(f"分母为零：{text!r}")
        return _CTX.divide(numerator, denominator)
    if m := _ARABIC_FULL.fullmatch(s):
        return _scale(Decimal(m["digits"].replace(",", "") + (m["frac"] or "")), m["mult"])
    if m := _CN_DECIMAL_FULL.fullmatch(s):
        fraction = "".join(str(_DIGITS[c]) for c in m["frac"])
        return _scale(Decimal(f"{_cn_int(m['int'])}.{fraction}"), m["mult"])
    return Decimal(_cn_int(s))


def parse_decimal(text: str) -> Decimal:
    """One number, Arabic or Chinese, with an optional sign and multiplier: 1.5万 = 15000."""
    s = _prepare(text, to_halfwidth).strip()
    negative = s[:1] in ("-", "负")
    if s[:1] in ("-", "+", "负"):
        s = s[1:]
    value = _unsigned(s)
    return _CTX.minus(value) if negative else value


def parse_year(text: str) -> int:
    """2035, 二〇三五, 二0三五, 二O三五, 二零三五, each with or without 年 → 2035."""
    s = to_halfwidth(text).strip().removesuffix("年").rstrip()
    if len(s) != 4 or any(c not in _YEAR_DIGITS for c in s):
        raise NumberError(f"不是年份：{text!r}")
    year = int("".join(_YEAR_DIGITS[c] for c in s))
    if not 1900 <= year <= 2199:
        raise NumberError(f"不是规划年份：{text!r}")
    return year


# --- reading a number and its unit in prose ----------------------------------------------
@dataclass(frozen=True, slots=True)
class _Reading:
    start: int  # the number's first character (its sign or 百分之 included)
    number_end: int  # end of the part valued; a multiplier after it belongs to the unit (万 in 万吨)
    token_end: int  # end of the numeral as written, multipliers included
    end: int  # end of the unit, or token_end without one
    value: Decimal
    spelling: str | None
    more: bool  # 余/多 before the unit: "more than"
    mult: str  # multiplier characters written after the numeral, for ranges (万 in 15万)


def _unit_at(norm: str, pos: int) -> re.Match[str] | None:
    """The unit written at `pos`, after spaces and an optional 余/多."""
    m = _UNIT_RE.match(norm, pos)
    if m is None:
        return None
    after = norm[m.end() : m.end() + 1]
    if after.isascii() and after.isalpha() and m["unit"][-1].isascii():
        return None  # 5MWp: an ASCII word we do not know, not 5 MW
    if after == "/" or norm.startswith(_WORDS, m.start("unit")) or norm.startswith(_WORDS, m.end("unit") - 1):
        # A rate (3000元/平方米) is not an amount of its numerator; 工业4.0人才 has no 人, 每一万人口 no 万人.
        return None
    return m


def _split_points(norm: str, m: re.Match[str]) -> list[int]:
    """Where the valued number may end, so that a unit may absorb the multipliers after it.

    The earliest point comes first: 1.5万亿元 is 1.5 万亿元, 10万平方米 is 10 万平方米. A Chinese
    numeral splits only before 万/亿: splitting 三千二百万 before 百 would read 三千二 (= 3200) 百万.
    """
    end = m.end("num")
    if m["ar"] is not None:
        core_end = m.end("ar")
        return [core_end] + [q for q in range(core_end + 1, end + 1) if norm[q - 1] in _MULTIPLIERS]
    start = m.start("cn")
    return [q for q in range(start + 1, end) if _CN_MULT_END.fullmatch(norm, q, end)] + [end]


def _read(norm: str, m: re.Match[str]) -> _Reading:
    if m["pct"]:
        pct = "%" if m["pct"] == "百分之" else "‰"
        return _Reading(m.start(), m.end(), m.end(), m.end(), _unsigned(m["pnum"]), pct, False, "")
    if m["prod"]:
        left, right = re.split("[xX×*]", m["prod"])
        value = _CTX.multiply(_unsigned(left), _unsigned(right))
        unit = _unit_at(norm, m.end())
        end = unit.end() if unit else m.end()
        spelling: str | None = unit["unit"] if unit else None
        return _Reading(m.start(), m.end(), m.end(), end, value, spelling, bool(unit and unit["more"]), "")
    start, end = m.span("num")
    if m["ar"] is not None:
        mult = norm[m.end("ar") : end].strip()
    else:
        tail = _CN_MULT_END.search(m["cn"])
        mult = tail.group() if tail else ""
    for q in _split_points(norm, m):
        unit = _unit_at(norm, q)
        if unit is None:
            continue
        try:
            value = _unsigned(norm[start:q])
        except NumberError:
            continue
        value = _CTX.minus(value) if m["neg"] else value
        return _Reading(m.start(), q, end, unit.end(), value, unit["unit"], unit["more"] is not None, mult)
    value = _unsigned(m["num"])
    return _Reading(m.start(), end, end, end, _CTX.minus(value) if m["neg"] else value, None, False, mult)


def _qualifier(m: re.Match[str] | None) -> str | None:
    return m.lastgroup if m else None  # the named group that matched is the qualifier


def _amount(text: str, norm: str, r: _Reading, before: re.Match[str] | None) -> Amount:
    after = AFTER_QUALIFIER.match(norm, r.end)
    # The word after is the more specific one: 控制在5%左右 is about 5%, not at most 5%.
    qualifier = _qualifier(after) or _qualifier(before) or ("floor" if r.more else None)
    start = before.start() if before else r.start
    end = after.end() if after else r.end
    unit = base = base_value = None
    if r.spelling is not None:
        spec = _UNITS[r.spelling]
        unit, base = spec.canonical, spec.base
        base_value = _tidy(_CTX.multiply(r.value, spec.factor)) if base else None
    return Amount(text[start:end], r.value, unit, base_value, base, qualifier, start, end)


def parse_amount(text: str) -> Amount:
    """The whole text is one amount: 约1.7亿元, 8.5%左右, 8以上, 2X100MW, 三分之一."""
    norm = _prepare(text)
    lo, hi = len(norm) - len(norm.lstrip()), len(norm.rstrip())
    lead = _LEAD_RE.match(norm, lo)
    pos = lead.end() if lead else lo
    m = _TOKEN.match(norm, pos)
    if m is not None:
        try:
            amount = _amount(text, norm, _read(norm, m), lead)
        except NumberError:
            pass
        else:
            if amount.end == hi:
                return amount
    # A number the prose scanner does not take, such as 三分之一 or 负三.
    value = parse_decimal(text[pos:hi])
    return Amount(text[lo:hi], value, None, None, None, _qualifier(lead), lo, hi)


# --- ranges --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    low: Decimal
    high: Decimal
    spelling: str | None


def _range_from(norm: str, m: re.Match[str]) -> _Span | None:
    """A range whose low end is the number `m`: 5-7家, 10-15万吨, 5%-7%, 三至五."""
    if m["num"] is None:
        return None
    try:
        left = _read(norm, m)
        sep = _SEP_RE.match(norm, left.end)
        right_m = _TOKEN.match(norm, sep.end()) if sep else None
        if right_m is None or right_m["num"] is None:
            return None
        right = _read(norm, right_m)
    except NumberError:
        return None
    if left.spelling is not None:
        if right.spelling is None or _UNITS[left.spelling].canonical != _UNITS[right.spelling].canonical:
            return None
        low = left.value
    else:
        # 10-15万吨: the low end shares the 万 written once, and both are counted in 万吨.
        inherited = _factor(right.mult) if not left.mult else Decimal(1)
        absorbed = _factor(norm[right.number_end : right.token_end].strip())
        low = _tidy(_CTX.divide(_CTX.multiply(left.value, inherited), absorbed))
    if not low < right.value:
        return None  # 3-2栋 is a building number, not a range
    return _Span(left.start, right.end, low, right.value, right.spelling)


def _scan_ranges(norm: str) -> list[_Span]:
    spans: list[_Span] = []
    pos = 0
    while (m := _TOKEN.search(norm, pos)) is not None:
        span = _range_from(norm, m)
        if span is None:
            pos = m.end()
        else:
            spans.append(span)
            pos = span.end
    return spans


def _number_range(text: str, s: _Span) -> NumberRange:
    unit = _UNITS[s.spelling].canonical if s.spelling else None
    return NumberRange(s.low, s.high, text[s.start : s.end], unit, s.start, s.end)


def parse_range(text: str) -> NumberRange:
    """The whole text is a range: 5-7, 2～3, 5至7, 三至五, 10-15万 (= 100000 to 150000)."""
    norm = _prepare(text)
    lo, hi = len(norm) - len(norm.lstrip()), len(norm.rstrip())
    m = _TOKEN.match(norm, lo)
    span = _range_from(norm, m) if m else None
    if span is None or span.end != hi:
        raise NumberError(f"不是数值范围：{text!r}")
    return _number_range(text, span)


def _is_amount_unit(spelling: str | None) -> bool:
    return spelling is not None and _UNITS[spelling].base is not None


def find_ranges(text: str) -> list[NumberRange]:
    """Ranges with a unit of some dimension; 2016-2020年 (years) and 专栏3-2 are not ranges."""
    norm = _prepare(text)
    return [
        _number_range(text, s)
        for s in _scan_ranges(norm)
        if _is_amount_unit(s.spelling) and norm[s.start - 1 : s.start] != "第"
    ]


# --- amounts in prose ----------------------------------------------------------------------
def _skipped(norm: str, m: re.Match[str], ranges: list[tuple[int, int]]) -> bool:
    before = norm[m.start() - 1 : m.start()]
    if before == "第" or any(a <= m.start() < b for a, b in ranges):
        return True  # an ordinal, or one end of a range (find_ranges reports the range)
    # 一批, 零件, “四个全面”: a lone 一 or 零 or a quoted count is a word or a slogan
    return m["cn"] is not None and (m["cn"] in ("一", "零", "〇") or before in ("“", "「", "‘", '"'))


def find_amounts(text: str) -> list[Amount]:
    """Every number followed by a unit of some dimension, with the qualifier around it."""
    norm = _prepare(text)
    ranges = [(s.start, s.end) for s in _scan_ranges(norm)]
    ranges += [m.span() for m in _LOOSE_RANGE.finditer(norm)]
    found: list[Amount] = []
    for m in _TOKEN.finditer(norm):
        last_end = found[-1].end if found else 0
        if m.start() < last_end or _skipped(norm, m, ranges):
            continue
        try:
            r = _read(norm, m)
        except NumberError:
            continue  # 十四五, 二〇二〇 without 年, 四五个
        if not _is_amount_unit(r.spelling):
            continue
        before = _BEFORE_RE.search(norm, max(last_end, r.start - _BEFORE_WINDOW), r.start)
        found.append(_amount(text, norm, r, before))
    return found


def is_unit(spelling: str) -> bool:
    """A unit this module knows (亿元, ㎡, 万千瓦…), written exactly so."""
    return spelling in _UNITS


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """`value` in `from_unit` expressed in `to_unit`, exactly (12345 万元 → 1.2345 亿元).

    None when the units are of different dimensions or unknown: 万美元 is not 亿元, 年 is not 月.
    """
    if from_unit == to_unit:
        return value
    a, b = _UNITS.get(from_unit), _UNITS.get(to_unit)
    if a is None or b is None or a.base is None or a.base != b.base:
        return None
    if a.factor == b.factor:
        return value  # two spellings of one unit: 平方米, ㎡
    converted = _CTX.divide(_CTX.multiply(value, a.factor), b.factor)
    if converted == converted.to_integral_value():
        return converted.quantize(Decimal(1))
    return converted.normalize(_CTX)


def to_wan_yuan(amount: Amount) -> Decimal | None:
    """Money in 万元 (元 ÷ 10000, 亿元 × 10000, 万亿元 × 10⁸); None for anything else, dollars included."""
    return amount.base_value if amount.base_unit == "万元" else None
