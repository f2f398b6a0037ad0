"""The writer's own text: a small, safe Markdown subset read into the document's blocks.

Paragraphs (separated by an empty line), bullet lists ("- " or "* ", numbered lists too) and
bold (**so**). Nothing else is markup: HTML, links, images and headings stay the literal text
the person typed, and every output escapes it. Raw HTML never reaches a page."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from planner.psb.document import Block, BulletList, Paragraph, Run

# "zero" knows only paragraphs and text; we switch on lists and emphasis and nothing more.
_PARSER = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False}).enable(
    ["list", "emphasis"]
)


def _runs(inline: Token) -> list[Run]:
    runs: list[Run] = []
    bold = 0
    for child in inline.children or ():
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold = max(0, bold - 1)
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bool(bold)))
        elif child.type in ("text", "code_inline"):
            runs.append(Run(child.content.replace("\n", " "), bool(bold)))
        # em_open/em_close: emphasis other than bold is read as plain text
    return _merged(runs)


def _merged(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].bold == run.bold:
            merged[-1] = Run(merged[-1].text + run.text, run.bold)
        elif run.text:
            merged.append(run)
    return merged


def parse_text(text: str) -> list[Block]:
    """The person's text as blocks: paragraphs and bullet lists with bold runs."""
    blocks: list[Block] = []
    items: list[list[Run]] | None = None
    depth = 0
    for token in _PARSER.parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                items = []
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items is not None:
                blocks.append(BulletList(items))
                items = None
        elif token.type == "inline":
            runs = _runs(token)
            if not runs:
                continue
            if items is not None:
                items.append(runs)  # nested lists are flattened into the one list
            else:
                blocks.append(Paragraph(runs))
    return blocks
