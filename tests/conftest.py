"""Hypothesis profiles: the test command is deterministic, exploring is a choice.

By default (profile ``repeatable``) Hypothesis derives its examples from each
test's name, so a clean run passes or fails the same way every time (CI, a
reviewer's machine). To search for new failing inputs, run with random seeds
(profile ``explore``; run it again and again)::

    .venv/bin/python -m pytest -q tests/test_fuzz.py --hypothesis-profile=explore

A failure found that way is fixed, then pinned with ``@example(...)``.
"""

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")
