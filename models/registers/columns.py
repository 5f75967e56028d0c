"""Column headers as units write them, placed on the canonical columns of DOMAIN.md.

A header is compared folded (models.text.fold: no case, no tone marks, đ→d) with punctuation
as spaces, so "Ngày tiếp nhận", "NGAY TIEP NHAN" and "Ngày\\ntiếp nhận (*)" are one header.
Each kind has its own names (DOMAIN.md's canonical name, its English and Vietnamese labels, the
variants registers use); failing an exact match, a header that starts with a known name of two
words or more is placed there ("Ngày tiếp nhận tin báo" → received_on).

A mapping file says what the automatic placing cannot. It is JSON:

    {"kind": "tips", "columns": {"Ngày nhận đơn": "received_on", "Ghi chú": null}}

`columns` maps a header (compared folded, like any header) to a canonical column of the kind,
or to null for a column to leave out knowingly. `save_mapping` writes one from a reading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import Problem, Refused
from models.i18n import MESSAGES
from models.tabular import COLUMNS
from models.text import fold

# Headers of columns that hold nothing to import: the row's number in the register.
IGNORED = ("STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#")

_CODE = ["Mã", "Mã số", "Số hiệu", "Ký hiệu", "Mã hiệu"]
_NAMES: dict[str, dict[str, list[str]]] = {
    "units": {
        "code": [*_CODE, "Mã đơn vị"],
        "name": ["Tên", "Tên đơn vị", "Đơn vị"],
        "level": ["Cấp", "Cấp đơn vị", "Loại đơn vị", "Cấp hành chính"],
        "parent_code": ["Đơn vị cấp trên", "Mã đơn vị cấp trên", "Cấp trên", "Trực thuộc"],
        "valid_from": ["Hiệu lực từ", "Từ ngày", "Ngày thành lập", "Ngày bắt đầu"],
        "valid_to": ["Hiệu lực đến", "Đến ngày", "Ngày giải thể", "Ngày kết thúc"],
    },
    "localities": {
        "code": [*_CODE, "Mã xã", "Mã phường", "Mã xã phường", "Mã địa bàn"],
        "name": ["Tên", "Tên xã", "Tên phường", "Tên xã phường", "Xã phường", "Địa bàn"],
        "unit_code": ["Đơn vị", "Mã đơn vị", "Đơn vị quản lý", "Đơn vị phụ trách", "Công an"],
        "border_zone": ["Giáp ranh", "Địa bàn giáp ranh", "Vùng giáp ranh", "Thuộc giáp ranh"],
    },
    "tips": {
        "code": [*_CODE, "Mã nguồn tin", "Mã tin", "Số nguồn tin"],
        "kind": ["Loại", "Loại nguồn tin", "Phân loại", "Loại tin"],
        "received_on": ["Ngày tiếp nhận", "Ngày nhận", "Ngày nhận tin", "Thời gian tiếp nhận"],
        "receiving_unit": ["Đơn vị thụ lý", "Đơn vị tiếp nhận", "Cơ quan tiếp nhận", "Đơn vị"],
        "partner_unit": ["Đơn vị phối hợp", "Đơn vị trao đổi", "Đơn vị bạn", "Trao đổi với"],
        "locality": ["Địa bàn", "Xã phường", "Nơi xảy ra", "Địa điểm", "Mã xã", "Xã"],
        "summary": ["Tóm tắt nội dung", "Tóm tắt", "Nội dung", "Nội dung nguồn tin", "Trích yếu"],
        "status": ["Tình trạng", "Trạng thái", "Kết quả", "Kết quả giải quyết"],
        "resolved_on": ["Ngày giải quyết", "Ngày kết thúc", "Ngày có kết quả", "Ngày xử lý"],
        "extended_to": ["Gia hạn đến", "Gia hạn đến ngày", "Ngày gia hạn", "Hạn gia hạn"],
        "case_code": ["Mã vụ án", "Mã vụ việc", "Mã vụ", "Số vụ án", "Vụ án"],
        "reporter_name": ["Người tố giác", "Người báo tin", "Họ tên người tố giác", "Người báo"],
        "reporter_contact": ["Liên hệ", "Số điện thoại", "Điện thoại", "SĐT", "Địa chỉ liên hệ"],
    },
    "cases": {
        "code": [*_CODE, "Mã vụ", "Mã vụ việc", "Mã vụ án", "Số vụ"],
        "title": ["Tên vụ việc", "Tên vụ", "Tên vụ án", "Vụ việc", "Nội dung", "Tóm tắt"],
        "article": ["Điều", "Điều luật", "Điều BLHS", "Tội danh điều"],
        "clause": ["Khoản"],
        "occurred_on": ["Ngày xảy ra", "Thời gian xảy ra", "Ngày xảy ra vụ việc"],
        "locality": ["Địa bàn", "Nơi xảy ra", "Xã phường", "Địa điểm", "Mã xã", "Xã"],
        "lead_unit": ["Đơn vị chủ trì", "Chủ trì", "Đơn vị thụ lý", "Đơn vị điều tra"],
        "coordinating_units": ["Đơn vị phối hợp", "Các đơn vị phối hợp"],
        "coordination": ["Hình thức phối hợp", "Phối hợp", "Mức độ phối hợp"],
        "status": ["Tình trạng", "Trạng thái", "Kết quả"],
        "cleared_on": ["Ngày làm rõ", "Làm rõ", "Ngày phá án"],
        "tip_code": ["Mã nguồn tin", "Nguồn tin", "Từ nguồn tin"],
        "campaign_code": ["Đợt cao điểm", "Mã đợt", "Mã đợt cao điểm", "Thuộc đợt"],
        "opened_on": ["Ngày khởi tố", "Ngày khởi tố vụ án", "Khởi tố ngày"],
        "category": ["Loại tội phạm", "Phân loại tội phạm", "Loại tội"],
    },
    "clock_decisions": {
        "code": [*_CODE, "Mã quyết định"],
        "tip_code": ["Mã nguồn tin", "Nguồn tin"],
        "case_code": ["Mã vụ án", "Vụ án", "Mã vụ việc"],
        "step": ["Loại quyết định", "Bước", "Quyết định"],
        "number": ["Số quyết định", "Số QĐ", "Số"],
        "decided_on": ["Ngày quyết định", "Ngày ra quyết định", "Ngày QĐ"],
        "decided_by": ["Người quyết định", "Người ký", "Cơ quan quyết định"],
        "deadline": ["Thời hạn đến", "Gia hạn đến", "Hạn mới"],
        "counted_from": ["Tính từ ngày", "Ngày bắt đầu tính"],
        "requested_on": ["Ngày đề nghị", "Ngày đề nghị gia hạn"],
    },
    "suspects": {
        "code": [*_CODE, "Mã đối tượng"],
        "full_name": ["Họ tên", "Họ và tên", "Tên đối tượng", "Họ tên đối tượng", "Đối tượng"],
        "birth_year": ["Năm sinh", "Sinh năm"],
        "address": ["Địa chỉ", "Nơi cư trú", "Nơi ở", "Trú quán", "Thường trú", "HKTT"],
        "case_codes": ["Các vụ việc", "Vụ án", "Mã vụ", "Mã vụ án", "Vụ việc", "Các vụ"],
        "status": ["Tình trạng", "Trạng thái", "Tình trạng xử lý"],
        "arrested_on": ["Ngày bắt", "Ngày bắt giữ", "Ngày bị bắt"],
    },
    "campaigns": {
        "code": [*_CODE, "Mã đợt", "Mã kế hoạch"],
        "name": ["Tên", "Tên đợt", "Tên đợt cao điểm", "Tên kế hoạch", "Đợt cao điểm"],
        "starts_on": ["Từ ngày", "Ngày bắt đầu", "Bắt đầu"],
        "ends_on": ["Đến ngày", "Ngày kết thúc", "Kết thúc"],
        "units": ["Đơn vị tham gia", "Các đơn vị", "Đơn vị"],
        "articles": ["Điều luật", "Các điều luật", "Điều", "Tội danh"],
        "localities": ["Địa bàn", "Các xã", "Xã phường", "Địa bàn trọng điểm"],
    },
    "regulations": {
        "code": [*_CODE, "Mã quy chế"],
        "name": ["Tên", "Tên quy chế", "Quy chế", "Quy chế phối hợp"],
        "parties": ["Các đơn vị ký", "Đơn vị ký", "Các bên", "Đơn vị"],
        "localities": ["Địa bàn", "Các xã", "Xã phường", "Địa bàn giáp ranh"],
        "signed_on": ["Ngày ký", "Ký ngày"],
        "starts_on": ["Từ ngày", "Ngày hiệu lực", "Hiệu lực từ"],
        "ends_on": ["Đến ngày", "Hết hiệu lực"],
        "hosts": ["Đơn vị thường trực", "Thường trực"],
    },
    "awards": {
        "decision_no": ["Số quyết định", "Số QĐ", "Quyết định số", "Số ký hiệu", "Số"],
        "decided_on": ["Ngày quyết định", "Ngày ký", "Ngày QĐ", "Ngày ban hành"],
        "issuer": ["Cơ quan khen", "Cơ quan ban hành", "Cấp khen", "Cấp khen thưởng"],
        "form": ["Hình thức", "Hình thức khen thưởng", "Loại khen"],
        "recipient_kind": ["Đối tượng khen", "Tập thể cá nhân", "Loại đối tượng"],
        "recipient_name": ["Tên tập thể cá nhân", "Họ tên", "Tên", "Người được khen"],
        "recipient_unit": ["Đơn vị", "Đơn vị công tác", "Nơi công tác"],
        "rank": ["Cấp bậc", "Quân hàm"],
        "position": ["Chức vụ"],
        "achievement": ["Thành tích", "Nội dung thành tích", "Lý do khen"],
        "campaign_code": ["Đợt cao điểm", "Mã đợt", "Thuộc đợt"],
    },
}
# The app's own column labels (col.*) name these columns too, in both languages.
_LABEL_KEYS = {"kind": "col.tip_kind"}

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_key(header: str) -> str:
    """The form headers are compared in: folded, punctuation as spaces."""
    return _NOT_WORD.sub(" ", fold(header)).strip()


def _names(kind: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for column, _required in COLUMNS[kind]:
        label = MESSAGES.get(_LABEL_KEYS.get(column, f"col.{column}"), ())
        for name in [column, *label, *_NAMES[kind][column]]:
            names.setdefault(header_key(name), column)
    return names


NAMES = {kind: _names(kind) for kind in COLUMNS}
_IGNORED = {header_key(name) for name in IGNORED}


@dataclass(frozen=True)
class Header:
    """One header cell: where it is, what it says, where it was placed and how."""

    index: int  # 0-based column of the sheet
    text: str
    column: str | None  # canonical column, None if left out or unplaced
    how: str  # "mapping", "name", "prefix", "merged", "ignored", "duplicate", "unplaced"

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class HeaderMapping:
    """How a sheet's headers were placed."""

    kind: str
    row: int  # sheet row number of the (last) header row
    headers: list[Header] = field(default_factory=list)

    @property
    def placed(self) -> dict[str, str]:
        """Header text → canonical column."""
        return {h.text: h.column for h in self.headers if h.column}

    def groups(self) -> list[tuple[str, list[int]]]:
        """Each placed column with the sheet columns it is read from (several under a merged
        header: the first that is not empty)."""
        groups: dict[str, list[int]] = {}
        for h in self.headers:
            if h.column:
                groups.setdefault(h.column, []).append(h.index)
        return list(groups.items())

    @property
    def unplaced(self) -> list[str]:
        return [h.text for h in self.headers if h.how in ("unplaced", "duplicate")]

    @property
    def missing(self) -> list[str]:
        present = {h.column for h in self.headers if h.column}
        return [name for name, required in COLUMNS[self.kind] if required and name not in present]

    def problems(self) -> list[Problem]:
        """A header it cannot place, one placed twice, a required column missing."""
        problems = [
            Problem(h.text, None, "import.unplaced_header", {"letter": h.letter}, self.row)
            for h in self.headers
            if h.how == "unplaced"
        ]
        problems += [
            Problem(h.text, None, "import.duplicate_header", {"letter": h.letter}, self.row)
            for h in self.headers
            if h.how == "duplicate"
        ]
        problems += [
            Problem(name, None, "err.missing_column", row=self.row) for name in self.missing
        ]
        return problems

    def to_json(self) -> str:
        """This placing as a mapping file (see the module docstring)."""
        columns = {h.text: h.column for h in self.headers if h.how not in ("duplicate", "merged")}
        return json.dumps({"kind": self.kind, "columns": columns}, ensure_ascii=False, indent=2)


