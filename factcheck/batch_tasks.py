"""The batch's tasks: plain functions that any engine runs (habit 15, engines behind one seam).

Each task reads its files itself, where it runs, and sends back something small:

* ``read_documents``: for a few files, each one's MinHash signature (``group.py``), its
  profile (``stories.py``: hashed facts, year, date, bylines) and how clean it is, or why
  it could not be read. The first pass; nothing else of a document leaves the worker.
* ``compare_group``: for one group of versions, in reference order, read and analyse them
  again, compare every version against the reference and build the group (its findings
  and consensus).
* ``compare_story``: for one story, read and analyse the reference of each of its members
  again and match the claims of each against the story's reference.

A file that fails becomes an error record with its path, never an exception: one bad file
must not stop a batch. Paths are as the user gave them, read relative to ``root`` (the
driver's working folder), so the output names them the same whatever machine read them.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import spill
from .errors import FactcheckError, printable_path
from .group import Signature, signature
from .models import Analysis, Consensus, Document, FileError, Finding, Group, GroupFinding, Status, Story
from .pipeline import analyse, compare_analyses, load_document
from .stories import Profile, profile
from .tuning import DEFAULT_TUNING, Tuning

_GAP = re.compile(r"(?<=[\u4e00-\u9fff,。])[ \t]+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class Read:
    """One file after the first pass: its signature, profile and how clean it is, or its error."""

    path: str
    signature: Signature | None
    noise: float  # damage and column gaps per thousand characters: lower is cleaner
    error: str | None = None
    profile: Profile | None = None
    spilled: int = 0  # bytes of its analysis kept on disk for the second pass (``spill.py``)


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    """What comparing one group gave: the group (None for a group of one, or when too few
    of its versions could be analysed), files that failed, and a version left alone. With
    a renderer, the group comes as ``text`` (and ``group`` is None): a few kilobytes of
    text travel back instead of the documents, and the caller's process only writes it."""

    group: Group | None
    errors: tuple[FileError, ...] = ()
    single: str | None = None
    text: str | None = None
    summary: dict[str, int] | None = None  # the group's counts, when it is there


def _failure(exc: Exception) -> str:
    if isinstance(exc, FactcheckError):
        return exc.message
    return f"internal error: {type(exc).__name__}: {exc}"


def noise(document: Document, tuning: Tuning = DEFAULT_TUNING) -> float:
    """How damaged a version is; the cleanest of a group is its reference."""
    damaged = sum(d.end - d.start for d in document.damage)
    gaps = len(_GAP.findall(document.normalized.text))
    return (1000 * (damaged + tuning.gap_noise_weight * gaps) / max(1, len(document.text))
            + (tuning.traditional_noise if document.script == "traditional" else 0.0))


def read_one(path: str, root: str | None = None, tuning: Tuning = DEFAULT_TUNING, keep: str | None = None) -> Read:
    """The first pass over one file (never raises); its analysis is kept in the folder
    ``keep`` when given (``spill.py``)."""
    try:
        analysis = analyse(load_document(path, root), tuning)
        article = "".join(s.text for s in analysis.sentences if not s.boilerplate)
        read = Read(path, signature(article, tuning), noise(analysis.document, tuning), profile=profile(analysis))
    except Exception as exc:  # one bad file must not stop a batch
        return Read(printable_path(path), None, 0.0, _failure(exc))
    return dataclasses.replace(read, spilled=spill.put(keep, path, analysis)) if keep else read


def read_documents(paths: Sequence[str], root: str | None, tuning: Tuning = DEFAULT_TUNING,
                   keep: str | None = None) -> tuple[Read, ...]:
    """The first pass over a few files: a task."""
    return tuple(read_one(path, root, tuning, keep) for path in paths)


def _analysed(path: str, root: str | None, tuning: Tuning, spill_dir: str | None = None) -> Analysis:
    """The file's analysis, as the first pass kept it when it could, else made again."""
    analysis = spill.get(spill_dir, path) or analyse(load_document(path, root), tuning)
    return dataclasses.replace(analysis, sentences=())  # comparing reads figures and text only


