"""Ingest speed figures (printed, not asserted).

1. parse of the seed in-process: read + tables + outline + indicators — goal ≤ 50 ms; the full parse
   with targets and projects — goal ≤ 100 ms (medians of 20)
2. `planwatch ingest` of the seed as a new process, wall time incl. interpreter start — goal ≤ 1.5 s
3. batch ingest of 200 distinct copies with both cores, progress bar on — goal ≥ 20 plans/s
4. the seed as a PDF (its Word file exported by LibreOffice, tests/seed_pdfs.py): read + parse
   beside `pdftotext -layout` of the same file — goal ≤ 1.5 s; a 300+ page PDF's peak memory in
   a fresh process — goal ≤ 500 MB (needs soffice, and pdftotext from scripts/system-deps.sh bench)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planwatch.document import load_document
from planwatch.parse.indicators import parse_indicator_table
from planwatch.parse.outline import parse_outline
from planwatch.parse.pipeline import all_tables
from planwatch.parse.tables import table_title
from planwatch.services.plans import bundled_plan_path, read_plan

BIN = Path(sys.executable).parent


def parse_seed(repeats: int = 20) -> tuple[float, float]:
    """(read + tables + outline + indicators, the full parse with targets and projects), medians."""
    seed = bundled_plan_path()
    read_plan(seed)  # warm imports and caches
    structure, full = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        document = load_document(seed)
        tables = all_tables(document)
        outline = parse_outline(document, tables)
        for number, table in enumerate(tables, 1):
            parse_indicator_table(
                table, table_title(document, table), number, outline.section_at(table.first_line)
            )
        structure.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_plan(seed)
        full.append(time.perf_counter() - start)
    return statistics.median(structure), statistics.median(full)


def cli_ingest(workdir: Path, repeats: int = 5) -> tuple[float, float]:
    """(first ingest into a fresh database, re-ingest of the same file) wall seconds, medians."""
    first, again = [], []
    for n in range(repeats):
        env = {**os.environ, "PLANWATCH_DATABASE_URL": f"sqlite:///{workdir / f'cli-{n}.db'}"}
        for bucket in (first, again):
            start = time.perf_counter()
            subprocess.run([BIN / "planwatch", "ingest"], env=env, check=True, capture_output=True)
            bucket.append(time.perf_counter() - start)
    return statistics.median(first), statistics.median(again)


def batch_ingest(workdir: Path, copies: int = 200, jobs: int = 2) -> float:
    text = bundled_plan_path().read_text(encoding="utf-8")
    folder = workdir / "copies"
    folder.mkdir()
    paths = []
    for n in range(copies):
        path = folder / f"plan-{n:03d}.txt"
        path.write_text(text + f"\n（副本{n}）\n", encoding="utf-8")
        paths.append(str(path))
    env = {**os.environ, "PLANWATCH_DATABASE_URL": f"sqlite:///{workdir / 'batch.db'}"}
    start = time.perf_counter()
    subprocess.run(
        [BIN / "planwatch", "ingest", "--jobs", str(jobs), *paths],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return copies / (time.perf_counter() - start)


def pdf_reading(workdir: Path, repeats: int = 5) -> None:
    """Seed PDFs: our read + parse beside pdftotext; peak memory of reading a long PDF."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests import seed_pdfs

    variants = tuple(v for v in seed_pdfs.VARIANTS if v.name in ("as_is", "a4_fangsong_gongwen"))
    paths = seed_pdfs.build(workdir / "pdf", variants)
    long_pdf = _joined([paths["as_is"], paths["a4_fangsong_gongwen"]], workdir / "long.pdf")
    pdftotext = shutil.which("pdftotext")
    for name, path in [*paths.items(), ("joined", long_pdf)]:
        pages = _page_count(path)
        ours = _median(lambda p=path: read_plan(p), repeats)
        line = f"{name:<22} {pages:4d} pages: read + parse {ours:6.2f} s"
        if pdftotext:
            theirs = _median(
                lambda p=path: subprocess.run([pdftotext, "-layout", str(p), os.devnull], check=True), repeats
            )
            line += f"   pdftotext -layout {theirs:6.2f} s   ratio {ours / theirs:4.1f}×"
        print(line + ("   (goal ≤ 1.5 s)" if name == "as_is" else ""))
    if not pdftotext:
        print("pdftotext not installed (scripts/system-deps.sh bench): no side-by-side figure")
    code = (
        "import resource; from planwatch.services.plans import read_plan; "
        f"read_plan({str(long_pdf)!r}); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    child = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    peak_mb = int(child.stdout) / 1024
    pages = _page_count(long_pdf)
    print(f"peak memory reading and parsing {pages} pages, fresh process: {peak_mb:6.0f} MB (goal ≤ 500 MB)")


def _median(work: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _joined(paths: list[Path], target: Path) -> Path:
    """One PDF holding the pages of `paths` in turn (a long plan for the memory figure)."""
    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    for path in paths:
        source = pdfium.PdfDocument(str(path))
        joined.import_pages(source)
        source.close()
    joined.save(str(target))
    joined.close()
    return target


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        structure, full = parse_seed()
        print(
            f"read + tables + outline + indicators of the seed:  {structure * 1000:7.1f} ms   (goal ≤ 50 ms)"
        )
        print(f"full parse incl. targets and projects (median 20): {full * 1000:7.1f} ms   (goal ≤ 100 ms)")
        first, again = cli_ingest(workdir)
        print(f"planwatch ingest, fresh database (wall, median): {first:7.2f} s    (goal ≤ 1.5 s)")
        print(f"planwatch ingest, same file again (wall):        {again:7.2f} s")
        rate = batch_ingest(workdir)
        print(f"batch ingest of 200 copies, 2 processes:         {rate:7.1f} plans/s (goal ≥ 20)")
        if shutil.which("soffice"):
            pdf_reading(workdir)
        else:
            print("soffice not installed (scripts/system-deps.sh test): no PDF figures")


if __name__ == "__main__":
    main()
