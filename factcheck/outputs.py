"""Writing reports to files: never over the user's work unless asked (``--force``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .files import atomic_write, write_all
from .models import BatchResult
from .report import FORMATS, RenderOptions
from .report import reporter as report_of


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


def write_batch_folder(folder: str, result: BatchResult, fmt: str, options: RenderOptions, force: bool) -> None:
    """One report per group and an index, in ``folder``; refuses to replace files unless ``force``."""
    ext = FORMATS[fmt].extension
    reporter = report_of(fmt)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", folder)
    index = f"index.{ext}"
    planned = {target / index: reporter.render_batch(result, replace(options, group_pages=ext))}
    page_options = replace(options, index_page=index)
    for group in result.groups:
        if len(group.documents) == 2:
            planned[target / f"{group.id}.{ext}"] = reporter.render_compare(group.report_for(1), page_options)
        else:
            single = type(result)((group,), (), ())
            planned[target / f"{group.id}.{ext}"] = reporter.render_batch(single, page_options)
    clashes = [str(p) for p in planned if p.exists()]
    if clashes and not force:
        raise InputError(f"would replace {len(clashes)} existing file(s) such as {clashes[0]}; pass --force", folder)
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        write_all(planned)
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)  # an interrupted run leaves no half folder
        raise
