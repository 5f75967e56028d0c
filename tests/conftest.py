"""Every test builds its own database: a temporary SQLite file, and, when
GIAPRANH_TEST_DATABASE_URL names a PostgreSQL database, a fresh schema in it as well."""

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from models import Actor, records
from models.campaigns import CAMPAIGNS
from models.db import open_database, write_session
from models.i18n import set_language
from models.localities import LOCALITIES
from models.units import UNITS

# Screens must not move while a test looks at them (the tabs' underline slides otherwise).
os.environ["TEXTUAL_ANIMATIONS"] = "none"
# Times are shown in the server's zone; pictures of them must not depend on the machine's.
os.environ["TZ"] = "ICT-7"  # Vietnam, UTC+7, in POSIX form (needs no tzdata)
time.tzset()
os.environ["LOGNAME"] = "root"  # the local administrator is shown as local:<login name>

POSTGRES_URL = os.environ.get("GIAPRANH_TEST_DATABASE_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="GIAPRANH_TEST_DATABASE_URL not set"),
    ),
]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the user's data folder or language, whatever the developer's environment."""
    monkeypatch.delenv("GIAPRANH_DATABASE_URL", raising=False)
    monkeypatch.setenv("GIAPRANH_LANG", "vi")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    set_language("vi")


def _postgres_schema_url(schema: str) -> str:
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """A URL to a fresh, empty schema of the test PostgreSQL database, dropped afterwards."""
    with fresh_postgres_schema() as url:
        yield url


@contextmanager
def fresh_postgres_schema() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("GIAPRANH_TEST_DATABASE_URL not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(POSTGRES_URL).set(drivername="postgresql+psycopg"))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return str(request.getfixturevalue("postgres_schema"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = open_database(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def admin() -> Actor:
    return Actor(username="tester", role="admin")


def create(engine: Engine, kind: Any, actor: Actor | None = None, /, **data: Any) -> Any:
    with write_session(engine) as session:
        record = records.create(
            session, actor=actor or Actor("tester", "admin"), kind=kind, data=data
        )
        return record


@pytest.fixture
def two_units(engine: Engine) -> Engine:
    """Two partner units, a border-zone and an inland locality on each side, one campaign."""
    create(engine, UNITS, code="A", name="Công an thị xã Sông Cầu")
    create(engine, UNITS, code="B", name="Công an thành phố Qui Nhơn")
    create(engine, LOCALITIES, code="LA", name="Xã Xuân Hải", unit_code="A", border_zone="yes")
    create(engine, LOCALITIES, code="LA2", name="Phường Xuân Phú", unit_code="A", border_zone="no")
    create(
        engine, LOCALITIES, code="LB", name="Phường Bùi Thị Xuân", unit_code="B", border_zone="yes"
    )
    create(
        engine,
        CAMPAIGNS,
        code="CD1",
        name="Cao điểm Tết",
        starts_on="2017-01-10",
        ends_on="2017-02-15",
        units="A;B",
        articles="173;171",
        localities="LA;LB",
    )
    return engine


DAY = date.fromisoformat
