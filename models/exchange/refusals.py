"""Why a bundle is refused: one `Refused` subclass, with its own catalogue key, per reason.

Each is raised before anything in the bundle is applied, so the operator can act on the
reason (copy the file again, ask the partner to re-send, check the trust list) and retry.
"""

from __future__ import annotations

from typing import Any, ClassVar

from models.errors import Refused
from models.i18n import register

MESSAGES = {
    "bundle.not_a_bundle": (
        "tệp này không phải gói trao đổi giapranh",
        "this file is not a giapranh exchange bundle",
    ),
    "bundle.unknown_version": (
        "gói trao đổi phiên bản {version}; phần mềm này chỉ đọc phiên bản {supported}",
        "the bundle is version {version}; this software reads version {supported} only",
    ),
    "bundle.truncated": (
        "gói trao đổi bị cắt cụt ({length} byte): hãy chép lại tệp từ phương tiện lưu trữ",
        "the bundle is cut short ({length} bytes): copy the file from the medium again",
    ),
    "bundle.malformed": (
        "phần đầu của gói trao đổi bị hỏng",
        "the bundle's header is damaged",
    ),
    "bundle.signature_invalid": (
        "chữ ký không khớp: gói được ghi là của {unit} nhưng đã bị sửa sau khi ký "
        "hoặc không do {unit} ký",
        "the signature does not match: the bundle says it is from {unit} but was changed "
        "after it was signed, or {unit} did not sign it",
    ),
    "bundle.sender_untrusted": (
        "trạm gửi {unit} ({fingerprint}) không được tin cậy hoặc đã bị thu hồi",
        "the sending station {unit} ({fingerprint}) is not trusted, or was revoked",
    ),
    "bundle.addressed_elsewhere": (
        "gói này gửi cho {unit} ({fingerprint}), không phải trạm này ({own_unit}, "
        "{own_fingerprint})",
        "this bundle is addressed to {unit} ({fingerprint}), not to this station "
        "({own_unit}, {own_fingerprint})",
    ),
    "bundle.replayed": (
        "gói số {sequence} của {unit} đã nhận rồi (đã áp dụng đến số {last})",
        "bundle {sequence} from {unit} was received already (applied up to {last})",
    ),
    "bundle.cannot_decrypt": (
        "không giải mã được nội dung gói bằng khóa của trạm này",
        "the bundle's contents cannot be decrypted with this station's key",
    ),
    "bundle.header_mismatch": (
        "nội dung mã hóa không thuộc phần đầu đã ký của {unit}: gói đã bị ghép lại",
        "the encrypted contents do not belong to the header {unit} signed: "
        "the bundle was put together from another",
    ),
}
register(MESSAGES)


class BundleRefused(Refused):
    """A bundle that is not opened; nothing in it has been decrypted for use or applied."""

    KEY: ClassVar[str]

    def __init__(self, **params: Any) -> None:
        super().__init__(self.KEY, **params)


class NotABundle(BundleRefused):
    KEY = "bundle.not_a_bundle"


class UnknownVersion(BundleRefused):
    KEY = "bundle.unknown_version"


class Truncated(BundleRefused):
    KEY = "bundle.truncated"


class Malformed(BundleRefused):
    KEY = "bundle.malformed"


class SignatureInvalid(BundleRefused):
    KEY = "bundle.signature_invalid"


class SenderNotTrusted(BundleRefused):
    KEY = "bundle.sender_untrusted"


class AddressedElsewhere(BundleRefused):
    KEY = "bundle.addressed_elsewhere"


class Replayed(BundleRefused):
    KEY = "bundle.replayed"


class CannotDecrypt(BundleRefused):
    KEY = "bundle.cannot_decrypt"


class HeaderMismatch(BundleRefused):
    KEY = "bundle.header_mismatch"
