"""Run every benchmark and print the table (targets: RESULTS.md).

    .venv/bin/python -m benchmarks [--sizes 1k,10k,100k] [--repeat N] [--steps N]
                                   [--only startup,window,import,export,search]
                                   [--json OUT]

At each size: start-up against a bare PySide6 window and the window's peak memory (startup),
stepping, grading, filtering and sorting in the real window (window), import (import) and
export against a bare openpyxl dump (export), and, with ``--only search``, full-text search
over as many documents as the size's cases and the import of documents with and without
their text (search).
Import and export run at sizes up to
``--io-max`` (10k: their targets are stated at 10,000 cases). Median and 95th percentile are
over every sample of the repeated runs. Writes JSON to ``--json`` (default
build/benchmarks/results.json) after each size. Exit status 1 only when a measure failed to
run: it measures, it does not judge a target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import Result, size_label, table
from benchmarks.data import import_workbook, inspection_file, working_copy

ROOT = Path(__file__).resolve().parent.parent
MEASURES = ("startup", "window", "import", "export", "search")
#: What runs without ``--only``: search builds its own files (100,000 documents take about five
#: minutes to write once), so it runs when asked for (``--only search``).
DEFAULT_MEASURES = ("startup", "window", "import", "export")


def parse_size(text: str) -> int:
    text = text.strip().lower().replace(",", "").replace("_", "")
    if text.endswith("k"):
        return int(float(text[:-1]) * 1000)
    return int(text)


def _git_state() -> str:
    """The commit measured, and whether the work tree held uncommitted changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' with uncommitted changes' if dirty else ''}"


def machine() -> dict[str, object]:
    """What the numbers were measured on, and how busy it was."""
    info: dict[str, object] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "git": _git_state(),
        "load_average": os.getloadavg(),
    }
    try:
        import sqlcipher3

        info["sqlcipher3_sqlite"] = sqlcipher3.sqlite_version
    except ImportError:
        pass
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default="1k,10k,100k", help="case counts, e.g. 1k,10k,100k")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measure")
    parser.add_argument("--steps", type=int, default=200, help="steps/grades per window run")
    parser.add_argument(
        "--only",
        default=",".join(DEFAULT_MEASURES),
        help=f"measures to run, of {','.join(MEASURES)} (default {','.join(DEFAULT_MEASURES)})",
    )
    parser.add_argument("--io-max", default="10k", help="largest size for import and export")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=None, help="folder of generated files")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "benchmarks" / "results.json")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    only = {m.strip() for m in args.only.split(",") if m.strip()}
    unknown = only - set(MEASURES)
    if unknown:
        parser.error(
            f"unknown measures: {', '.join(sorted(unknown))} (one of {', '.join(MEASURES)})"
        )
    io_max = parse_size(args.io_max)

    from auditor.samples.synthetic import BENCH_ASSESSOR
    from benchmarks import exporting, first_indexing, importing, search, startup, window

    started_at = datetime.now(UTC)
    started = time.perf_counter()
    load_before = os.getloadavg()
    results: list[Result] = []
    work = Path(tempfile.mkdtemp(prefix="bench-run-"))
    failures: list[str] = []

    def measure(what: str, size: int, action: Callable[[], list[Result]]) -> None:
        print(f"{size_label(size)}: {what}", flush=True)
        try:
            results.extend(action())
        except Exception as exc:  # one measure failing must not lose the others
            failures.append(f"{what} at {size_label(size)}: {exc}")
            print(f"  FAILED: {exc}", flush=True)

    for size in sizes:
        print(f"{size_label(size)} cases: preparing", flush=True)
        needs_file = bool(only & {"startup", "window"}) or (size <= io_max and "export" in only)
        source = inspection_file(size, args.seed, args.cache) if needs_file else Path()
        if "startup" in only:
            db = working_copy(source, work, f"start-{size}.caseaudit")
            measure(
                "start-up and memory",
                size,
                lambda db=db, size=size: startup.run(db, size, args.repeat, BENCH_ASSESSOR),
            )
        if "window" in only:
            db = working_copy(source, work, f"window-{size}.caseaudit")
            measure(
                "stepping, grading, filtering",
                size,
                lambda db=db, size=size: window.run(
                    db, size, args.repeat, args.steps, BENCH_ASSESSOR
                ),
            )
            unindexed = working_copy(source, work, f"first-indexing-{size}.caseaudit")
            measure(
                "stepping and grading while the documents are first indexed",
                size,
                lambda db=unindexed, size=size: first_indexing.run(
                    db, size, args.steps, BENCH_ASSESSOR
                ),
            )
        if size <= io_max and "import" in only:
            import_workbook(size, args.seed, args.cache)
            measure(
                "import",
                size,
                lambda size=size: importing.run(size, args.repeat, args.seed, args.cache),
            )
        if size <= io_max and "export" in only:
            db = working_copy(source, work, f"export-{size}.caseaudit")
            measure("export", size, lambda db=db, size=size: exporting.run(db, size, args.repeat))
        if "search" in only:
            measure(
                "search of documents",
                size,
                lambda size=size: search.run(size, args.repeat, args.seed, args.cache),
            )
            if size <= io_max:
                measure(
                    "import with documents",
                    size,
                    lambda size=size: search.run_import(size, args.repeat, args.seed, args.cache),
                )
        for leftover in work.iterdir():
            leftover.unlink()
        write_json(args.json, started_at, started, argv, args, load_before, results, failures)

    shutil.rmtree(work, ignore_errors=True)
    write_json(args.json, started_at, started, argv, args, load_before, results, failures)
    print()
    print(table(results))
    for failure in failures:
        print(f"FAILED: {failure}")
    print(f"\nload average before/after: {load_before} / {os.getloadavg()}")
    print(f"JSON written to {args.json}")
    return 1 if failures else 0


def write_json(
    out: Path,
    started_at: datetime,
    started: float,
    argv: list[str] | None,
    args: argparse.Namespace,
    load_before: tuple[float, float, float],
    results: list[Result],
    failures: list[str],
) -> None:
    """The report so far (written after each size, so a long run keeps what it measured)."""
    from auditor.samples.synthetic import GENERATOR_VERSION

    report = {
        "date": started_at.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "command": [
            sys.executable,
            "-m",
            "benchmarks",
            *(argv if argv is not None else sys.argv[1:]),
        ],
        "generator_version": GENERATOR_VERSION,
        "seed": args.seed,
        "repeat": args.repeat,
        "steps": args.steps,
        "machine": machine() | {"load_average_before": load_before},
        "results": [r.as_json() for r in results],
        "failures": failures,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    raise SystemExit(main())
