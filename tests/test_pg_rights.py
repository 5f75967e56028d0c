"""The README's PostgreSQL rights, run as written: giapranh works under an account that does not
own the database, and that account can neither empty nor rewrite the change log nor switch its
triggers off."""

import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from models import demo
from models.db import open_database, write_session

from .conftest import POSTGRES_URL

README = Path(__file__).parent.parent / "README.md"
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="GIAPRANH_TEST_DATABASE_URL not set")


def _readme_grants() -> list[str]:
    block = re.search(r"should not\s+own the database.*?```sql\n(.*?)```", README.read_text(), re.S)
    assert block is not None, "the README's grants are gone"
    lines = [line.split("--")[0].strip() for line in block.group(1).splitlines()]
    return [statement for statement in " ".join(lines).split(";") if statement.strip()]


def _giapranh(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_giapranh_runs_as_a_non_owner_who_cannot_touch_the_log(tmp_path: Path) -> None:
    assert POSTGRES_URL is not None
    admin = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    name = f"rights_{uuid.uuid4().hex[:8]}"
    server = create_engine(admin, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
        connection.execute(text(f"CREATE ROLE {name} LOGIN"))
    owner_url = admin.set(database=name)
    app_url = owner_url.set(username=name, password=None).render_as_string(hide_password=False)
    try:
        owner = open_database(owner_url.render_as_string(hide_password=False))
        with write_session(owner) as session:
            demo.build(session)
        with owner.begin() as connection:
            for statement in _readme_grants():
                connection.execute(
                    text(statement.replace("giapranh_app", name).replace("giapranh", name))
                )
        owner.dispose()
        register = tmp_path / "localities.csv"
        register.write_text("code,name,unit_code\nXA-QT,Xã Quyền Thử,CA-SC\n", encoding="utf-8")
        imported = _giapranh(app_url, "import", "localities", str(register))
        assert imported.returncode == 0, imported.stderr
        assert _giapranh(app_url, "report", "--from", "2017-01-01").returncode == 0
        app = create_engine(app_url)
        for statement in (
            "TRUNCATE change_log, change_log_units",
            "DELETE FROM change_log",
            "UPDATE change_log SET actor = 'ai.do'",
            "DELETE FROM change_log_units",
            "ALTER TABLE change_log DISABLE TRIGGER USER",
            "DROP TRIGGER change_log_append_only ON change_log",
        ):
            with pytest.raises(DBAPIError, match="permission denied|must be owner"):
                with app.begin() as connection:
                    connection.execute(text(statement))
        app.dispose()
        verified = _giapranh(app_url, "audit", "verify")
        assert verified.returncode == 0 and "OK, " in verified.stdout, verified.stderr
    finally:
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            connection.execute(text(f"DROP ROLE IF EXISTS {name}"))
        server.dispose()
