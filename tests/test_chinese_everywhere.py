"""No English reaches a user: every page of the demo (signed in and not) and every output of the
CLI walkthrough (each command's --help and its normal output) is in Chinese, but for a short,
explicit list of words a user meets by name (the product, file formats, units).

Also allowed, each for a reason: the plan's own text (quoted data, AR/VR, 5G, LED…), item ids
(T2.01, G015), what a user types (command names, option names and their choices), paths and
URLs, and on pages anything inside <code> (an identifier shown as such).
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from planwatch.cli import app as cli
from planwatch.present.web.app import create_app
from planwatch.services.plans import bundled_plan_path
from tests.demo_site import ADMIN, DEPARTMENT_USER, PASSWORD, build, signed_in

# The product, and the formats, programs and units a user meets by name.
ALLOWED = frozenset(
    {
        "planwatch", "JSON", "Excel", "CSV", "HTML", "PDF", "Word", "SQLite", "PostgreSQL",
        "pg_dump", "pg_restore", "argon2", "UTC", "CPU", "MB", "KB", "PNG", "JPEG",
        "txt", "docx", "pdf", "html", "xlsx", "csv", "zip", "json",
    }
)  # fmt: skip
PLAN_WORDS = frozenset(re.findall(r"[A-Za-z][A-Za-z0-9_]*", bundled_plan_path().read_text(encoding="utf-8")))
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_ITEM_ID = re.compile(r"[A-Z]\d+")  # T2.01 → T2, G015, P008
_TYPED = re.compile(r"(?<![\w-])--?[a-z][a-z-]*|\bPLANWATCH_[A-Z_]+")  # --as-of, -f, a setting's name
_PATH_OR_URL = re.compile(
    r"https?://\S+|(?<![\w“])/[\w.\-/{}…]+|[\w\-]+\.(?:txt|docx|pdf|html|xlsx|csv|zip|json|db)\b"
)
AS_OF = "2025-06-30"


def english(text: str, also: frozenset[str] = frozenset()) -> set[str]:
    """The English words of `text` that are not allowed."""
    text = _PATH_OR_URL.sub(" ", _TYPED.sub(" ", text))
    return {
        word
        for word in _WORD.findall(text)
        if word not in ALLOWED | PLAN_WORDS | also and not _ITEM_ID.fullmatch(word)
    }


class _Shown(html.parser.HTMLParser):
    """What a person reads on a page: its text, titles, placeholders and labels, not scripts,
    styles or <code>."""

    HIDDEN = ("script", "style", "code")

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        shown = dict(attrs)
        self.parts += [shown[a] or "" for a in ("title", "placeholder", "aria-label", "alt") if shown.get(a)]
        if tag == "input" and shown.get("type") in ("submit", "button"):  # a <button>'s value is not shown
            self.parts.append(shown.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def shown_text(page: str) -> str:
    parser = _Shown()
    parser.feed(page)
    return "\n".join(parser.parts)


# ---- the web ------------------------------------------------------------------------------------

PAGES = [
    "/plans",
    "/plans/1",
    f"/plans/1?as_of={AS_OF}",
    f"/plans/1/indicators?as_of={AS_OF}",
    f"/plans/1/indicators/T2.01?as_of={AS_OF}",
    f"/plans/1/indicators/T2.22?as_of={AS_OF}",
    "/plans/1/text",
    f"/plans/1/targets?as_of={AS_OF}",
    "/plans/1/projects",
    "/plans/1/lint",
    "/plans/1/search?q=新能源",
    "/plans/1/versions",
    "/plans/1/diff",
    "/plans/1/entry",
    "/plans/1/bulletins",
    "/plans/1/approval",
    "/audit",
    "/account",
    "/sessions",
    "/public",
    f"/public/plans/1?as_of={AS_OF}",
    f"/public/plans/1/indicators/T2.01?as_of={AS_OF}",
    "/public/plans/1/text",
    "/login",
    "/plans/99",
    "/plans/1/indicators/T9.99",
    "/no/such/page",
    "/plans/1?as_of=30.6.2025",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("LOGNAME", "值班员")  # the operator's login name is data, in the audit log
        url, _ = build(tmp_path_factory.mktemp("chinese"))
    app = create_app(url, secret_key="test-secret")
    with TestClient(app) as client:
        yield client
    app.state.store.close()


@pytest.mark.parametrize("who", [None, DEPARTMENT_USER, ADMIN])
def test_no_page_shows_an_english_word(site: TestClient, who: str | None) -> None:
    site.cookies.clear()
    if who is not None:
        signed_in(site, who)
    found = {}
    for path in PAGES:
        words = english(shown_text(site.get(path).text))
        if words:
            found[path] = sorted(words)
    assert found == {}


# ---- the command line ---------------------------------------------------------------------------

runner = CliRunner(env={"COLUMNS": "400"})  # wide: a table never folds a word in two


def _commands() -> list[list[str]]:
    def walk(
        command: typer.core.TyperGroup | typer.core.TyperCommand, path: list[str]
    ) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    return list(walk(typer.main.get_command(cli), []))


def _typed_words() -> frozenset[str]:
    """Command names and the choices of options and arguments: what a user types."""
    words: set[str] = set()
    root = typer.main.get_command(cli)
    for path in _commands():
        words.update(path)
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        for param in command.params:
            words.update(str(c.value) for c in param.type_descriptor.choices or ())
    return frozenset(words)


def test_every_help_page_is_in_chinese() -> None:
    typed = _typed_words()
    found = {}
    for path in _commands():
        result = runner.invoke(cli, [*path, "--help"], prog_name="planwatch")
        assert result.exit_code == 0, (path, result.output)
        words = english(result.output, typed)
        if words:
            found[" ".join(path) or "planwatch"] = sorted(words)
    assert found == {}


def test_the_walkthrough_speaks_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'walk.db'}")
    monkeypatch.setenv("PLANWATCH_PASSWORD", PASSWORD)
    monkeypatch.setenv("LOGNAME", "值班员")  # the operator's login name is data
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "指标编号,期间,数值,数据来源,数据状态,发布日期\nG016,2020,200,2020年统计公报,核实,2021-03-15\n",
        encoding="utf-8",
    )
    steps = [
        ["demo"],
        ["plans"],
        ["evaluate", "1", "--as-of", AS_OF],
        ["lint", "--fail-on", "never"],
        ["parse", "--explain"],
        ["outline", "1", "--depth", "2"],
        ["indicators", "1"],
        ["targets", "1"],
        ["projects", "1"],
        ["search", "1", "新能源"],
        ["template", "1", "-o", str(tmp_path / "模板.xlsx")],
        ["observe", "1", str(figures)],
        ["versions", "1"],
        ["adjust", "1", "T2.01", "--from", "2024-01-01", "--target", "550", "--doc", "新发〔2024〕1号",
         "--reason", "中期调整"],
        ["department", "list"],
        ["department", "suggest", "公路交通"],
        ["user", "add", "规划科", "--role", "planner"],
        ["user", "list"],
        ["user", "assign", "1", "T2.06", "区交通运输局"],
        ["evaluate", "1"],
        ["backup", "-o", str(tmp_path / "备份.zip")],
    ]  # fmt: skip
    mistakes = [  # what a newcomer gets wrong (what they typed is echoed: evaluat, xml)
        ["evaluat"],
        ["evaluate"],
        ["evaluate", "1", "--as-of"],
        ["parse", "-f", "xml"],
        ["adopt", "1", "abc"],
        ["user", "add", "新人"],
        ["outline", "99"],
    ]  # fmt: skip
    typed = _typed_words() | {"evaluat", "xml"}
    found = {}
    for args in steps + mistakes:
        result = runner.invoke(cli, args, prog_name="planwatch")
        assert result.exit_code == (0 if args in steps else 2), (args, result.output)
        words = english(result.output, typed)
        if words:
            found[" ".join(args[:3])] = sorted(words)
    assert found == {}
