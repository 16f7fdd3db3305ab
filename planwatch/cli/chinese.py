"""The command line's own words in Chinese: Typer's help pages and usage errors.

Typer 0.29 bundles its own copy of Click (`typer._click`) whose words are literals, not gettext
calls; only `typer.core` still asks gettext (section titles, `[default: …]`, `[required]`,
`Aborted!`). So `install()`, run once before the app is used, replaces:

- `typer.core._` with `gettext` (its words in `WORDS`; message templates stay English until shown);
- the usage line's prefix and placeholders (`HelpFormatter.write_usage`: 用法：… [选项]) and the
  headings' colon (`HelpFormatter.write_heading`: 选项：);
- the help option's text (`Command.get_help_option`);
- the type names in metavars (`<path>` → `<路径>`; choices such as `<json|text>` are what a
  user types, and stay);
- how a usage error is shown (`ClickException.show`, `UsageError.show`): 错误：… in Chinese,
  each message translated by `MESSAGES`, with the usage line and where to find help.

The versions are pinned (pyproject); tests/test_cli_chinese.py fails when an upgrade brings an
English word back. A message no pattern knows keeps its text after a Chinese lead, so nothing
a user needs is hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

import typer.core
from typer import _click
from typer._click import exceptions
from typer._click.formatting import HelpFormatter
from typer._click.utils import echo

WORDS = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
}
HELP_TEXT = "显示本帮助并退出。"
USAGE_PREFIX = "用法："
PLACEHOLDERS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))
TYPE_NAMES = {
    "str": "文字",
    "int": "整数",
    "float": "数",
    "bool": "是/否",
    "path": "路径",
    "file": "文件",
    "directory": "目录",
    "datetime": "日期时间",
}

_QUOTED = re.compile(r"'([^']*)'")
_TYPE_WORD = re.compile(r"\b(?:" + "|".join(TYPE_NAMES) + r")\b", re.I)

# English message (as Typer and its Click write it) → Chinese; groups are used by name.
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), chinese)
    for pattern, chinese in (
        (r"Missing argument (?P<name>.+?)\.", "缺少参数{name}"),
        (r"Missing option (?P<name>.+?)\. Choose from:\s*(?P<choices>.+)", "缺少选项{name}，可选：{choices}"),
        (r"Missing option (?P<name>.+?)\.", "缺少选项{name}"),
        (r"Missing parameter:? ?(?P<name>.*?)\.?", "缺少参数{name}"),
        (
            r"No such option: (?P<name>\S+) \(Possible options: (?P<choices>.+)\)",
            "没有选项“{name}”，是不是：{choices}",
        ),
        (r"No such option: (?P<name>\S+)", "没有选项“{name}”"),
        (r"No such command (?P<name>.+?)\. Did you mean (?P<like>.+?)\?", "没有命令{name}，是不是{like}？"),
        (r"No such command (?P<name>.+?)\.(?: \(Did you mean one of: (?P<like>.+)\?\))?", "没有命令{name}"),
        (r"Invalid value for (?P<name>.+?): (?P<why>.+)", "{name}的值无效：{why}"),
        (r"Invalid value: (?P<why>.+)", "值无效：{why}"),
        (
            r"(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.+)\.",
            "{value}不是可选值（{choices}）之一",
        ),
        (r"Input should be a valid integer.*", "应为整数"),
        (r"Input should be a valid number.*", "应为数字"),
        (r"Input should be a valid date.*", "应为日期"),
        (r"Input should be a valid boolean.*", "应为是或否"),
        (r"Input should be (?P<choices>.+)", "应为{choices}"),
        (r"Value (?P<value>'.*') is not a valid (?P<kind>\w+)\.", "{value}不是有效的{kind}"),
        (r"Got unexpected extra arguments? ?\(s?\)? ?\((?P<args>.*)\)", "多余的参数：{args}"),
        (r"Option (?P<name>'.+?') requires an argument\.", "选项{name}后面需要一个值"),
        (r"Option (?P<name>'.+?') requires (?P<count>\d+) arguments\.", "选项{name}后面需要{count}个值"),
        (r"Option (?P<name>'.+?') does not take a value\.", "选项{name}不带值"),
        (r"Missing command\.", "缺少命令"),
        (r"(?:File|Path|Directory) (?P<name>'.+?') does not exist\.", "{name}不存在"),
        (r"(?:File|Path|Directory) (?P<name>'.+?') is a directory\.", "{name}是目录，不是文件"),
        (r"(?:File|Path|Directory) (?P<name>'.+?') is a file\.", "{name}是文件，不是目录"),
        (r"(?:File|Path|Directory) (?P<name>'.+?') is not readable\.", "{name}无法读取"),
        (r"(?:File|Path|Directory) (?P<name>'.+?') is not writable\.", "{name}无法写入"),
        (r"Could not open file (?P<name>'.+?'): (?P<why>.+)", "无法打开文件{name}：{why}"),
    )
)


def gettext(message: str) -> str:
    """What `typer.core` asks gettext for: a word in Chinese, a message template as it is (the
    message is translated whole, when shown)."""
    return WORDS.get(message, message)


def translate(message: str) -> str:
    """A message of Typer's in Chinese; one no pattern knows is returned as it is."""
    if message in WORDS:
        return WORDS[message]
    text = message.strip()
    for pattern, chinese in MESSAGES:
        found = pattern.fullmatch(text)
        if found:
            parts = {key: _quoted(translate(value)) for key, value in found.groupdict(default="").items()}
            return chinese.format(**parts)
    return message


