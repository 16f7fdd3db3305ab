"""进展 reports: filed by the unit the task is assigned to (and nobody else), reviewed by 发改,
reminded when missing; evidence files checked by their content."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.services import task_reports, tasks
from planwatch.services.evidence import EvidenceRefused
from planwatch.services.permissions import PermissionDenied
from planwatch.services.task_edits import Changes, edit_task
from planwatch.services.task_reports import (
    ReportError,
    ReportForm,
    evidence_download,
    file_report,
    remind,
    review_report,
)
from planwatch.services.task_status import board
from planwatch.store import Store, audit
from planwatch.store import task_reports as report_store
from planwatch.tasking import Status
from tests.task_helpers import (
    DATA,
    DATA_USER,
    PLANNER,
    SYSTEM,
    TRANSPORT_USER,
    VIEWER,
    accepted_list,
    last_year_start,
    small_plan,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
FIRST_HALF = f"{date.today().year - 1}H1"
SECOND_HALF = f"{date.today().year - 1}H2"


@pytest.fixture
def plan_id(store: Store) -> int:
    planned = small_plan(store)
    accepted_list(store, planned, last_year_start(), deadline="持续")
    return planned


def _form(period: str = FIRST_HALF, degree: str = "推进中") -> ReportForm:
    return ReportForm(period, "已完成智慧城市平台一期建设。", degree, "资金到位偏慢。", "推进二期。")


def _reports(store: Store, plan_id: int) -> int:
    with store.reading() as connection:
        return report_store.count_reports(connection, plan_id)


def _last_audit(store: Store, plan_id: int) -> audit.AuditEntry:
    with store.reading() as connection:
        return audit.entries(connection, plan_id)[0]


def test_a_unit_files_a_report_on_its_own_task_with_evidence(store: Store, plan_id: int) -> None:
    filed = file_report(
        store, DATA_USER, plan_id, "R003", _form(), [("平台验收.pdf", PDF), ("现场照片.png", PNG)]
    )
    assert (filed.task_key, filed.period, filed.unit, filed.degree.value, filed.review) == (
        "R003",
        FIRST_HALF,
        DATA,
        "推进中",
        None,
    )
    assert [(e.file_name, e.media_type) for e in filed.evidence] == [
        ("平台验收.pdf", "application/pdf"),
        ("现场照片.png", "image/png"),
    ]
    info, content = evidence_download(store, PLANNER, filed.evidence[0].id)
    assert (info.file_name, content) == ("平台验收.pdf", PDF)
    entry = _last_audit(store, plan_id)
    assert (entry.action, entry.user, entry.target, entry.new["period"]) == (
        "task.report",
        DATA_USER.name,
        "R003",
        FIRST_HALF,
    )


def test_a_report_on_another_units_task_is_refused_audited_and_nothing_is_written(
    store: Store, plan_id: int
) -> None:
    with pytest.raises(PermissionDenied, match="未分配给您的单位“区交通运输局”"):
        file_report(store, TRANSPORT_USER, plan_id, "R003", _form())
    assert _reports(store, plan_id) == 0
    entry = _last_audit(store, plan_id)
    assert (entry.action, entry.user, entry.target, entry.new["department"]) == (
        "task.report.refused",
        TRANSPORT_USER.name,
        "R003",
        "区交通运输局",
    )
    with pytest.raises(PermissionDenied):
        file_report(store, VIEWER, plan_id, "R001", _form())
    assert _last_audit(store, plan_id).action == "task.report.refused"


def test_a_responsible_unit_may_report_as_well_as_the_lead(store: Store, plan_id: int) -> None:
    edit_task(store, PLANNER, plan_id, "R001", Changes(co_units=(DATA,)))
    tasks.accept(store, PLANNER, plan_id, last_year_start())
    filed = file_report(store, DATA_USER, plan_id, "R001", _form())
    assert filed.unit == DATA


def test_a_planner_files_on_behalf_of_the_lead_unit(store: Store, plan_id: int) -> None:
    assert file_report(store, PLANNER, plan_id, "R003", _form()).unit == DATA


def test_review_passes_or_returns_with_a_reason_and_a_returned_report_is_filed_again(
    store: Store, plan_id: int
) -> None:
    first = file_report(store, DATA_USER, plan_id, "R003", _form())
    with pytest.raises(ReportError, match="正在等待审核"):
        file_report(store, DATA_USER, plan_id, "R003", _form())
    with pytest.raises(ReportError, match="退回须写明理由"):
        review_report(store, PLANNER, plan_id, first.id, "return")
    with pytest.raises(PermissionDenied):
        review_report(store, DATA_USER, plan_id, first.id, "pass")
    returned = review_report(store, PLANNER, plan_id, first.id, "退回", "请补充投资完成数据")
    assert returned.review is not None and (returned.review.decision, returned.review.reason) == (
        "return",
        "请补充投资完成数据",
    )
    with pytest.raises(ReportError, match="不能再次审核"):
        review_report(store, PLANNER, plan_id, first.id, "pass")
    second = file_report(store, DATA_USER, plan_id, "R003", _form())
    review_report(store, PLANNER, plan_id, second.id, "pass")
    with pytest.raises(ReportError, match="已审核通过"):
        file_report(store, DATA_USER, plan_id, "R003", _form())
    history = task_reports.reports_of(store, plan_id, "R003")
    assert [(r.id, r.review.decision if r.review else None) for r in history] == [
        (first.id, "return"),
        (second.id, "pass"),
    ]


def test_the_status_follows_what_was_filed_and_reviewed_by_the_date_asked_about(store: Store) -> None:
    plan_id = small_plan(store)
    accepted_list(store, plan_id)  # in force from 2024-07-01, 完成时限 2025
    filed = file_report(store, SYSTEM, plan_id, "R003", _form("2024H2", "已完成"), on=date(2025, 1, 10))
    review_report(store, SYSTEM, plan_id, filed.id, "pass", on=date(2025, 1, 20))

    def status(day: date) -> Status:
        return board(store, plan_id, day).states["R003"].status

    assert status(date(2025, 1, 9)) is Status.ON_TRACK  # within the grace days
    assert status(date(2025, 1, 16)) is Status.ON_TRACK  # filed, waiting for review
    assert status(date(2025, 1, 20)) is Status.DONE
    assert status(date(2026, 3, 1)) is Status.DONE  # done: nothing further due, never lagging
    assert board(store, plan_id, date(2025, 1, 16)).states["R002"].status is Status.UNREPORTED
    assert board(store, plan_id, date(2026, 1, 1)).states["R002"].status is Status.LAGGING


def test_a_period_not_yet_begun_and_a_period_of_another_cycle_are_refused(store: Store, plan_id: int) -> None:
    with pytest.raises(ReportError, match="尚未开始"):
        file_report(store, DATA_USER, plan_id, "R003", _form(f"{date.today().year + 1}H1"))
    with pytest.raises(ReportError, match="按半年报送"):
        file_report(store, DATA_USER, plan_id, "R003", _form(f"{date.today().year - 1}Q1"))
    with pytest.raises(ReportError, match="完成程度"):
        file_report(store, DATA_USER, plan_id, "R003", _form(degree="差不多"))


def test_evidence_whose_content_is_not_what_its_name_says_is_refused(store: Store, plan_id: int) -> None:
    cases = [
        ("验收报告.pdf", b"MZ\x90\x00" + b"\x00" * 60, "可执行程序"),
        (
            "照片.png",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "网页或 XML",
        ),
        ("照片.jpg", PNG, "PNG 文件"),
        ("说明.docx", b"PK\x03\x04" + b"\x00" * 20, "只收 PDF、PNG、JPEG"),
        ("空.pdf", b"", "空文件"),
    ]
    for name, content, reason in cases:
        with pytest.raises(EvidenceRefused, match=reason):
            file_report(store, DATA_USER, plan_id, "R003", _form(), [(name, content)])
    assert _reports(store, plan_id) == 0


def test_evidence_over_the_size_limit_or_too_many_files_is_refused(
    store: Store, plan_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_EVIDENCE_MAX_SIZE", "1KB")
    with pytest.raises(EvidenceRefused, match="超过佐证材料的大小上限"):
        file_report(store, DATA_USER, plan_id, "R003", _form(), [("大.pdf", PDF + b"0" * 2000)])
    monkeypatch.setenv("PLANWATCH_EVIDENCE_MAX_FILES", "1")
    with pytest.raises(EvidenceRefused, match="最多1个"):
        file_report(store, DATA_USER, plan_id, "R003", _form(), [("a.pdf", PDF), ("b.pdf", PDF)])
    assert _reports(store, plan_id) == 0


def test_an_evidence_name_is_never_a_path(store: Store, plan_id: int) -> None:
    filed = file_report(store, DATA_USER, plan_id, "R003", _form(), [("../../etc/passwd\x00.pdf", PDF)])
    assert filed.evidence[0].file_name == "passwd_.pdf"
    with pytest.raises(PermissionDenied):
        evidence_download(store, None, filed.evidence[0].id)


def test_a_reminder_makes_a_missing_report_overdue_and_is_sent_once(store: Store, plan_id: int) -> None:
    sent = remind(store, PLANNER, plan_id, unit=DATA)
    assert {(r.task_key, r.period) for r in sent} >= {("R002", FIRST_HALF), ("R003", FIRST_HALF)}
    assert {r.unit for r in sent} == {DATA}
    assert board(store, plan_id, date.today()).states["R003"].status is Status.OVERDUE
    assert board(store, plan_id, date.today()).states["R001"].status is Status.UNREPORTED
    with pytest.raises(ReportError, match="没有需要催办的报告"):
        remind(store, PLANNER, plan_id, unit=DATA)
    with pytest.raises(PermissionDenied):
        remind(store, DATA_USER, plan_id)


def test_only_the_system_records_an_action_on_another_day(store: Store, plan_id: int) -> None:
    earlier = date(date.today().year - 1, 7, 10)
    with pytest.raises(PermissionDenied, match="补录"):
        file_report(store, PLANNER, plan_id, "R003", _form(), on=earlier)
    filed = file_report(store, SYSTEM, plan_id, "R003", _form(), on=earlier)
    assert filed.filed_on == earlier
