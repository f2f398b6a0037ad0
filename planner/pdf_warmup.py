"""Imported only by the PDF fork server: one tiny render loads what WeasyPrint loads lazily
(fonts, the PDF writer, font subsetting), so every render process forked from the server
starts warm instead of paying for it on each PDF (measured: a small PDF 30 ms instead of 60 ms)."""

from planner.pdf import render_in_process

render_in_process(
    '<html lang="sv"><head><title>–</title><style>body { font-family: "DejaVu Sans" }'
    "</style></head><body><h1>Åå Ää Öö</h1><p><b>Fet</b> text – 100 %</p></body></html>"
)
