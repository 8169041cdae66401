"""The browser tests' request filter lets the site through and blocks everything else."""
from __future__ import annotations

from types import SimpleNamespace

from chromium import only_host


class FakeRoute:
    def __init__(self, url: str) -> None:
        self.request = SimpleNamespace(url=url)
        self.outcome = ""

    def continue_(self) -> None:
        self.outcome = "continued"

    def abort(self, reason: str) -> None:
        self.outcome = reason


def test_requests_to_the_site_and_inline_data_go_through() -> None:
    blocked: list[str] = []
    handler = only_host("127.0.0.1:8000", blocked)
    for url in ("http://127.0.0.1:8000/index.html", "data:image/png;base64,xx", "blob:http://127.0.0.1:8000/1"):
        route = FakeRoute(url)
        handler(route)
        assert route.outcome == "continued", url
    assert blocked == []


def test_every_other_request_is_blocked_and_recorded() -> None:
    blocked: list[str] = []
    handler = only_host("127.0.0.1:8000", blocked)
    for url in ("https://cdn.jsdelivr.net/x.js", "http://127.0.0.1:9999/other", "http://localhost:8000/"):
        route = FakeRoute(url)
        handler(route)
        assert route.outcome == "blockedbyclient", url
    assert blocked == ["https://cdn.jsdelivr.net/x.js", "http://127.0.0.1:9999/other", "http://localhost:8000/"]
