"""What every spreadsheet reader gives the register: rows of raw cells, in sheet order.

A reader (models.registers.xlsx, xls, ods, csvfile) opens one sheet and yields `RawRow`s:
the 0-based sheet row, its cells from column A (text, float, bool, date, datetime or
`RichText`), the encoding each cell's font implies where it differs from the sheet's
`default_font`, and the cells that cannot be read as values (formulas, errors).
`open_sheet` recognises the file by its content (and by its name where content says nothing).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, Protocol

from models.errors import Refused
from models.text import fold

Source = str | os.PathLike[str] | bytes | IO[bytes]

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BIFF_STARTS = (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08")  # Excel 2–4 worksheets
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class RichText(NamedTuple):
    """A cell whose parts carry their own fonts: (text, encoding or None for the cell's)."""

    runs: tuple[tuple[str, str | None], ...]

    def __str__(self) -> str:
        return "".join(text for text, _ in self.runs)


class RawRow(NamedTuple):
    row_index: int  # 0-based sheet row
    cells: list[Any]  # from column A; "" or None for an empty cell
    fonts: dict[int, str] | None = None  # column → encoding, where not the sheet's default
    unreadable: dict[int, tuple[str, str]] | None = None  # column → (reason key, cell text)


Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


class Sheet(Protocol):
    name: str
    sheets: list[str]
    format: str
    date1904: bool
    default_font: str | None  # the encoding cells' fonts imply; None: no fonts, score the text
    plain_encoding: str  # what text no legacy reading claims is: Unicode, or cp1252 (8-bit CSV)
    merged: list[Merge] | None  # None: the format does not say

    def rows(self) -> Iterator[RawRow]: ...

    def close(self) -> None: ...


@dataclass
class Opened:
    """A source as a seekable binary stream, with the name it came by (for messages)."""

    stream: IO[bytes]
    name: str
    path: Path | None = None
    owned: list[IO[bytes]] = field(default_factory=list)

    def close(self) -> None:
        for stream in self.owned:
            stream.close()


def opened(source: Source, name: str | None = None) -> Opened:
    if isinstance(source, bytes):
        return Opened(io.BytesIO(source), name or "-")
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            stream = path.open("rb")
        except OSError as error:
            raise Refused("import.cannot_open", path=str(path), reason=error.strerror) from None
        return Opened(stream, name or path.name, path, [stream])
    if not source.seekable():
        return Opened(io.BytesIO(source.read()), name or "-")
    return Opened(source, name or str(getattr(source, "name", "-")))


def sniff(source: Opened) -> str:
    """The file's format from its first bytes (zip: xlsx or ods; OLE2: xls), else its name."""
    stream = source.stream
    stream.seek(0)
    head = stream.read(512)
    stream.seek(0)
    suffix = Path(source.name).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError):
            raise Refused("import.unreadable_file", name=source.name) from None
        finally:
            stream.seek(0)
        if "xl/workbook.xml" in names:
            return XLSX
        if mimetype == _ODS_MIMETYPE:
            return ODS
        raise Refused("import.not_a_sheet", name=source.name)
    if head.startswith(_OLE2) or head[:2] in _BIFF_STARTS:
        return XLS
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<workbook")):
        raise Refused("import.web_page", name=source.name)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise Refused("import.not_a_sheet", name=source.name)
    return CSV


def choose_sheet(names: list[str], visible: list[bool], wanted: str | None) -> str:
    """The sheet asked for (exactly, else folded), or the first visible one."""
    if not names:
        raise Refused("import.no_sheet")
    if wanted is None:
        return next((n for n, shown in zip(names, visible, strict=True) if shown), names[0])
    if wanted in names:
        return wanted
    folded = {fold(name): name for name in names}
    if fold(wanted) in folded:
        return folded[fold(wanted)]
    raise Refused("import.unknown_sheet", sheet=wanted, sheets=", ".join(names))
