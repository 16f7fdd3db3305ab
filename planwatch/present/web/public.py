"""公开门户 (/public/): the public's read-only view of each plan, open to anyone, no JavaScript needed.

Pages are registered with the app's `page` helper (HTML and `.json` twin); the open data downloads
(CSV, xlsx, JSON) are plain routes. Every answer under /public is kept by the server, carries
`Cache-Control: public` and an ETag, and never a cookie (`cache.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.dates import date_or_today
from planwatch.present.jsonout import dumps
from planwatch.present.pages.public import (
    open_data,
    portal_page,
    public_indicator_page,
    public_plan_page,
    public_text_page,
)
from planwatch.present.report.open_data import csv_bytes, xlsx_bytes
from planwatch.present.web import auth

Page = Callable[[str, str], Callable[..., Any]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register(app: FastAPI, page: Page) -> None:

    def day(as_of: str | None) -> date:
        return date_or_today(as_of, field="评估日期")

    @page("/public", "public/plans.html")
    def portal(request: Request) -> dict[str, Any]:
        return portal_page(auth.store_of(request))

    @app.get("/public/", include_in_schema=False)
    def portal_home() -> Response:
        return RedirectResponse("/public", status_code=308)

    @page("/public/plans/{plan}", "public/plan.html")
    def public_plan(request: Request, plan: str, as_of: str | None = None) -> dict[str, Any]:
        store = auth.store_of(request)
        return public_plan_page(store, store.resolve(plan), day(as_of))

    @page("/public/plans/{plan}/indicators/{indicator_id}", "public/indicator.html")
    def public_indicator(
        request: Request, plan: str, indicator_id: str, as_of: str | None = None
    ) -> dict[str, Any]:
        store = auth.store_of(request)
        return public_indicator_page(store, store.resolve(plan), indicator_id, day(as_of))

    @page("/public/plans/{plan}/text", "public/text.html")
    def public_text(request: Request, plan: str) -> dict[str, Any]:
        store = auth.store_of(request)
        return public_text_page(store, store.resolve(plan))

    @app.get("/public/plans/{plan}/figures.{extension}", include_in_schema=True)
    def download(request: Request, plan: str, extension: str, as_of: str | None = None) -> Response:
        store = auth.store_of(request)
        plan_id = store.resolve(plan)
        data = open_data(store, plan_id, day(as_of))
        name = f"planwatch-{plan_id}-{data['as_of']}.{extension}"
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        if extension == "csv":
            return Response(csv_bytes(data), media_type="text/csv; charset=utf-8", headers=disposition)
        if extension == "xlsx":
            return Response(xlsx_bytes(data), media_type=XLSX, headers=disposition)
        if extension == "json":
            return Response(dumps(data).encode("utf-8"), media_type="application/json", headers=disposition)
        return Response(status_code=404)
