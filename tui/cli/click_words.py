"""click's own words in the operator's language: "Usage:", "Options", "Show this message and
exit.", and the usage errors ("No such option", "Missing argument", "is not one of").

click marks them for gettext (`_` and `ngettext` in each of its modules); `install` points those
at this catalogue, read in the language of the moment (models.i18n), so `--lang en` (which is
read while the command line is parsed) gives click's own English.
"""

import importlib
import os
import re
import sys

# click's English → Vietnamese. ngettext's pairs are keyed by the singular.
VIETNAMESE = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu lệnh.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Got unexpected extra argument ({args})": "Thừa đối số ({args})",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "{value!r} is not {choice}.": "{value!r} không thuộc: {choice}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ ({number_type}).",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải có/không. Các giá trị nhận: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} không phải là UUID hợp lệ.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "Aborted!": "Đã dừng.",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Đồng ý luôn, không hỏi lại.",
    "unknown error": "lỗi không rõ",
    # the usage line, which click does not mark for translation (giapranh's classes do)
    "[OPTIONS]": "[TÙY_CHỌN]",
    "[COMMAND] [ARGS]...": "[LỆNH] [ĐỐI_SỐ]...",
    "COMMAND [ARGS]...": "LỆNH [ĐỐI_SỐ]...",
}
# The placeholders of giapranh's own options and arguments (PATH, USERNAME), in usage lines,
# help and usage errors.
METAVARS = {
    "CODE": "MÃ",
    "D": "NGÀY",
    "DAY": "NGÀY",
    "DAYS": "SỐ_NGÀY",
    "FILE": "TỆP",
    "FINGERPRINT": "DẤU_VÂN_TAY",
    "DEPTH": "MỨC",
    "HASH": "MÃ_BĂM",
    "HOST": "ĐỊA_CHỈ",
    "INTEGER": "SỐ",
    "KEY_FILE": "TỆP_KHÓA",
    "KIND": "LOẠI",
    "N": "N",
    "NAME": "TÊN",
    "PATH": "ĐƯỜNG_DẪN",
    "PORT": "CỔNG",
    "SECONDS": "SỐ_GIÂY",
    "TEXT": "CHỮ",
    "URL-OR-PATH": "URL-HOẶC-ĐƯỜNG_DẪN",
    "USERNAME": "TÊN_ĐĂNG_NHẬP",
    "YEAR": "NĂM",
}
MODULES = ("core", "exceptions", "formatting", "parser", "decorators", "types", "termui")


def vietnamese() -> bool:
    """The language of the moment, without loading the records (`giapranh --version` and
    `--help` start without them): models.i18n's once it is loaded, else the environment's."""
    i18n = sys.modules.get("models.i18n")
    if i18n is not None:
        return bool(i18n.current_language() == "vi")
    return os.environ.get("GIAPRANH_LANG", "vi").strip().lower()[:2] != "en"


def gettext(message: str) -> str:
    if vietnamese():
        return VIETNAMESE.get(message, message)
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    if vietnamese():  # one form: "2 đối số" as "1 đối số"
        return VIETNAMESE.get(singular, singular)
    return singular if n == 1 else plural


def metavar(shown: str) -> str:
    """A placeholder such as `[PATH]` or `USERNAME...` in the language of the moment."""
    if not vietnamese():
        return shown
    return re.sub(r"[A-Z][A-Z_-]*", lambda found: METAVARS.get(found[0], found[0]), shown)


def install() -> None:
    """click's modules translate through this catalogue from now on."""
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