def compare_group(group_id: str, paths: Sequence[str], root: str | None, tuning: Tuning = DEFAULT_TUNING,
                  spill_dir: str | None = None, render: Callable[[Group], str] | None = None) -> GroupOutcome:
    """Analyse a group's versions (``paths[0]`` is the reference) and compare every other
    version against the reference: a task. ``render`` (a module-level function, so that
    it travels by name) writes the group where it was made."""
    from .align import prepare_analysis

    analysed: list[tuple[str, Analysis]] = []
    errors: list[FileError] = []
    for path in paths:
        try:
            analysed.append((path, _analysed(path, root, tuning, spill_dir)))
        except Exception as exc:  # one bad file must not stop a batch
            errors.append(FileError(printable_path(path), _failure(exc)))
    if len(analysed) < 2:  # a group of one, or all but one of its versions failed
        return GroupOutcome(None, tuple(errors), analysed[0][0] if analysed else None)
    (first, reference), *others = analysed
    kept, per_version = [reference.document], []
    side = prepare_analysis(reference, tuning)
    for _, other in others:
        try:
            report = compare_analyses(reference, other, (side, prepare_analysis(other, tuning)), tuning, "versions")
        except Exception as exc:
            errors.append(FileError(other.document.path, f"comparing with {reference.document.path}: "
                                                         f"{_failure(exc)}"))
            continue
        kept.append(other.document)
        per_version.append(report.findings)
    if len(kept) < 2:
        return GroupOutcome(None, tuple(errors), first)
    group = make_group(group_id, kept, per_version)
    if render is not None:
        return GroupOutcome(None, tuple(errors), text=render(group), summary=group.summary)
    return GroupOutcome(group, tuple(errors), summary=group.summary)


@dataclass(frozen=True, slots=True)
class StoryOutcome:
    """What matching one story's claims gave: the story (None when fewer than two of its
    members could be analysed) and files that failed."""

    story: Story | None
    errors: tuple[FileError, ...] = ()


def compare_story(group_ids: tuple[str, ...], singles: tuple[str, ...], paths: Sequence[str], root: str | None,
                  tuning: Tuning = DEFAULT_TUNING, spill_dir: str | None = None) -> StoryOutcome:
    """Analyse the reference of each member of a story (``paths[0]``: the story's reference)
    and match the claims of each against the story's reference: a task. Between reports,
    what each says alone is no finding."""
    from .align import prepare_analysis

    analysed: list[Analysis] = []
    errors: list[FileError] = []
    for path in paths:
        try:
            analysed.append(_analysed(path, root, tuning, spill_dir))
        except Exception as exc:  # one bad file must not stop a batch
            errors.append(FileError(printable_path(path), _failure(exc)))
            if not analysed:  # the story's reference: nothing to match against
                return StoryOutcome(None, tuple(errors))
    if len(analysed) < 2:
        return StoryOutcome(None, tuple(errors))
    reference, *others = analysed
    side = prepare_analysis(reference, tuning)
    items = []
    for k, other in enumerate(others, 1):
        found = compare_analyses(reference, other, (side, prepare_analysis(other, tuning)), tuning, "reports").findings
        items += [GroupFinding(f, 0, k) for f in found if f.a is not None and f.b is not None]
    return StoryOutcome(Story(group_ids, singles, tuple(items), tuple(a.document for a in analysed)), tuple(errors))


def make_group(group_id: str, documents: list[Document], per_version: list[tuple[Finding, ...]]) -> Group:
    items = tuple(GroupFinding(f, 0, k) for k, found in enumerate(per_version, 1) for f in found)
    consensus = _consensus(documents, per_version) if len(documents) > 2 else ()
    return Group(group_id, tuple(documents), items, consensus)


def _consensus(documents: Sequence[Document], per_version: list[tuple[Finding, ...]]) -> tuple[Consensus, ...]:
    """For each figure of the reference: which versions agree, which contradict, and
    which one version is the odd one out."""
    by_figure: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
    for k, found in enumerate(per_version, 1):
        for f in found:
            if f.a is not None and f.b is not None:
                by_figure[f.a.start].append((k, f))
    lines = []
    for _, entries in sorted(by_figure.items()):
        figure = entries[0][1].a
        assert figure is not None
        agree = [k for k, f in entries if f.status is Status.AGREE]
        disagree = [k for k, f in entries if f.status is Status.CONTRADICTION]
        if not disagree:
            continue
        odd: str | None = None
        if len(disagree) == 1 and agree:
            odd = documents[disagree[0]].path
        elif len(disagree) >= 2 and not agree:
            values = {f.b.value for k, f in entries if f.status is Status.CONTRADICTION and f.b}
            if len(values) == 1:
                odd = documents[0].path  # every other version agrees among themselves
        agreeing = (documents[0].path, *(documents[k].path for k in agree))
        lines.append(Consensus(figure, agreeing, tuple(documents[k].path for k in disagree), odd))
    return tuple(lines)
