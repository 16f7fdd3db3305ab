"""One table of settings: name, default, help. Read from the environment, when used.

Every setting planwatch reads is a `Setting` listed in `SETTINGS`, and nothing else in the
package reads `PLANWATCH_*` from the environment; docs/settings.md lists exactly these
(a test holds the two together). A value is read each time it is asked for, so a test or a
server started with another environment sees its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import PlanwatchError


class SettingError(PlanwatchError):
    """A setting whose value cannot be read (a word where a number belongs)."""


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str  # Chinese, shown to administrators (docs/settings.md says the same in English)

    def value(self) -> str:
        return os.environ.get(self.name, self.default)

    def flag(self) -> bool:
        return self.value().strip().lower() in ("1", "true", "yes", "on")

    def integer(self, *, minimum: int = 0) -> int:
        text = self.value().strip()
        try:
            number = int(text)
        except ValueError:
            raise SettingError(f"设置 {self.name} 应为整数，现为“{text}”") from None
        if number < minimum:
            raise SettingError(f"设置 {self.name} 不能小于 {minimum}，现为 {number}")
        return number


DATABASE_URL = Setting(
    "PLANWATCH_DATABASE_URL",
    "",
    "数据库地址。未设置时使用本机 SQLite 文件（$PLANWATCH_HOME/planwatch.db）；"
    "PostgreSQL 写作 postgresql+psycopg://用户:密码@主机/库名",
)
HOME = Setting(
    "PLANWATCH_HOME",
    "",
    "planwatch 的数据目录，默认 $XDG_DATA_HOME/planwatch（通常是 ~/.local/share/planwatch）",
)
SECRET_KEY = Setting(
    "PLANWATCH_SECRET_KEY", "", "网页会话签名密钥；未设置时在数据目录中生成并保存 secret_key 文件"
)
PASSWORD = Setting("PLANWATCH_PASSWORD", "", "供脚本使用：planwatch user add 的密码；未设置时在终端输入两次")
SESSION_HOURS = Setting("PLANWATCH_SESSION_HOURS", "12", "网页登录会话的有效时长（小时）")
UPLOAD_MB = Setting("PLANWATCH_UPLOAD_MB", "5", "网页上传文件（数据填报导入）的大小上限（MB）")
LOGIN_FAILURES = Setting(
    "PLANWATCH_LOGIN_FAILURES", "5", "同一用户名和地址在时间窗内允许的登录失败次数，超过后暂时拒绝登录"
)
LOGIN_WINDOW_SECONDS = Setting("PLANWATCH_LOGIN_WINDOW_SECONDS", "600", "计算登录失败次数的时间窗（秒）")
SEPARATE_DUTIES = Setting(
    "PLANWATCH_SEPARATE_DUTIES",
    "1",
    "职责分离：为 1 时，填报数据的人不能审核或审批自己填报的数据；设为 0 关闭（不建议）",
)
PORTAL_MAX_AGE = Setting(
    "PLANWATCH_PORTAL_MAX_AGE", "300", "公开门户（/public/）页面允许浏览器和代理缓存的时长（秒）"
)

SETTINGS = (
    DATABASE_URL,
    HOME,
    SECRET_KEY,
    PASSWORD,
    SESSION_HOURS,
    UPLOAD_MB,
    LOGIN_FAILURES,
    LOGIN_WINDOW_SECONDS,
    SEPARATE_DUTIES,
    PORTAL_MAX_AGE,
)


def data_home() -> Path:
    if configured := HOME.value():
        return Path(configured)
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "planwatch"


def database_url() -> str:
    """PLANWATCH_DATABASE_URL, or a SQLite file in the data directory."""
    if configured := DATABASE_URL.value():
        return configured
    return f"sqlite:///{data_home() / 'planwatch.db'}"
