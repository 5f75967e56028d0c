"""What reading a register can tell the operator, in both languages."""

from models.i18n import register

MESSAGES = {
    "import.unplaced_header": (
        "cột {letter}: không biết tiêu đề này ứng với trường nào (dùng tệp ánh xạ cột)",
        "column {letter}: this header matches no field (use a mapping file)",
    ),
    "import.duplicate_header": (
        "cột {letter}: trường này đã có ở một cột trước",
        "column {letter}: an earlier column already holds this field",
    ),
    "import.bad_mapping": (
        "{path} không phải tệp ánh xạ cột cho {kind}",
        "{path} is not a column mapping file for {kind}",
    ),
    "import.mapping_column": (
        "{path} ánh xạ vào cột không có: {columns}",
        "{path} maps to columns that do not exist: {columns}",
    ),
    "import.cannot_open": ("không mở được {path}: {reason}", "cannot open {path}: {reason}"),
    "import.unreadable_file": (
        "{name} bị hỏng hoặc không đọc được",
        "{name} is damaged or cannot be read",
    ),
    "import.not_a_sheet": (
        "{name} không phải bảng tính .xlsx, .xls, .ods hoặc .csv",
        "{name} is not an .xlsx, .xls, .ods or .csv spreadsheet",
    ),
    "import.web_page": (
        "{name} là trang web hoặc XML mang tên bảng tính: mở bằng Excel rồi lưu lại dạng .xlsx",
        "{name} is a web page or XML named like a spreadsheet: open it in Excel, save as .xlsx",
    ),
    "import.no_sheet": ("tệp không có trang tính nào", "the file has no worksheet"),
    "import.unknown_sheet": (
        "không có trang tính «{sheet}»; các trang: {sheets}",
        "there is no sheet «{sheet}»; the sheets are: {sheets}",
    ),
    "import.no_header": (
        "không thấy dòng tiêu đề nào của {kind} trong {rows} dòng đầu",
        "no header row of {kind} in the first {rows} rows",
    ),
    "import.bad_date": (
        "không đọc được thành ngày (dd/mm/yyyy)",
        "cannot be read as a date (dd/mm/yyyy)",
    ),
    "import.formula": (
        "là công thức: hãy thay bằng giá trị (Dán đặc biệt → Giá trị)",
        "is a formula: replace it by its value (Paste Special → Values)",
    ),
    "import.more_problems": (
        "và {count} lỗi tiêu đề nữa (không liệt kê)",
        "and {count} more header problems (not listed)",
    ),
    "import.more_headers": ("và {count} cột nữa", "and {count} more columns"),
    "import.preview_file": (
        "Tệp {format}, trang «{sheet}», dòng tiêu đề {row}, mã hoá tệp {encoding}",
        "{format} file, sheet «{sheet}», header row {row}, file encoding {encoding}",
    ),
    "import.preview_mapping": ("Ánh xạ cột:", "Column mapping:"),
    "import.preview_unplaced": (
        "Tiêu đề chưa xếp được vào trường nào: {headers}",
        "Headers placed on no field: {headers}",
    ),
    "import.preview_left_out": ("(bỏ qua)", "(left out)"),
    "import.preview_encodings": (
        "Mã hoá tìm thấy theo cột (số ô có chữ ngoài ASCII):",
        "Encoding found per column (cells with letters beyond ASCII):",
    ),
    "import.preview_ascii": ("chỉ có chữ ASCII", "ASCII letters only"),
    "import.preview_converted": (
        "dòng {row}, cột {column} ({encoding}): {original} → {text}",
        "row {row}, column {column} ({encoding}): {original} → {text}",
    ),
    "import.preview_rows": (
        "{count} dòng đầu, như sẽ được lưu:",
        "The first {count} rows as they will be stored:",
    ),
    "import.preview_row": ("dòng {row}", "row {row}"),
    "import.preview_problems": ("{count} lỗi:", "{count} problems:"),
    "import.header_too_long": (
        "dòng {row} dài quá {limit} ký tự, không đọc được: nếu đó là dòng tiêu đề, hãy bỏ bớt cột",
        "row {row} is longer than {limit} characters and cannot be read: if it is the header,"
        " remove columns",
    ),
    "import.error_cell": ("ô đang báo lỗi", "the cell shows an error"),
}

register(MESSAGES)
