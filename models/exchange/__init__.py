"""Exchange between stations that share no network: each station's key, and the signed,
encrypted bundle that carries records to a partner on approved media.

`keys` makes and loads the station's identity; `envelope` seals and opens bundles (its
docstring has the file format and the `ssh-keygen` command that checks one by hand);
`refusals` are the reasons a bundle is refused; `sshsig` is OpenSSH's signature format.
What a bundle carries is decided elsewhere; nothing here touches the database.
"""

from models.exchange.envelope import (
    NAMESPACE,
    Header,
    allowed_signers_line,
    detached_signature,
    make_header,
    open_bundle,
    peek_header,
    seal,
)
from models.exchange.keys import (
    StationKey,
    create_station_key,
    fingerprint,
    load_station_key,
    parse_public_key,
)
from models.exchange.refusals import (
    AddressedElsewhere,
    BundleRefused,
    CannotDecrypt,
    HeaderMismatch,
    Malformed,
    NotABundle,
    Replayed,
    SenderNotTrusted,
    SignatureInvalid,
    Truncated,
    UnknownVersion,
)

__all__ = [
    "NAMESPACE",
    "AddressedElsewhere",
    "BundleRefused",
    "CannotDecrypt",
    "Header",
    "HeaderMismatch",
    "Malformed",
    "NotABundle",
    "Replayed",
    "SenderNotTrusted",
    "SignatureInvalid",
    "StationKey",
    "Truncated",
    "UnknownVersion",
    "allowed_signers_line",
    "create_station_key",
    "detached_signature",
    "fingerprint",
    "load_station_key",
    "make_header",
    "open_bundle",
    "parse_public_key",
    "peek_header",
    "seal",
]
