"""One catalogue, two complete languages, and every key the code uses is in it."""

import importlib
import pkgutil
import re
import string
from datetime import date
from pathlib import Path

import pytest

from models.awards import AWARD_FORMS, RECIPIENT_KINDS
from models.cases import CASE_STATUSES, COORDINATIONS
from models.i18n import MESSAGES, set_language, t
from models.listing import listing
from models.report import FIGURES
from models.suspects import SUSPECT_STATUSES
from models.tips import TIP_KINDS, TIP_STATUSES
from tui.forms import FORMS

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = (
    "err|error|import|demo|backup|db|operator|app|kind|report|word|pane|header|role|col|head|"
    "case_status|coordination|tip_kind|tip_status|suspect_status|award_form|recipient_kind|tip|"
    "link|key|msg|form|filter|search|palette|cmd|review|fig|help|ssh|access|work|clock|clock_step|"
    "clock_decider|clock_procedure|clock_category|doc|station|bundle|register"
)
# Catalogue keys written as string literals (binding ids, id="…", are not keys).
KEY = re.compile(rf"""(?<!id=)["']((?:{PREFIXES})\.[a-z_]+)["']""")


# Modules add their own messages when imported (models.i18n.register): import them all.
for _package in ("models", "tui"):
    for _module in pkgutil.walk_packages([str(ROOT / _package)], prefix=f"{_package}."):
        if ".migrations" not in _module.name and not _module.name.endswith("__main__"):
            importlib.import_module(_module.name)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_say_it_with_the_same_placeholders(key: str) -> None:
    vietnamese, english = MESSAGES[key]
    assert vietnamese.strip() and english.strip()
    assert placeholders(vietnamese) == placeholders(english)


def test_every_key_in_the_code_is_in_the_catalogue() -> None:
    used = set()
    for path in [*ROOT.glob("models/**/*.py"), *ROOT.glob("tui/**/*.py")]:
        used |= set(KEY.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100
    assert sorted(used - set(MESSAGES) - {"app.tcss"}) == []


def test_every_coded_value_column_and_field_has_a_label() -> None:
    needed = {f"fig.{figure}" for figure in FIGURES}
    for prefix, values in [
        ("case_status", CASE_STATUSES),
        ("coordination", COORDINATIONS),
        ("tip_kind", TIP_KINDS),
        ("tip_status", TIP_STATUSES),
        ("suspect_status", SUSPECT_STATUSES),
        ("award_form", AWARD_FORMS),
        ("recipient_kind", RECIPIENT_KINDS),
    ]:
        needed |= {f"{prefix}.{value}" for value in values}
    for kind in ("cases", "tips", "suspects", "campaigns", "award_decisions", "award_recipients"):
        needed |= {f"col.{column.key}" for column in listing(kind, date.today()).columns}
        needed.add(f"kind.{kind}")
    for fields in FORMS.values():
        needed |= {field.label_key for field in fields}
    assert sorted(needed - set(MESSAGES)) == []


def test_switching_language() -> None:
    set_language("en")
    assert t("pane.review") == "Review"
    set_language("vi")
    assert t("pane.review") == "Sơ kết"
    with pytest.raises(ValueError):
        set_language("fr")


def test_the_records_messages_need_no_interface() -> None:
    """Every key models/ uses is in the catalogue once models/ alone is imported (a report or an
    import run without the interface's messages registered)."""
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, re, pathlib\n"
        "import models\n"
        "for m in pkgutil.walk_packages(models.__path__, 'models.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "from models.i18n import MESSAGES\n"
        f"key = re.compile(r'''{KEY.pattern}''')\n"
        "used = set()\n"
        "for path in pathlib.Path('models').rglob('*.py'):\n"
        "    used |= set(key.findall(path.read_text(encoding='utf-8')))\n"
        "print(sorted(used - set(MESSAGES)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
