"""Debian's chromium for the browser tests (Playwright's own browser download fails here)."""

from __future__ import annotations

import os

CHROMIUM = "/usr/bin/chromium"
# no background traffic: the machine's closed network would refuse it, noisily
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Fail (never skip) when the browser is missing."""
    assert os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing: apt-get install -y chromium"
