"""The command line: parse options, call the pipeline, hand the result to a reporter, exit.

Errors the core raises (FactcheckError) become one line on stderr and exit code 2; any
other exception too, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import FactcheckError, InputError, UsageError
from .models import Status

if TYPE_CHECKING:
    from .batch import Progress
    from .discover import Selection
    from .models import FileError
from .outputs import write_batch_folder, write_output
from .report import Command, RenderOptions, formats_for, reporter, shown_statuses

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def _color_enabled(choice: str, stream: Any) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


Listing = tuple[tuple[str, ...], str | None, str | None]  # --show, --only, --hide as given


def _render_options(command: Command, color: str, output: str | None, listing: Listing = ((), None, None),
                    fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION})) -> RenderOptions:
    to_terminal = output is None and sys.stdout.isatty()
    width = int(os.environ.get("COLUMNS", "0") or 0) or (os.get_terminal_size().columns if to_terminal else 140)
    show, only, hide = listing
    return RenderOptions(
        command=command,
        invocation=shlex.join(["factcheck", *sys.argv[1:]]),
        color=_color_enabled(color, sys.stdout) if output is None else color == "always",
        width=max(60, width),
        shown=shown_statuses(show, parse_statuses(only or "", "--only"), parse_statuses(hide or "", "--hide")),
        one_by_one="only_in" in show,
        fail_on=fail_on,
    )


def listing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--show``, ``--only`` and ``--hide``: what the table, markdown, github and html formats list."""
    options = [
        click.option("--show", type=click.Choice(["agree", "only_in"]), multiple=True,
                     help="agree: also list agreements; only_in: list one-sided figures one by one instead of "
                          "one row per passage (repeatable)."),
        click.option("--only", metavar="STATUS[,STATUS]",
                     help="List only findings of these statuses (only_in names both one-sided ones); "
                          "json, sarif and junit stay complete."),
        click.option("--hide", metavar="STATUS[,STATUS]", help="Do not list findings of these statuses."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def format_option(command: Command) -> Callable[[Any], Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(formats_for(command)), default="table", show_default=True,
        help="Output format.",
    )


output_option = click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
force_option = click.option("--force", is_flag=True, help="Let --output replace an existing file.")
color_option = click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour in tables (NO_COLOR is honoured).",
)


def emit(text: str | Iterable[str], output: str | None, force: bool) -> None:
    """The report to stdout, or atomically to ``--output``; a reporter may give it in pieces."""
    if output is None:
        for piece in [text] if isinstance(text, str) else text:
            click.echo(piece, nl=False, color=True)  # colour was decided when rendering; don't strip it
    else:
        write_output(output, text, force=force)


class FactcheckGroup(click.Group):
    """Turns every failure of a command into one line on stderr and exit code 2 (docs/cli.md, exit codes);
    the traceback only with ``--debug``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except FactcheckError as exc:
            self._fail(ctx, f"factcheck: error: {exc}")
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted; no output was written", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # the last line of defence
            self._fail(ctx, f"factcheck: internal error: {type(exc).__name__}: {exc} (run with --debug for details)")

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Usage errors too are one line: what was wrong and where to look."""
        standalone = kwargs.pop("standalone_mode", True)
        try:
            # Without standalone mode click returns a command's ctx.exit() code.
            returned = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)  # `factcheck` alone: the help
            code = EXIT_ERROR
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "factcheck"
            click.echo(f"factcheck: error: {exc.format_message()} (see `{command} --help`)", err=True)
            code = EXIT_ERROR
        except click.ClickException as exc:
            click.echo(f"factcheck: error: {exc.format_message()}", err=True)
            code = EXIT_ERROR
        except click.exceptions.Abort:
            click.echo("factcheck: aborted", err=True)
            code = EXIT_ERROR
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        else:
            code = returned if isinstance(returned, int) else EXIT_OK
        if standalone:
            sys.exit(code)
        return code

    @staticmethod
    def _fail(ctx: click.Context, message: str) -> None:
        if ctx.params.get("debug"):
            traceback.print_exc()
        click.echo(message, err=True)
        ctx.exit(EXIT_ERROR)


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Find which figures agree, contradict or are damaged across versions of a Chinese news report."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("file")
@format_option("extract")
@output_option
@force_option
@color_option
def extract(file: str, fmt: str, output: str | None, force: bool, color: str) -> None:
    """List every figure in FILE with line, value, unit, qualifier and kind."""
    from .pipeline import analyse, load_document

    analysis = analyse(load_document(file))
    emit(reporter(fmt).render_extract(analysis, _render_options("extract", color, output)), output, force)


