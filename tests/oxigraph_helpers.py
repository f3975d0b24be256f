"""A real Oxigraph server on loopback for tests (the ``oxigraph`` PyPI package)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")

needs_oxigraph = pytest.mark.skipif(
    not Path(OXIGRAPH).exists(), reason="the oxigraph server (pip install oxigraph) is missing"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_server(location: Path) -> Iterator[str]:
    """Start ``oxigraph serve`` on a free loopback port; yield its URL; stop it."""
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a start-up bound, not a measure: generous under load
    while True:
        try:
            if httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the oxigraph server did not start")
        time.sleep(0.1)
    try:
        yield url
    finally:
        proc.kill()
        proc.wait()
