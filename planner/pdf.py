"""PDF rendering with WeasyPrint, locked down and bounded.

Locked down: no user text can make a render read a local file or reach the network (the
default fetcher reads file:// URLs). Documents carry their CSS inline and pictures as inline
SVG, so nothing needs fetching at all.

Bounded: a render runs in a child process with a time limit and an address-space limit, so a
pathological document cannot hang or bloat the web worker; the child is killed when time is
up. Children come from a fork server that has already imported WeasyPrint (a clean,
single-threaded parent: safe to fork from a threaded web worker, and no import per render).
Like every fork-server child, a render imports the parent's ``__main__``: a script that
renders PDFs needs an ``if __name__ == "__main__":`` guard (gunicorn, flask and pytest have).
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import signal
import threading
from functools import cache
from multiprocessing.connection import Connection

from flask import current_app
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# A fake origin: relative URLs resolve under it and are refused like everything else.
BASE_URL = "https://assets.invalid/"

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["planner.pdf_warmup"])


class RenderTimeout(Exception):
    """The render did not finish within its time limit (the child was killed)."""


class RenderFailed(Exception):
    """The render process ended without a document (out of memory, a crash)."""


class LockedFetcher(URLFetcher):
    """Fetches nothing but data: URLs, and follows no redirects."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise ValueError(f"refused to fetch {url[:80]}")
        return super().fetch(url, headers)


def scope_table_headers(document, pdf) -> None:
    """Give every table header cell its /Scope, from the HTML's ``scope`` attribute.

    WeasyPrint 70 links each data cell to its headers (/Headers on the TD) but writes nothing
    on the header cells themselves, which PDF/UA checkers require (UA-15-003: a header cell
    carries /Scope or /Headers). Called as WeasyPrint's finisher: the structure tree is built
    and each cell's box holds its structure element (``mark``) until the file is written."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if element is None or box.element_tag != "th" or "A" not in element:
                continue
            scope = box.element.attrib.get("scope") if box.element is not None else None
            element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"


def render_in_process(html: str) -> bytes:
    """A tagged PDF/UA-1 document (language, title and structure come from the HTML)."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LockedFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", finisher=scope_table_headers)


def _child(html: str, memory_bytes: int, seconds: int, sender: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Its own end, too: should the web worker die first, nobody would be left to kill it.
    signal.alarm(seconds)
    try:
        sender.send_bytes(render_in_process(html))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises
        sender.send_bytes(b"ERROR " + error.__class__.__name__.encode())
    finally:
        sender.close()


def is_heavy(items: int) -> bool:
    """A document drawing more than PDF_HEAVY_ITEMS things (activities, dates, rows) is
    rendered in the heavy pool."""
    return items > current_app.config["PDF_HEAVY_ITEMS"]


def render_pdf(
    html: str, heavy: bool = False, timeout: float | None = None, memory_mb: int | None = None
) -> bytes:
    """Render ``html`` in a child process; RenderTimeout after ``timeout`` seconds (default:
    the app's PDF_TIMEOUT), RenderFailed if it needs more than ``memory_mb`` or crashes.

    Two pools of turns per web process: PDF_PARALLEL for light documents, PDF_HEAVY_PARALLEL
    for heavy ones. Heavy renders queue among themselves and never take a light turn, so a
    small PDF is never stuck behind big ones. A request waits for a turn within its own time
    limit."""
    timeout = timeout or current_app.config["PDF_TIMEOUT"]
    memory_mb = memory_mb or current_app.config["PDF_MEMORY_MB"]
    turns = render_turns(heavy)
    if not turns.acquire(timeout=timeout):
        raise RenderTimeout(f"no free {'heavy' if heavy else 'light'} render slot in {timeout} s")
    try:
        return _render_child(html, timeout, memory_mb)
    finally:
        turns.release()


def render_turns(heavy: bool) -> threading.BoundedSemaphore:
    """This process's turns for heavy or light renders."""
    setting = "PDF_HEAVY_PARALLEL" if heavy else "PDF_PARALLEL"
    return _turns(heavy, current_app.config[setting])


@cache
def _turns(_heavy: bool, parallel: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(parallel)


def _render_child(html: str, timeout: float, memory_mb: int) -> bytes:
    receiver, sender = _context.Pipe(duplex=False)
    limits = (memory_mb * 1024 * 1024, math.ceil(timeout) + 1)
    child = _context.Process(target=_child, args=(html, *limits, sender))
    child.start()
    sender.close()  # the child holds the only writing end: EOF when it dies
    try:
        if not receiver.poll(timeout):
            raise RenderTimeout(f"no PDF after {timeout} s")
        try:
            message = receiver.recv_bytes()
        except (EOFError, OSError) as error:
            raise RenderFailed("the render process ended without a document") from error
        if message.startswith(b"%PDF"):
            return message
        raise RenderFailed(message[:200].decode(errors="replace"))
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
