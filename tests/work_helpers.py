"""Work counted, not timed: the lines of kg's Python a call runs.

A loaded machine runs the same lines as an idle one, so a test that compares
the work of two input sizes (``lines_run`` of n and of 4n) never races a clock.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

KG = Path(__file__).resolve().parents[1] / "kg"


def lines_run(call: Callable[[], object], root: str | Path = KG) -> int:
    """How many lines of the Python files under ``root`` ``call()`` runs."""
    prefix = str(Path(root).resolve())
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(prefix):
            return None
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return count
