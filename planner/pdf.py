"""PDF rendering with WeasyPrint, locked down: no user text can make a render read a local
file or reach the network (the default fetcher reads file:// URLs). Documents carry their
CSS inline and pictures as inline SVG, so nothing needs fetching at all."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

# A fake origin: relative URLs resolve under it and are refused like everything else.
BASE_URL = "https://assets.invalid/"


class LockedFetcher(URLFetcher):
    """Fetches nothing but data: URLs, and follows no redirects."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise ValueError(f"refused to fetch {url[:80]}")
        return super().fetch(url, headers)


def render_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document (language, title and structure come from the HTML)."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LockedFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
