"""The read-only web app: server-rendered pages, each with a `.json` twin fed by the same data function.

`/plans/1` is HTML; `/plans/1.json` (or `Accept: application/json`) is the same dict as JSON.
Errors a visitor can cause answer in Chinese (a page or `{"error": …}`), never with a traceback.
Signing in, roles and 数据填报 (the only writes): `auth` and `entry`.
Front-end assets are served from static/vendor/ (scripts/vendor-assets.sh), never from a CDN.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch.dates import date_or_today
from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.formatting import plain
from planwatch.present.audit_labels import user_label
from planwatch.present.jsonout import dumps
from planwatch.present.labels import OBSERVATION_KIND, OBSERVATION_STATUS, approval_label
from planwatch.present.lint_data import KIND_LABELS, SEVERITY_LABELS
from planwatch.present.pages.indicators import indicator_page, indicators_page
from planwatch.present.pages.listings import projects_page, targets_page
from planwatch.present.pages.overview import overview_page
from planwatch.present.pages.plans import latest_plan_id, plans_page
from planwatch.present.pages.project import project_page
from planwatch.present.pages.reports import reports_page
from planwatch.present.pages.review import lint_page
from planwatch.present.pages.schedule import schedule_page
from planwatch.present.pages.schedule_entry import notice_text
from planwatch.present.pages.search import search_page
from planwatch.present.pages.text import text_page
from planwatch.present.pages.versions import diff_page, versions_page
from planwatch.present.templating import TEMPLATES
from planwatch.present.times import shown_time
from planwatch.present.web import (
    auth,
    cache,
    entry,
    figure_actions,
    headers,
    public,
    reports,
    schedule_actions,
    signin,
    task_actions,
    task_pages,
    version_actions,
)
from planwatch.services.permissions import PermissionDenied
from planwatch.services.versions import versions_of
from planwatch.store import Store

HERE = Path(__file__).parent
STATIC = HERE / "static"
log = logging.getLogger(__name__)

PageData = Callable[..., dict[str, Any]]


class PlanJSONResponse(JSONResponse):
    """JSON with exact decimals (`0.2950` stays `0.2950`) and Chinese as written."""

    def render(self, content: Any) -> bytes:
        return dumps(content, indent=None).encode("utf-8")


class BadRequest(PlanwatchError):
    """A query parameter the app cannot read (a malformed date)."""


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader([HERE / "templates", TEMPLATES]),  # TEMPLATES: parts the CLI's pages share
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda value: plain(value) if value is not None else "—"
    env.filters["round2"] = round2
    env.filters["chart_json"] = chart_json
    env.filters["obs_kind"] = lambda code: OBSERVATION_KIND.get(str(code), str(code))
    env.filters["obs_status"] = lambda code: OBSERVATION_STATUS.get(str(code), str(code))
    env.filters["approval_state"] = approval_label
    env.filters["time"] = shown_time  # every time a person reads: the local zone (PLANWATCH_TIMEZONE)
    env.filters["who"] = user_label  # 命令行:root → 系统（命令行 root）
    env.globals["severity_labels"] = SEVERITY_LABELS
    env.globals["kind_labels"] = KIND_LABELS
    return env


def round2(value: Decimal | None) -> str:
    """An amount for reading: two decimals at most, no trailing zeros (1192.3318 → 1192.33)."""
    return "—" if value is None else plain(value, 2)


def chart_json(value: Any) -> Markup:
    """Data for a `<script type="application/json">`: no `<`, `>` or `&` can close the tag."""
    text = dumps(value, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # safe: escaped above for the script-data context


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, data: dict[str, Any], status_code: int = 200) -> Response:
    if wants_json(request):
        return PlanJSONResponse(data, status_code=status_code)
    html = environment().get_template(template).render(data=data, **_context(request))
    return HTMLResponse(html, status_code=status_code)


def _context(request: Request) -> dict[str, Any]:
    """What every page's template sees besides its data: the path, the query, the visitor, the CSRF token."""
    return {
        "path": request.url.path,
        "query": request.query_params,
        "user": auth.user_of(request),
        "csrf_token": auth.csrf_token(request),
    }


def error_response(request: Request, status_code: int, message: str) -> Response:
    if wants_json(request):
        return PlanJSONResponse({"error": message}, status_code=status_code)
    html = (
        environment()
        .get_template("web/error.html")
        .render(data={"status": status_code, "message": message}, **_context(request))
    )
    return HTMLResponse(html, status_code=status_code)


