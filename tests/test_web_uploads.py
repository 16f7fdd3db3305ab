"""Every upload form says in Chinese which file it wants when none was chosen (400), and stores
nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from planwatch.present.web.app import create_app
from tests.demo_site import ADMIN, build, signed_in

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, int]]:
    url, plan_id = build(tmp_path_factory.mktemp("uploads"))
    app = create_app(url, secret_key="test-secret-for-uploads")
    with TestClient(app) as client:
        yield signed_in(client, ADMIN), plan_id
    app.state.store.close()


@pytest.mark.parametrize(
    ("route", "said"),
    [
        ("entry/import", "请选择要导入的 .csv 或 .xlsx 文件"),
        ("schedule/import", "请选择要导入的调度表（.xlsx 或 .csv）"),
        ("tasks/import", "请选择要导入的任务清单 .xlsx 文件"),
        ("bulletins", "请选择统计公报文件（.txt、.docx、.pdf 或 .html）"),
    ],
)
def test_an_upload_without_a_file_is_one_chinese_line(
    admin: tuple[TestClient, int], route: str, said: str
) -> None:
    client, plan_id = admin
    token = _TOKEN.search(client.get(f"/plans/{plan_id}/entry").text)
    assert token is not None
    revision = client.app.state.store.revision()  # type: ignore[attr-defined]
    answer = client.post(f"/plans/{plan_id}/{route}", data={"csrf_token": token[1]})
    assert answer.status_code == 400 and said in answer.text
    assert client.app.state.store.revision() == revision  # type: ignore[attr-defined]