def _quoted(text: str) -> str:
    """`'--format' / '-f'` → `“--format”/“-f”`; Chinese quotation marks around what the user typed."""
    text = _QUOTED.sub(lambda m: f"“{m[1]}”", text).replace("” / “", "”/“")
    return re.sub(r",\s*\n?\t?", "、", text) if "“" in text or "\t" in text else text


def install() -> None:
    """Put the Chinese words in place (idempotent: the originals are kept once)."""
    if getattr(typer.core, "_planwatch_chinese", False):
        return
    typer.core._planwatch_chinese = True  # type: ignore[attr-defined]
    typer.core._ = gettext  # type: ignore[attr-defined]
    HelpFormatter.write_usage = _usage(HelpFormatter.write_usage)  # type: ignore[method-assign]
    HelpFormatter.write_heading = _write_heading  # type: ignore[method-assign]
    _click.core.Command.get_help_option = _help_option(_click.core.Command.get_help_option)  # type: ignore[method-assign]
    typer.core._TyperParameter.display_type = _type_name(typer.core._TyperParameter.display_type)  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]


def _usage(original: Callable[..., None]) -> Callable[..., None]:
    def write_usage(self: HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in PLACEHOLDERS:
            args = args.replace(english, chinese)
        original(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    return write_usage


def _write_heading(self: HelpFormatter, heading: str) -> None:
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


def _help_option(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_help_option(self: _click.core.Command, ctx: _click.Context) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    return get_help_option


def _type_name(original: Callable[..., str]) -> Callable[..., str]:
    def display_type(self: typer.core._TyperParameter, ctx: _click.Context) -> str:
        shown = original(self, ctx)
        if self.type_descriptor.is_choice:
            return shown  # the values a user types
        return _TYPE_WORD.sub(lambda m: TYPE_NAMES[m[0].lower()], shown).replace("list[", "多个[")

    return display_type


def _show_error(self: exceptions.ClickException, file: IO[Any] | None = None) -> None:
    echo(f"错误：{translate(self.format_message())}", file=file or _click._compat.get_text_stderr())


def _show_usage_error(self: exceptions.UsageError, file: IO[Any] | None = None) -> None:
    file = file or _click._compat.get_text_stderr()
    color = None
    if self.ctx is not None:
        color = self.ctx.color
        hint = ""
        if self.ctx.command.get_help_option(self.ctx) is not None:
            hint = f"用 {self.ctx.command_path} {self.ctx.help_option_names[0]} 查看帮助。\n"
        echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
    echo(f"错误：{translate(self.format_message())}", file=file, color=color)
