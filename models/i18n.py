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
    "error.forbidden": (
        "{username} không có quyền {action} {kind}{code}.",
        "{username} may not {action} {kind}{code}.",
    ),
    "error.local_admin_only": (
        "Lệnh này chỉ dành cho quản trị viên tại máy chủ (không dùng --operator).",
        "Only the local administrator at the server may run this (without --operator).",
    ),
    "error.period": (
        "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc",
        "The start date must not be after the end date",
    ),
    "error.bad_date_option": (
        "{option}: '{value}' không phải ngày",
        "{option}: '{value}' is not a date",
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
    "kind.change_log": ("nhật ký thay đổi", "change log"),
    # --- the app ---------------------------------------------------------------------------------
    "app.title": ("giapranh — phối hợp địa bàn giáp ranh", "giapranh — border-zone coordination"),
    "pane.cases": ("Vụ việc", "Cases"),
    "pane.tips": ("Nguồn tin", "Tips"),
    "pane.campaigns": ("Đợt cao điểm", "Campaigns"),
    "pane.awards": ("Khen thưởng", "Awards"),
    "pane.review": ("Sơ kết", "Review"),
    "pane.suspects": ("Đối tượng", "Suspects"),
    "header.local_admin": ("quản trị tại máy chủ", "server administrator"),
    "header.as_of": ("ngày {date}", "as of {date}"),
    "role.admin": ("quản trị", "admin"),
    "role.editor": ("cập nhật", "editor"),
    "role.viewer": ("xem", "viewer"),
    # Columns and form fields.
    "col.code": ("Mã", "Code"),
    "col.occurred_on": ("Ngày xảy ra", "Occurred"),
    "col.article": ("Điều", "Art."),
    "col.clause": ("Khoản", "Clause"),
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
    # Shorter column heads where the field's label does not fit its column.
    "head.occurred_on": ("Ngày", "Date"),
    "head.received_on": ("Ngày nhận", "Received"),
    "head.receiving_unit": ("Nhận", "Recv."),
    "head.partner_unit": ("Bạn", "Partner"),
    "head.birth_year": ("Năm sinh", "Born"),
    "head.recipient_kind": ("Loại", "Kind"),
    # Values of coded fields.
    "case_status.investigating": ("đang điều tra", "investigating"),
    "case_status.cleared": ("đã làm rõ", "cleared"),
    "case_status.suspended": ("tạm đình chỉ", "suspended"),
    "case_status.closed": ("đã kết thúc", "closed"),
    "coordination.none": ("không", "none"),
    "coordination.directed": ("chỉ đạo", "directed"),
    "coordination.joint": ("trực tiếp", "joint"),
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
    "tip.days_left": ("còn {days}", "{days} left"),
    "tip.overdue_days": ("quá {days}", "{days} over"),
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
    # Keys, as the footer and help show them.
    "key.open": ("Xem", "Open"),
    "key.new": ("Thêm", "New"),
    "key.edit": ("Sửa", "Edit"),
    "key.delete": ("Xóa", "Delete"),
    "key.search": ("Tìm", "Search"),
    "key.filter": ("Lọc", "Filter"),
    "key.sort": ("Sắp xếp", "Sort"),
    "key.sort_reverse": ("Đảo thứ tự", "Reverse"),
    "key.clear_filters": ("Bỏ lọc", "Clear filters"),
    "key.due_only": ("Sắp/quá hạn", "Due/overdue"),
    "key.help": ("Trợ giúp", "Help"),
    "key.quit": ("Thoát", "Quit"),
    "key.palette": ("Lệnh", "Commands"),
    "key.back": ("Quay lại", "Back"),
    "key.save": ("Lưu", "Save"),
    "key.cancel": ("Hủy", "Cancel"),
    "key.global_search": ("Tìm mọi nơi", "Search all"),
    "key.change_log": ("Nhật ký thay đổi", "Change log"),
    "key.add_recipient": ("Thêm người được khen", "Add recipient"),
    "key.period": ("Kỳ báo cáo", "Period"),
    "key.previous_year": ("Năm trước", "Previous year"),
    "key.next_year": ("Năm sau", "Next year"),
    "key.pane": ("Chuyển tới {pane}", "Go to {pane}"),
    "key.yes": ("Đồng ý", "Yes"),
    "key.no": ("Không", "No"),
    # Messages.
    "msg.saved": ("Đã lưu {code}.", "Saved {code}."),
    "msg.deleted": ("Đã xóa {code}.", "Deleted {code}."),
    "msg.confirm_delete": (
        "Xóa {kind} {code}?\nViệc xóa được ghi vào nhật ký thay đổi.",
        "Delete {kind} {code}?\nThe deletion is recorded in the change log.",
    ),
    "msg.count": ("{count} bản ghi", "{count} records"),
    # Two operators saved the same record.
    "conflict.by": (
        "{code} vừa được {by} lưu lúc {at}, sau khi bạn mở. Những chỗ đã thay đổi:",
        "{code} was saved by {by} at {at}, after you opened it. What changed:",
    ),
    "conflict.opened": ("Khi bạn mở", "When you opened it"),
    "conflict.latest": ("Bản mới nhất", "Latest"),
    "conflict.mine": ("Bạn sửa thành", "Your edit"),
    "conflict.choices": (
        "Tải lại: xem bản mới nhất, bỏ phần bạn vừa sửa. Áp dụng lại: lưu phần bạn sửa lên "
        "bản mới nhất (các trường khác giữ như bản mới nhất).",
        "Reload: show the latest version, dropping your edit. Re-apply: save your edit on top "
        "of the latest version (other fields stay as they are now).",
    ),
    "conflict.reload": ("Tải lại", "Reload"),
    "conflict.reapply": ("Áp dụng lại", "Re-apply"),
    "conflict.reloaded": (
        "Đã tải bản mới nhất. Sửa tiếp rồi lưu, hoặc Esc để thoát.",
        "The latest version is loaded. Edit and save, or Esc to leave.",
    ),
    # The change log screen.
    "log.title": (
        "Nhật ký thay đổi — ai sửa gì, lúc nào (mới nhất trước)",
        "Change log — who changed what, when (newest first)",
    ),
    "log.by": ("Người sửa", "By (username)"),
    "log.record_code": ("Mã hồ sơ", "Record code"),
    "log.start": ("Từ dd/mm/yyyy", "From dd/mm/yyyy"),
    "log.end": ("Đến dd/mm/yyyy", "To dd/mm/yyyy"),
    "log.bad_date": (
        "Ngày không hợp lệ: {value} (gõ dd/mm/yyyy)",
        "Not a date: {value} (type dd/mm/yyyy)",
    ),
    "log.field": ("Trường", "Field"),
    "log.before": ("Trước", "Before"),
    "log.after": ("Sau", "After"),
    "col.at": ("Lúc", "At"),
    "col.actor": ("Người sửa", "By"),
    "col.action": ("Việc", "Did"),
    "col.kind": ("Loại", "Kind"),
    "col.record_code": ("Mã", "Code"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.role": ("Vai trò", "Role"),
    "col.keys": ("Khóa SSH", "SSH keys"),
    "msg.empty": ("Chưa có bản ghi nào.", "No records yet."),
    "msg.filters": ("Lọc: {filters}", "Filter: {filters}"),
    "msg.search": ("Tìm: {text}", "Search: {text}"),
    "msg.due_only": ("chỉ nguồn tin sắp/quá hạn", "only tips due or overdue"),
    "msg.quit_hint": ("Nhấn {key} để thoát.", "Press {key} to quit."),
    "msg.record_gone": ("Bản ghi này vừa bị xóa.", "This record was just deleted."),
    "msg.read_only": ("Bạn chỉ có quyền xem.", "You may only view records."),
    "msg.not_here": ("Không có thao tác này ở đây.", "Nothing to do that on here."),
    "msg.error": ("Lỗi: {error}", "Error: {error}"),
    "msg.loading": ("Đang tải…", "Loading…"),
    # Forms.
    "form.new": ("Thêm {kind}", "New {kind}"),
    "form.edit": ("Sửa {kind} {code}", "Edit {kind} {code}"),
    "form.invalid": ("Chưa lưu: sửa các ô có lỗi.", "Not saved: correct the fields marked."),
    "form.none": ("(không)", "(none)"),
    "form.codes_hint": ("các mã, cách nhau bởi ;", "codes separated by ;"),
    "form.date_hint": ("dd/mm/yyyy", "dd/mm/yyyy"),
    "form.required": ("* bắt buộc", "* required"),
    # Filters.
    "filter.title": ("Lọc danh sách", "Filter the list"),
    "filter.any": ("(tất cả)", "(any)"),
    "filter.status": ("Trạng thái", "Status"),
    "filter.form": ("Hình thức", "Form"),
    "filter.unit": ("Đơn vị", "Unit"),
    "filter.article": ("Điều luật", "Article"),
    "filter.locality": ("Xã/phường", "Locality"),
    "filter.date_from": ("Từ ngày", "From"),
    "filter.date_to": ("Đến ngày", "To"),
    # Search.
    "search.placeholder": ("Tìm (gõ không dấu cũng được)…", "Search (tone marks optional)…"),
    "search.global_title": ("Tìm trong mọi hồ sơ", "Search all records"),
    "search.none": ("Không tìm thấy.", "Nothing found."),
    "palette.placeholder": ("Tìm lệnh hoặc màn hình…", "Search for commands or panes…"),
    "cmd.theme": ("Đổi giao diện màu", "Change the colour theme"),
    "cmd.new": ("Thêm {kind}", "New {kind}"),
    # The review pane.
    "review.period": ("Kỳ: {start} – {end}", "Period: {start} – {end}"),
    "review.figure": ("Chỉ tiêu", "Figure"),
    "review.value": ("Số liệu", "Value"),
    "review.by_month": ("Vụ làm rõ/xảy ra", "Cases cleared/occurred"),
    "review.open_hint": ("Enter: xem các hồ sơ của chỉ tiêu", "Enter: the records behind a figure"),
    "review.fallback": (
        "(năm nay chưa có hồ sơ; đang xem năm {year})",
        "(no records this year; showing {year})",
    ),
    "review.drill": ("{figure}, {start} – {end}", "{figure}, {start} – {end}"),
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
    # Help.
    "help.title": ("Trợ giúp — các phím", "Help — keys"),
    "help.everywhere": ("Mọi nơi", "Everywhere"),
    "help.lists": ("Trong danh sách", "In a list"),
    "help.detail": ("Khi xem một hồ sơ", "Viewing a record"),
    "help.forms": ("Trong biểu mẫu", "In a form"),
    "help.review": ("Màn hình sơ kết", "The review"),
    "help.move": ("Di chuyển", "Move"),
    "help.next_field": ("Ô kế tiếp / trước", "Next / previous field"),
    "help.pane_keys": ("Chuyển màn hình", "Switch panes"),
    "help.close": ("Nhấn Esc hoặc ? để đóng.", "Press Esc or ? to close."),
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
    # The station server (giapranh serve, giapranh-ssh) and its access log.
    "ssh.listening": (
        "Máy chủ trạm đang nghe tại {host} cổng {port}.",
        "Station server listening on {host} port {port}.",
    ),
    "ssh.host_key": (
        "Khóa máy chủ {fingerprint} ({path})",
        "Host key {fingerprint} ({path})",
    ),
    "ssh.no_terminal": (
        "Chỉ phục vụ phiên có terminal (ssh -t), không chạy lệnh hay chép tệp.",
        "Only terminal sessions are served (ssh -t): no commands, no file copies.",
    ),
    "ssh.too_many_sessions": (
        "Máy chủ đang phục vụ đủ {count} phiên; hãy thử lại sau.",
        "The server is already serving {count} sessions; try again later.",
    ),
    "ssh.no_operator": (
        "Thiếu --operator: tên cán bộ được phép đăng nhập.",
        "--operator is missing: the username of the operator who logs in.",
    ),
    "ssh.bad_colors": (
        "'{value}': cần TÊN=SỐ_MÀU, số màu là 16, 256 hoặc truecolor",
        "'{value}': expected NAME=DEPTH, with DEPTH 16, 256 or truecolor",
    ),
    "ssh.cannot_listen": (
        "Không nghe được tại {host} cổng {port}: {reason}",
        "Cannot listen on {host} port {port}: {reason}",
    ),
    "ssh.bad_host_key": (
        "Không đọc được khóa máy chủ {path}: {reason}",
        "Cannot read the host key {path}: {reason}",
    ),
    "access.none": ("Chưa có lượt truy cập nào.", "No access recorded yet."),
    "access.login": ("đăng nhập", "login"),
    "access.logout": ("đăng xuất", "logout"),
    "access.refused": ("bị từ chối", "refused"),
    "access.unknown_user": ("không có cán bộ này", "no such operator"),
    "access.disabled": ("tài khoản đã bị khóa", "operator disabled"),
    "access.wrong_key": ("khóa không đúng", "key not theirs"),
    "access.no_key": ("không đưa ra khóa nào", "offered no key"),
    "access.timeout": ("quá thời gian đăng nhập", "login took too long"),
    "access.no_terminal": ("không xin terminal", "asked for no terminal"),
    "access.too_many_sessions": ("đã đủ số phiên", "too many sessions"),
    "access.ended": ("kết thúc bình thường", "ended normally"),
    "access.dropped": ("mất kết nối", "connection dropped"),
    "access.seconds": ("{seconds} giây", "{seconds} s"),
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
