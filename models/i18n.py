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
    "err.duplicate_column": (
        "cột này có hai lần trong dòng tiêu đề",
        "this column is in the header twice",
    ),
    "err.date_range": (
        "ngày phải trong khoảng 01/01/1900 – 31/12/2999",
        "the date must be between 01/01/1900 and 31/12/2999",
    ),
    "err.future_date": ("là ngày trong tương lai", "is in the future"),
    "err.integer": ("phải là số nguyên", "must be a whole number"),
    "err.year": ("năm sinh không hợp lệ", "is not a plausible birth year"),
    "err.too_long": ("dài quá {max} ký tự", "is longer than {max} characters"),
    "err.blank": ("không được để trống", "must not be blank"),
    "err.control_chars": ("chứa ký tự điều khiển", "contains control characters"),
    "err.invisible_chars": (
        "chứa ký tự ẩn (như ký tự đảo chiều chữ), có thể làm chữ hiện sai",
        "contains invisible characters (such as a text direction override) that can disguise it",
    ),
    "err.choice": ("phải là một trong: {choices}", "must be one of: {choices}"),
    "err.yes_no": (
        "phải là có hoặc không (x, yes, no cũng được)",
        "must be yes or no (có, không, x too)",
    ),
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
    "err.too_many": ("có quá {max} giá trị", "has more than {max} values"),
    "err.forbidden": (
        "{username} không có quyền {action} {kind} này",
        "{username} may not {action} this {kind}",
    ),
    "err.hidden_field": (
        "chỉ đơn vị tiếp nhận được xem và sửa trường này",
        "only the receiving unit may see and change this field",
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
    "error.db_empty": (
        "--db trống: hãy ghi đường dẫn tệp SQLite hoặc URL của cơ sở dữ liệu "
        "(bỏ --db để dùng cơ sở dữ liệu mặc định).",
        "--db is empty: give a SQLite file path or a database URL "
        "(leave --db out for the default database).",
    ),
    "error.db_unsupported": (
        "Không dùng được cơ sở dữ liệu {url}: giapranh chỉ làm việc với SQLite (đường dẫn tệp "
        "hoặc sqlite:///…) và PostgreSQL (postgresql+psycopg://…).",
        "Cannot use the database {url}: giapranh works with SQLite (a file path or "
        "sqlite:///…) and PostgreSQL (postgresql+psycopg://…) only.",
    ),
    "error.db_no_folder": (
        "Không có thư mục {path}: hãy tạo thư mục trước (giapranh không tự tạo thư mục cho "
        "đường dẫn được chỉ định).",
        "There is no folder {path}: create it first (giapranh makes no folders for a path "
        "it is given).",
    ),
    "error.db_is_folder": (
        "{path} là một thư mục, không phải tệp cơ sở dữ liệu.",
        "{path} is a folder, not a database file.",
    ),
    "error.db_read_only": (
        "Cơ sở dữ liệu {url} chỉ đọc được, không ghi được (quyền của tệp hoặc thư mục); "
        "không có gì được lưu.",
        "The database {url} is read-only (the file's or folder's permissions); nothing was saved.",
    ),
    "error.db_full": (
        "Đĩa đầy, không ghi được vào cơ sở dữ liệu {url}; không có gì được lưu.",
        "The disk is full: cannot write to the database {url}; nothing was saved.",
    ),
    "error.db_corrupt": (
        "Tệp {url} bị hỏng hoặc không phải cơ sở dữ liệu ({reason}); hãy khôi phục từ bản sao lưu.",
        "The file {url} is damaged or not a database ({reason}); restore it from a backup.",
    ),
    "error.db_locked": (
        "Cơ sở dữ liệu {url} đang bận quá lâu (một người khác đang ghi); hãy thử lại; "
        "không có gì được lưu.",
        "The database {url} stayed busy too long (someone else is writing); try again; "
        "nothing was saved.",
    ),
    "error.db_failed": (
        "Lỗi cơ sở dữ liệu {url}: {reason}",
        "Database error in {url}: {reason}",
    ),
    "error.cannot_open": (
        "Không mở được cơ sở dữ liệu {url}: {reason}",
        "Cannot open database {url}: {reason}",
    ),
    "error.restore_sqlite_only": (
        "Lệnh restore chỉ dùng cho SQLite; với PostgreSQL hãy dùng pg_restore (xem README).",
        "restore works on SQLite only; for PostgreSQL use pg_restore (see the README).",
    ),
    "error.restore_not_found": ("Không có tệp {path}.", "There is no file {path}."),
    "error.restore_damaged": (
        "Bản sao {path} bị hỏng ({reason}); không khôi phục, cơ sở dữ liệu giữ nguyên.",
        "The copy {path} is damaged ({reason}); nothing restored, the database is unchanged.",
    ),
    "error.restore_not_giapranh": (
        "{path} không phải cơ sở dữ liệu của giapranh; không khôi phục.",
        "{path} is not a giapranh database; nothing restored.",
    ),
    "error.restore_chain": (
        "Nhật ký thay đổi của bản sao {path} không nguyên vẹn: {problem} Không khôi phục, "
        "cơ sở dữ liệu giữ nguyên.",
        "The change log of the copy {path} is not intact: {problem} Nothing restored, the "
        "database is unchanged.",
    ),
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
    "error.forbidden": (
        "{username} không có quyền {action} {kind}{code}.",
        "{username} may not {action} {kind}{code}.",
    ),
    "action.read": ("xem", "read"),
    "action.create": ("thêm", "create"),
    "action.update": ("sửa", "change"),
    "action.delete": ("xóa", "delete"),
    "action.export": ("xuất", "export"),
    "action.verify": ("kiểm tra", "verify"),
    "audit.ok": (
        "OK, {count} mục — nhật ký thay đổi nguyên vẹn (mã băm cuối: {head}).",
        "OK, {count} entries — the change log is intact (last hash: {head}).",
    ),
    "audit.altered": (
        "Mục nhật ký {id} đã bị sửa: nội dung không khớp mã băm của nó.",
        "Change log entry {id} was altered: its content does not match its hash.",
    ),
    "audit.broken_link": (
        "Mục nhật ký {id} không nối tiếp mục {previous}: có mục bị xóa trước nó, "
        "hoặc mục này bị chèn hay đổi chỗ.",
        "Change log entry {id} does not follow entry {previous}: an entry before it was "
        "removed, or this one was inserted or moved out of order.",
    ),
    "audit.broken_start": (
        "Mục nhật ký {id} không phải mục đầu tiên của chuỗi: các mục trước nó đã bị xóa, "
        "hoặc mục này bị chèn hay đổi chỗ.",
        "Change log entry {id} does not start the chain: the entries before it were removed, "
        "or this one was inserted or moved out of order.",
    ),
    "audit.head_missing": (
        "Không thấy mã băm {head} trong nhật ký: các mục từ đó trở đi đã bị xóa hoặc viết lại.",
        "The hash {head} is not in the change log: the entries since then were removed or "
        "rewritten.",
    ),
    "audit.exported": ("Đã xuất {count} mục nhật ký.", "Exported {count} change log entries."),
    # The row/column prefix is a contract other tools parse (DOMAIN.md); the reason is translated.
    # A contract (DOMAIN.md: tools read these lines), so the same words in both languages.
    "import.problem": (
        "row {row}, column {column}: {value} — {reason}",
        "row {row}, column {column}: {value} — {reason}",
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
    "kind.calendar_days": ("ngày điều chỉnh lịch làm việc", "calendar correction"),
    "kind.stations": ("trạm", "station"),
    "kind.clock_decisions": ("quyết định về thời hạn", "clock decision"),
    "kind.change_log": ("nhật ký thay đổi", "change log"),
    # Roles, columns and fields, coded values: what records hold, as the interface labels it.
    "role.admin": ("quản trị", "admin"),
    "role.editor": ("cập nhật", "editor"),
    "role.viewer": ("xem", "viewer"),
    # Columns and form fields.
    "col.code": ("Mã", "Code"),
    "col.occurred_on": ("Ngày xảy ra", "Occurred"),
    "col.article": ("Điều", "Art."),
    "col.clause": ("Khoản", "Clause"),
    "col.opened_on": ("Khởi tố", "Opened"),
    "col.category": ("Loại tội phạm", "Crime category"),
    "col.investigation_deadline_on": ("Hạn điều tra", "Investigation deadline"),
    "col.title": ("Nội dung", "Title"),
    "col.locality": ("Xã/phường", "Locality"),
    "col.lead_unit": ("Chủ trì", "Lead"),
    "col.coordinating_units": ("Đơn vị phối hợp", "Coordinating units"),
    "col.coordination": ("Phối hợp", "Joint work"),
    "col.status": ("Trạng thái", "Status"),
    "col.cleared_on": ("Làm rõ", "Cleared"),
    "col.received_on": ("Ngày nhận", "Received"),
    "col.tip_kind": ("Loại", "Kind"),
    "col.summary": ("Tóm tắt", "Summary"),
    "col.receiving_unit": ("Đơn vị nhận", "Receiving unit"),
    "col.partner_unit": ("Đơn vị bạn", "Partner unit"),
    "col.deadline_on": ("Hạn", "Deadline"),
    "col.days_left": ("Còn", "Left"),
    "col.investigation_left": ("Hạn ĐT", "Inv. left"),
    "col.step": ("Loại quyết định", "Decision"),
    "col.number": ("Số quyết định", "Number"),
    "col.decided_by": ("Người quyết định", "Decided by"),
    "col.deadline": ("Thời hạn đến", "Deadline set"),
    "col.counted_from": ("Tính từ ngày", "Counted from"),
    "col.requested_on": ("Ngày đề nghị", "Requested on"),
    "col.clock_decisions": ("Quyết định về thời hạn", "Decisions on the time limit"),
    "clock.ask_by": ("đề nghị gia hạn chậm nhất {day}", "ask for an extension by {day}"),
    "col.resolved_on": ("Giải quyết", "Resolved"),
    "col.extended_to": ("Gia hạn đến", "Extended to"),
    "col.case_code": ("Mã vụ việc", "Case code"),
    "col.reporter_name": ("Người tố giác", "Reporter"),
    "col.reporter_contact": ("Liên hệ", "Contact"),
    "col.full_name": ("Họ tên", "Name"),
    "col.birth_year": ("Năm sinh", "Born"),
    "col.address": ("Địa chỉ", "Address"),
    "col.arrested_on": ("Ngày bắt", "Arrested"),
    "col.case_count": ("Số vụ", "Cases"),
    "col.case_codes": ("Các vụ việc", "Cases"),
    "col.name": ("Tên", "Name"),
    "col.starts_on": ("Từ ngày", "From"),
    "col.ends_on": ("Đến ngày", "To"),
    "col.valid_from": ("Hiệu lực từ", "Valid from"),
    "col.valid_to": ("Hiệu lực đến", "Valid to"),
    "col.articles": ("Điều luật", "Articles"),
    "col.units": ("Đơn vị tham gia", "Units"),
    "col.localities": ("Địa bàn", "Localities"),
    "col.decision_no": ("Số quyết định", "Decision no."),
    "col.decided_on": ("Ngày ký", "Date"),
    "col.issuer": ("Cơ quan khen", "Issued by"),
    "col.form": ("Hình thức", "Form"),
    "col.signer": ("Người ký", "Signed by"),
    "col.collectives": ("Tập thể", "Collect."),
    "col.individuals": ("Cá nhân", "Indiv."),
    "col.decision": ("Quyết định", "Decision"),
    "col.recipient_kind": ("Đối tượng khen", "Recipient"),
    "col.recipient_name": ("Tên tập thể/cá nhân", "Name"),
    "col.recipient_unit": ("Đơn vị", "Unit"),
    "col.rank": ("Cấp bậc", "Rank"),
    "col.position": ("Chức vụ", "Position"),
    "col.achievement": ("Thành tích", "Achievement"),
    "col.tip_code": ("Mã nguồn tin", "Tip code"),
    "col.campaign_code": ("Đợt cao điểm", "Campaign"),
    # Values of coded fields.
    "case_status.investigating": ("đang điều tra", "investigating"),
    "case_status.cleared": ("đã làm rõ", "cleared"),
    "case_status.suspended": ("tạm đình chỉ", "suspended"),
    "case_status.closed": ("đã kết thúc", "closed"),
    "coordination.none": ("không", "none"),
    "coordination.directed": ("chỉ đạo", "directed"),
    "coordination.joint": ("trực tiếp", "joint"),
    "calendar_kind.off": ("ngày nghỉ", "day off"),
    "calendar_kind.working": ("ngày làm việc", "working day"),
    "tip_kind.to_giac": ("tố giác", "report"),
    "tip_kind.tin_bao": ("tin báo", "notice"),
    "tip_kind.kien_nghi": ("kiến nghị", "request"),
    "tip_status.received": ("mới tiếp nhận", "received"),
    "tip_status.verifying": ("đang xác minh", "verifying"),
    "tip_status.case_opened": ("đã khởi tố", "case opened"),
    "tip_status.no_case": ("không khởi tố", "no case"),
    "tip_status.suspended": ("tạm đình chỉ", "suspended"),
    "tip_status.transferred": ("đã chuyển", "transferred"),
    "suspect_status.wanted": ("truy nã", "wanted"),
    "suspect_status.arrested": ("đã bắt", "arrested"),
    "suspect_status.surrendered": ("đầu thú", "surrendered"),
    "suspect_status.handled": ("đã xử lý", "handled"),
    "suspect_status.released": ("đã trả tự do", "released"),
    "award_form.giay_khen": ("Giấy khen", "Certificate"),
    "award_form.bang_khen": ("Bằng khen", "Diploma"),
    "award_form.other": ("khác", "other"),
    "recipient_kind.collective": ("Tập thể", "Collective"),
    "recipient_kind.individual": ("Cá nhân", "Individual"),
    "word.yes": ("có", "yes"),
    "word.no": ("không", "no"),
    "word.border_zone": ("giáp ranh", "border zone"),
    "word.extended": ("đã gia hạn", "extended"),
    "word.article": ("Điều {article}", "Article {article}"),
    "word.clause": ("khoản {clause}", "clause {clause}"),
    # Linked records in a detail view.
    "link.tip": ("Nguồn tin", "Tip"),
    "link.tips": ("Nguồn tin trong thời gian đợt", "Tips received during it"),
    "link.suspects": ("Đối tượng", "Suspects"),
    "link.campaign": ("Đợt cao điểm", "Campaign"),
    "link.campaigns": ("Đợt cao điểm được khen", "Campaigns rewarded"),
    "link.cases": ("Vụ việc", "Cases"),
    "link.arrests": ("Bắt giữ trong thời gian đợt", "Arrests during it"),
    "link.recipients": ("Tập thể, cá nhân được khen", "Recipients"),
    "link.decision": ("Quyết định", "Decision"),
    "link.more": ("… và {count} bản ghi khác", "… and {count} more"),
    "link.none": ("(không có)", "(none)"),
    # The change log's columns.
    "col.at": ("Lúc", "At"),
    "col.actor": ("Người sửa", "By"),
    "col.action": ("Việc", "Did"),
    "col.kind": ("Loại", "Kind"),
    "col.record_code": ("Mã", "Code"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.role": ("Vai trò", "Role"),
    "col.keys": ("Khóa SSH", "SSH keys"),
    # The review's figures.
    "fig.tips_received": ("Nguồn tin tiếp nhận", "Tips received"),
    "fig.tips_exchanged": ("Nguồn tin có trao đổi", "Tips exchanged"),
    "fig.tips_verified": ("Nguồn tin đã phối hợp xác minh", "Tips verified jointly"),
    "fig.tips_overdue": ("Nguồn tin quá hạn", "Tips overdue"),
    "fig.campaigns_held": ("Đợt cao điểm", "Campaigns held"),
    "fig.cases_occurred": ("Vụ xảy ra ở địa bàn giáp ranh", "Border-zone cases"),
    "fig.cases_cleared": ("Vụ đã làm rõ", "Cases cleared"),
    "fig.clearance_rate": ("Tỷ lệ làm rõ", "Clearance rate"),
    "fig.cases_joint_cleared": ("Vụ trực tiếp phối hợp làm rõ", "Cleared jointly"),
    "fig.suspects_arrested": ("Đối tượng bị bắt", "Suspects arrested"),
    "fig.awards_collective": ("Tập thể được khen", "Collectives commended"),
    "fig.awards_individual": ("Cá nhân được khen", "Individuals commended"),
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
    "kind.access_log": ("nhật ký truy cập", "access log"),
}


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add a module's own messages (a feature's, the interface's) to the one catalogue."""
    clashing = sorted(key for key in messages if MESSAGES.get(key, messages[key]) != messages[key])
    if clashing:
        raise ValueError(f"catalogue keys defined twice: {', '.join(clashing)}")
    MESSAGES.update(messages)


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


def both(key: str, /, **params: object) -> str:
    """The message in Vietnamese and English on one line, for whoever has not chosen yet
    (a client refused by the SSH server, before any operator's language applies)."""
    vi, en = MESSAGES[key]
    return f"{vi.format(**params)} / {en.format(**params)}"


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, formatted with `params`."""
    vi, en = MESSAGES[key]
    template = en if _language == "en" else vi
    return template.format(**params) if params else template
