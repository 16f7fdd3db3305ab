"""`planwatch serve`: the web app."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from planwatch import config
from planwatch.cli.common import err


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(help="工作进程数")] = 1,
) -> None:
    """打开网页界面：工作人员登录后使用（总览、指标、项目调度、任务、督办、数据填报、审核审批、报告等）；
    公众访问 /public/ 门户。"""
    import uvicorn  # the web stack loads only for this command

    count = max(1, workers)
    err().print(f"网页界面：http://{host}:{port}（{count} 个工作进程；Ctrl+C 退出）", markup=False)
    uvicorn.run(
        "planwatch.present.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=count,
        log_level="warning",
        **proxy_options(),
    )


def proxy_options() -> dict[str, Any]:
    """X-Forwarded-For is believed only from PLANWATCH_TRUSTED_PROXIES: by default from nobody, so a
    visitor cannot choose the address the login throttle counts (uvicorn alone trusts 127.0.0.1)."""
    proxies = [p.strip() for p in config.TRUSTED_PROXIES.value().split(",") if p.strip()]
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or None}
