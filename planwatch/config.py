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
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
SESSION_HOURS = Setting("PLANWATCH_SESSION_HOURS", "12", "网页登录会话的最长有效时长（小时），到时须重新登录")
SESSION_IDLE_MINUTES = Setting(
    "PLANWATCH_SESSION_IDLE_MINUTES", "30", "网页登录后无操作多长时间（分钟）即失效，须重新登录"
)
TRUSTED_PROXIES = Setting(
    "PLANWATCH_TRUSTED_PROXIES",
    "",
    "可信反向代理的地址（逗号分隔）；只有来自这些地址的请求才采信 X-Forwarded-For 中的访客地址，默认不采信",
)
PAGE_CACHE_MB = Setting("PLANWATCH_PAGE_CACHE_MB", "256", "公开门户页面缓存占用内存的上限（MB）")
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
TIMEZONE = Setting(
    "PLANWATCH_TIMEZONE",
    "Asia/Shanghai",
    "显示时间所用的时区（IANA 时区名，如 Asia/Shanghai、Asia/Urumqi）；数据库中的时间一律按 UTC 保存",
)


# ---- limits on what one input may cost (docs/security.md) ------------------------------------------
# Sizes are written 50MB, 512KB or a number of bytes; counts and seconds as whole numbers. A file over a
# limit is refused with one Chinese line naming it; nothing of it is stored.
MAX_FILE_SIZE = Setting("PLANWATCH_MAX_FILE_SIZE", "50MB", "一个文件（规划文件或数据文件）的大小上限")
MAX_LINES = Setting("PLANWATCH_MAX_LINES", "200000", "一份规划文件读出的行数上限（表格每个单元格算一行）")
MAX_UNZIPPED_SIZE = Setting(
    "PLANWATCH_MAX_UNZIPPED_SIZE", "200MB", ".docx/.xlsx 文件解压后的总大小上限（含图片）"
)
MAX_XML_SIZE = Setting(
    "PLANWATCH_MAX_XML_SIZE",
    "32MB",
    ".docx/.xlsx 文件中 XML 部分解压后的总大小上限（正文、表格、共享字符串）",
)
PDF_MAX_PAGES = Setting("PLANWATCH_PDF_MAX_PAGES", "2000", "PDF 文件的页数上限")
PDF_MAX_STREAM_SIZE = Setting(
    "PLANWATCH_PDF_MAX_STREAM_SIZE", "32MB", "PDF 中单个压缩数据流（页面内容、字体等）解压后的大小上限"
)
PDF_MAX_PAGE_CONTENT = Setting(
    "PLANWATCH_PDF_MAX_PAGE_CONTENT",
    "256KB",
    "PDF 一页的内容（绘制文字和图形的指令，解压后）的大小上限；每个字符都要占用内存",
)
PDF_MAX_TABLE_LINES = Setting(
    "PLANWATCH_PDF_MAX_TABLE_LINES", "1000", "PDF 一页中表格线（合并后的横线和竖线）的数量上限"
)
PDF_MAX_TABLE_POINTS = Setting("PLANWATCH_PDF_MAX_TABLE_POINTS", "5000", "PDF 一页中表格线交点的数量上限")
PDF_MAX_DECODED_SIZE = Setting(
    "PLANWATCH_PDF_MAX_DECODED_SIZE", "256MB", "一个 PDF 文件全部数据流解压后的总大小上限"
)
HTML_MAX_SIZE = Setting("PLANWATCH_HTML_MAX_SIZE", "16MB", "网页（.html）文件的大小上限")
HTML_MAX_ELEMENTS = Setting("PLANWATCH_HTML_MAX_ELEMENTS", "400000", "网页中标签（元素）数量的上限")
READ_TIMEOUT = Setting(
    "PLANWATCH_READ_TIMEOUT", "20", "读取一个文件的时间上限（秒）；超时的文件被拒绝，不会一直占用服务器"
)
IMPORT_MAX_ROWS = Setting("PLANWATCH_IMPORT_MAX_ROWS", "100000", "导入的数据文件（CSV、Excel）的行数上限")
IMPORT_MAX_COLUMNS = Setting("PLANWATCH_IMPORT_MAX_COLUMNS", "200", "导入的数据文件的列数上限")
IMPORT_MAX_CELLS = Setting(
    "PLANWATCH_IMPORT_MAX_CELLS", "500000", "导入的数据文件读取的单元格总数上限（含空白单元格）"
)
IMPORT_MAX_FIELD_SIZE = Setting(
    "PLANWATCH_IMPORT_MAX_FIELD_SIZE", "128KB", "CSV 文件中一个单元格的大小上限（按字符计）"
)
XLSX_MAX_SHARED_STRINGS = Setting(
    "PLANWATCH_XLSX_MAX_SHARED_STRINGS", "1000000", "Excel 文件共享字符串表的条目数上限"
)
MAX_PROBLEMS = Setting("PLANWATCH_MAX_PROBLEMS", "100", "一次列出的问题条数上限（其余只计数）")

