"""Two checkouts' builds of one corpus, paired: which is faster, in CPU time.

    git archive main | tar -x -C /tmp/before     # the tree to compare against
    python bench/build_pair.py /tmp/before . /tmp/c300 --rounds 3

Each checkout gets one warm process (imports, dictionaries, a first build of
``seeds/``) that runs ``kg.build.build(corpus, jobs=1)`` on command; the rounds
alternate which goes first. Prints each build's wall and CPU time (the CPU time
of the building process: on a shared machine the steadier of the two), the
medians, and the median over rounds of before's CPU over after's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_WORKER = r"""
import json, shutil, sys, time
from kg.build import build
build(["seeds"], sys.argv[1] + "/warm", progress=False)
print(json.dumps({"ready": 1}), flush=True)
for line in sys.stdin:
    c = json.loads(line)
    shutil.rmtree(c["store"], ignore_errors=True)
    t0, c0 = time.perf_counter(), time.process_time()
    build([c["docs"]], c["store"], jobs=1, progress=False)
    print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}),
          flush=True)
    shutil.rmtree(c["store"], ignore_errors=True)
"""


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", help="a checkout (its kg/ is imported from there)")
    ap.add_argument("after", help="another checkout")
    ap.add_argument("corpus", help="a folder of documents (bench/corpus.py)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-pair-"))
    trees = {"before": args.before, "after": args.after}
    workers = {
        k: subprocess.Popen([sys.executable, "-c", _WORKER, str(work / k)], cwd=v,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for k, v in trees.items()
    }  # fmt: skip
    for w in workers.values():
        w.stdout.readline()
    runs: dict[str, list[dict]] = {k: [] for k in workers}
    for r in range(args.rounds):
        for k in list(workers) if r % 2 == 0 else list(workers)[::-1]:
            cmd = {"docs": str(Path(args.corpus).resolve()), "store": str(work / f"store-{k}")}
            workers[k].stdin.write(json.dumps(cmd) + "\n")
            workers[k].stdin.flush()
            runs[k].append(json.loads(workers[k].stdout.readline()))
            print(k, {m: round(v, 2) for m, v in runs[k][-1].items()}, flush=True)
    for w in workers.values():
        w.stdin.close()
        w.wait(60)
    shutil.rmtree(work, ignore_errors=True)  # the stores of both sides
    out = {
        k: {m: round(statistics.median(x[m] for x in v), 2) for m in ("cpu", "wall")}
        for k, v in runs.items()
    }
    pairs = zip(runs["before"], runs["after"], strict=True)
    ratio = statistics.median(b["cpu"] / a["cpu"] for b, a in pairs)
    out["before_over_after_cpu"] = round(ratio, 3)
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
