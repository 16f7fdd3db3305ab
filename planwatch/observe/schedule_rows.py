"""调度表 rows → project reports, checked all at once against the library and the reports already known.

Pure: the caller hands over the library's projects, the latest version of each report known (every
year) and today. A row with any problem makes the whole file refused, every problem listed by row
and column: not a number, a negative amount, an unknown project (with 是不是… suggestions), a period
outside the plan or of the wrong kind, the same project and period twice, a 自年初累计 lower than an
earlier period's (or higher than a later one's), a 累计 above the project's 总投资. A row left blank
(the template lists every project) is skipped; a row the book already holds as it is, too.

Of 本期完成 and 自年初累计 a row needs one: the other is worked out from the previous report of the
year (本期 = 累计 − the previous 累计).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planwatch.formatting import plain
from planwatch.observe import schedule_layout as layout
from planwatch.observe.problems import ImportProblem, ProblemList
from planwatch.observe.schedule_sheet import ScheduleRow
from planwatch.observe.values import CellError, convert, parse_date, parse_number, parse_period, tidy
from planwatch.project_model import LibraryProject, ProjectReport, ReportFrequency

Known = Mapping[str, Sequence[ProjectReport]]  # project key → latest version of each period, any year
_FILLED = (*layout.AMOUNTS, layout.STARTED, layout.FINISHED, *layout.TEXTS)


@dataclass(frozen=True, slots=True)
class Checked:
    reports: list[ProjectReport]  # the news, to store
    unchanged: int  # rows the book already holds as they are
    rows: int  # rows read (blank ones left out)


@dataclass(frozen=True, slots=True)
class _Draft:
    row: ScheduleRow
    project: LibraryProject
    period: str
    completed: Decimal | None
    cumulative: Decimal | None
    started_on: date | None
    finished_on: date | None
    reported_on: date


def check_rows(
    rows: Sequence[ScheduleRow],
    projects: Sequence[LibraryProject],
    known: Known,
    *,
    frequency: ReportFrequency,
    years: tuple[int, int] | None,
    today: date,
    file: str | None = None,
) -> Checked:
    """The reports a file brings; ImportRefused (nothing to store) listing every problem."""
    problems = ProblemList(limit=len(rows) * 20 + 10)  # all of them, sorted into file order below
    finder = _Finder(projects)
    drafts: list[_Draft] = []
    seen: dict[tuple[str, str], int] = {}
    filled = [r for r in rows if any(r.cell(name) for name in _FILLED)]
    for row in filled:
        draft = _draft(row, finder, frequency, years, today, problems)
        if draft is None:
            continue
        key = (draft.project.key, draft.period)
        if key in seen:
            problems.add(ImportProblem(row.row, None, "同一项目同一期间重复", seen[key]))
            continue
        seen[key] = row.row
        drafts.append(draft)
    reports = _with_cumulatives(drafts, known, problems)
    if problems:
        listed = ProblemList()
        listed.extend(sorted(problems.kept, key=lambda p: p.row or 0))
        raise listed.refused(file)
    news = [r for r in reports if not _same_as_known(r, known)]
    return Checked(news, len(reports) - len(news), len(filled))


# ---- one row ---------------------------------------------------------------------------------------------


def _draft(
    row: ScheduleRow,
    finder: _Finder,
    frequency: ReportFrequency,
    years: tuple[int, int] | None,
    today: date,
    problems: ProblemList,
) -> _Draft | None:
    before = problems.total
    project = finder.find(row, problems)
    period = _period(row, frequency, years, today, problems)
    amounts = {name: _amount(row, name, problems) for name in layout.AMOUNTS}
    dates = {name: _date(row, name, problems) for name in (layout.STARTED, layout.FINISHED, layout.REPORTED)}
    reported_on = dates[layout.REPORTED] or today
    if dates[layout.REPORTED] is not None and reported_on > today:
        problems.add(ImportProblem(row.row, row.column(layout.REPORTED), "填报日期晚于今天"))
    for name, what in ((layout.STARTED, "开工"), (layout.FINISHED, "竣工")):
        day = dates[name]
        if day is not None and day > reported_on:
            problems.add(
                ImportProblem(row.row, row.column(name), f"{what}日期晚于填报日期{reported_on.isoformat()}")
            )
    if not any(row.cell(name) for name in layout.AMOUNTS):
        problems.add(ImportProblem(row.row, None, "“本期完成投资”和“自年初累计完成投资”至少填一项"))
    if problems.total > before or project is None or period is None:
        return None
    return _Draft(
        row,
        project,
        period,
        amounts[layout.COMPLETED],
        amounts[layout.CUMULATIVE],
        dates[layout.STARTED],
        dates[layout.FINISHED],
        reported_on,
    )


class _Finder:
    """Projects by 项目编号 (or key) and by name, compared without spaces and with half-width forms."""

    def __init__(self, projects: Sequence[LibraryProject]) -> None:
        self.by_code: dict[str, LibraryProject] = {}
        for project in projects:
            self.by_code.setdefault(tidy(project.key), project)
            self.by_code[tidy(project.code)] = project
        self.by_name: dict[str, list[LibraryProject]] = {}
        for project in projects:
            self.by_name.setdefault(tidy(project.name), []).append(project)
        self.names = [p.name for p in projects]

    def find(self, row: ScheduleRow, problems: ProblemList) -> LibraryProject | None:
        code, name = row.cell(layout.CODE), row.cell(layout.NAME)
        if code:
            found = self.by_code.get(tidy(code))
            if found is None:
                hint = self._hint(name) if name else ""
                problems.add(
                    ImportProblem(row.row, row.column(layout.CODE), f"找不到编号为“{code}”的项目{hint}")
                )
                return None
            if name and tidy(name) != tidy(found.name):
                reason = f"编号“{code}”是“{found.name}”，与项目名称“{name}”不符"
                problems.add(ImportProblem(row.row, row.column(layout.NAME), reason))
                return None
            return found
        if not name:
            problems.add(ImportProblem(row.row, None, "没有项目编号，也没有项目名称"))
            return None
        matches = self.by_name.get(tidy(name), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            codes = "、".join(p.code for p in matches)
            reason = f"有几个项目都叫“{name}”（{codes}），请填写项目编号"
        else:
            reason = f"找不到项目“{name}”{self._hint(name)}"
        problems.add(ImportProblem(row.row, row.column(layout.NAME), reason))
        return None

    def _hint(self, name: str) -> str:
        close = difflib.get_close_matches(name, self.names, n=3, cutoff=0.5)
        return f"，是不是{'或'.join(f'“{c}”' for c in close)}？" if close else ""


def _period(
    row: ScheduleRow,
    frequency: ReportFrequency,
    years: tuple[int, int] | None,
    today: date,
    problems: ProblemList,
) -> str | None:
    column, text = row.column(layout.PERIOD), row.cell(layout.PERIOD)
    if not text:
        problems.add(ImportProblem(row.row, column, "请填写期间"))
        return None
    try:
        period = parse_period(text)
    except CellError as error:
        problems.add(ImportProblem(row.row, column, str(error)))
        return None
    monthly = len(period) == 7 and period[4] == "-"
    quarterly = len(period) == 6 and period[4] == "Q"
    if frequency is ReportFrequency.MONTH and not monthly:
        problems.add(ImportProblem(row.row, column, f"本规划按月调度，期间应写作“2024-05”，不是“{text}”"))
        return None
    if frequency is ReportFrequency.QUARTER and not quarterly:
        problems.add(ImportProblem(row.row, column, f"本规划按季度调度，期间应写作“2024Q2”，不是“{text}”"))
        return None
    year = int(period[:4])
    if years is not None and not years[0] <= year <= years[1]:
        problems.add(ImportProblem(row.row, column, f"{period}不在规划期（{years[0]}—{years[1]}年）内"))
        return None
    first_month = int(period[5:]) if monthly else (int(period[5:]) - 1) * 3 + 1
    if date(year, first_month, 1) > today:
        problems.add(ImportProblem(row.row, column, f"{period}尚未开始"))
        return None
    return period


def _amount(row: ScheduleRow, name: str, problems: ProblemList) -> Decimal | None:
    text = row.cell(name)
    if not text:
        return None
    column = row.column(name)
    try:
        value, written = parse_number(text)
    except CellError as error:
        problems.add(ImportProblem(row.row, column, str(error)))
        return None
    unit = written or row.units.get(name, "万元")
    in_wan = convert(value, unit, "万元") if unit != "万元" else value
    if in_wan is None:
        problems.add(ImportProblem(row.row, column, f"单位“{unit}”不是金额单位"))
        return None
    if in_wan < 0:
        problems.add(ImportProblem(row.row, column, "投资不能为负数"))
        return None
    return in_wan


def _date(row: ScheduleRow, name: str, problems: ProblemList) -> date | None:
    try:
        return parse_date(row.cell(name))
    except CellError as error:
        problems.add(ImportProblem(row.row, row.column(name), str(error)))
        return None


# ---- the year's cumulatives ----------------------------------------------------------------------------


def _with_cumulatives(drafts: Sequence[_Draft], known: Known, problems: ProblemList) -> list[ProjectReport]:
    """Each draft as a report, its missing 本期 or 累计 worked out, checked against the other reports of
    the year (those known, with the file's over them)."""
    by_year: dict[tuple[str, int], dict[str, _Draft]] = {}
    for draft in drafts:
        by_year.setdefault((draft.project.key, int(draft.period[:4])), {})[draft.period] = draft
    reports: list[ProjectReport] = []
    for (key, year), new in by_year.items():
        kept = {r.period: r for r in known.get(key, ()) if r.year == year}
        for period, draft in new.items():
            old = kept.get(period)
            if old is not None and draft.reported_on < old.reported_on:
                reason = f"更正的填报日期早于已有报送（{old.reported_on.isoformat()}）"
                problems.add(ImportProblem(draft.row.row, draft.row.column(layout.REPORTED) or None, reason))
        reports += _year(new, kept, problems)
    return sorted(reports, key=lambda r: (r.project_key, _order(r.period)))


def _year(
    new: Mapping[str, _Draft], kept: Mapping[str, ProjectReport], problems: ProblemList
) -> list[ProjectReport]:
    """One project's year in period order: each 累计 at least the one before it, at most its 总投资."""
    found: list[ProjectReport] = []
    previous: tuple[str, Decimal, _Draft | None] | None = (
        None  # period, 累计, the file's draft (if it is one)
    )
    for period in sorted({*kept, *new}, key=_order):
        draft = new.get(period)
        if draft is None:
            cumulative = kept[period].cumulative_wan_yuan
            if previous is not None and previous[2] is not None and cumulative < previous[1]:
                later = f"{_label(period)}已报送的累计{plain(cumulative)}万元"
                reason = f"自年初累计{plain(previous[1])}万元高于{later}"
                _cumulative_problem(previous[2], reason, problems)
            previous = (period, cumulative, None)
            continue
        report = _report(draft, previous[1] if previous is not None else Decimal(0))
        cumulative = report.cumulative_wan_yuan
        if previous is not None and cumulative < previous[1]:
            reason = (
                f"自年初累计{plain(cumulative)}万元低于{_label(previous[0])}的累计{plain(previous[1])}万元"
            )
            _cumulative_problem(draft, reason, problems)
        total = draft.project.investment_wan_yuan
        if total is not None and cumulative > total:
            _cumulative_problem(
                draft, f"自年初累计{plain(cumulative)}万元超过项目总投资{plain(total)}万元", problems
            )
            continue  # not a measure for the periods after it: one wrong row, one message
        previous = (period, cumulative, draft)
        found.append(report)
    return found


def _cumulative_problem(draft: _Draft, reason: str, problems: ProblemList) -> None:
    row = draft.row
    column = row.column(layout.CUMULATIVE) or row.column(layout.COMPLETED) or None
    problems.add(ImportProblem(row.row, column, reason))


def _report(draft: _Draft, before: Decimal) -> ProjectReport:
    cumulative = draft.cumulative
    completed = draft.completed
    if cumulative is None:
        cumulative = before + (completed or Decimal(0))
    if completed is None:
        completed = cumulative - before
    row = draft.row
    return ProjectReport(
        project_key=draft.project.key,
        period=draft.period,
        completed_wan_yuan=completed,
        cumulative_wan_yuan=cumulative,
        reported_on=draft.reported_on,
        started_on=draft.started_on,
        finished_on=draft.finished_on,
        progress=row.cell(layout.PROGRESS),
        issues=row.cell(layout.ISSUES),
        coordination=row.cell(layout.COORDINATION),
    )


def _same_as_known(report: ProjectReport, known: Known) -> bool:
    """The book already holds this report as it is (what a template pre-filled and sent back holds)."""
    old = next((r for r in known.get(report.project_key, ()) if r.period == report.period), None)
    return old is not None and _content(old) == _content(report)


def _content(r: ProjectReport) -> tuple[object, ...]:
    return (
        r.completed_wan_yuan,
        r.cumulative_wan_yuan,
        r.started_on,
        r.finished_on,
        r.progress,
        r.issues,
        r.coordination,
    )


def _order(period: str) -> tuple[int, int]:
    index = int(period[5:])
    return int(period[:4]), index if period[4] == "-" else index * 3


def _label(period: str) -> str:
    index = int(period[5:])
    return f"{period[:4]}年{index}月" if period[4] == "-" else f"{period[:4]}年第{index}季度"
