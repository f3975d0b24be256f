"""The exports load into a real Virtuoso (Debian's virtuoso-opensource) unchanged.

Virtuoso 7.2 read ``ent:company\\/08dd…`` (valid Turtle) as an IRI with a
backslash in it: after loading graph.ttl half the triples differed from the
store, after graph.trig no fact was in the documented graphs, and the counts
per type still matched. Here each export is bulk-loaded the way Virtuoso users
load files (``ld_dir`` + ``rdf_loader_run`` through ``isql``) and read back
through the SPARQL endpoint; the triples, per graph for the quad formats, must
be the store's, compared as sets of N-Triples.

One Virtuoso for the session, on loopback, with a database in a temporary
directory; skipped only when the package is not installed (``.ci/run``
installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from graph_helpers import fixture_build, record_paths

from kg.export import export
from kg.rdf import GRAPH
from kg.store import open_store

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
pytestmark = pytest.mark.skipif(
    not (VIRTUOSO and ISQL),
    reason="virtuoso-t/isql-vt not found: apt-get install virtuoso-opensource (.ci/run does)",
)

KG_GRAPHS = "https://w3id.org/kg/"
# IRIs and literals a prefixed name or a string could only carry with an escape
_X = "https://w3id.org/kg/id/company/"
_TRICKY_GRAPH = ox.NamedNode(GRAPH + "doc/" + quote("测试 文件~1.txt", safe="-._~"))
_TRICKY = [
    ox.Quad(
        ox.NamedNode(_X + "a~b"), ox.NamedNode(_X + "p"), ox.NamedNode(_X + "x/y."), _TRICKY_GRAPH
    ),
    ox.Quad(
        ox.NamedNode(_X + quote("甲乙")),
        ox.NamedNode("https://w3id.org/kg/ontology#evidence"),
        ox.Literal('他说："A\\B"\n\t第二行', language="zh"),
        _TRICKY_GRAPH,
    ),
    ox.Quad(
        ox.NamedNode(_X + "it's"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        _TRICKY_GRAPH,
    ),
    ox.Quad(  # a default-graph quad: TriG writes it outside any graph block
        ox.NamedNode(_X + "x/y."),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("默认图"),
        ox.DefaultGraph(),
    ),
]


class _WithTricky:
    """The fixture store plus a few quads that need escapes in Turtle."""

    def __init__(self, store):
        self._store = store

    def quads(self):
        yield from self._store.quads()
        yield from _TRICKY


def _die_with_parent() -> None:
    """In the child: SIGTERM when pytest dies, even by SIGKILL (prctl), so no server outlives it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {data}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