def column_letter(index: int) -> str:
    """0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def place(
    header: str, kind: str, saved: dict[str, str | None] | None = None
) -> tuple[str | None, str]:
    """(canonical column or None, how) for one header of `kind`."""
    key = header_key(header)
    if saved and key in saved:
        return saved[key], "mapping"
    names = NAMES[kind]
    if key in _IGNORED:
        return None, "ignored"
    for candidate in (key, _NOT_WORD.sub(" ", fold(_BRACKETS.sub(" ", header))).strip()):
        if candidate in names:
            return names[candidate], "name"
    prefixes = [name for name in names if " " in name and key.startswith(name + " ")]
    if prefixes:
        return names[max(prefixes, key=len)], "prefix"
    return None, "unplaced"


def map_headers(
    cells: list[tuple[int, str, Hashable]],
    kind: str,
    row: int,
    saved: dict[str, str | None] | None = None,
) -> HeaderMapping:
    """Place each (column index, header text, origin): a header shown by a merged cell over
    several columns (one origin) is one column read from any of them; a canonical column
    placed twice otherwise keeps the first."""
    mapping = HeaderMapping(kind, row)
    taken: dict[str, Hashable] = {}
    for index, text, origin in cells:
        column, how = place(text, kind, saved)
        if column and column in taken:
            column, how = (column, "merged") if taken[column] == origin else (None, "duplicate")
        if column and how != "merged":
            taken[column] = origin
        mapping.headers.append(Header(index, text, column, how))
    return mapping


def score_headers(texts: list[str], kind: str, saved: dict[str, str | None] | None = None) -> int:
    """How many columns of `kind` these texts name (to find the header row)."""
    return len({column for text in texts if text and (column := place(text, kind, saved)[0])})


def load_mapping(source: str | Path, kind: str) -> dict[str, str | None]:
    """A mapping file's headers (folded) → column; Refused if it is not one for `kind`."""
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8-sig"))
        columns = data["columns"]
        if data.get("kind", kind) != kind or not isinstance(columns, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise Refused("import.bad_mapping", path=str(source), kind=kind) from None
    known = {name for name, _ in COLUMNS[kind]}
    wrong = sorted(str(v) for v in columns.values() if v is not None and v not in known)
    if wrong:
        raise Refused("import.mapping_column", path=str(source), columns=", ".join(wrong))
    return {header_key(str(header)): column for header, column in columns.items()}


def save_mapping(mapping: HeaderMapping, path: str | Path) -> None:
    Path(path).write_text(mapping.to_json() + "\n", encoding="utf-8")
