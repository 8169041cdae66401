"""Debian's Chromium, driven by Playwright, for the browser tests (site and JupyterLab).

One place for the executable, its flags and the rule for a missing browser: skipped on a
learner's machine, a failure under CI (the ``CI`` environment variable set). Playwright
never downloads a browser of its own.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts,
# which a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    """True under CI, where a missing browser fails instead of skipping."""
    return bool(os.environ.get("CI"))


def tail(text: str, n: int) -> str:
    """The last ``n`` lines of a log, for a failure message."""
    return "\n".join(text.splitlines()[-n:])


def skip_or_fail(reason: str) -> None:
    """Skip on a learner's machine; under CI a missing browser is a failure."""
    if in_ci():
        pytest.fail(reason + " (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def launched_chromium(purpose: str) -> Iterator[Any]:
    """Launch headless Chromium for ``purpose`` (named in the skip message) and close it after."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium package "
                     f"(apt-get install chromium) to run {purpose}")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is in requirements.txt
        skip_or_fail(f"playwright is not installed: {exc}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def only_host(host: str, blocked: list[str]) -> Callable[[Any], None]:
    """A Playwright route handler: let requests to ``host`` (and data:/blob:/about:) through,
    record every other URL in ``blocked`` and abort it, so no test page reaches the network."""

    def route(route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == host:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    return route
