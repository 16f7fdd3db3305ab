"""督办单: issued for a lagging task with a number of its own, answered by its unit, closed (办结)
only by 发改 and only after a reply."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planwatch.services.permissions import PermissionDenied
from planwatch.services.task_notices import NoticeError, close, issue, notice_number, reply
from planwatch.store import Store, audit
from tests.task_helpers import (
    DATA,
    DATA_USER,
    PLANNER,
    TRANSPORT_USER,
    accepted_list,
    last_year_start,
    small_plan,
)

TODAY = date.today()
REPLY_BY = TODAY + timedelta(days=10)


@pytest.fixture
def plan_id(store: Store) -> int:
    planned = small_plan(store)
    accepted_list(store, planned, last_year_start(), deadline="持续")  # every task owes last year's reports
    return planned


def test_a_notice_is_numbered_per_year_across_the_database(store: Store, plan_id: int) -> None:
    first = issue(store, PLANNER, plan_id, "R003", "上半年进展未报送，请说明原因。", REPLY_BY)
    second = issue(store, PLANNER, plan_id, "R002", "进展未报送。", REPLY_BY)
    assert (first.number, second.number) == (f"新发改督〔{TODAY.year}〕1号", f"新发改督〔{TODAY.year}〕2号")
    assert (first.unit, first.state(TODAY)) == (DATA, "待回复")
    assert first.state(REPLY_BY + timedelta(days=1)) == "逾期未回复"


def test_the_number_follows_the_configured_pattern(
    store: Store, plan_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_NOTICE_NUMBER", "新建督字〔{year}〕第{n}号")
    assert (
        issue(store, PLANNER, plan_id, "R003", "未报送。", REPLY_BY).number
        == f"新建督字〔{TODAY.year}〕第1号"
    )
    monkeypatch.setenv("PLANWATCH_NOTICE_NUMBER", "督办〔{year}〕")
    with pytest.raises(NoticeError, match="须含 \\{n\\}"):
        notice_number(2025, 1)
    monkeypatch.setenv("PLANWATCH_NOTICE_NUMBER", "督办{unit}{n}")
    with pytest.raises(NoticeError, match="只能用"):
        notice_number(2025, 1)


def test_a_task_on_track_gets_no_notice(store: Store) -> None:
    plan_id = small_plan(store)
    accepted_list(store, plan_id, TODAY, deadline="持续")  # nothing due yet
    with pytest.raises(NoticeError, match="只有滞后、未报送或逾期未报的任务"):
        issue(store, PLANNER, plan_id, "R003", "请加快。", REPLY_BY)


def test_only_the_unit_replies_and_only_planners_close_after_a_reply(store: Store, plan_id: int) -> None:
    made = issue(store, PLANNER, plan_id, "R003", "未报送。", REPLY_BY)
    with pytest.raises(PermissionDenied):
        issue(store, DATA_USER, plan_id, "R003", "未报送。", REPLY_BY)
    with pytest.raises(NoticeError, match="尚未收到区数据局的回复"):
        close(store, PLANNER, plan_id, made.id)
    with pytest.raises(PermissionDenied, match="不能回复该督办单"):
        reply(store, TRANSPORT_USER, plan_id, made.id, "我们来回复")
    with store.reading() as connection:
        assert audit.entries(connection, plan_id)[0].action == "notice.reply.refused"
    replied = reply(store, DATA_USER, plan_id, made.id, "已补报，专人负责。")
    assert replied.state(TODAY) == "已回复"
    with pytest.raises(PermissionDenied):
        close(store, DATA_USER, plan_id, made.id)
    closed = close(store, PLANNER, plan_id, made.id, "已整改。")
    assert (closed.state(TODAY), closed.closed_on()) == ("已办结", TODAY)
    with pytest.raises(NoticeError, match="已办结"):
        reply(store, DATA_USER, plan_id, made.id, "再补充")
    with pytest.raises(NoticeError, match="已于"):
        close(store, PLANNER, plan_id, made.id)


def test_a_reply_date_before_the_issue_is_refused(store: Store, plan_id: int) -> None:
    with pytest.raises(NoticeError, match="回复期限"):
        issue(store, PLANNER, plan_id, "R003", "未报送。", TODAY - timedelta(days=1))
    with pytest.raises(NoticeError, match="督办事项"):
        issue(store, PLANNER, plan_id, "R003", "  ", REPLY_BY)
