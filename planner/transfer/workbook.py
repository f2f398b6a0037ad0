"""Measuring an uploaded .xlsx before anything reads it for real.

An .xlsx is a zip of XML parts. openpyxl, even in read-only mode, builds a Python value for
every cell of a row and every text of the shared table, so a 25 KB file whose one row holds
6,000,000 empty cells cost 72 s and 2 GB. Here every XML part is parsed as a stream (chunks
inflated from the zip, elements counted as they arrive) and the file is refused the moment it
passes a limit of planner.transfer.limits. expat calls back per element and builds no tree,
so counting is cheap and memory flat. Document type declarations are refused, so neither
entity expansion nor external entities are possible (openpyxl, which reads the file
afterwards, also parses through defusedxml).
"""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from flask_babel import lazy_gettext as _l

from planner.numbers import whole_number
from planner.transfer.limits import (
    MAX_MEMBERS,
    MAX_PART_ELEMENTS,
    MAX_SHARED_TEXTS,
    MAX_UNPACKED,
    Budget,
    FileProblem,
    too_many_parts,
)

WORKSHEETS = "xl/worksheets/"
SNIFF = 64  # bytes read to tell an XML part from an image or another binary part
BLANK = b" \t\r\n\x00"  # white space, in UTF-8 and (with its zero bytes) in UTF-16
SHARED_TEXTS = "xl/sharedStrings.xml"
CHUNK = 64 * 1024  # inflated bytes parsed at a time: a limit is noticed within one chunk


class NotAWorkbook(Exception):
    """The zip or its XML is broken or hostile; the reader words it for the user."""


def too_big_unpacked() -> FileProblem:
    return FileProblem(
        _l("Filen blir för stor när den packas upp (högst 25 MB). Spara bara planens blad.")
    )


def check_workbook(data: bytes, budget: Budget) -> None:
    """FileProblem if the workbook passes a limit, NotAWorkbook if it is no readable zip of
    XML; otherwise openpyxl may read it (its work is then bounded by what was counted)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            # The sizes come from the archive's directory; zipfile never inflates a member
            # past its stated size, so this bound holds even for a file that lies.
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
                raise too_big_unpacked()
            for member in members:
                # By content, not by name: openpyxl opens whatever the relationships point
                # to, so a sheet stored as "sheet1.XML" or "x.png" is read as a sheet too.
                with archive.open(member) as stream:
                    if _looks_like_xml(stream):
                        with archive.open(member) as again:
                            _check_part(member.filename, again, budget)
    except FileProblem:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise NotAWorkbook from error


def _looks_like_xml(stream) -> bool:
    """XML in any encoding expat reads (UTF-8 with or without BOM, UTF-16): its first
    character that is not white space is '<'. Images and other binary parts are not. White
    space (and UTF-16's zero bytes) may run long before it, so it is skipped as it streams."""
    start = stream.read(SNIFF)
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        start = start.removeprefix(bom)
    while start:
        rest = start.lstrip(BLANK)
        if rest:
            return rest.startswith(b"<")
        start = stream.read(CHUNK)
    return False


def _check_part(name: str, stream, budget: Budget) -> None:
    """Count the part's elements as the parser meets them (no tree is built)."""
    if name.startswith(WORKSHEETS):
        counter = _SheetCounter(budget)
    elif name == SHARED_TEXTS:
        counter = _ElementCounter(budget, name, "si", MAX_SHARED_TEXTS)
    else:
        counter = _ElementCounter(budget, name, None, MAX_PART_ELEMENTS)
    parser = expat.ParserCreate(namespace_separator=" ")
    # No document type declarations at all: no entity expansion, no external entities.
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = counter.start
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise NotAWorkbook from error


def _refuse_doctype(*_args) -> None:
    raise NotAWorkbook("document type declaration")


class _SheetCounter:
    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def start(self, tag: str, attributes: dict) -> None:
        name = tag.rpartition(" ")[2]
        if name == "c":
            self.budget.add_cells()
        elif name == "row":
            number = attributes.get("r", "")
            self.budget.start_row(whole_number(number))


class _ElementCounter:
    def __init__(self, budget: Budget, part: str, counted: str | None, limit: int) -> None:
        self.budget, self.part, self.counted, self.limit = budget, part, counted, limit
        self.count = 0

    def start(self, tag: str, _attributes: dict) -> None:
        if self.counted and tag.rpartition(" ")[2] != self.counted:
            return
        self.count += 1
        if self.count > self.limit:
            raise too_many_parts(self.part.rpartition("/")[2])
        if self.count % 4096 == 0:
            self.budget.check_time()
