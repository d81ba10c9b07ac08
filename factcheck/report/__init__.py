"""Output formats behind one interface.

A format is a :class:`Reporter`: it renders an extraction, a comparison or a batch
(``check`` renders a batch with ``options.command == "check"``). ``FORMATS`` is the only
list of formats, with the commands each supports and the extension of its files: the
CLI's ``--format`` choices and the output files' extensions come from it. Adding a format is
one module with a ``REPORTER`` and one line here. A format's module (and rich, for
tables) is imported only when it is used. The contract is written in ``docs/reporters.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from ..models import Analysis, BatchResult, Report, Resolution, Status

Command = Literal["extract", "compare", "batch", "check"]
Rendered = str | Iterable[str]  # a reporter may give a long report in pieces
ALL_COMMANDS: frozenset[Command] = frozenset({"extract", "compare", "batch", "check"})
FOLDER_COMMANDS: frozenset[Command] = frozenset({"compare", "batch", "check"})


ONE_SIDED: frozenset[Status] = frozenset({Status.ONLY_IN_A, Status.ONLY_IN_B})
DEFAULT_SHOWN: frozenset[Status] = frozenset(Status) - {Status.AGREE}


def shown_statuses(show: Iterable[str] = (), only: Iterable[Status] = (),
                   hide: Iterable[Status] = ()) -> frozenset[Status]:
    """The statuses whose findings are listed: all but agreements (``--show agree`` adds them),
    narrowed to ``--only`` when given (naming ``agree`` there lists agreements too), less ``--hide``."""
    shown = frozenset(only) or DEFAULT_SHOWN | ({Status.AGREE} if "agree" in show else frozenset())
    return shown - frozenset(hide)


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What the user asked of the output, as the command parsed it."""

    command: Command = "compare"
    color: bool = False
    width: int = 120
    # The statuses whose findings are listed (``--show agree``, ``--only``, ``--hide``); counts
    # always cover every finding, and json, sarif and junit list everything whatever this says.
    shown: frozenset[Status] = DEFAULT_SHOWN
    one_by_one: bool = False  # ``--show only_in``: one-sided figures one per row, not one row per passage
    fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION})
    resolutions: Mapping[str, Resolution] = field(default_factory=dict)  # finding id -> ruling (check)
    invocation: str = ""  # the command line that produced the report, for formats that show it
    # check: what decides PASS or FAIL besides ``fail_on`` (the exit code's rules), and the ledger
    # that resolve commands must name when it is not the default ``claims/``
    strict: bool = False
    skip_unreadable: bool = False
    ledger: str = ""
    # A batch written as a folder (``batch -o DIR``), for formats that link pages: the index's
    # groups are the files ``<group id>.<group_pages>``, and each group's page links back to ``index_page``.
    group_pages: str = ""
    index_page: str = ""

    @property
    def show_agree(self) -> bool:
        return Status.AGREE in self.shown


class Reporter(Protocol):
    """One output format."""

    def render_extract(self, analysis: Analysis, options: RenderOptions) -> Rendered: ...

    def render_compare(self, report: Report, options: RenderOptions) -> Rendered: ...

    def render_batch(self, result: BatchResult, options: RenderOptions) -> Rendered: ...


class BaseReporter:
    """Defaults for a format: a comparison is rendered as a batch of one group, and a
    command the format does not support is refused (the CLI never offers it)."""

    def render_extract(self, analysis: Analysis, options: RenderOptions) -> Rendered:
        raise NotImplementedError(f"{type(self).__name__} does not list figures")

    def render_compare(self, report: Report, options: RenderOptions) -> Rendered:
        return self.render_batch(report.as_batch(), options)

    def render_batch(self, result: BatchResult, options: RenderOptions) -> Rendered:
        raise NotImplementedError(f"{type(self).__name__} does not render folders")


@dataclass(frozen=True, slots=True)
class FormatEntry:
    module: str  # of report/, holding ``REPORTER``
    extension: str  # of the files it writes, without the dot
    commands: frozenset[Command]


FORMATS: dict[str, FormatEntry] = {
    "table": FormatEntry("table", "txt", ALL_COMMANDS),
    "json": FormatEntry("json_format", "json", ALL_COMMANDS),
    "markdown": FormatEntry("markdown", "md", ALL_COMMANDS),
    "sarif": FormatEntry("sarif", "sarif", FOLDER_COMMANDS),
    "junit": FormatEntry("junit", "xml", FOLDER_COMMANDS),
    "github": FormatEntry("github", "txt", FOLDER_COMMANDS),
    "html": FormatEntry("html", "html", FOLDER_COMMANDS),
}


def reporter(name: str) -> Reporter:
    """The reporter of format ``name``."""
    entry = FORMATS[name]
    module = importlib.import_module(f".{entry.module}", __name__)
    found: Reporter = module.REPORTER
    return found


def formats_for(command: Command) -> list[str]:
    """The formats that can render ``command``'s result, in registry order."""
    return [name for name, entry in FORMATS.items() if command in entry.commands]


__all__ = [
    "ALL_COMMANDS", "DEFAULT_SHOWN", "FORMATS", "ONE_SIDED", "BaseReporter", "Command", "RenderOptions", "Rendered",
    "Reporter", "formats_for", "reporter", "shown_statuses",
]