fail_on_option = click.option(
    "--fail-on", default="contradiction", show_default=True, metavar="STATUS[,STATUS]",
    help="Statuses that make the exit code 1 (contradiction, damaged, not_comparable, only_in_a, only_in_b).",
)


def parse_statuses(value: str, option: str = "--fail-on") -> frozenset[Status]:
    """``contradiction,damaged`` as statuses; ``only_in`` names both one-sided ones."""
    statuses = set()
    for word in filter(None, (w.strip() for w in value.split(","))):
        if word == "only_in":
            statuses |= {Status.ONLY_IN_A, Status.ONLY_IN_B}
            continue
        try:
            statuses.add(Status(word))
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise UsageError(f"{option}: unknown status {word!r} (choose from {choices}, or only_in)") from None
    return frozenset(statuses)


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--include``, ``--exclude`` and ``--skip-unreadable``: the same rule for batch and check."""
    options = [
        click.option("--include", multiple=True, metavar="GLOB",
                      help="Read only files in folders matching GLOB (repeatable; default: *.txt *.text *.htm "
                           "*.html and files without extension)."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB (repeatable)."),
        click.option("--skip-unreadable", is_flag=True,
                     help="Warn about files that cannot be read instead of exiting 2."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--jobs``, ``--engine`` and ``--scheduler``: where batch and check run their work."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
                     help="Processes to use (default: the number of cores)."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Where the work runs: a process pool on this machine, or a Dask cluster "
                          "(pip install 'factcheck[dask]')."),
        click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="Dask scheduler for --engine dask, such as tcp://10.0.0.5:8786 (default: "
                          "DASK_SCHEDULER_ADDRESS, else a local cluster of --jobs workers)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _selection(include: tuple[str, ...], exclude: tuple[str, ...]) -> Selection:
    from .discover import DEFAULT_SELECTION, Selection

    return Selection(include or DEFAULT_SELECTION.include, exclude)


def _report_unreadable(errors: Iterable[FileError], skip: bool) -> None:
    """One stderr line per selected file that could not be read: an error, or with
    ``--skip-unreadable`` a warning."""
    level = "warning" if skip else "error"
    for error in errors:
        click.echo(f"factcheck: {level}: {error.path}: {error.error}", err=True)


@cli.command()
@click.argument("a")
@click.argument("b")
@format_option("compare")
@output_option
@force_option
@color_option
@fail_on_option
@listing_options
@click.pass_context
def compare(ctx: click.Context, a: str, b: str, fmt: str, output: str | None, force: bool, color: str,
            fail_on: str, show: tuple[str, ...], only: str | None, hide: str | None) -> None:
    """Compare two versions A and B of one article, figure by figure."""
    from .pipeline import compare_files

    failing = parse_statuses(fail_on)
    report = compare_files(a, b)
    options = _render_options("compare", color, output, (show, only, hide))
    emit(reporter(fmt).render_compare(report, options), output, force)
    ctx.exit(report.exit_code(failing))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("batch")
@click.option("--output", "-o", type=click.Path(file_okay=False),
              help="Write one report per group and an index into folder DIR.")
@force_option
@color_option
@fail_on_option
@listing_options
@engine_options
@selection_options
@click.pass_context
def batch(ctx: click.Context, paths: tuple[str, ...], fmt: str, output: str | None, force: bool, color: str,
          fail_on: str, show: tuple[str, ...], only: str | None, hide: str | None, jobs: int | None,
          engine: str, scheduler: str | None,
          include: tuple[str, ...], exclude: tuple[str, ...], skip_unreadable: bool) -> None:
    """Find the versions of each article under PATHS (folders, recursively) and compare them."""
    from .batch import batch_stream
    from .report.json_format import batch_json, group_json

    failing = parse_statuses(fail_on)
    options = _render_options("batch", color, output, (show, only, hide))
    streamed = fmt == "json" and output is None  # each group written by its task, then here as it comes
    with batch_stream(paths, jobs, progress_bar(), selection=_selection(include, exclude), engine=engine,
                      scheduler=scheduler, render=group_json if streamed else None) as stream:
        if output is not None:
            write_batch_folder(output, stream, fmt, options, force)
        elif streamed:
            emit(batch_json(stream.texts(), stream.tail), None, force)
        else:
            emit(reporter(fmt).render_batch(stream.collect(), options), None, force)
    _report_unreadable(stream.errors, skip_unreadable)
    ctx.exit(stream.exit_code(failing, skip_unreadable))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--ledger", "ledger_path", type=click.Path(), default=None,
              help="Ledger folder or file of resolved findings (default: claims/ when it exists).")
@format_option("check")
@output_option
@force_option
@color_option
@fail_on_option
@listing_options
@click.option("--strict", is_flag=True, help="Also fail when a resolution matches no finding any more.")
@click.option("--baseline", is_flag=True, help="Record every current finding as accepted in the ledger, then pass.")
@engine_options
@selection_options
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], ledger_path: str | None, fmt: str, output: str | None,
          force: bool, color: str, fail_on: str, show: tuple[str, ...], only: str | None, hide: str | None,
          strict: bool, baseline: bool, jobs: int | None, engine: str, scheduler: str | None,
          include: tuple[str, ...], exclude: tuple[str, ...], skip_unreadable: bool) -> None:
    """The CI check: compare PATHS, subtract resolved findings, fail on what is unresolved."""
    from .check import check_paths
    from .ledger import default_ledger, write_baseline

    failing = parse_statuses(fail_on)
    ledger_path = ledger_path or default_ledger()
    result = check_paths(paths, ledger_path, jobs=jobs, progress=progress_bar(),
                         selection=_selection(include, exclude), engine=engine, scheduler=scheduler)
    if baseline:
        written, target = write_baseline(result, ledger_path)
        recorded = f"{written} finding{'' if written == 1 else 's'}"
        click.echo(f"factcheck: recorded {recorded} as accepted in {target or ledger_path}", err=True)
        ctx.exit(EXIT_OK)
    options = dataclasses.replace(_render_options("check", color, output, (show, only, hide), failing),
                                  resolutions=result.resolutions, strict=strict, skip_unreadable=skip_unreadable,
                                  ledger=_named_ledger(ledger_path))
    emit(reporter(fmt).render_batch(result, options), output, force)
    for ruling in result.stale:
        click.echo(f"factcheck: warning: {ruling.source}:{ruling.line}: resolution {ruling.id} matches no finding "
                   "any more (stale)", err=True)
    for ruling in result.expired:
        click.echo(f"factcheck: warning: {ruling.source}:{ruling.line}: resolution {ruling.id} expired on "
                   f"{ruling.expires}; the finding counts as unresolved", err=True)
    _report_unreadable(result.errors, skip_unreadable)
    ctx.exit(result.exit_code(failing, skip_unreadable, strict))


def _named_ledger(path: str | None) -> str:
    """The ledger a resolve command must name: none for the default ``claims/``."""
    from .ledger import DEFAULT_LEDGER

    return "" if path is None or os.path.normpath(path) == os.path.normpath(DEFAULT_LEDGER) else path


@cli.command()
@click.argument("finding_id", metavar="ID")
@click.argument("paths", nargs=-1)
@click.option("--verdict", required=True, type=click.Choice(["a-correct", "b-correct", "both-correct", "accepted"]))
@click.option("--note", required=True, help="Why: what the desk checked, with whom.")
@click.option("--by", default=None, help="Who rules (default: $USER, else git's user.name, else 'unknown').")
@click.option("--replace", is_flag=True, help="Replace an existing ruling; the old one is kept in its history.")
@click.option("--ledger", "ledger_path", type=click.Path(), default=None,
              help="Ledger folder or file to write (default: claims/).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Processes to use.")
def resolve(finding_id: str, paths: tuple[str, ...], verdict: str, note: str, by: str | None, replace: bool,
            ledger_path: str | None, jobs: int | None) -> None:
    """Record an editor's ruling on finding ID (found by checking PATHS, default sources/)."""
    from .check import resolve as record
    from .ledger import ruling_author

    targets = paths or (("sources",) if os.path.isdir("sources") else (".",))
    action, path = record(finding_id, targets, verdict, note, by or ruling_author(), ledger_path, jobs,
                          progress_bar(), replace)
    click.echo(f"factcheck: {action} {finding_id} ({verdict}) in {path}", err=True)


def progress_bar() -> Progress | None:
    """A rich progress bar on stderr when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        return None
    from .progress import ProgressBar

    return ProgressBar()


def main(argv: list[str] | None = None) -> None:
    """Entry point (the ``factcheck`` script and ``python -m factcheck``)."""
    cli.main(args=sys.argv[1:] if argv is None else argv, prog_name="factcheck")


__all__ = ["InputError", "UsageError", "cli", "main"]
