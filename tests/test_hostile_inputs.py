"""Small files that unpack into gigabytes are refused in bounded memory, with one Chinese line.

Each hostile file of issue 17 is built here (tests/hostile_files.py; nothing big is committed) and
read in a child process under a 1 GiB address-space ceiling (RLIMIT_AS). Before the limits,
every one of them passed the ceiling or printed a traceback (bench/hostile.py has the figures).
The timeout below only stops a runaway child; speed is measured in bench/hostile.py.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile_files
from tests.hostile_files import READER_SCRIPT

CEILING = 1 << 30  # bytes of address space; a bare interpreter with the readers loaded uses ~150 MB
ROOT = Path(__file__).parent.parent


def read_under_ceiling(kind: str, path: Path, **settings: str) -> list[str]:
    """The lines the reader prints for `path`, read in a child process limited to CEILING bytes.

    The child sees the default limits, but for `settings` (PLANWATCH_… = value).
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CEILING, CEILING))

    env = {key: value for key, value in os.environ.items() if not key.startswith("PLANWATCH_")}
    env.update(settings)
    result = subprocess.run(
        [sys.executable, "-c", READER_SCRIPT, kind, str(path)],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]  # a MemoryError or a traceback fails here
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.splitlines()


def build(tmp_path_factory: pytest.TempPathFactory, builder: Callable[[Path], Path]) -> Path:
    return builder(tmp_path_factory.mktemp("hostile"))


def test_xlsx_with_a_million_formatted_empty_rows_and_a_lying_dimension_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.xlsx_million_empty_rows)
    assert path.stat().st_size < 3 * hostile_files.MB
    lines = read_under_ceiling("import", path)
    assert lines[0].startswith(f"拒绝：{path}：导入被拒绝：共1个问题")
    # Its 46 MB of sheet XML is over the XML limit; with that raised, the row limit stops it.
    assert lines[1].startswith("解压后的 XML 内容（45.7 MB）超过上限 32 MB（设置 PLANWATCH_MAX_XML_SIZE）")
    lines = read_under_ceiling("import", path, PLANWATCH_MAX_XML_SIZE="100MB")
    assert lines[1] == "工作表“指标数据”超过 100,000 行（设置 PLANWATCH_IMPORT_MAX_ROWS），请拆分后导入"


def test_xlsx_whose_shared_strings_unpack_to_a_gigabyte_is_refused_before_openpyxl_reads_them(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.xlsx_huge_shared_strings)
    lines = read_under_ceiling("import", path)
    reason = "解压后的大小（1 GB）超过上限 200 MB（设置 PLANWATCH_MAX_UNZIPPED_SIZE），可能是恶意文件"
    assert lines[1] == reason
    lines = read_under_ceiling("import", path, PLANWATCH_MAX_UNZIPPED_SIZE="2GB")
    assert lines[1] == (
        "解压后的 XML 内容（1 GB）超过上限 32 MB（设置 PLANWATCH_MAX_XML_SIZE），文件过大或是恶意文件"
    )


def test_xlsx_with_more_shared_strings_than_the_limit_is_refused_by_counting_them(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.xlsx_many_shared_strings)
    lines = read_under_ceiling("import", path)
    assert lines[1] == "共享字符串表的条目超过上限 1,000,000 个（设置 PLANWATCH_XLSX_MAX_SHARED_STRINGS）"


def test_csv_of_a_million_duplicate_rows_is_refused_at_the_row_limit(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.csv_duplicate_rows)
    lines = read_under_ceiling("import", path)
    assert lines[1] == "文件超过 100,000 行（设置 PLANWATCH_IMPORT_MAX_ROWS），请拆分后导入"


def test_csv_field_over_128_kb_is_one_chinese_line_not_a_csv_error(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.csv_huge_field)
    lines = read_under_ceiling("import", path)
    reason = "有一个单元格超过 128 KB（设置 PLANWATCH_IMPORT_MAX_FIELD_SIZE），不像是数据文件"
    assert lines[1] == f"第2行：{reason}"


def test_docx_holding_480_mb_of_valid_paragraphs_is_refused_before_python_docx_parses_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.docx_many_paragraphs)
    assert path.stat().st_size < 2 * hostile_files.MB
    lines = read_under_ceiling("document", path)
    reason = "解压后的大小（480 MB）超过上限 200 MB（设置 PLANWATCH_MAX_UNZIPPED_SIZE），可能是恶意文件"
    assert lines == [f"拒绝：{path}：{reason}"]
    lines = read_under_ceiling("document", path, PLANWATCH_MAX_UNZIPPED_SIZE="1GB")
    reason = "解压后的 XML 内容（480 MB）超过上限 32 MB（设置 PLANWATCH_MAX_XML_SIZE），文件过大或是恶意文件"
    assert lines == [f"拒绝：{path}：{reason}"]


def test_pdf_with_a_gigabyte_flate_stream_is_refused_when_the_stream_passes_its_limit(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.pdf_flate_bomb)
    assert path.stat().st_size < 2 * hostile_files.MB
    lines = read_under_ceiling("document", path)
    reason = "PDF 中一个数据流解压后超过上限 32 MB（设置 PLANWATCH_PDF_MAX_STREAM_SIZE），可能是恶意文件"
    assert lines == [f"拒绝：{path}：{reason}"]


def test_html_of_44_mb_is_refused_before_lxml_builds_its_tree(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.html_many_elements)
    lines = read_under_ceiling("document", path)
    assert lines == [f"拒绝：{path}：网页文件（44 MB）超过上限 16 MB（设置 PLANWATCH_HTML_MAX_SIZE）"]


def test_text_file_of_13_million_lines_is_refused_before_the_lines_are_built(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = build(tmp_path_factory, hostile_files.txt_many_lines)
    lines = read_under_ceiling("document", path)
    assert lines == [f"拒绝：{path}：文件的行数超过上限 200,000 行（设置 PLANWATCH_MAX_LINES）"]
