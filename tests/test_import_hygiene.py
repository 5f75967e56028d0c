"""What must not pull in the interface: models/ knows no terminal, the station server and the
command line start without Textual or rich (the app they run is another import, or process)."""

import subprocess
import sys

import pytest


def imported(modules: str, packages: tuple[str, ...]) -> list[str]:
    """The modules of `packages` that importing `modules`, in a fresh interpreter, brings in."""
    code = (
        f"import sys, {modules}\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {packages!r})\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return [name for name in result.stdout.strip().split(",") if name]


def test_models_do_not_import_the_interface() -> None:
    modules = "models, models.demo, models.csvio, models.report, models.db, models.operators"
    assert imported(modules, ("textual", "tui", "rich")) == []


@pytest.mark.parametrize(
    "modules",
    [
        "tui.station",
        "tui.station.server",
        "tui.station.launch",
        "tui.cli",  # `giapranh report` and the others start without the app's imports
    ],
)
def test_the_station_server_and_the_command_line_do_not_import_textual(modules: str) -> None:
    assert imported(modules, ("textual", "rich")) == []


def test_the_launcher_imports_nothing_of_giapranh_before_it_becomes_the_app() -> None:
    # It runs for every session before the app: models alone cost it 0.4 s (tui/station/launch).
    assert imported("tui.station.launch", ("models", "sqlalchemy", "asyncssh")) == []
