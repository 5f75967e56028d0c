"""Help texts in English and Vietnamese side by side: commands take `help_vi=` beside their
docstring, options `help_vi=` beside `help=`; which is shown is decided when the help is
formatted, after --lang was read. Placeholders (PATH, USERNAME) and the usage line's
[OPTIONS] follow the same language (tui/cli/click_words.py holds the words).

Imports only click, like the rest of the command line's skeleton (`giapranh --help` is fast).
"""

import inspect
from collections.abc import Callable
from typing import Any

import click

from tui.cli import click_words


class Bilingual:
    """Help in the language of the moment: the English as written (a docstring, `help=`), the
    Vietnamese given beside it as `help_vi=`; read when the help is shown, after --lang."""

    help_vi: str | None = None
    _help_en: str | None = None

    @property
    def help(self) -> str | None:
        if self.help_vi is not None and click_words.vietnamese():
            return self.help_vi
        return self._help_en

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_en = value


class BilingualParameter(Bilingual):
    """An option's or argument's help, and its placeholder (PATH, USERNAME), in the language of
    the moment."""

    def __init__(self, *args: Any, help_vi: str | None = None, **kwargs: Any) -> None:
        self.help_vi = help_vi
        super().__init__(*args, **kwargs)

    def make_metavar(self, ctx: click.Context) -> str:
        return click_words.metavar(super().make_metavar(ctx))  # type: ignore[misc]


class Option(BilingualParameter, click.Option):
    pass


class Argument(BilingualParameter, click.Argument):
    pass


def option(*names: str, **attrs: Any) -> Callable[[Any], Any]:
    """click.option with `help_vi=`, the help in Vietnamese."""
    return click.option(*names, cls=Option, **attrs)


def argument(*names: str, **attrs: Any) -> Callable[[Any], Any]:
    return click.argument(*names, cls=Argument, **attrs)


class BilingualCommand(Bilingual):
    """A command's help, short help (in its group's list) and usage line in the language of the
    moment."""

    _options_metavar: str | None = None

    def __init__(self, *args: Any, help_vi: str | None = None, **kwargs: Any) -> None:
        self.help_vi = inspect.cleandoc(help_vi) if help_vi else None
        super().__init__(*args, **kwargs)

    @property
    def options_metavar(self) -> str | None:
        return self._options_metavar and click_words.gettext(self._options_metavar)

    @options_metavar.setter
    def options_metavar(self, value: str | None) -> None:
        self._options_metavar = value
