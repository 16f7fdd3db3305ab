"""Memory and time of the hostile inputs of issue 17 (printed, not asserted).

Each file of tests/hostile_files.py is built in a temporary directory, then read in a child
process under an address-space ceiling (RLIMIT_AS) and a wall-clock timeout, so a reader that
runs away is stopped rather than taking the machine with it. Two stages per file:

- reader: `load_document` (plan files) or `read_import` (figure files) alone;
- cli: the command a user runs — `planwatch parse FILE --format text`, or
  `planwatch observe 1 FILE` into a database holding the bundled plan and its demo figures.

Per run: the outcome (the first line printed, or how it was stopped), the child's peak RSS and
its wall time. Goal: no input of ≤ 50 MB costs more than 1 GB or 30 s.

    python bench/hostile.py                      # every case, both stages, 4 GB ceiling, 120 s timeout
    python bench/hostile.py --stage reader --ceiling-gb 2 --timeout 60 --only pdf
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from tests.hostile_files import CASES, READER_SCRIPT  # noqa: E402


@dataclass(frozen=True)
class Run:
    outcome: str
    peak_mb: float
    seconds: float


def run_limited(command: list[str], ceiling: int, timeout: float, env: dict[str, str]) -> Run:
    """Run `command` under RLIMIT_AS = `ceiling` bytes; kill it after `timeout` seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))

    start = time.monotonic()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=limit, env=env, cwd=ROOT
    )
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        child.kill()

    timer = threading.Timer(timeout, kill)
    timer.start()
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
    timer.cancel()
    seconds = time.monotonic() - start
    lines = [line for line in output.splitlines() if line.strip()]
    if killed.is_set():
        outcome = f"stopped after {timeout:.0f} s"
    elif any("MemoryError" in line for line in lines):
        outcome = f"MemoryError at the {ceiling / 2**30:.1f} GB ceiling"
    elif child.returncode < 0:
        outcome = f"killed by signal {-child.returncode}"
    else:
        outcome = (
            (lines[-1] if child.returncode and lines and "Error" in lines[-1] else lines[0]) if lines else ""
        )
        outcome = f"exit {child.returncode}: {outcome[:110]}"
    return Run(outcome, usage.ru_maxrss / 1024, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stage", choices=("reader", "cli", "both"), default="both")
    parser.add_argument("--ceiling-gb", type=float, default=4.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", default="", help="run the cases whose name contains this text")
    args = parser.parse_args()
    ceiling = int(args.ceiling_gb * 2**30)
    python = sys.executable
    planwatch = str(Path(python).with_name("planwatch"))
    with tempfile.TemporaryDirectory(prefix="planwatch-hostile-") as temp:
        directory = Path(temp)
        env = {**os.environ, "PLANWATCH_HOME": str(directory / "home"), "COLUMNS": "200"}
        env.pop("PLANWATCH_DATABASE_URL", None)
        if args.stage != "reader":
            subprocess.run([planwatch, "demo"], env=env, check=True, capture_output=True)
        limits = f"ceiling {args.ceiling_gb:g} GB (RLIMIT_AS), timeout {args.timeout:.0f} s"
        print(f"{limits}; peak = the child's max RSS")
        print(f"{'case':<58} {'stage':<6} {'file':>9} {'peak MB':>8} {'s':>7}  outcome")
        for name, (build, kind) in CASES.items():
            if args.only not in name:
                continue
            path = build(directory)
            size = f"{path.stat().st_size / 2**20:.1f} MB"
            stages = ("reader", "cli") if args.stage == "both" else (args.stage,)
            for stage in stages:
                if stage == "reader":
                    command = [python, "-c", READER_SCRIPT, kind, str(path)]
                elif kind == "document":
                    command = [planwatch, "parse", str(path), "--format", "text"]
                else:
                    command = [planwatch, "observe", "1", str(path)]
                run = run_limited(command, ceiling, args.timeout, env)
                print(
                    f"{name:<58} {stage:<6} {size:>9} {run.peak_mb:>8.0f} {run.seconds:>7.1f}  {run.outcome}"
                )
            path.unlink()


if __name__ == "__main__":
    main()
