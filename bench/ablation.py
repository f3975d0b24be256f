"""Ablation of the mention signals over every gold set: what each signal buys, and at what cost.

    python bench/ablation.py                       # seeds + ../shared/dev, 3 timed runs each
    python bench/ablation.py ../shared/gold:seeds --repeat 1
    python bench/ablation.py --optional lac        # also time the optional signal(s) named

Arguments are gold sets as ``kg eval`` takes them (GOLD:TEXTS, GOLD FILES…,
GOLD); the default is the seeds and the dev set beside this checkout. Every
configuration (all default signals, each one switched off through
``run_pipeline``'s ``disable=``, each optional signal switched on through
``$KG_SIGNALS``) is scored per set and over all sets, with its extraction time
(``run_pipeline`` only, not reading the files; the fastest of ``--repeat``
rounds, configurations interleaved, after an untimed warm-up pass that loads
lexicons, caches and models).
A bare ``jieba.lcut`` pass over the same texts is the speed yardstick.

The last table is the point: for each signal, the entity and relation F1 it
adds over all sets and the seconds it costs, so "F1 gained per second spent"
is read off directly. Timings are wall-clock on a shared machine: compare
them within one run, not across runs; a signal whose cost is below the timing
noise (Δ seconds ≤ 5 ms, or negative) gets no F1-per-second figure.
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KgError
from kg.evaluate import GoldSet, MultiReport, evaluate_sets, gold_sets
from kg.extract import mentions
from kg.ingest import read_document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_SETS = (
    f"{SHARED / 'gold'}:{REPO / 'seeds'}",
    f"{SHARED / 'dev' / 'gold'}:{SHARED / 'dev' / 'texts'}",
)


@contextmanager
def signals_env(spec: str):
    """``$KG_SIGNALS`` set to ``spec`` for the duration (how optional signals are switched on)."""
    old = os.environ.get("KG_SIGNALS")
    os.environ["KG_SIGNALS"] = spec
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("KG_SIGNALS", None)
        else:
            os.environ["KG_SIGNALS"] = old


def measure(
    sets: list[GoldSet], configs: list[tuple[str, str, str, frozenset[str]]], repeat: int
) -> list[tuple[str, str, MultiReport]]:
    """Run the configurations interleaved, ``repeat`` rounds; keep the scores
    (deterministic) and each set's fastest time: load from other processes only
    ever adds time, and interleaving spreads it over every configuration."""
    reports: dict[str, MultiReport] = {}
    times: dict[str, list[list[float]]] = {label: [] for label, *_ in configs}
    for _ in range(max(1, repeat)):
        for label, _name, spec, disable in configs:
            with signals_env(spec):
                multi = evaluate_sets(sets, disable=disable)
            reports.setdefault(label, multi)
            times[label].append([s.seconds for s in multi.sets])
    out = []
    for label, name, *_ in configs:
        multi = reports[label]
        for k, s in enumerate(multi.sets):
            s.seconds = min(t[k] for t in times[label])
        out.append((label, name, multi))
    return out


def jieba_seconds(multi: MultiReport, repeat: int) -> dict[str, float]:
    """A bare ``jieba.lcut`` over the texts each set scored (warm: dictionary loaded first)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    out = {}
    for s in multi.sets:
        texts = [read_document(f).text for f in s.files]
        times = []
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            for t in texts:
                jieba.lcut(t)
            times.append(time.perf_counter() - t0)
        out[s.name] = min(times)
    return out


def _rows(label: str, multi: MultiReport) -> list[str]:
    rows = []
    named = [(s.name, s.report, s.chars, s.seconds) for s in multi.sets]
    named.append(("ALL", multi.overall, multi.chars, multi.seconds))
    for k, (name, r, chars, secs) in enumerate(named):
        cps = chars / secs if secs else 0.0
        rows.append(
            f"{label if k == 0 else '':22}{name:8}{r.entities.f1:10.3f}{r.relations.f1:12.3f}"
            f"{secs:11.3f}{cps:11,.0f}"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "sets", nargs="*", help="gold sets as kg eval takes them (default: seeds + dev)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds (the fastest counts)")
    ap.add_argument(
        "--optional",
        nargs="*",
        default=None,
        help="optional signals to time switched on (default: every optional signal installed)",
    )
    args = ap.parse_args(argv)
    sets = gold_sets(args.sets or [s for s in DEFAULT_SETS if Path(s.split(":")[0]).is_dir()])
    optional = getattr(mentions, "OPTIONAL_SIGNALS", ())
    if args.optional is not None:
        optional = tuple(args.optional)

    configs = [("all", "", "", frozenset())]
    configs += [(f"without {n}", n, "", frozenset([n])) for n in mentions.SIGNALS]
    unavailable = []
    for spec in ["", *(f"+{n}" for n in optional)]:
        try:
            with signals_env(spec):  # warm-up: lexicons, POS cache, segmenter, models
                evaluate_sets(sets)
        except Exception as e:  # noqa: BLE001 - an optional signal that is not installed
            unavailable.append(f"{spec[1:]}: {e}")
            continue
        if spec:
            configs.append((f"with {spec[1:]}", spec[1:], spec, frozenset()))
    results = measure(sets, configs, args.repeat)
    jieba_s = jieba_seconds(results[0][2], args.repeat)

    print_tables(results, jieba_s, unavailable)


def print_tables(
    configs: list[tuple[str, str, MultiReport]], jieba_s: dict[str, float], unavailable: list[str]
) -> None:
    """Per configuration and set; then each signal's gain and cost over all sets."""
    head = ("signals", "set", "entity F1", "relation F1", "extract s", "chars/s")
    print(f"{head[0]:22}{head[1]:8}{head[2]:>10}{head[3]:>12}{head[4]:>11}{head[5]:>11}")
    for label, _, multi in configs:
        print("\n".join(_rows(label, multi)))
    base = configs[0][2]
    jieba_rows = [(s.name, s.chars, jieba_s[s.name]) for s in base.sets]
    jieba_rows.append(("ALL", base.chars, sum(jieba_s.values())))
    for k, (name, chars, secs) in enumerate(jieba_rows):
        label = "bare jieba.lcut" if k == 0 else ""
        print(f"{label:22}{name:8}{'':22}{secs:11.3f}{chars / secs:11,.0f}")
    for line in unavailable:
        print(f"not measured: {line}")

    print()
    print("what each signal buys over all sets")
    print("(a default signal: all minus without it; an optional one: with it minus all)")
    head = ("signal", "Δ entity F1", "Δ rel F1", "Δ seconds", "ent F1/s", "rel F1/s")
    print(f"{head[0]:12}{head[1]:>12}{head[2]:>10}{head[3]:>11}{head[4]:>10}{head[5]:>10}")
    b_ent, b_rel, b_s = base.overall.entities.f1, base.overall.relations.f1, base.seconds
    for label, name, multi in configs[1:]:
        ent, rel, secs = multi.overall.entities.f1, multi.overall.relations.f1, multi.seconds
        sign = 1 if label.startswith("with ") else -1  # "with": the gain of switching it on
        d_ent, d_rel, d_s = sign * (ent - b_ent), sign * (rel - b_rel), sign * (secs - b_s)
        per = f"{d_ent / d_s:10.3f}{d_rel / d_s:10.3f}" if d_s > 0.005 else f"{'(below noise)':>20}"
        print(f"{name:12}{d_ent:+12.3f}{d_rel:+10.3f}{d_s:+11.3f}{per}")


if __name__ == "__main__":
    try:
        main()
    except KgError as e:
        raise SystemExit(f"ablation: error: {e}") from None
