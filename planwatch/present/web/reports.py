"""The report download: a signed-in user's chosen report, made on demand from the data as of the
date asked for, sent as a file. Nothing is stored; the same request gives the same bytes (Word, Excel)."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from planwatch.dates import date_or_today
from planwatch.present.report.build import ReportFormat, ReportKind, ReportRequest, build_report
from planwatch.present.web import auth
from planwatch.store import Store


def register(app: FastAPI) -> None:
    @app.get("/plans/{plan}/reports/file", include_in_schema=False)
    async def report_file(
        request: Request,
        plan: str,
        kind: str = "annual",
        as_of: str | None = None,
        year: str = "",
        format: str = "docx",
    ) -> Response:
        auth.require_user(request)
        store: Store = request.app.state.store
        plan_id = await run_in_threadpool(store.resolve, plan)
        wanted = ReportRequest(
            _choice(ReportKind, kind, "报告类型"),
            date_or_today(as_of, field="截至日期"),
            _year(year),
            _choice(ReportFormat, format, "格式"),
        )
        made = await run_in_threadpool(build_report, store, plan_id, wanted)
        fallback = f"planwatch-{plan_id}-{wanted.kind.value}-{wanted.as_of.isoformat()}.{wanted.format.value}"
        disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(made.name, safe='')}"
        return Response(made.data, media_type=made.media_type, headers={"Content-Disposition": disposition})


Choice = TypeVar("Choice", bound=StrEnum)


def _choice(kind: type[Choice], value: str, label: str) -> Choice:
    try:
        return kind(value)
    except ValueError:
        raise auth.WebError(f"{label}无法识别：{value[:20]}") from None


def _year(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        raise auth.WebError("年度应为四位数字")
    return int(text)
