"""Characters per second of ``kg extract`` with and without an optional mention signal.

    python bench/extract_speed.py                    # +lac, 5 rounds, seeds + ../shared/dev/texts
    python bench/extract_speed.py --signals +lac --rounds 3 FILES…

Beside ``bench/ablation.py`` (F1 and warm in-process time per signal), this
times what a user runs: a fresh ``kg extract`` process (start-up and model
load included), the same pipeline warm in this process, and bare
``jieba.lcut`` and ``rjieba.cut`` passes over the same texts, all in
interleaved rounds (medians), wall clock and CPU (user+sys). The machine is
shared: compare rows within one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = [REPO / "seeds", REPO.parent / "shared" / "dev" / "texts"]
KG = Path(sys.executable).with_name("kg")


def _cli(files: list[str], spec: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``kg extract`` process over ``files``."""
    env = dict(os.environ, KG_SIGNALS=spec)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(KG), "extract", *files], env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="*", help="files or folders (default: seeds + dev texts)")
    ap.add_argument("--signals", default="+lac", help="the optional signal(s) to time on")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)

    import jieba
    import rjieba

    from kg.extract import run_pipeline
    from kg.extract.mentions import active_signals
    from kg.ingest import iter_sources, read_document

    active_signals(args.signals)  # fail early, in one line, if it is unknown or not installed
    sources = args.sources or [str(p) for p in DEFAULT_SOURCES if p.exists()]
    paths, _ = iter_sources(sources)
    files = [str(p) for p in paths]
    texts = [read_document(f).text for f in files]
    chars = sum(map(len, texts))

    def pipeline(spec: str) -> None:
        os.environ["KG_SIGNALS"] = spec
        for f in files:
            run_pipeline(read_document(f))

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    rjieba.cut("预热")
    pipeline("")
    pipeline(args.signals)  # warm: lexicons, POS cache, the model
    on = f"--signals {args.signals}"
    runs: dict[str, list[tuple[float, float]]] = {
        "`kg extract`": [],
        f"`kg extract {on}`": [],
        "pipeline, warm, in process": [],
        f"pipeline {args.signals}, warm, in process": [],
        "bare `jieba.lcut`": [],
        "bare `rjieba.cut`": [],
    }
    rows = list(runs.values())
    for _ in range(max(1, args.rounds)):
        rows[0].append(_cli(files, ""))
        rows[1].append(_cli(files, args.signals))
        rows[2].append(_timed(lambda: pipeline("")))
        rows[3].append(_timed(lambda: pipeline(args.signals)))
        rows[4].append(_timed(lambda: [jieba.lcut(t) for t in texts]))
        rows[5].append(_timed(lambda: [rjieba.cut(t) for t in texts]))
    os.environ.pop("KG_SIGNALS", None)

    print(f"{len(files)} documents, {chars:,} characters, median of {args.rounds} rounds")
    print("| pass | wall s | CPU s | chars/s (wall) | chars per CPU-s |")
    print("|---|---|---|---|---|")
    for label, times in runs.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {chars / wall:,.0f} | {chars / cpu:,.0f} |")


if __name__ == "__main__":
    from kg.errors import KgError

    try:
        main()
    except KgError as e:
        raise SystemExit(f"extract_speed: error: {e}") from None
