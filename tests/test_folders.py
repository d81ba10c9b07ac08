"""One rule for folders in batch and check, and Ctrl-C that leaves nothing behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

from .batch_folder import make_folder
from .conftest import ALL_CORPUS


def invoke(*args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    for i, path in enumerate(ALL_CORPUS):
        shutil.copy(path, (root / "sub" if i % 2 else root) / path.name)
    (root / "sub" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "notes.md").write_text("- call the desk", encoding="utf-8")
    (root / ".hidden.txt").write_bytes(b"\x00" * 10)
    return root


def test_batch_and_check_read_the_same_files_and_agree_on_an_unreadable_one(folder: Path) -> None:
    b_code, b_data, b_err = invoke("batch", str(folder), "--format", "json")
    c_code, c_data, c_err = invoke("check", str(folder), "--format", "json", "--ledger", str(folder / "none"))
    assert b_code == c_code == 2
    assert b_data["errors"] == c_data["errors"] == [{"path": str(folder / "sub" / "scan.txt"),
                                                    "error": b_data["errors"][0]["error"]}]
    assert b_err == c_err and b_err.startswith("factcheck: error: ")
    def read(data: dict) -> list[str]:  # type: ignore[type-arg]
        return sorted([d["path"] for g in data["groups"] for d in g["documents"]] + data.get("singles", []))

    assert read(b_data) == read(c_data) and len(read(b_data)) == len(ALL_CORPUS)
    assert not any(p.endswith(("notes.md", ".hidden.txt")) for p in read(b_data))


def test_skip_unreadable_turns_the_error_into_a_warning(folder: Path) -> None:
    for command in (["batch"], ["check", "--ledger", str(folder / "none")]):
        code, data, err = invoke(command[0], str(folder), "--format", "json", *command[1:], "--skip-unreadable")
        assert code in (0, 1)
        assert len(data["errors"]) == 1 and err.startswith("factcheck: warning: ")


def test_include_and_exclude_choose_the_files(folder: Path) -> None:
    code, data, _ = invoke("batch", str(folder), "--format", "json", "--exclude", "sub/*")
    assert code == 0 and data["errors"] == []
    assert all("/sub/" not in d["path"] for g in data["groups"] for d in g["documents"])
    code, data, _ = invoke("batch", str(folder), "--format", "json", "--include", "*.md", "--skip-unreadable")
    assert data.get("singles") == [str(folder / "notes.md")]


@pytest.mark.parametrize(("command", "engine"), [("batch", "local"), ("check", "local"), ("batch", "dask")])
def test_ctrl_c_exits_130_and_leaves_no_output_or_temporary_file(tmp_path: Path, command: str, engine: str) -> None:
    if engine == "dask":
        pytest.importorskip("distributed")
    make_folder(tmp_path / "in" / "0")
    for copy in range(1, 16):  # about 3,300 documents: long enough to be interrupted mid-run
        shutil.copytree(tmp_path / "in" / "0", tmp_path / "in" / str(copy))
    out = tmp_path / ("out" if command == "batch" else "out.json")
    extra = ["--skip-unreadable"] if command == "batch" else ["--skip-unreadable", "--ledger", str(tmp_path / "no")]
    scratch = tmp_path / "tmp"  # the run's temporary folder (the analyses it keeps between passes)
    scratch.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", command, str(tmp_path / "in"), "--format", "json",
                             "-o", str(out), "--jobs", "2", "--engine", engine, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True,
                            env={**os.environ, "TMPDIR": str(scratch)})
    # The local cluster takes a few seconds to start; a Ctrl-C before its workers are up
    # also stops the run, but the workers still starting may print their own tracebacks.
    time.sleep(1.5 if engine == "local" else 8.0)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    lines = err.decode().strip().splitlines()
    if engine == "dask":  # on a slow machine its workers may still be starting: their tracebacks first
        lines = lines[-1:]
    assert lines == ["factcheck: interrupted; no output was written"]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "tmp"]  # no temporary file beside the output
    assert [p.name for p in scratch.iterdir() if p.name.startswith("factcheck")] == []
