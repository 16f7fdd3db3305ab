"""Quantified targets of the prose, and the previous period's results (facts) kept apart.

A statement comes out when a quantity (an amount or range with a unit, a share, or a placeholder
where a value belongs) is tied to a subject by commitment language: a verb before it (达到, 突破,
控制在, 年均增长, 培育…), a qualifier (超过, 不少于), a rate named right before its value (达标率100%),
or the company of a statement just made in the same sentence (…3家以上，瞪羚企业5家以上).

Not statements: thresholds inside names (3000吨级航道, 2000人以上行政村, 投资120亿元的项目), slogans
and titles in quotes (“人才10条”), tallies of the items just listed (A、B两个…, A和B等2处…), item
and box numbers, years and durations (numbers.py never reports 30年 or 15分钟). Table grids, project
items (`skip_lines`) and boxes listing projects or works (专栏 titled …项目…, …工程…) are left to their
own parsers. target_subjects says how the subject and kind are read, target_context how a fact is
told from a target. A value that cannot be read (`**%`, `X个`) or has no unit (`控制在2.0左右`) still
comes out with what could be read, and a Problem says what could not.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from planwatch.document.model import Document, Line, Table
from planwatch.document.vocabulary import (
    APPROX_AFTER,
    CEILING_AFTER,
    CEILING_BEFORE,
    FLOOR_AFTER,
    FLOOR_BEFORE,
)
from planwatch.model import Problem, Target
from planwatch.parse.outline import Outline
from planwatch.parse.quantity import Quantity
from planwatch.parse.target_context import Context, Timing, report_year
from planwatch.parse.target_forms import RED_LINE
from planwatch.parse.target_subjects import (
    Clause,
    direction_of,
    is_growth_clause,
    is_rate_clause,
    kind_of,
    object_after,
    read_clause,
)
from planwatch.parse.target_text import (
    clause_breaks,
    find_quantities,
    heading_end,
    inside_quotes,
    list_items,
    may_hold_quantity,
    sentences,
    word_set,
)

_PROJECT_BOX = re.compile(r"项目|工程")
_GATE_LEADS = frozenset(FLOOR_BEFORE + CEILING_BEFORE)
_AFTER_VERB = re.compile(r"\s*(?:配建|全覆盖|覆盖|达标)")
# What may follow a measure without making it a threshold of the noun after it.
_CONTINUE = tuple(word_set("和 及 与 或 、 体量 大关 规模 水平 人民币 以上 以下 以内 内 左右"))
_LIST_AND = re.compile(r"[和及与]")
_AFTER_WORDS = (*APPROX_AFTER, *FLOOR_AFTER, *CEILING_AFTER)
_OWN_ITEMS = re.compile(r"\s*(?:主要)?(?:指标|任务|措施|方面)")


@dataclass(frozen=True, slots=True)
class TargetsResult:
    targets: tuple[Target, ...]
    facts: tuple[Target, ...]
    problems: tuple[Problem, ...]


def extract_targets(
    document: Document,
    outline: Outline,
    tables: tuple[Table, ...],
    period: tuple[int | None, int | None],
    skip_lines: frozenset[int],
) -> TargetsResult:
    """Targets (G001…) and facts (F001…) in document order, with the problems met on the way."""
    skip = set(skip_lines)
    for table in tables:
        skip.update(range(table.first_line, table.last_line + 1))
    year = report_year([line.text for line in document.lines]) if period[0] is None else None
    run = _Run(Context(outline, period[0], period[1], year))
    for line in document.lines:
        if line.number in skip or not may_hold_quantity(line.text) or _in_project_box(outline, line.number):
            continue
        stated, chain = False, 0
        for start, end in sentences(line.text, heading_end(line.text)):
            # A list run on with ；keeps its commitment and its year: 到2025年，…达到261亿元；…达到5.2万元。
            run_on = line.text[start - 1 : start] == ";"
            chain = chain if run_on else start
            if not may_hold_quantity(line.text[start:end]):
                stated = False
                continue
            stated = _Sentence(run, line, start, end, chain, stated=stated and run_on).read()
    return run.result()


def _in_project_box(outline: Outline, line: int) -> bool:
    box = outline.box_of(line)
    return box is not None and _PROJECT_BOX.search(box.title) is not None


@dataclass
class _Run:
    context: Context
    targets: list[Target] = field(default_factory=list)
    facts: list[Target] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def result(self) -> TargetsResult:
        return TargetsResult(tuple(self.targets), tuple(self.facts), tuple(self.problems))


@dataclass
class _Sentence:
    """One sentence read left to right: earlier quantities lend their subject and commitment to later ones."""

    run: _Run
    line: Line
    start: int
    end: int
    chain: int  # where the run of sentences joined by ；began: its year and period words hold here too
    prev_end: int = 0  # the end of the previous quantity or of the thing it counts
    subjects: list[tuple[int, int]] = field(default_factory=list)
    stated: bool = False  # the previous quantity of the sentence was a statement
    shares: dict[int, tuple[int, int]] = field(default_factory=dict)  # 分别: quantity index → subject
    share_words: dict[int, tuple[str, ...]] = field(default_factory=dict)  # 分别: the verbs they share

    def read(self) -> bool:
        """Read the sentence; True when its last quantity made a statement."""
        text = self.line.text
        quantities = find_quantities(self.line.raw, text, self.start, self.end)
        if not quantities:
            return False
        breaks = clause_breaks(text, self.start, self.end, enumeration=False)
        self.prev_end = self.start
        for i, q in enumerate(quantities):
            limit = quantities[i + 1].start if i + 1 < len(quantities) else self.end
            self._quantity(i, q, quantities, breaks, limit)
        return self.stated

    def _quantity(
        self, i: int, q: Quantity, quantities: list[Quantity], breaks: list[int], limit: int
    ) -> None:
        text = self.line.text
        if inside_quotes(text, self.start, q.start):
            return  # a slogan or a title
        red_line = RED_LINE.match(text, q.end)
        if red_line is not None:
            # 严守18亿亩耕地红线: the amount is the line held, a floor; the line is the subject.
            q = dataclasses.replace(q, qualifier=q.qualifier or "floor")
        elif _threshold(q, text, limit):
            return  # part of a name: the clause runs on through it
        if q.unit == "个" and text.startswith("亿", q.end):
            return  # 294个亿: colloquial for 亿元, a comparison, not a statement
        if q.is_count and _OWN_ITEMS.match(text, q.end):
            return  # 20项主要指标, 4项指标: the document counting its own items
        clause_start = max([self.prev_end, *(b + 1 for b in breaks if b < q.start)])
        clause = read_clause(text, clause_start, q.start, count=q.is_count, share=q.is_share)
        tally, listed = _tally(text, clause_start, q)
        obj = object_after(text, q, limit) if q.is_count else None
        if red_line is not None:
            obj = red_line.span("noun")
        self.prev_end = obj[1] if obj else q.end
        if tally:
            self.stated = False
            return
        words = (*clause.words, q.lead) if q.lead else clause.words
        if "分别" in clause.suffix:
            self._share_out(i, quantities, clause, words)
        words = (*words, *self.share_words.get(i, ()))
        timing = self._timing(q)
        # A report of results names what it counted: 303个村（社区）便民服务中心实现全覆盖.
        counted = obj is not None and timing.fact
        gate = (
            q.doubling
            or red_line is not None
            or clause.has_verb
            or q.lead in _GATE_LEADS
            or is_rate_clause(text, clause, q)
            or _AFTER_VERB.match(text, q.end) is not None
            or listed
            or counted
            or self._runs_on(i, clause, obj)
            # A list item of a report: 城镇新增就业110万人以上 — 以上/以内/左右 commits by itself.
            or (not q.lead and text[q.start : q.end].endswith(_AFTER_WORDS) and not clause.empty)
        )
        subject = self._subject(i, clause, obj, listed or counted)
        if gate and subject is None and _rate_without_subject(q, clause, timing):
            # 年均增长6%左右 with nothing before it in its sentence: a target whose subject is not written.
            subject = (clause.subject_start, clause.subject_start)
        if not gate or subject is None:
            self.stated = False
            if q.placeholder:
                self._placeholder_problem(q, None, timing.fact)
            return
        self.stated = True
        if not self.subjects or self.subjects[-1] != subject:
            self.subjects.append(subject)
        self._emit(q, subject, words, timing)

    def _runs_on(self, i: int, clause: Clause, obj: tuple[int, int] | None) -> bool:
        """The run of a list: …3家以上，瞪羚企业5家以上 (a bare 4540户 beside a statement is not one)."""
        named = not clause.empty or obj is not None or i in self.shares
        return self.stated and not clause.has_verb and named

    def _subject(
        self, i: int, clause: Clause, obj: tuple[int, int] | None, listed: bool
    ) -> tuple[int, int] | None:
        if obj is not None and (clause.has_object_verb or clause.empty or listed):
            return obj
        if i in self.shares:
            return self.shares[i]
        if not clause.empty:
            return clause.subject_start, clause.subject_end
        if obj is not None:
            return obj
        return self.subjects[-1] if self.subjects else None

    def _share_out(self, i: int, quantities: list[Quantity], clause: Clause, words: tuple[str, ...]) -> None:
        """分别: the k quantities joined by 和/、 take k subjects, in order.

        The subjects are the k items the clause lists itself (单位GDP能耗和二氧化碳排放分别降低13.5%、18%),
        else the sentence's last k subjects (…收入…，…收入…，年均增长分别为6.6%和7.1%).
        """
        text = self.line.text
        group = [i]
        while group[-1] + 1 < len(quantities):
            a, b = quantities[group[-1]].end, quantities[group[-1] + 1].start
            if text[a:b].strip(" \t和、及与") != "":
                break
            group.append(group[-1] + 1)
        self.share_words.update(dict.fromkeys(group[1:], words))
        if len(group) < 2:
            return
        items = list_items(text, clause.subject_start, clause.subject_end)
        if len(items) == len(group):
            self.shares.update(zip(group, items, strict=True))
        elif len(self.subjects) >= len(group):
            self.shares.update(zip(group, self.subjects[-len(group) :], strict=True))

    def _timing(self, q: Quantity) -> Timing:
        section_id = self.run.context.outline.section_at(self.line.number)
        return self.run.context.timing(self.line.text, self.chain, q.start, section_id)

    def _emit(self, q: Quantity, subject: tuple[int, int], words: tuple[str, ...], timing: Timing) -> None:
        run, raw, number = self.run, self.line.raw, self.line.number
        section_id = run.context.outline.section_at(number)
        # A year stated makes 增长30% a change over the period, unless it is the report's own year:
        # 2023年…全省生产总值增长6.5%左右 is that year's growth rate.
        over_period = timing.year is not None and timing.year != run.context.report_year
        kind, qualifier = kind_of(q, words, over_period)
        span = (min(subject[0], q.start), max(subject[1], q.end))
        if timing.fact:
            year_implied = None if timing.year is not None else _before(run.context.period_start)
        else:
            year_implied = None if timing.year is not None else run.context.period_end
        bucket = run.facts if timing.fact else run.targets
        target = Target(
            id=f"{'F' if timing.fact else 'G'}{len(bucket) + 1:03d}",
            subject=raw[subject[0] : subject[1]],
            value=q.value,
            value_min=q.low,
            value_max=q.high,
            unit=q.unit,
            kind=kind,
            qualifier=qualifier,
            year=timing.year,
            year_implied=year_implied,
            direction=direction_of(words),
            line=number,
            quote=raw[span[0] : span[1]],
            section_id=section_id,
            value_raw=q.value_raw,
        )
        bucket.append(target)
        if not target.subject:
            reason = f"目标“{target.quote}”没有写明指标（主语），请核对"
            run.problems.append(Problem(number, "目标主语", reason, target.quote))
        if q.placeholder:
            self._placeholder_problem(q, target, timing.fact)
        elif q.unitless:
            what = f"“{target.subject}”的数值{q.value_raw}"
            reason = f"{what}只写了“{q.unit}”，缺少计量单位" if q.unit else f"{what}没有写单位"
            run.problems.append(Problem(number, "单位", reason, target.quote))

    def _placeholder_problem(self, q: Quantity, target: Target | None, fact: bool) -> None:
        field_name = "实际值" if fact else "目标值"
        raw = self.line.raw[q.start : q.end]
        about = f"“{target.subject}”的{field_name}" if target else field_name
        reason = f"{about}是占位符“{raw}”，尚未填写"
        self.run.problems.append(
            Problem(self.line.number, field_name, reason, target.quote if target else raw)
        )


def _rate_without_subject(q: Quantity, clause: Clause, timing: Timing) -> bool:
    """年均增长6%左右 opening its sentence: a growth target whose subject the plan did not write."""
    return not timing.fact and q.is_share and not q.unitless and is_growth_clause(clause)


def _before(year: int | None) -> int | None:
    return year - 1 if year is not None else None


def _threshold(q: Quantity, text: str, limit: int) -> bool:
    """15平方公里的九望新城, 3000吨级航道, 10亿元以上项目: a measure naming a kind of thing, not a value."""
    after = text[q.end : max(limit, q.end)].lstrip(" \t")
    if after.startswith(("的", "级")):
        return True
    if q.is_count or q.is_share or q.unitless or q.placeholder or not after:
        return False
    first = after[0]
    if not ("\u4e00" <= first <= "\u9fff"):
        return False  # punctuation or the end of the clause
    return not after.startswith(_CONTINUE)


def _tally(text: str, clause_start: int, q: Quantity) -> tuple[bool, bool]:
    """(a tally of the items just listed, a count of more things than the 等 list names).

    西山镇、石岗镇…大塘坪乡等六个乡镇 and 新建区客运站、昌北机场客运站两个…场站 only count their list;
    西山镇客运站、象山镇客运站、溪霞镇客运站等17座农村客运场站 commits to seventeen.
    """
    if not q.is_count or q.value is None:
        return False, False
    pre = text[clause_start : q.start].rstrip(" \t")
    deng = pre.endswith("等")
    body = pre.removesuffix("等")
    last = body.rsplit("、", 1)[-1]
    items = max(body.count("、") + 1 + (1 if _LIST_AND.search(last) else 0), body.count("“"))
    if items >= 2 and q.value == items:
        return True, False
    return False, deng and q.value > items
