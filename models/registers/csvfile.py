"""Reading a .csv register: any encoding a Windows PC writes, comma, semicolon or tab.

The file is UTF-8 (a BOM allowed) or UTF-16 with its BOM (Excel's "Unicode text"); anything
else is 8-bit and read as the Western letters Windows shows for it, each cell then read as
TCVN3, VNI, Windows-1258 or plain Windows-1252 by scoring (models.registers.legacy). Excel in
a Vietnamese locale writes ";" between cells, so the separator is the one that splits the first
lines into the same number of cells most often. Rows are read one at a time. A cell the app's
own CSV export escaped as a formula ("'=…", models.csvio) reads back as it was.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator

from models.registers.legacy import UNICODE
from models.registers.sheets import CSV, Merge, Opened, RawRow
from models.tabular import MAX_ROW_CHARACTERS, unneutralise

_CHUNK = 1 << 20
_SAMPLE = 64 * 1024
_SEPARATORS = (",", ";", "\t")
EIGHT_BIT = "8-bit"


class CsvSheet:
    format = CSV
    date1904 = False
    default_font: str | None = None
    merged: list[Merge] | None = None

    def __init__(self, file: Opened):
        self._file = file
        self.name = file.name
        self.sheets = [file.name]
        self.file_encoding, self._codec, self._errors = self._encoding()
        self.plain_encoding = "cp1252" if self.file_encoding == EIGHT_BIT else UNICODE
        self.separator = self._separator()

    def close(self) -> None:
        self._file.close()

    def _encoding(self) -> tuple[str, str, str]:
        """(what to report, codec, error handler) for the whole file."""
        stream = self._file.stream
        stream.seek(0)
        head = stream.read(4)
        stream.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", "utf-16", "strict"
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return EIGHT_BIT, "cp1252", "giapranh.surface"
        finally:
            stream.seek(0)
        return "utf-8", "utf-8-sig", "strict"

    def _text(self) -> io.TextIOWrapper:
        self._file.stream.seek(0)
        return io.TextIOWrapper(
            self._file.stream, encoding=self._codec, errors=self._errors, newline=""
        )

    def _separator(self) -> str:
        text = self._text()
        try:
            sample = text.read(_SAMPLE)
        finally:
            text.detach()
        lines = sample.splitlines()[:-1] if len(sample) == _SAMPLE else sample.splitlines()
        best, best_count = ",", 0
        for separator in _SEPARATORS:
            widths = Counter(len(row) for row in csv.reader(lines, delimiter=separator))
            count = max((n for width, n in widths.items() if width > 1), default=0)
            if count > best_count:
                best, best_count = separator, count
        return best

    def rows(self) -> Iterator[RawRow]:
        text = self._text()
        reader = csv.reader(text, delimiter=self.separator)
        index = 0
        try:
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error:
                    yield RawRow(index, [], None, {-1: ("err.row_too_long", "")})
                else:
                    if sum(map(len, cells)) > MAX_ROW_CHARACTERS:
                        yield RawRow(index, [], None, {-1: ("err.row_too_long", "")})
                    else:
                        yield RawRow(index, [unneutralise(c) if c[:1] == "'" else c for c in cells])
                index += 1
        finally:
            text.detach()
