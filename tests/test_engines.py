"""The batch's engines: the same answers whatever runs the tasks, files that fail reported,
Dask optional.

The generated download folder (``tests/batch_folder.py``: 208 documents of 44 articles and
three bad files) is checked with the local engine at one and four jobs and with Dask on a
local cluster of two workers; the JSON must be the same bytes. ``tests/test_cluster.py``
does the same against a real scheduler and two worker processes.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import factcheck.batch_tasks as tasks
from factcheck.batch import batch_folder
from factcheck.cli import cli
from factcheck.report import RenderOptions, reporter
from factcheck.tuning import DEFAULT_TUNING

from .batch_folder import FolderTruth, make_folder
from .conftest import CORPUS


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> FolderTruth:
    return make_folder(tmp_path_factory.mktemp("engines") / "downloads")


def batch_json(folder: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["batch", str(folder), "--format", "json", *options], catch_exceptions=False)
    assert result.exit_code == 2, result.stderr  # the folder's three bad files
    return result.stdout


@pytest.fixture(scope="module")
def local_json(folder: FolderTruth) -> str:
    return batch_json(folder.root, "--jobs", "2")


def test_one_job_and_four_give_the_same_bytes(folder: FolderTruth, local_json: str) -> None:
    assert batch_json(folder.root, "--jobs", "1") == local_json
    assert batch_json(folder.root, "--jobs", "4") == local_json


def test_dask_on_a_local_cluster_gives_the_same_bytes(folder: FolderTruth, local_json: str) -> None:
    pytest.importorskip("distributed")
    assert batch_json(folder.root, "--engine", "dask", "--jobs", "2") == local_json


def test_check_on_dask_gives_the_same_bytes() -> None:
    pytest.importorskip("distributed")
    root = Path(__file__).parent.parent
    args = ["check", str(root / "sources"), "--ledger", str(root / "claims"), "--format", "json"]
    local = CliRunner().invoke(cli, args, catch_exceptions=False)
    dask = CliRunner().invoke(cli, [*args, "--engine", "dask", "--jobs", "2"], catch_exceptions=False)
    assert local.exit_code == dask.exit_code == 0
    assert dask.stdout == local.stdout


def test_output_folder_holds_the_same_json(folder: FolderTruth, local_json: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(folder.root), "--format", "json", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 2
    assert (out / "index.json").read_text(encoding="utf-8") == local_json
    data = json.loads(local_json)
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.json", *(f"{g['id']}.json" for g in data["groups"])])
    for group in data["groups"]:
        page = json.loads((out / f"{group['id']}.json").read_text(encoding="utf-8"))
        if len(group["documents"]) == 2:  # a comparison's JSON
            assert page["documents"] == group["documents"] and page["summary"] == group["summary"]
        else:
            assert page["groups"] == [group]


def test_analyses_kept_on_disk_spare_the_second_analysis_change_nothing_and_are_removed(
        folder: FolderTruth, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The first pass keeps each analysis on disk (spill.py): the second pass reads it back
    instead of analysing the file again; the answers are the same bytes as without it, and
    nothing is left in the temporary folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    analysed: Counter[str] = Counter()
    real_analyse = tasks.analyse

    def counting(document, tuning):  # type: ignore[no-untyped-def]
        analysed[document.path] += 1
        return real_analyse(document, tuning)

    monkeypatch.setattr(tasks, "analyse", counting)
    kept = batch_folder([str(folder.root)], jobs=1)  # in this process, where the patch holds
    assert list(tmp_path.iterdir()) == []
    assert analysed and max(analysed.values()) == 1
    analysed.clear()
    again = batch_folder([str(folder.root)], jobs=1, tuning=dataclasses.replace(DEFAULT_TUNING, spill_mb=0))
    compared = [d.path for g in again.groups for d in g.documents]
    assert all(analysed[path] == 2 for path in compared)
    json_of = reporter("json").render_batch
    options = RenderOptions("batch")
    assert "".join(json_of(kept, options)) == "".join(json_of(again, options))


def test_a_document_that_crashes_the_analysis_is_an_error_and_the_run_goes_on(
        folder: FolderTruth, monkeypatch: pytest.MonkeyPatch) -> None:
    """One file fails in the first pass (its profile), another in the second (its analysis
    for comparing): both are reported under errors with their paths, everything else is checked."""
    first, second = folder.documents[0], folder.documents[1]
    real_profile, real_analysed = tasks.profile, tasks._analysed

    def profile(analysis):  # type: ignore[no-untyped-def]
        if analysis.document.path.endswith(first):
            raise RuntimeError("boom in the first pass")
        return real_profile(analysis)

    def analysed(path, root, tuning, kept):  # type: ignore[no-untyped-def]
        if path.endswith(second):
            raise ValueError("boom in the second pass")
        return real_analysed(path, root, tuning, kept)

    monkeypatch.setattr(tasks, "profile", profile)
    monkeypatch.setattr(tasks, "_analysed", analysed)
    result = batch_folder([str(folder.root)], jobs=1)  # in this process, where the patches hold
    errors = {folder.relpath(e.path): e.error for e in result.errors}
    assert errors[first] == "internal error: RuntimeError: boom in the first pass"
    assert errors[second] == "internal error: ValueError: boom in the second pass"
    checked = [folder.relpath(d.path) for g in result.groups for d in g.documents]
    checked += [folder.relpath(p) for p in result.singles]
    assert sorted([*checked, first, second]) == folder.documents
    assert len(result.groups) >= 40


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_without_dask_the_dask_engine_is_one_line_and_exit_2() -> None:
    code = ("import sys; sys.modules['distributed'] = None  # as if not installed\n"
            "from factcheck.cli import main\n"
            f"main(['batch', {str(CORPUS)!r}, '--engine', 'dask'])")
    done = run_python(code)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "factcheck: error: --engine dask needs Dask: pip install 'factcheck[dask]' (dask and distributed)"]
    assert done.stdout == ""


def test_the_local_engine_never_imports_dask() -> None:
    code = ("import sys\n"
            "from factcheck.cli import main\n"
            "try:\n"
            f"    main(['batch', {str(CORPUS)!r}, '--format', 'json', '--jobs', '2'])\n"
            "except SystemExit as exc:\n"
            "    code = exc.code\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
            "print('EXIT', code, 'LOADED', loaded, file=sys.stderr)")
    done = run_python(code)
    assert done.stderr.strip().splitlines()[-1] == "EXIT 0 LOADED []"


def test_scheduler_needs_the_dask_engine() -> None:
    result = CliRunner().invoke(cli, ["batch", str(CORPUS), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "factcheck: error: --scheduler needs --engine dask"