LIMITS = (
    MAX_FILE_SIZE,
    MAX_LINES,
    MAX_UNZIPPED_SIZE,
    MAX_XML_SIZE,
    PDF_MAX_PAGES,
    PDF_MAX_STREAM_SIZE,
    PDF_MAX_PAGE_CONTENT,
    PDF_MAX_TABLE_LINES,
    PDF_MAX_TABLE_POINTS,
    PDF_MAX_DECODED_SIZE,
    HTML_MAX_SIZE,
    HTML_MAX_ELEMENTS,
    READ_TIMEOUT,
    IMPORT_MAX_ROWS,
    IMPORT_MAX_COLUMNS,
    IMPORT_MAX_CELLS,
    IMPORT_MAX_FIELD_SIZE,
    XLSX_MAX_SHARED_STRINGS,
    MAX_PROBLEMS,
)

# ---- backup (planwatch backup / restore) ------------------------------------------------------------
PG_BIN = Setting(
    "PLANWATCH_PG_BIN",
    "",
    "PostgreSQL 的 pg_dump、pg_restore 所在目录；未设置时在 PATH 和 /usr/lib/postgresql/*/bin 中查找",
)

# ---- tasks and their follow-up (docs/tasks.md) ------------------------------------------------------
TASK_REPORT_DAYS = Setting(
    "PLANWATCH_TASK_REPORT_DAYS", "15", "报告期结束后多少天内应报送任务进展；超过仍未报送即为“未报送”"
)
EVIDENCE_MAX_SIZE = Setting(
    "PLANWATCH_EVIDENCE_MAX_SIZE", "10MB", "任务进展报告的一个佐证材料（PDF、图片）的大小上限"
)
EVIDENCE_MAX_FILES = Setting("PLANWATCH_EVIDENCE_MAX_FILES", "5", "一份任务进展报告可附的佐证材料个数上限")
NOTICE_NUMBER = Setting(
    "PLANWATCH_NOTICE_NUMBER",
    "新发改督〔{year}〕{n}号",
    "督办单编号的写法：{year} 为签发年份，{n} 为当年顺序号（全库统一编号）",
)

# ---- reports (planwatch report) ---------------------------------------------------------------------
REPORT_FONT = Setting(
    "PLANWATCH_REPORT_FONT",
    "",
    "报告图表使用的中文字体文件；未设置时使用已安装的 Noto CJK 字体（fonts-noto-cjk）",
)
SOFFICE = Setting(
    "PLANWATCH_SOFFICE",
    "",
    "生成 PDF 报告所用的 LibreOffice 程序（soffice）；未设置时在 PATH 中查找",
)
REPORT_PDF_TIMEOUT = Setting(
    "PLANWATCH_REPORT_PDF_TIMEOUT", "120", "LibreOffice 把一份报告转换为 PDF 的时间上限（秒）"
)

_SIZE_UNITS = {"": 1, "B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def count(setting: Setting) -> int:
    """A whole-number setting (a count or seconds), at least 1; empty means the default."""
    text = setting.value().strip() or setting.default
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise SettingError(f"设置 {setting.name}={text!r} 无效：应为正整数（默认 {setting.default}）")
    return int(text)


def size(setting: Setting) -> int:
    """A size setting in bytes: `50MB`, `512KB`, `1GB` or a number of bytes; empty means the default."""
    text = (setting.value().strip() or setting.default).upper().replace(" ", "")
    digits = text.rstrip("KMGB")
    unit = text[len(digits) :]
    if not digits.isascii() or not digits.isdigit() or unit not in _SIZE_UNITS or int(digits) < 1:
        shown = f"{setting.name}={setting.value()!r}"
        raise SettingError(f"设置 {shown} 无效：应写作 50MB、512KB 或字节数（默认 {setting.default}）")
    return int(digits) * _SIZE_UNITS[unit]


SETTINGS = (
    DATABASE_URL,
    HOME,
    SECRET_KEY,
    PASSWORD,
    SESSION_HOURS,
    SESSION_IDLE_MINUTES,
    TRUSTED_PROXIES,
    PAGE_CACHE_MB,
    UPLOAD_MB,
    LOGIN_FAILURES,
    LOGIN_WINDOW_SECONDS,
    TIMEZONE,
    *LIMITS,
    PG_BIN,
    SEPARATE_DUTIES,
    PORTAL_MAX_AGE,
    TASK_REPORT_DAYS,
    EVIDENCE_MAX_SIZE,
    EVIDENCE_MAX_FILES,
    NOTICE_NUMBER,
    REPORT_FONT,
    SOFFICE,
    REPORT_PDF_TIMEOUT,
)


def timezone() -> ZoneInfo:
    """The zone times are shown in (PLANWATCH_TIMEZONE); an unknown name stops with one Chinese line."""
    name = TIMEZONE.value().strip() or TIMEZONE.default
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingError(
            f"设置 {TIMEZONE.name}={name!r} 无效：应为 IANA 时区名，如 Asia/Shanghai"
        ) from None


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
