"""Reading a unit's register: rows a second and peak memory, for .xlsx and .csv files of
N rows × 13 columns (the tips register), Unicode and legacy-font variants.

    .venv/bin/python -m benchmarks.bench_registers [--rows 100000] [--runs 3]

Each reading runs in a fresh process: wall and CPU time of `open_register` + every row, peak
resident memory (VmHWM) less that of a process that only imported the modules, and the
peak of Python's own allocations (tracemalloc, which does not see calamine's Rust side).
"openpyxl stream" is the reader of sheets too large for calamine (models.registers.xlsx).
The .xlsx is laid out as Excel writes it (shared strings, a date style); the legacy variant has
a `.VnTime` default font with TCVN3 text and a Unicode font on every tenth row.
"""

import argparse
import csv
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = [
    "Mã",
    "Loại",
    "Ngày tiếp nhận",
    "Đơn vị thụ lý",
    "Đơn vị phối hợp",
    "Địa bàn",
    "Tóm tắt nội dung",
    "Tình trạng",
    "Ngày giải quyết",
    "Gia hạn đến",
    "Mã vụ án",
    "Người tố giác",
    "Liên hệ",
]
LEGACY_HEADER = [
    "M·",
    "Lo¹i",
    "Ngµy tiÕp nhËn",
    "§¬n vÞ thô lý",
    "§¬n vÞ phèi hîp",
    "§Þa bµn",
    "Tãm t¾t néi dung",
    "T×nh tr¹ng",
    "Ngµy gi¶i quyÕt",
    "Gia h¹n ®Õn",
    "M· vô ¸n",
    "Ng­êi tè gi¸c",
    "Liªn hÖ",
]
COLUMNS = "ABCDEFGHIJKLM"
# What openpyxl needs in a stylesheet besides fonts and cell styles.
FILLS = '<fills><fill><patternFill patternType="none"/></fill></fills>'
CELL_STYLES = '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def row_values(n: int, legacy: bool) -> list[str | int | None]:
    if legacy:
        summary, status, name = (
            f"Trém c¾p tµi s¶n t¹i th«n {n} x· Xu©n H¶i",
            "®ang x¸c minh",
            "NguyÔn V¨n",
        )
        kind = "tè gi¸c"
    else:
        summary, status, name = (
            f"Trộm cắp tài sản tại thôn {n} xã Xuân Hải",
            "đang xác minh",
            "Nguyễn Văn",
        )
        kind = "tố giác"
    received = 43831 + n % 1000
    return [f"T{n:06d}", kind, received, "CA-SC", "CA-QN", f"L{n % 50}", summary, status] + [
        received + 15 if n % 3 == 0 else None,
        None,
        f"V{n}" if n % 3 == 0 else None,
        f"{name} {n % 97}",
        "0905123456",
    ]


