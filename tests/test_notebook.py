"""notebooks/tour.ipynb runs top to bottom offline (nbclient), and its committed outputs are fresh.

Refresh the committed outputs after changing the notebook (or kg) with::

    .venv/bin/jupyter-execute --inplace notebooks/tour.ipynb
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "tour.ipynb"


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _kinds(cell):
    """Output kinds, a run of one stream counted once (the kernel may flush a
    cell's prints in one message or in several)."""
    kinds: list = []
    for o in cell.outputs:
        kind = (o.output_type, o.get("name"))
        if not (kind[0] == "stream" and kinds and kinds[-1] == kind):
            kinds.append(kind)
    return kinds


def _text(cell) -> str:
    out = []
    for o in cell.outputs:
        if o.output_type == "stream":
            out.append(o.text)
        elif "data" in o:
            out.append(str(o.data.get("text/html", "")) + str(o.data.get("text/plain", "")))
    return "".join(out)


def test_committed_notebook_has_fresh_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    cells = _code(nb)
    # executed once, top to bottom, in this order: counts 1..N, no errors
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert all(o.output_type != "error" for c in cells for o in c.outputs)
    assert all(c.outputs for c in cells[:-1]), "every cell but the last shows something"


def test_notebook_runs_offline_top_to_bottom(tmp_path, monkeypatch):
    committed = nbformat.read(NOTEBOOK, as_version=4)
    nb = copy.deepcopy(committed)
    for c in _code(nb):
        c.outputs, c.execution_count = [], None
    where = {"metadata": {"path": str(NOTEBOOK.parent)}}
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's temporary folder
    NotebookClient(nb, timeout=180, kernel_name="python3", resources=where).execute()
    # the tour removes the store it built (each run left 1.2 MB in /tmp)
    assert not list(tmp_path.glob("kg-tour-*"))
    cells = _code(nb)
    assert all(o.output_type != "error" for c in cells for o in c.outputs)
    # the same kinds of output as the committed run (else: re-execute and commit it)
    assert [_kinds(c) for c in cells] == [_kinds(c) for c in _code(committed)]

    built = re.search(r"(\d+) documents → (\d+) entities", _text(cells[0]))
    assert built and int(built.group(1)) == 5 and int(built.group(2)) > 0
    assert f"entities: {built.group(2)}" in _text(cells[1])
    sparql = "".join(_text(c) for c in cells[2:4])
    assert sparql.count(" rows)") == 3  # three canned queries ran
    assert "「" in _text(cells[4])  # an entity with its evidence sentences
    # the plots: park × industry with the hubs by type, then the communities (issue 15),
    # in the palette kg viz and the explorer use
    assert sum("image/png" in o.get("data", {}) for o in cells[5].outputs) == 2
    assert "kg.viz_palette" in cells[5].source and "park_industry_matrix" in cells[5].source
    view = _text(cells[7])
    assert "<iframe srcdoc=" in view and "vis.Network" in view and "https://cdn" not in view
