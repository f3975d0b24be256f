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

from hypothesis import HealthCheck, settings

_UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("repeatable", derandomize=True, database=None, **_UNTIMED)
settings.register_profile("explore", derandomize=False, **_UNTIMED)
settings.load_profile("repeatable")
