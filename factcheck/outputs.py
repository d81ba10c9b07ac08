"""Writing reports to files: never over the user's work unless asked (``--force``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .files import Staged, atomic_write
from .models import BatchResult, Group
from .report import FORMATS, RenderOptions
from .report import reporter as report_of
from .report.json_format import batch_json, group_json

if TYPE_CHECKING:
    from .batch import BatchStream


def write_output(path: str, text: str | Iterable[str], *, force: bool = False) -> None:
    """Write a report to ``path``; an existing file is replaced only with ``force``."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory; give a file name for --output", path)
    if target.exists() and not force:
        raise InputError("already exists; pass --force to replace it", path)
    if not target.parent.exists():
        raise InputError("its folder does not exist", path)
    try:
        atomic_write(target, text)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path) from None


def write_batch_folder(folder: str, stream: BatchStream, fmt: str, options: RenderOptions, force: bool) -> None:
    """One report per group, written as each group is compared, and an index, in ``folder``;
    refuses to replace files unless ``force``. Every file goes to a temporary file first and
    all are renamed at the end, so an interrupted run leaves no half folder. The JSON index
    is written group by group too; another format's index needs every group at once."""
    ext = FORMATS[fmt].extension
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", folder)
    index = target / f"index.{ext}"
    clashes = [str(p) for p in (index, *(target / f"{gid}.{ext}" for gid in stream.group_ids)) if p.exists()]
    if clashes and not force:
        raise InputError(f"would replace {len(clashes)} existing file(s) such as {clashes[0]}; pass --force", folder)
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    written = Staged()
    try:
        groups = _pages(stream, target, fmt, replace(options, index_page=index.name), written)
        index_options = replace(options, group_pages=ext)
        text: str | Iterable[str]
        if fmt == "json":
            text = batch_json((group_json(g) for g in groups), stream.tail)
        else:
            every = tuple(groups)  # first: the errors, files alone and stories are complete once it is
            text = report_of(fmt).render_batch(BatchResult(every, stream.errors, stream.singles,
                                                           stories=stream.stories), index_options)
        written.add(index, text)
        written.commit()
    except BaseException:
        written.discard()
        if created:
            shutil.rmtree(target, ignore_errors=True)  # an interrupted run leaves no half folder
        raise


def _pages(stream: BatchStream, target: Path, fmt: str, options: RenderOptions,
           written: Staged) -> Iterator[Group]:
    """The stream's groups, each one's page written to a temporary file as it passes."""
    reporter = report_of(fmt)
    ext = FORMATS[fmt].extension
    for group in stream.groups():
        if len(group.documents) == 2:
            text = reporter.render_compare(group.report_for(1), options)
        else:
            text = reporter.render_batch(BatchResult((group,), (), ()), options)
        page = target / f"{group.id}.{ext}"
        written.add(page, text)
        yield group
