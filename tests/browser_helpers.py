"""Debian's chromium for the browser tests (Playwright's own browser download fails here)."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def chromium():
    """Debian's chromium, headless, through Playwright (a missing browser or package
    fails). A test module shares one (``scope="module"`` fixture) and gives each
    test a context of its own (``browser.new_context()``: pages, routes, history)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
