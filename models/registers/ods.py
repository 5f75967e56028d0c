"""Reading one sheet of an .ods (LibreOffice, OpenOffice) with python-calamine.

calamine gives the values and dates but neither fonts nor merged ranges for this format: the
text of each cell is scored for a legacy encoding, and a header spanning merged cells is found
from the blanks it leaves (models.registers.reader). Formulas are read by their values.
"""

from __future__ import annotations

from collections.abc import Iterator

import python_calamine

from models.errors import Refused
from models.registers.legacy import UNICODE
from models.registers.sheets import ODS, Merge, Opened, RawRow, choose_sheet


class OdsSheet:
    format = ODS
    plain_encoding = UNICODE
    date1904 = False
    default_font: str | None = None
    merged: list[Merge] | None = None

    def __init__(self, file: Opened, wanted: str | None):
        self._file = file
        try:
            file.stream.seek(0)
            workbook = (
                python_calamine.CalamineWorkbook.from_path(file.path)
                if file.path
                else python_calamine.CalamineWorkbook.from_filelike(file.stream)
            )
        except python_calamine.CalamineError:
            raise Refused("import.unreadable_file", name=file.name) from None
        metadata = workbook.sheets_metadata
        self.sheets = [m.name for m in metadata]
        visible = [m.visible == python_calamine.SheetVisibleEnum.Visible for m in metadata]
        self.name = choose_sheet(self.sheets, visible, wanted)
        self._sheet = workbook.get_sheet_by_name(self.name)

    def close(self) -> None:
        self._file.close()

    def rows(self) -> Iterator[RawRow]:
        start = self._sheet.start
        if start is None:
            return
        pad = [""] * start[1]
        for index, cells in enumerate(self._sheet.iter_rows()):
            yield RawRow(index, pad + cells if pad else cells)
