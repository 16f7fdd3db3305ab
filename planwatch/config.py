"""One table of settings: name, default, help. Read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.name, self.default)


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
PUBLIC = Setting("PLANWATCH_PUBLIC", "", "设为 1 时，未登录的访客可以只读浏览网页界面；否则先登录")
SECRET_KEY = Setting(
    "PLANWATCH_SECRET_KEY", "", "网页会话签名密钥；未设置时在数据目录中生成并保存 secret_key 文件"
)

SETTINGS = (DATABASE_URL, HOME, PUBLIC, SECRET_KEY)


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