def unexpected(request: Request) -> Response:
    """What a visitor sees of an error nobody foresaw (headers.py has logged it)."""
    return error_response(request, 500, "服务器内部错误，请稍后再试或联系管理员")


def denied(request: Request) -> Response:
    """An anonymous visitor of the staff app: the login page, or 401 for the JSON twins."""
    if wants_json(request):
        return PlanJSONResponse({"error": "请先登录"}, status_code=401)
    return RedirectResponse(auth.login_redirect(request), status_code=303)


def parse_as_of(value: str | None) -> date:
    return date_or_today(value, field="评估日期")


def create_app(store_url: str | None = None, *, secret_key: str | None = None) -> FastAPI:
    """The staff app (signing in required) and the public portal under /public/; `secret_key` signs
    sessions."""
    # FastAPI's own /docs page loads Swagger UI from a CDN; ours serves the vendored copy.
    app = FastAPI(title="planwatch", docs_url=None, redoc_url=None)
    app.state.store = Store(store_url)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    _add_error_handlers(app)
    auth.install(app, app.state.store, key=secret_key or auth.secret_key(), denied=denied)
    cache.install(app, app.state.store)  # the portal's kept answers skip the session and the routes
    headers.install(app, unexpected)  # added last: outermost, so every response gets the headers
    signin.register(app, render)
    entry.register(app, render)
    version_actions.register(app)
    schedule_actions.register(app, render)  # before the pages: /schedule/entry is not a project
    task_actions.register(app, render)
    reports.register(app)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        # Swagger UI from the vendored copy, started by a script file: the pages allow no inline script.
        return HTMLResponse(environment().get_template("web/api_docs.html").render())

    def plan_id_of(request: Request, plan: str) -> int:
        return auth.store_of(request).resolve(plan)

    def page(path: str, template: str) -> Callable[[PageData], PageData]:
        """Register `path` and its `.json` twin (first, so `x.json` never reads as an id) for one endpoint."""

        def register(endpoint: PageData) -> PageData:
            for route in (path + ".json", path):
                app.add_api_route(
                    route, _responder(endpoint, template), methods=["GET"], include_in_schema=True
                )
            return endpoint

        return register

    def _responder(endpoint: PageData, template: str) -> Callable[..., Response]:
        @functools.wraps(endpoint)
        def respond(request: Request, **kwargs: Any) -> Response:
            return render(request, template, endpoint(request, **kwargs))

        return respond  # FastAPI reads the endpoint's parameters through functools.wraps

    figure_actions.register(app, page)  # 统计公报, 审核审批, locks (issue 12)
    public.register(app, page)  # the public portal /public/ (issue 12)

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        if auth.user_of(request) is None:
            return RedirectResponse("/public/", status_code=303)
        plan_id = latest_plan_id(auth.store_of(request))
        if plan_id is None:
            return RedirectResponse("/plans", status_code=303)
        if (user := auth.user_of(request)) is not None and user.department:  # a unit's items on sign-in
            return RedirectResponse(f"/plans/{plan_id}/tasks/mine", status_code=303)
        return RedirectResponse(f"/plans/{plan_id}", status_code=303)

    @page("/plans", "web/plans.html")
    def plans(request: Request) -> dict[str, Any]:
        return plans_page(auth.store_of(request))

    @page("/plans/{plan}", "web/overview.html")
    def overview(
        request: Request, plan: str, as_of: str | None = None, pending: bool = False
    ) -> dict[str, Any]:
        return overview_page(auth.store_of(request), plan_id_of(request, plan), parse_as_of(as_of), pending)

    @page("/plans/{plan}/indicators", "web/indicators.html")
    def indicators(
        request: Request,
        plan: str,
        as_of: str | None = None,
        category: str | None = None,
        attribute: str | None = None,
        status: str | None = None,
        pending: bool = False,
        missing: bool = False,
    ) -> dict[str, Any]:
        store, day = auth.store_of(request), parse_as_of(as_of)
        return indicators_page(
            store, plan_id_of(request, plan), day, category, attribute, status, pending, missing
        )

    @page("/plans/{plan}/indicators/{indicator_id}", "web/indicator.html")
    def indicator(
        request: Request, plan: str, indicator_id: str, as_of: str | None = None, pending: bool = False
    ) -> dict[str, Any]:
        store, day = auth.store_of(request), parse_as_of(as_of)
        return indicator_page(store, plan_id_of(request, plan), indicator_id, day, pending)

    @page("/plans/{plan}/text", "web/text.html")
    def text(request: Request, plan: str, version: int | None = None) -> dict[str, Any]:
        return text_page(auth.store_of(request), plan_id_of(request, plan), version)

    @page("/plans/{plan}/targets", "web/targets.html")
    def targets(
        request: Request, plan: str, as_of: str | None = None, version: int | None = None
    ) -> dict[str, Any]:
        return targets_page(auth.store_of(request), plan_id_of(request, plan), parse_as_of(as_of), version)

    @page("/plans/{plan}/projects", "web/projects.html")
    def projects(request: Request, plan: str, version: int | None = None) -> dict[str, Any]:
        return projects_page(auth.store_of(request), plan_id_of(request, plan), version)

    @page("/plans/{plan}/schedule", "web/schedule.html")
    def schedule(
        request: Request,
        plan: str,
        as_of: str | None = None,
        box: str | None = None,
        category: str | None = None,
        department: str | None = None,
        location: str | None = None,
        status: str | None = None,
        color: str | None = None,
    ) -> dict[str, Any]:
        filters = {"box": box, "category": category, "department": department, "location": location}
        filters |= {"status": status, "color": color}
        viewer = auth.user_of(request)
        return schedule_page(
            auth.store_of(request), plan_id_of(request, plan), parse_as_of(as_of), filters, viewer
        )

    @page("/plans/{plan}/schedule/{key}", "web/project.html")
    def project(
        request: Request, plan: str, key: str, as_of: str | None = None, notice: str = ""
    ) -> dict[str, Any]:
        store, viewer = auth.store_of(request), auth.user_of(request)
        data = project_page(store, plan_id_of(request, plan), key, parse_as_of(as_of), viewer)
        return {**data, "notice": notice_text(notice)}

    @page("/plans/{plan}/lint", "web/lint.html")
    def lint(request: Request, plan: str, version: int | None = None) -> dict[str, Any]:
        return lint_page(auth.store_of(request), plan_id_of(request, plan), version)

    @page("/plans/{plan}/search", "web/search.html")
    def search(request: Request, plan: str, q: str = "", version: int | None = None) -> dict[str, Any]:
        return search_page(auth.store_of(request), plan_id_of(request, plan), q, version=version)

    @page("/plans/{plan}/reports", "web/reports.html")
    def plan_reports(request: Request, plan: str, as_of: str | None = None) -> dict[str, Any]:
        auth.require_user(request)  # reports are for the office's users, made on demand
        return reports_page(auth.store_of(request), plan_id_of(request, plan), parse_as_of(as_of))

    @page("/plans/{plan}/versions", "web/versions.html")
    def plan_versions(request: Request, plan: str) -> dict[str, Any]:
        return versions_page(auth.store_of(request), plan_id_of(request, plan))

    @page("/plans/{plan}/diff", "web/diff.html")
    def plan_diff(
        request: Request, plan: str, first: int | None = None, second: int | None = None
    ) -> dict[str, Any]:
        store, plan_id = auth.store_of(request), plan_id_of(request, plan)
        newest = versions_of(store, plan_id)[-1].version
        later = second if second is not None else newest
        return diff_page(store, plan_id, first if first is not None else max(later - 1, 1), later)

    task_pages.register(page)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def not_found(request: Request, error: Exception) -> Response:
        return error_response(request, 404, str(error))

    async def bad_request(request: Request, error: Exception) -> Response:
        return error_response(request, 400, str(error))

    async def planwatch_error(request: Request, error: Exception) -> Response:
        return error_response(request, 400, str(error))

    async def bad_request_params(request: Request, error: Exception) -> Response:
        return error_response(request, 400, "请求参数无法识别")

    async def http_error(request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, StarletteHTTPException) else 500
        message = {404: "页面不存在", 405: "不支持这种请求方式"}.get(status, "请求无法处理")
        return error_response(request, status, message)

    async def permission_denied(request: Request, error: Exception) -> Response:
        return error_response(request, 403, str(error))

    async def web_error(request: Request, error: Exception) -> Response:
        status = error.status if isinstance(error, auth.WebError) else 400
        if status == 401 and not wants_json(request):
            return denied(request)
        return error_response(request, status, str(error))

    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(BadRequest, bad_request)
    app.add_exception_handler(auth.WebError, web_error)
    app.add_exception_handler(PermissionDenied, permission_denied)
    app.add_exception_handler(PlanwatchError, planwatch_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_request_params)
