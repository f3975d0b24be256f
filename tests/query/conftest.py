"""Fixtures for the kg.query tests: the seeds' store, and a trap for network calls."""

from __future__ import annotations

import pytest
from test_server_safety import Trap
from viz_helpers import seed_store

from kg.store import open_store


@pytest.fixture(scope="module")
def seeds():
    """The store built from seeds/, open for the module's tests."""
    with open_store(seed_store()) as s:
        yield s


@pytest.fixture()
def trap():
    """A TCP listener on loopback standing in for the endpoint a SERVICE clause
    would call: tests assert that nothing connected to it."""
    t = Trap()
    yield t
    t.close()
