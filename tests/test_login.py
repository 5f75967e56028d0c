"""Logging in as an operator (models.operators.log_in): what the command line's --operator, the
app and the station server each ask at every login."""

import pytest
from sqlalchemy import Engine

from models import OPERATORS, Actor, Operator
from models.db import read_session
from models.i18n import set_language
from models.operators import LoginRefused, fingerprint, log_in
from tests.conftest import create

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNzF5EgX3dG19SJBISuWNPFu1y7Qh/dcF4AV3G57Vy6 hung@laptop"
OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAoC85tt001vK2gAmI/OqI5U7xvgDw8XAtwBPL/iLg5g other"


@pytest.fixture
def operators(two_units: Engine) -> Engine:
    create(two_units, OPERATORS, code="a.hung", unit="A", role="editor", keys=[KEY])
    create(two_units, OPERATORS, code="a.off", unit="A", role="viewer", keys=[KEY], disabled=True)
    return two_units


@pytest.mark.parametrize(
    ("username", "key", "reason", "vietnamese", "english"),
    [
        ("nobody", None, "unknown_user", "Không có cán bộ nobody", "No operator named nobody"),
        ("nobody", KEY, "unknown_user", "Không có cán bộ nobody", "No operator named nobody"),
        ("a.off", None, "disabled", "Tài khoản a.off đã bị khóa", "Operator a.off is disabled"),
        ("a.off", KEY, "disabled", "Tài khoản a.off đã bị khóa", "Operator a.off is disabled"),
        ("a.hung", OTHER_KEY, "wrong_key", "a.hung không có khóa", "a.hung has no key"),
        ("A.HUNG", KEY, "unknown_user", "Không có cán bộ A.HUNG", "No operator named A.HUNG"),
    ],
)
def test_a_refused_login_says_why_to_the_log_and_to_the_operator(
    operators: Engine, username: str, key: str | None, reason: str, vietnamese: str, english: str
) -> None:
    offered = fingerprint(key) if key else None
    with read_session(operators) as session, pytest.raises(LoginRefused) as refused:
        log_in(session, username, offered)
    assert refused.value.reason == reason
    set_language("vi")
    assert refused.value.message().startswith(vietnamese)
    set_language("en")
    assert refused.value.message().startswith(english)
    set_language("vi")


@pytest.mark.parametrize("key", [KEY, None], ids=["with their key", "without a key"])
def test_an_enabled_operator_logs_in_with_their_rights(operators: Engine, key: str | None) -> None:
    with read_session(operators) as session:
        actor = log_in(session, "a.hung", fingerprint(key) if key else None)
        found = session.get(Operator, actor.operator_id)
        assert found is not None and found.code == "a.hung"
        assert actor == Actor("a.hung", "editor", found.unit_id, found.id)
        assert found.unit.code == "A"
