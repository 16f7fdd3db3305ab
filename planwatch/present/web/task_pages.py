"""The task pages of the web app (任务, 任务清单, 我的任务, 催办, 督办, a task, a 督办单, 单位名录),
each with its `.json` twin: registered through app.py's `page` helper, fed by present.pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request

from planwatch.dates import date_or_today
from planwatch.present.pages.departments import departments_page
from planwatch.present.pages.followup import due_page, my_tasks_page, notice_page, notices_page
from planwatch.present.pages.tasks import task_list_page, task_page, tasks_page
from planwatch.present.web import auth

PageData = Callable[..., dict[str, Any]]
Page = Callable[[str, str], Callable[[PageData], PageData]]


def register(page: Page) -> None:

    def plan_id_of(request: Request, plan: str) -> int:
        return auth.store_of(request).resolve(plan)

    @page("/plans/{plan}/tasks", "web/tasks.html")
    def tasks(
        request: Request,
        plan: str,
        as_of: str | None = None,
        by: str = "chapter",
        status: str | None = None,
        unit: str | None = None,
    ) -> dict[str, Any]:
        day = date_or_today(as_of, field="as_of")
        return tasks_page(
            auth.store_of(request), plan_id_of(request, plan), day, by, status or None, unit or None
        )

    @page("/plans/{plan}/tasks/list", "web/task_list.html")
    def task_list(request: Request, plan: str, which: str = "draft", notice: str = "") -> dict[str, Any]:
        chosen: str | int = int(which) if which.isascii() and which.isdigit() else which
        if chosen not in ("draft", "in_force") and not isinstance(chosen, int):
            chosen = "draft"
        return {**task_list_page(auth.store_of(request), plan_id_of(request, plan), chosen), "notice": notice}

    @page("/plans/{plan}/tasks/mine", "web/my_tasks.html")
    def my_tasks(
        request: Request, plan: str, as_of: str | None = None, unit: str | None = None
    ) -> dict[str, Any]:
        day = date_or_today(as_of, field="as_of")
        return my_tasks_page(
            auth.store_of(request), plan_id_of(request, plan), auth.user_of(request), day, unit or None
        )

    @page("/plans/{plan}/tasks/due", "web/task_due.html")
    def due(request: Request, plan: str, as_of: str | None = None, unit: str | None = None) -> dict[str, Any]:
        day = date_or_today(as_of, field="as_of")
        return due_page(auth.store_of(request), plan_id_of(request, plan), day, unit or None)

    @page("/plans/{plan}/tasks/{key}", "web/task.html")
    def task(request: Request, plan: str, key: str, as_of: str | None = None) -> dict[str, Any]:
        day = date_or_today(as_of, field="as_of")
        return task_page(
            auth.store_of(request), plan_id_of(request, plan), key.upper(), day, auth.user_of(request)
        )

    @page("/plans/{plan}/notices", "web/notices.html")
    def notices(request: Request, plan: str, as_of: str | None = None) -> dict[str, Any]:
        return notices_page(
            auth.store_of(request), plan_id_of(request, plan), date_or_today(as_of, field="as_of")
        )

    @page("/plans/{plan}/notices/{notice_id}", "web/notice.html")
    def notice(request: Request, plan: str, notice_id: int, as_of: str | None = None) -> dict[str, Any]:
        day = date_or_today(as_of, field="as_of")
        return notice_page(
            auth.store_of(request), plan_id_of(request, plan), notice_id, day, auth.user_of(request)
        )

    @page("/departments", "web/departments.html")
    def departments(request: Request, notice: str = "") -> dict[str, Any]:
        return {**departments_page(auth.store_of(request)), "notice": notice}
