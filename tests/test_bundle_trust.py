"""A bundle opens only at the station it is addressed to, only from a station trusted there,
only once, and only as that station sealed it."""

from pathlib import Path

import pytest

from models.exchange import (
    AddressedElsewhere,
    CannotDecrypt,
    HeaderMismatch,
    Replayed,
    SenderNotTrusted,
    SignatureInvalid,
    create_station_key,
    open_bundle,
)
from tests.bundlehelp import (
    BODY,
    Stations,
    assemble,
    bundle,
    ciphertext_of,
    fields,
    make_stations,
    open_at,
    refusal,
    signed,
)


@pytest.fixture(scope="module")
def stations(tmp_path_factory: pytest.TempPathFactory) -> Stations:
    return make_stations(tmp_path_factory.mktemp("stations"))


def test_a_bundle_for_another_station_is_refused(stations: Stations) -> None:
    data = bundle(stations, recipient="CA-TY")
    refused = refusal(stations, data)
    assert isinstance(refused, AddressedElsewhere)
    assert "CA-TY" in refused.message() and "CA-QN" in refused.message()
    assert open_at(stations, data, at="CA-TY", trust=("CA-SC",))[1] == BODY


def test_a_bundle_for_the_key_this_unit_had_before_is_refused(
    stations: Stations, tmp_path: Path
) -> None:
    rekeyed = create_station_key(tmp_path / "new", "CA-QN")
    data = bundle(stations)
    trusted = {"CA-SC": stations["CA-SC"].public_key_line}
    with pytest.raises(AddressedElsewhere):
        open_bundle(data, rekeyed, trusted, last_applied={})


@pytest.mark.parametrize("trust", [(), ("CA-TY",)], ids=["never trusted", "revoked"])
def test_a_bundle_from_a_station_not_trusted_is_refused(
    stations: Stations, trust: tuple[str, ...]
) -> None:
    refused = refusal(stations, bundle(stations), trust=trust)
    assert isinstance(refused, SenderNotTrusted)
    assert "CA-SC" in refused.message()


def test_a_sender_whose_trusted_key_is_another_is_refused(
    stations: Stations,
) -> None:
    trusted = {"CA-SC": stations["CA-TY"].public_key_line}
    with pytest.raises(SenderNotTrusted):
        open_bundle(bundle(stations), stations["CA-QN"], trusted, last_applied={})


def test_a_bundle_signed_by_another_station_in_a_senders_name_is_refused(
    stations: Stations,
) -> None:
    honest = bundle(stations)
    forged = signed(fields(stations, "CA-SC", "CA-QN"), ciphertext_of(honest), stations["CA-TY"])
    assert isinstance(refusal(stations, forged), SignatureInvalid)


def test_a_ciphertext_re_signed_by_another_trusted_station_is_refused(
    stations: Stations,
) -> None:
    """Tuy An takes Sông Cầu's bundle to Quy Nhơn and signs it as its own."""
    honest = bundle(stations)
    thief = stations["CA-TY"]
    rewrapped = signed(fields(stations, "CA-TY", "CA-QN"), ciphertext_of(honest), thief)
    refused = refusal(stations, rewrapped)
    assert isinstance(refused, HeaderMismatch)
    assert "CA-TY" in refused.message()


@pytest.mark.parametrize("encrypt_to", ["CA-TY", None], ids=["another key", "not age"])
def test_a_signed_bundle_whose_contents_this_station_cannot_decrypt_is_refused(
    stations: Stations, encrypt_to: str | None
) -> None:
    header_fields = fields(stations, "CA-SC", "CA-QN")
    if encrypt_to is None:
        data = signed(header_fields, b"not age at all", stations["CA-SC"])
    else:
        data = assemble(stations, header_fields, encrypt_to, stations["CA-SC"])
    assert isinstance(refusal(stations, data), CannotDecrypt)


@pytest.mark.parametrize(("sequence", "applied", "opens"), [
    (3, {}, True), (3, {"CA-SC": 2}, True), (3, {"CA-TY": 9}, True),
    (3, {"CA-SC": 3}, False), (3, {"CA-SC": 5}, False),
])  # fmt: skip
def test_a_bundle_already_applied_or_older_is_refused_as_replayed(
    stations: Stations, sequence: int, applied: dict[str, int], opens: bool
) -> None:
    data = bundle(stations, sequence=sequence)
    if opens:
        assert open_at(stations, data, applied=applied)[0].sequence == sequence
    else:
        refused = refusal(stations, data, applied=applied)
        assert isinstance(refused, Replayed)
        assert str(applied["CA-SC"]) in refused.message()