def write_xlsx(path: Path, rows: int, legacy: bool) -> None:
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    def cell(ref: str, value: str | int | None, style: int) -> str:
        if value is None:
            return ""
        if isinstance(value, int):
            return f'<c r="{ref}" s="1"><v>{value}</v></c>'
        attribute = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{attribute} t="s"><v>{shared(value)}</v></c>'

    parts = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>']
    header = LEGACY_HEADER if legacy else HEADER
    parts.append(
        '<row r="1">'
        + "".join(cell(f"{c}1", h, 0) for c, h in zip(COLUMNS, header, strict=True))
        + "</row>"
    )
    for n in range(rows):
        number = n + 2
        unicode_row = legacy and n % 10 == 0
        values = row_values(n, legacy and not unicode_row)
        style = 2 if unicode_row else 0
        cells = "".join(
            cell(f"{c}{number}", v, style) for c, v in zip(COLUMNS, values, strict=True)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    default_font = ".VnTime" if legacy else "Times New Roman"
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><fonts>'
        f'<font><name val="{default_font}"/></font><font><name val="Times New Roman"/></font>'
        f"</fonts>{FILLS}<borders><border/></borders><cellStyleXfs><xf/>"
        '</cellStyleXfs><cellXfs><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/>'
        f'<xf numFmtId="0" fontId="1"/></cellXfs>{CELL_STYLES}</styleSheet>'
    )
    sst = (
        f'<sst xmlns="{MAIN}">'
        + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings)
        + "</sst>"
    )
    relations = [("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "styles", "styles.xml")]
    relations.append(("rId3", "sharedStrings", "sharedStrings.xml"))
    rels = (
        f'<Relationships xmlns="{PACKAGE}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{REL}/{k}" Target="{t}"/>' for i, k, t in relations
        )
        + "</Relationships>"
    )
    workbook = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Sổ" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    root = (
        f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{REL}/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>'
    )
    content = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{content}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{content}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{content}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{content}.sharedStrings+xml"/>'
        "</Types>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/styles.xml", styles)
        archive.writestr("xl/sharedStrings.xml", sst)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(rows):
            values = row_values(n, False)
            values[2] = f"{1 + n % 28:02d}/{1 + n % 12:02d}/2020"
            values[8] = "2020-06-30" if values[8] else None
            writer.writerow(["" if v is None else v for v in values])


# Peak resident memory is VmHWM: ru_maxrss would carry the parent's over fork and exec.
MEASURE = """
import json, re, sys, time, tracemalloc
from pathlib import Path
from models.registers import open_register
def peak():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
path, trace = sys.argv[1], sys.argv[2] == "trace"
if sys.argv[3] == "stream":
    from models.registers import xlsx
    xlsx.STREAM_ABOVE = -1
if path == "-":
    print(json.dumps({"rss": peak()}))
    sys.exit()
if trace:
    tracemalloc.start()
wall, cpu = time.perf_counter(), time.process_time()
rows = converted = 0
with open_register(path, "tips") as register:
    for read in register.detailed_rows():
        rows += 1
        converted += bool(read.converted)
    problems = len(register.problems)
result = {
    "rows": rows,
    "converted_rows": converted,
    "problems": problems,
    "wall": time.perf_counter() - wall,
    "cpu": time.process_time() - cpu,
    "rss": peak(),
}
if trace:
    result["python_peak"] = tracemalloc.get_traced_memory()[1]
print(json.dumps(result))
"""


def measure(path: str, trace: bool = False, stream: bool = False) -> dict[str, float]:
    how = ["trace" if trace else "time", "stream" if stream else "calamine"]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, path, *how],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print(f"{platform.python_implementation()} {platform.python_version()}, {options.rows} rows")
    baseline = measure("-")["rss"]
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "xlsx": Path(folder, "so.xlsx"),
            "xlsx, legacy fonts": Path(folder, "so-tcvn3.xlsx"),
            "csv (UTF-8)": Path(folder, "so.csv"),
        }
        write_xlsx(files["xlsx"], options.rows, legacy=False)
        write_xlsx(files["xlsx, legacy fonts"], options.rows, legacy=True)
        write_csv(files["csv (UTF-8)"], options.rows)
        cases = [(name, path, False) for name, path in files.items()]
        cases.insert(2, ("xlsx, openpyxl stream", files["xlsx"], True))
        for name, path, stream in cases:
            runs = [measure(str(path), stream=stream) for _ in range(options.runs)]
            traced = measure(str(path), trace=True, stream=stream)
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            rss = statistics.median(r["rss"] for r in runs) - baseline
            print(
                f"{name:20} {path.stat().st_size / 1e6:6.1f} MB  rows {runs[0]['rows']}"
                f"  wall {wall:5.2f} s  cpu {cpu:5.2f} s  {runs[0]['rows'] / wall:8.0f} rows/s"
                f"  rss +{rss / 1024:5.0f} MB  python peak {traced['python_peak'] / 1e6:5.1f} MB"
                f"  converted rows {runs[0]['converted_rows']}  problems {runs[0]['problems']}"
            )


if __name__ == "__main__":
    main()
