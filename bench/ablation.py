"""Ablation of the mention signals on a gold set: what each signal brings.

    python bench/ablation.py ../shared/gold seeds

Prints entity and relation F1 with all signals and with each one switched off.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.evaluate import evaluate_records
from kg.extract import run_pipeline
from kg.extract.mentions import SIGNALS
from kg.ingest import iter_sources, read_document


def main(gold: str = "../shared/gold", corpus: str = "seeds") -> None:
    files, _ = iter_sources([corpus])
    docs = [read_document(f) for f in files if (Path(gold) / (f.stem + ".json")).exists()]
    print(f"{'signals':24}{'entity F1':>10}{'relation F1':>12}")
    for off in [None, *SIGNALS]:
        disable = frozenset([off]) if off else frozenset()
        records = []
        for d in docs:
            fresh = read_document(d.path)
            records.append(run_pipeline(fresh, disable).to_record())
        r = evaluate_records(records, Path(gold))
        label = "all" if off is None else f"without {off}"
        print(f"{label:24}{r.entities.f1:10.3f}{r.relations.f1:12.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
