"""The one translation catalogue: every message an operator reads, in Vietnamese and English.

Each key maps to (Vietnamese, English). `t(key, **params)` formats it in the current language.
Vietnamese is the default; `GIAPRANH_LANG=en` or `set_language("en")` switches.
"""

from __future__ import annotations

import os

LANGUAGES = ("vi", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # Validation problems (field level).
    "err.required": ("bắt buộc phải có", "is required"),
    "err.date": ("không phải ngày hợp lệ (dd/mm/yyyy)", "is not a valid date (dd/mm/yyyy)"),
    "err.future_date": ("là ngày trong tương lai", "is in the future"),
    "err.integer": ("phải là số nguyên", "must be a whole number"),
    "err.year": ("năm sinh không hợp lệ", "is not a plausible birth year"),
    "err.too_long": ("dài quá {max} ký tự", "is longer than {max} characters"),
    "err.blank": ("không được để trống", "must not be blank"),
    "err.control_chars": ("chứa ký tự điều khiển", "contains control characters"),
    "err.choice": ("phải là một trong: {choices}", "must be one of: {choices}"),
    "err.yes_no": ("phải là yes hoặc no", "must be yes or no"),
    "err.code_format": (
        "mã chỉ gồm chữ không dấu, số, '-', '_', '.', '/'",
        "a code is letters without tone marks, digits, '-', '_', '.', '/'",
    ),
    "err.article_format": (
        "điều luật phải là số, có thể kèm chữ (ví dụ 173, 256a)",
        "an article is a number, optionally with a letter (e.g. 173, 256a)",
    ),
    "err.unknown_code": ("không có mã này", "no record has this code"),
    "err.unknown_unit": ("không có đơn vị mã này", "no unit has this code"),
    "err.unknown_locality": ("không có xã/phường mã này", "no locality has this code"),
    "err.unknown_tip": ("không có nguồn tin mã này", "no tip has this code"),
    "err.unknown_case": ("không có vụ việc mã này", "no case has this code"),
    "err.unknown_campaign": ("không có đợt cao điểm mã này", "no campaign has this code"),
    "err.duplicate_code": ("mã đã tồn tại", "this code is already used"),
    "err.duplicate_in_file": (
        "mã bị trùng với dòng {row}",
        "this code is already used by row {row}",
    ),
    "err.parent_cycle": ("đơn vị cấp trên tạo thành vòng lặp", "parent units form a cycle"),
    "err.parent_self": (
        "đơn vị không thể là cấp trên của chính nó",
        "a unit cannot be its own parent",
    ),
    "err.date_order": ("phải sau hoặc bằng {other}", "must be on or after {other}"),
    "err.cleared_needs_date": (
        "vụ việc đã làm rõ phải có ngày làm rõ",
        "a cleared case needs the date it was cleared",
    ),
    "err.not_cleared_no_date": (
        "vụ việc chưa làm rõ thì không có ngày làm rõ",
        "a case not cleared has no cleared date",
    ),
    "err.resolved_needs_date": (
        "nguồn tin đã giải quyết phải có ngày giải quyết",
        "a resolved tip needs the date it was resolved",
    ),
    "err.unresolved_no_date": (
        "nguồn tin chưa giải quyết thì không có ngày giải quyết",
        "an unresolved tip has no resolution date",
    ),
    "err.arrested_needs_date": (
        "đối tượng đã bắt phải có ngày bắt",
        "an arrested suspect needs the arrest date",
    ),
    "err.wanted_no_date": (
        "đối tượng đang truy nã thì không có ngày bắt",
        "a wanted suspect has no arrest date",
    ),
    "err.partner_is_receiver": (
        "đơn vị phối hợp phải khác đơn vị tiếp nhận",
        "the partner unit must differ from the receiving unit",
    ),
    "err.lead_in_coordinating": (
        "đơn vị chủ trì không nằm trong các đơn vị phối hợp",
        "the lead unit cannot also be a coordinating unit",
    ),
    "err.extension_too_long": (
        "gia hạn quá 4 tháng kể từ ngày tiếp nhận",
        "extended beyond 4 months from receipt",
    ),
    "err.extension_too_early": (
        "hạn gia hạn phải sau hạn 20 ngày",
        "an extended deadline must be after the 20-day deadline",
    ),
    "err.list_required": ("phải có ít nhất một giá trị", "needs at least one value"),
    "err.decision_mismatch": (
        "khác với dòng {row} của cùng quyết định",
        "differs from row {row} of the same decision",
    ),
    "err.decision_exists": (
        "quyết định này đã có trong cơ sở dữ liệu",
        "this decision already exists",
    ),
    "err.award_twice": (
        "thành tích này đã được khen thưởng ({decision})",
        "this achievement was already rewarded ({decision})",
    ),
    "err.unknown_column": ("cột không thuộc định dạng", "is not a column of this format"),
    "err.missing_column": ("thiếu cột bắt buộc", "required column is missing"),
    "err.row_too_long": ("dòng quá dài", "the row is too long"),
    "err.encoding": ("tệp không phải UTF-8", "the file is not UTF-8"),
    "err.empty_file": ("tệp không có dòng tiêu đề", "the file has no header row"),
    "err.in_use": (
        "còn {count} bản ghi liên kết ({kinds}); xóa hoặc sửa chúng trước",
        "{count} linked records still refer to it ({kinds}); remove or change them first",
    ),
    "err.username_format": (
        "tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '_', '-'",
        "a username is lower-case letters, digits, '.', '_', '-'",
    ),
    "err.key_format": ("không phải khóa công khai SSH", "is not an SSH public key"),
    "err.role": (
        "vai trò phải là admin, editor hoặc viewer",
        "role must be admin, editor or viewer",
    ),
    # Errors of whole actions.
    "error.invalid": ("Dữ liệu không hợp lệ:", "Invalid input:"),
    "error.not_found": ("Không tìm thấy {kind} {code}", "{kind} {code} not found"),
    "error.conflict": (
        "{kind} {code} vừa được người khác sửa (phiên bản {current}, bạn đang sửa bản {expected})",
        "{kind} {code} was changed by someone else (version {current}, you edited {expected})",
    ),
    "error.schema_newer": (
        "Cơ sở dữ liệu do phiên bản giapranh mới hơn tạo ra (lược đồ {revision}). "
        "Hãy nâng cấp giapranh trước khi mở nó.",
        "This database was written by a newer giapranh (schema {revision}). "
        "Upgrade giapranh before opening it.",
    ),
    "error.not_giapranh": (
        "Cơ sở dữ liệu {url} có bảng nhưng không phải của giapranh; "
        "không mở để tránh hỏng dữ liệu.",
        "The database {url} has tables but is not a giapranh database; refusing to touch it.",
    ),
    "error.cannot_open": (
        "Không mở được cơ sở dữ liệu {url}: {reason}",
        "Cannot open database {url}: {reason}",
    ),
    "error.demo_exists": (
        "{url} đã có dữ liệu. Thêm --force để xóa và tạo lại dữ liệu mẫu.",
        "{url} already holds data. Add --force to erase it and build the demo again.",
    ),
    "error.file_not_found": ("Không có tệp {path}", "No such file: {path}"),
    "error.backup_sqlite_only": (
        "Lệnh backup chỉ dùng cho SQLite; với PostgreSQL hãy dùng pg_dump.",
        "backup works on SQLite only; for PostgreSQL use pg_dump.",
    ),
    "error.backup_target_exists": (
        "{path} đã tồn tại; chọn tên khác.",
        "{path} already exists; choose another name.",
    ),
    "error.unknown_operator": ("Không có cán bộ {username}", "No operator named {username}"),
    "error.unknown_key": (
        "{username} không có khóa {fingerprint}",
        "{username} has no key {fingerprint}",
    ),
    "error.operator_disabled": (
        "Tài khoản {username} đã bị khóa",
        "Operator {username} is disabled",
    ),
    "error.period": (
        "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc",
        "The start date must not be after the end date",
    ),
    "error.bad_date_option": (
        "{option}: '{value}' không phải ngày",
        "{option}: '{value}' is not a date",
    ),
    "import.rejected": (
        "Không nhập tệp {path}: {count} lỗi. Cơ sở dữ liệu không thay đổi.",
        "Rejected {path}: {count} problems. The database is unchanged.",
    ),
    # The row/column prefix is a contract other tools parse (DOMAIN.md); the reason is translated.
    "import.problem": (
        "row {row}, column {column}: {value} — {reason}",
        "row {row}, column {column}: {value} — {reason}",
    ),
    "import.ok": (
        "Đã nhập {count} bản ghi {kind} từ {path}.",
        "Imported {count} {kind} records from {path}.",
    ),
    "import.dry_run_ok": (
        "Kiểm tra xong: {count} bản ghi {kind} hợp lệ; chưa ghi gì (--dry-run).",
        "Checked: {count} {kind} records are valid; nothing written (--dry-run).",
    ),
    "demo.done": (
        "Đã tạo dữ liệu mẫu năm 2017 tại {url}: {cases} vụ việc, {tips} nguồn tin, "
        "{campaigns} đợt cao điểm, {awards} người/tập thể được khen.",
        "Built the 2017 demo at {url}: {cases} cases, {tips} tips, {campaigns} campaigns, "
        "{awards} award recipients.",
    ),
    "backup.done": (
        "Đã sao lưu {source} vào {path} ({size}).",
        "Backed up {source} to {path} ({size}).",
    ),
    "db.upgraded": (
        "Cơ sở dữ liệu {url} ở phiên bản lược đồ {revision}.",
        "Database {url} is at schema {revision}.",
    ),
    "db.current": (
        "Lược đồ hiện tại: {revision} (mới nhất: {head})",
        "Current schema: {revision} (latest: {head})",
    ),
    "db.empty": ("chưa khởi tạo", "not initialised"),
    "operator.added": (
        "Đã thêm cán bộ {username} ({role}, {unit}).",
        "Added operator {username} ({role}, {unit}).",
    ),
    "operator.disabled": ("Đã khóa tài khoản {username}.", "Disabled operator {username}."),
    "operator.key_added": ("Đã thêm khóa cho {username}.", "Added a key for {username}."),
    "operator.key_removed": (
        "Đã gỡ khóa {fingerprint} của {username}.",
        "Removed key {fingerprint} of {username}.",
    ),
    "operator.none": ("Chưa có cán bộ nào.", "No operators yet."),
    "app.not_yet": (
        "Giao diện toàn màn hình chưa có trong bản này. Dùng: giapranh report, export, import.",
        "The full-screen app is not in this build yet. Use: giapranh report, export, import.",
    ),
    # Record kinds, as operators name them.
    "kind.units": ("đơn vị", "unit"),
    "kind.localities": ("xã/phường", "locality"),
    "kind.tips": ("nguồn tin", "tip"),
    "kind.cases": ("vụ việc", "case"),
    "kind.suspects": ("đối tượng", "suspect"),
    "kind.campaigns": ("đợt cao điểm", "campaign"),
    "kind.awards": ("khen thưởng", "award"),
    "kind.award_decisions": ("quyết định khen thưởng", "award decision"),
    "kind.award_recipients": ("người/tập thể được khen", "award recipient"),
    "kind.operators": ("cán bộ", "operator"),
    "word.and": ("và", "and"),
    # The review, as sentences (the seed's phrasing).
    "report.title": (
        "SƠ KẾT QUI CHẾ PHỐI HỢP BẢO ĐẢM AN NINH, TRẬT TỰ Ở ĐỊA BÀN GIÁP RANH",
        "REVIEW OF BORDER-ZONE SECURITY COORDINATION",
    ),
    "report.period": ("Từ ngày {start} đến ngày {end}:", "From {start} to {end}:"),
    "report.units": ("Các đơn vị: {names}.", "Units: {names}."),
    "report.tips": (
        "- Tiếp nhận {received} nguồn tin về tội phạm, trong đó {exchanged} nguồn tin có trao đổi "
        "với đơn vị bạn; đã phối hợp kiểm tra xác minh {verified} nguồn tin.",
        "- Received {received} crime tips, {exchanged} of them exchanged with a partner unit; "
        "jointly verified {verified} tips.",
    ),
    "report.overdue": (
        "- Còn {overdue} nguồn tin quá hạn giải quyết tính đến ngày {end}.",
        "- Tips past their legal deadline on {end}: {overdue}.",
    ),
    "report.campaigns": (
        "- Thực hiện {held:02d} đợt cao điểm tấn công trấn áp tội phạm.",
        "- Ran {held} peak crackdown campaigns.",
    ),
    "report.cases": (
        "- Chỉ đạo điều tra làm rõ {cleared}/{occurred} vụ phạm pháp hình sự ở địa bàn giáp ranh "
        "(đạt {rate}); trực tiếp phối hợp điều tra làm rõ {joint} vụ.",
        "- Cleared {cleared} of {occurred} criminal cases in the border zone ({rate}); "
        "{joint} of them by direct joint investigation.",
    ),
    "report.suspects": ("- Bắt xử lý {arrested} đối tượng.", "- Arrested {arrested} suspects."),
    "report.awards": (
        "- {collective} tập thể và {individual} cá nhân có thành tích xuất sắc được khen thưởng.",
        "- {collective} collectives and {individual} individuals were commended.",
    ),
}


def default_language() -> str:
    wanted = os.environ.get("GIAPRANH_LANG", "vi").strip().lower()[:2]
    return wanted if wanted in LANGUAGES else "vi"


# One process serves one operator, so the language is process-wide (worker threads see it too).
_language = default_language()


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}")
    _language = language


def current_language() -> str:
    return _language


def t(key: str, **params: object) -> str:
    """The message `key` in the current language, formatted with `params`."""
    vi, en = MESSAGES[key]
    template = en if _language == "en" else vi
    return template.format(**params) if params else template
