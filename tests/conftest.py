"""Hypothesis profiles: the test command is deterministic, exploring is a choice.

By default (profile ``repeatable``) Hypothesis derives its examples from each
test's name, so a clean run passes or fails the same way every time (CI, a
reviewer's machine). To search for new failing inputs, run with random seeds
(profile ``explore``; run it again and again)::

    .venv/bin/python -m pytest -q tests/test_fuzz.py --hypothesis-profile=explore

A failure found that way is fixed, then pinned with ``@example(...)``.

Neither profile has a per-example deadline or the too-slow health check: on a
loaded machine (CI shares its cores) one example can take longer than
Hypothesis's 200 ms default, and a test must fail on what it checks, not on
the machine's load (tests/query/test_binding.py failed that way once).
"""

from pathlib import Path

from hypothesis import HealthCheck, settings

_UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("repeatable", derandomize=True, database=None, **_UNTIMED)
settings.register_profile("explore", derandomize=False, **_UNTIMED)
settings.load_profile("repeatable")


# The suite runs on three workers (pytest-xdist, pyproject.toml's addopts: ``-n 3
# --dist loadfile``), three on two cores too: a good part of a test's time is
# spent waiting on the processes it starts (kg commands, servers, a browser, a
# kernel), and on a loaded machine three workers get more of its cores than one
# (two cores, two busy loops: 7:47 with -n 2, 6:09 with -n 3). A module runs
# whole on one worker, so its module-scoped stores, servers and browser are made
# once. The modules that take longest (builds, kills, a reasoner) are handed out
# first, so that the workers end together instead of one waiting on a long module
# at the end. Within a module the order is the file's.
_LONGEST_FIRST = [
    "test_build.py",
    "test_incremental_add.py",
    "test_cli_signals.py",
    "test_statsgraph.py",
    "query/test_canned_speed.py",
    "test_validate.py",
    "test_bad_input.py",
    "test_server_safety.py",
    "test_server_live.py",
    "test_notebook.py",
    "test_parallel.py",
    "test_viz_browser.py",
    "test_explorer_browser.py",
    "test_disk_errors.py",
    "test_virtuoso.py",
    "extract/test_determinism.py",
]


def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).resolve().parent
    rank = {name: i for i, name in enumerate(_LONGEST_FIRST)}

    def key(item):
        return rank.get(item.path.resolve().relative_to(tests).as_posix(), len(rank))

    items.sort(key=key)  # stable: the others keep the collected order
