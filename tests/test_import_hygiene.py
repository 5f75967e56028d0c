"""models/ knows no terminal: importing it must not import textual or tui."""

import subprocess
import sys


def test_models_do_not_import_the_interface() -> None:
    code = (
        "import sys, models, models.demo, models.csvio, models.report, models.db\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui', 'rich'))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
