"""A chart's SVG as a PNG picture, for outputs that cannot carry SVG (Word).

CairoSVG (by WeasyPrint's authors, on Debian's libcairo2) draws the very SVG the PDF and the
web page show, so the three outputs cannot disagree; drawing the charts again with matplotlib
would be a second chart renderer and a heavy dependency. Our
charts carry everything inline: the fetcher refuses every URL, so no text in a chart can make
the render read a file or reach the network (and ``unsafe`` stays off: no XML entities)."""

from __future__ import annotations

from cairosvg.surface import PNGSurface

# Word shows a picture at 15 cm; twice the SVG's pixels keep it sharp when printed.
SCALE = 2


class ChartRefused(ValueError):
    """A chart asked for something outside itself."""


def _refuse(url: str, resource_type: str) -> bytes:
    raise ChartRefused(f"a chart may not fetch {url[:80]}")


def png(svg: str) -> bytes:
    """The chart ``svg`` drawn as a PNG on a white background."""
    return PNGSurface.convert(
        bytestring=svg.encode("utf-8"),
        scale=SCALE,
        background_color="white",
        url_fetcher=_refuse,
    )