class Virtuoso:
    """A running virtuoso-t: SQL through isql, SPARQL over HTTP, both on loopback."""

    def __init__(self, root: Path):
        self.root, self.db, self.data = root, root / "db", root / "data"
        self.data.mkdir()
        self.ini, self.log = root / "virtuoso.ini", root / "virtuoso.out"
        self.proc: subprocess.Popen | None = None

    def _configure(self) -> None:
        """A fresh database directory and two free loopback ports in virtuoso.ini."""
        shutil.rmtree(self.db, ignore_errors=True)
        self.db.mkdir()
        self.sql_port, self.http_port = _free_port(), _free_port()
        ini = _INI.format(
            db=self.db, data=self.data, sql_port=self.sql_port, http_port=self.http_port
        )
        self.ini.write_text(ini, encoding="utf-8")

    def start(self, attempts: int = 3, deadline_s: float = 120) -> None:
        """Start and wait until the SPARQL endpoint answers.

        A port found free can be taken before virtuoso-t binds it; then the
        server exits at once, and it is started again on other ports.
        """
        for _ in range(attempts):
            self._configure()
            with open(self.log, "wb") as log:
                self.proc = subprocess.Popen(
                    [VIRTUOSO, "+foreground", "+configfile", str(self.ini)],
                    cwd=self.db,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,  # its own process group, ended as one in stop()
                    preexec_fn=_die_with_parent,
                )
            end = time.monotonic() + deadline_s
            while time.monotonic() < end and self.proc.poll() is None:
                try:  # readiness poll: the server says when it is up
                    if httpx.get(self.url, params={"query": "ASK {}"}, timeout=5).is_success:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
            if self.proc.poll() is None:
                self.stop()
                raise RuntimeError(f"virtuoso-t not up in {deadline_s}s: {self._log_tail()}")
        raise RuntimeError(f"virtuoso-t exited {attempts} times: {self._log_tail()}")

    def _log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 60), (signal.SIGKILL, 30)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, sql: str) -> str:
        r = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF"],
            input=sql.encode("utf-8"),
            capture_output=True,
            timeout=300,
        )
        out = r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")
        if r.returncode != 0 or "*** Error" in out:
            raise AssertionError(f"isql failed on {sql!r}: {out}")
        return out

    def bulk_load(self, path: Path, graph: str) -> None:
        """``ld_dir`` + ``rdf_loader_run``: Virtuoso's own loader, as its users load files."""
        self.isql(
            f"ld_dir('{path.parent}', '{path.name}', '{graph}');\nrdf_loader_run();\ncheckpoint;\n"
        )
        out = self.isql(
            "select 'FAILED', ll_file, ll_error from DB.DBA.load_list"
            " where ll_state <> 2 or ll_error is not null;\n"
        )
        assert "FAILED" not in out, out

    def sparql(self, query: str, accept: str) -> bytes:
        r = httpx.post(self.url, data={"query": query}, headers={"Accept": accept}, timeout=120)
        assert r.status_code == 200, r.text[:500]
        return r.content

    def triples(self, graph: str) -> set[str]:
        """The graph's triples as N-Triples lines (pyoxigraph's canonical form)."""
        nt = self.sparql(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            "application/n-triples",
        )
        # lenient: a broken IRI (a backslash in it) must show up in the diff, not as a crash
        return {str(q.triple) for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES, lenient=True)}

    def kg_graphs(self) -> set[str]:
        res = self.sparql(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}")) }}',
            "application/sparql-results+json",
        )
        return {b["g"]["value"] for b in json.loads(res)["results"]["bindings"]}

    def drop_kg_graphs(self) -> None:
        """Empty every kg graph, by SQL: a broken graph IRI may not even parse in SPARQL."""
        self.isql(f"DELETE FROM DB.DBA.RDF_QUAD WHERE id_to_iri(G) LIKE '{KG_GRAPHS}%';\n")
        assert not self.kg_graphs()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("virtuoso-export") / "s"
    fixture_build(record_paths(), path)
    with open_store(path) as s:
        yield _WithTricky(s)


def _diff(got: set, want: set) -> str:
    extra, missing = sorted(got - want)[:5], sorted(want - got)[:5]
    return f"{len(got - want)} extra, e.g. {extra}; {len(want - got)} missing, e.g. {missing}"


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_triple_exports_load_into_virtuoso_unchanged(virtuoso, store, fmt):
    suffix = "rdf" if fmt == "xml" else fmt  # the loader picks its parser by the file's suffix
    path = export(store, fmt, virtuoso.data / f"graph-{fmt}.{suffix}")
    graph = f"urn:kg-test:{fmt}"
    virtuoso.bulk_load(Path(path), graph)
    want = {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store.quads()}
    got = virtuoso.triples(graph)
    assert got == want, _diff(got, want)


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_quad_exports_load_into_virtuoso_per_graph(virtuoso, store, fmt):
    virtuoso.drop_kg_graphs()  # the graphs are named in the file: one format at a time
    path = export(store, fmt, virtuoso.data / f"graph-{fmt}.{fmt}")
    default = f"urn:kg-test:{fmt}-default"  # where the loader puts the default graph's triples
    virtuoso.bulk_load(Path(path), default)
    want: dict[str, set[str]] = {default: set()}
    for q in store.quads():
        graph = default if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        want.setdefault(graph, set()).add(str(q.triple))
    assert virtuoso.kg_graphs() == set(want) - {default}
    for graph, triples in sorted(want.items()):
        got = virtuoso.triples(graph)
        assert got == triples, f"{graph}: {_diff(got, triples)}"
