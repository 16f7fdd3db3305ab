"""What a quantity measures: the subject, the verbs around it, and the kind of target they make.

The rule for the subject (documented in one place because tests and planners rely on it):

1. The clause before the number runs from the last clause break (，；：。, or 、 only right after
   another quantity) or from the end of the previous quantity of the sentence.
2. Verbs and adverbs are peeled off its end (达到, 年均增速, 控制在, 力争…), then time phrases,
   adverbs and action verbs off its start (到2025年, “十四五”期间, 力争, 其中, 累计新增, 引进培育…;
   a building verb only where no verb stands before the number: 新建高速公路45公里 → 高速公路).
   What is left is the subject, as written: 全区 and 我区 stay (全区高速公路里程).
3. A count followed by a noun counts that noun (培育5-7家具有竞争力的龙头企业): the subject is the
   object phrase, cut after its last 的 (龙头企业) and trimmed of trailing verbs (入驻, 建设).
4. A clause with no subject left (年均增速维持在7.5%左右, 2020年可达382亿元) takes the subject of the
   previous quantity in the sentence; `分别` hands out the sentence's last subjects in order.

The peeled words decide the kind: a rate word (年均增长, 增速, 涨幅) makes a growth target; 累计
or 新增 a cumulative one; a change word (下降, 提高) before a share or a number of points a
cumulative change (an undated 增长6%, as a work report writes it, stays a growth rate); the
qualifier around the number (超过, 以上, 控制在…以内, 左右) a floor, a ceiling or an approximate
level. A growth or cumulative target keeps its qualifier beside its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.document.vocabulary import CEILING_VERBS, FLOOR_VERBS
from planwatch.model import TargetKind
from planwatch.parse.quantity import Quantity
from planwatch.parse.target_text import word_set

_GROWTH = word_set(
    "年均增长 年均增速 年均增幅 年均提高 年均下降 年均递增 年均 增速 增幅 涨幅 增长率 增长速度"
)
_RISE = word_set(
    "上涨 增长 增加 提高 提升 上升 年均增长 年均提高 年均递增 增加到 增至 提高到 提高至 提升到 提升至"
)
_FALL = word_set(
    "下降 降低 减少 压减 精简 缩减 削减 年均下降 降低到 降低至 降到 降至 下降到 下降至 减少到 减少至 减至"
)
_CHANGE = word_set("上涨 增长 增加 提高 提升 上升 下降 降低 减少 压减 精简 缩减 削减")
_CUMULATIVE = word_set("累计 新增 五年累计 累计新增 共计 总计")
_FLOOR_VERBS = frozenset(FLOOR_VERBS)
_CEILING_VERBS = frozenset(CEILING_VERBS)
# Verbs that take the counted thing as object: 培育N家X, 引进N个X.
OBJECT_VERBS = word_set(
    "培育 引进 引入 建成 建设 新建 打造 创建 形成 申报 组建 培养 开工 设立 涌现 招引 扶持 认定 争创 "
    "实施 建立 推进 完成 新增 累计 吸引 落地 签约 开通 改造 规划建设 新开工 改扩建 新改扩建 完工 竣工"
)
# Verbs that make a counted action (新开工改造城镇老旧小区5.3万个): the count is of things done this
# period, not a stock (全区高新技术企业180家).
_ACTION_VERBS = word_set("新开工 开工 改造 改扩建 新改扩建 新建 完工 竣工")
_ADVERBS = word_set("力争 争取 确保 基本 进一步 分别 均 可 将 再 全部 逐步 稳步 预计 合计 共 每年")
_LEVEL_VERBS = word_set(
    "达到 可达 可完成 达 为 至 在 控制在 控制到 保持在 稳定在 维持在 实现 达成 保持 稳定 维持 安排 拟安排"
    " 严守 守住 坚守 守牢"
)
# Words that may stand between the subject and the number, peeled off the end of the clause.
_SUFFIX = sorted(
    _GROWTH
    | _RISE
    | _FALL
    | _CUMULATIVE
    | _FLOOR_VERBS
    | _CEILING_VERBS
    | OBJECT_VERBS
    | _ADVERBS
    | _LEVEL_VERBS,
    key=len,
    reverse=True,
)
_SUFFIX_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(w for w in _SUFFIX if w[-1] == last) for last in {w[-1] for w in _SUFFIX}
}
# Words that carry the commitment (or the statement) themselves; adverbs alone do not.
_VERBS = frozenset(_SUFFIX) - _ADVERBS
_LEAD_GATE = (
    OBJECT_VERBS | _CUMULATIVE | frozenset({"实现", "保持", "完成", "安排", "拟安排", "严守", "守住", "坚守"})
)
# A comparison base at the end of a subject (…人数较“十二五”, …比2020年) is no part of it.
_COMPARED = re.compile(
    r"(?:比|较|相比)\s*(?:“?十[一二三四五]五”?(?:末|期末|时期)?|(?:19|20)\d\d\s*年(?:末|底)?|上年|去年)$"
    r"|(?:从|由)\s*(?:不到|超过|约)?\s*[0-9][0-9.,]*\s*[^\s,，0-9]{0,4}$"  # the base of 从10.23年提高到10.8年
)
# Time phrases, adverbs and the verbs that open a clause. Each alternative is guarded against the
# word it begins (在线, 共享, 到访) so that a subject is never cut inside a word.
_LEAD_WORDS = (
    r"\s+|[、,，和及与并而但●•▪◆■◇○]|其中|同时|此外|另外|力争|争取|确保|预计|力求|努力|进一步|全面|基本|积极|大力|加快"
    r"|(?:到|至)(?=\s*[0-9“十二])|在(?!线)|将(?!军)|共(?![享建同治有])|再|已(?!有)"
    r"|“?十[二三四五]五”?(?:时期|期间|末期|末)?|今后五年|五年来|以来|全年|年内|今年|明年|当年|每年"
    r"|(?:19|20)\d\d\s*(?:[-~至到—–]\s*(?:19|20)\d\d\s*)?(?:年(?:底|末|年末|度)?)?(?![0-9])"
    r"|累计|新增|实现|保持|完成(?!投资)|推进|拟?安排|严守|守住|坚守"
)
_LEAD = re.compile(f"(?:{_LEAD_WORDS})")
# A clause counting things may open with the verb that makes them: 引进培育…企业3家以上. A measure
# may not: 建设用地规模, 新建住宅停车位 are names.
_LEAD_COUNT = re.compile(
    f"(?:{_LEAD_WORDS}|(?:" + "|".join(sorted(OBJECT_VERBS, key=len, reverse=True)) + r")(?![区县市镇乡]))"
)
_BUILD = r"(?:新建|新增|建成|建设|改造|改建|完成(?!投资)|实施)"
_OPENING_VERB = re.compile(rf"{_BUILD}(?:[和及、]?(?:新建|改建|改造|建设|提升))*(?![区县市镇乡])")
# Where the predicate of a counted thing begins: 22个贫困村提前实现全部“摘帽” counts 贫困村.
_OBJECT_STOP = re.compile(
    r"提前|即将|启动|实现|完成|建成|投入|通过|获得|成为|全部|已|顺利|成功|被|入选|入驻|落户|投产|上市"
)
_OBJECT_TAIL = re.compile(r"(?:入驻|落户|入选|投产|上市|建设|提升改造|改造|等|和|及|与|、|\s)+$")
_NOT_OBJECT = ("以", "达", "为", "在", "实现", "的", "左右", "和", "及")
_RATE_NOUN = re.compile(r"(?:率|比重|比例|占比|覆盖率)$")
_TRIM = " \t,，、:：“”"  # stray punctuation at the ends of a subject; quotes that open a name are kept


@dataclass(frozen=True, slots=True)
class Clause:
    """The words before a quantity: subject span (may be empty) and the verbs peeled off."""

    start: int  # where the clause begins in the line
    subject_start: int
    subject_end: int
    suffix: tuple[str, ...]  # peeled off the end, nearest the number first
    lead: tuple[str, ...]  # peeled off the start

    @property
    def words(self) -> tuple[str, ...]:
        return self.suffix + self.lead

    @property
    def has_verb(self) -> bool:
        return any(w in _VERBS for w in self.suffix) or any(
            w in _LEAD_GATE or _OPENING_VERB.fullmatch(w) for w in self.lead
        )

    @property
    def has_object_verb(self) -> bool:
        return any(w in OBJECT_VERBS for w in self.words)

    @property
    def empty(self) -> bool:
        return self.subject_end <= self.subject_start


def read_clause(text: str, start: int, end: int, *, count: bool = False, share: bool = False) -> Clause:
    """Peel verbs off the end and time phrases and action words off the start of `text[start:end]`.

    `count`: the quantity counts things, so the verb that makes them opens the clause (引进培育…企业).
    A measure's clause may open with its verb too (新建高速公路45公里) when no verb stands before
    the number; a share's may not (新建住宅停车位100%配建: 新建 names the parking spaces).
    """
    suffix: list[str] = []
    while True:
        while end > start and text[end - 1] in " \t":
            end -= 1
        candidates = _SUFFIX_BY_LAST.get(text[end - 1], ()) if end > start else ()
        word = next(
            (w for w in candidates if end - len(w) >= start and text.startswith(w, end - len(w))), None
        )
        if word is None:
            compared = _COMPARED.search(text, start, end)
            if compared is None:
                break
            end = compared.start()  # the base stays in the quote, not in the subject
            continue
        suffix.append(word)
        end -= len(word)
    lead: list[str] = []
    pos = start
    lead_re = _LEAD_COUNT if count else _LEAD
    while pos < end and (m := lead_re.match(text, pos, end)) and m.end() > pos:
        if word := m.group().strip():
            lead.append(word)
        pos = m.end()
    if not count and not share and not suffix and (m := _OPENING_VERB.match(text, pos, end)):
        lead.append(m.group())
        pos = m.end()
    while pos < end and text[pos] in _TRIM and text[pos] != "“":
        pos += 1
    while end > pos and text[end - 1] in _TRIM and text[end - 1] != "”":
        end -= 1
    return Clause(start, pos, max(pos, end), tuple(suffix), tuple(lead))


def object_after(text: str, q: Quantity, limit: int) -> tuple[int, int] | None:
    """The noun a count counts (培育10家企业 → 企业), cut after its last 的; None when nothing follows."""
    end = q.end
    while end < limit and text[end] not in ",;:。!?":
        end += 1
    start = q.end
    phrase = text[start:end]
    if stop := _OBJECT_STOP.search(phrase):
        phrase = phrase[: stop.start()]
    trimmed = _OBJECT_TAIL.sub("", phrase.rstrip())
    cut = trimmed.rfind("的")
    if cut >= 0 and cut + 1 < len(trimmed):
        start += cut + 1
        trimmed = trimmed[cut + 1 :]
    trimmed_end = start + len(trimmed)
    while start < trimmed_end and text[start] in " \t":
        start += 1
    if trimmed_end - start < 2 or text.startswith(_NOT_OBJECT, start):
        return None
    return start, trimmed_end


def is_rate_clause(text: str, clause: Clause, q: Quantity) -> bool:
    """达标率100%: a rate named right before its value needs no verb."""
    return (
        q.is_share
        and not clause.suffix
        and bool(_RATE_NOUN.search(text, clause.subject_start, clause.subject_end))
    )


def is_growth_clause(clause: Clause) -> bool:
    """The clause states a rate of growth (年均增长, 增速)."""
    return any(w in _GROWTH for w in clause.words)


def kind_of(q: Quantity, words: tuple[str, ...], dated: bool) -> tuple[TargetKind, str | None]:
    """Kind and qualifier from the quantity and the peeled words.

    `dated`: the statement names its year, so a bare change (下降30%) is over the period, not a rate.
    """
    qualifier = q.qualifier
    if qualifier is None and any(w in _FLOOR_VERBS for w in words):
        qualifier = "floor"
    if qualifier is None and any(w in _CEILING_VERBS for w in words):
        qualifier = "ceiling"
    if q.low is not None:
        return TargetKind.RANGE, qualifier
    if q.doubling:
        return TargetKind.DOUBLE, qualifier
    if "再" in words and any(w in _CHANGE for w in words):
        return TargetKind.INCREMENT, qualifier  # 再提高1岁: on top of today's level
    if any(w in _GROWTH for w in words):
        return TargetKind.GROWTH, qualifier
    change = next((w for w in words if w in _CHANGE), None)
    if change is not None and (q.unit == "个百分点" or q.is_share):
        # 增长6%: a growth rate; 下降30%, 提高5个百分点: a change over the period (annual growth needs 年均).
        if change in ("增长", "上涨") and q.is_share and not dated:
            return TargetKind.GROWTH, qualifier
        return TargetKind.CUMULATIVE, qualifier
    if any(w in _CUMULATIVE for w in words):
        return TargetKind.CUMULATIVE, qualifier
    if q.is_count and qualifier is None and any(_is_action(w) for w in words):
        return TargetKind.COUNT, qualifier
    if qualifier in ("floor", "ceiling", "approx"):
        return TargetKind(qualifier), qualifier
    return TargetKind.LEVEL, qualifier


def _is_action(word: str) -> bool:
    """新开工, 改造, 新建 (alone or leading a run, 新建和改建) make a counted action; 建成 states a stock."""
    return word in _ACTION_VERBS or any(word.startswith(verb) for verb in ("新建", "新开工", "改造"))


def direction_of(words: tuple[str, ...]) -> str | None:
    if any(w in _FALL for w in words):
        return "下降"
    if any(w in _RISE for w in words):
        return "上升"
    return None
