"""The units' own registers: .xlsx, .xls, .ods and .csv files as they keep them, read into the
canonical columns of DOMAIN.md, and rows written back as .xlsx.

    with open_register("so-nguon-tin.xlsx", "tips", sheet="2020") as register:
        register.mapping.placed      # {"Ngày tiếp nhận": "received_on", …}
        register.mapping.problems()  # headers it could not place, required columns missing
        for number, values in register.rows():   # sheet row numbers; str or date values
            ...
        register.problems            # cells that could not be read, as Problems
        register.column_encodings()  # {"summary": "tcvn3", …} for a preview

Modules: `sheets` (recognising a file; the reader of each format in `xlsx`, `xls`, `ods`,
`csvfile`), `legacy` and `syllables` (TCVN3, VNI, Windows-1258 to Unicode), `layout` (title
rows, merged and two-row headers), `columns` (headers → canonical columns, mapping files),
`values` (dates, yes/no, choices; comparing cells), `reader` (the register), `writer` (.xlsx).
"""

from models.registers import messages as _messages  # noqa: F401  (adds the catalogue entries)
from models.registers.columns import (
    Header,
    HeaderMapping,
    header_key,
    load_mapping,
    save_mapping,
)
from models.registers.legacy import (
    CP1258,
    TCVN3,
    TCVN3_CAPITALS,
    UNICODE,
    VNI,
    convert,
    detect,
    font_encoding,
)
from models.registers.reader import Conversion, Register, RowRead, open_register
from models.registers.sheets import Source, sniff
from models.registers.values import as_date, cell_value, flag, same_value, value_key
from models.registers.writer import write_xlsx

__all__ = [
    "CP1258",
    "TCVN3",
    "TCVN3_CAPITALS",
    "UNICODE",
    "VNI",
    "Conversion",
    "Header",
    "HeaderMapping",
    "Register",
    "RowRead",
    "Source",
    "as_date",
    "cell_value",
    "convert",
    "detect",
    "flag",
    "font_encoding",
    "header_key",
    "load_mapping",
    "open_register",
    "same_value",
    "save_mapping",
    "sniff",
    "value_key",
    "write_xlsx",
]
