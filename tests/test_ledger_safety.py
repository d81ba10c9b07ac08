"""No ruling is ever lost: an existing ruling is replaced only on request and kept in its
history, a missing ledger file is created, every ruling says who made it, and two editors
resolving at once both keep their rulings."""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.ledger import load_ledger, ruling_author, write_resolution

from .test_check import contradiction_ids, newsroom, run

__all__ = ["newsroom"]  # the fixture: a.txt and b.txt with one planted contradiction

DAY = datetime.date(2026, 12, 1)


def resolve(finding_id: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["resolve", finding_id, "a.txt", "b.txt", *extra], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_resolve_refuses_to_overwrite_then_replaces_keeping_history(newsroom: Path) -> None:
    [finding_id] = contradiction_ids("a.txt", "b.txt")
    ledger = "claims/resolutions.yaml"
    assert resolve(finding_id, "--verdict", "b-correct", "--note", "Desk: 1.83亿", "--by", "night desk")[0] == 0
    before = (newsroom / ledger).read_text(encoding="utf-8")

    code, err = resolve(finding_id, "--verdict", "a-correct", "--note", "Day desk: 1.38亿", "--by", "day desk")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert all(word in err for word in ("b-correct", "Desk: 1.83亿", "night desk", "--replace"))
    assert (newsroom / ledger).read_text(encoding="utf-8") == before  # nothing lost, nothing written

    code, err = resolve(finding_id, "--verdict", "a-correct", "--note", "Day desk: 1.38亿", "--by", "day desk",
                        "--replace")
    assert code == 0 and "replaced" in err
    ruling = load_ledger(newsroom / ledger).resolutions[finding_id]
    assert (ruling.verdict, ruling.note, ruling.by) == ("a-correct", "Day desk: 1.38亿", "day desk")
    [past] = ruling.history
    assert (past.verdict, past.note, past.by, past.replaced) == ("b-correct", "Desk: 1.83亿", "night desk",
                                                                  datetime.date.today().isoformat())
    _, out = run("check", "a.txt", "b.txt", "--format", "json")
    resolution = json.loads(out)["groups"][0]["findings"][0]["resolution"]
    assert resolution["history"][0]["by"] == "night desk"


def test_a_ledger_file_that_does_not_exist_yet_is_created_with_its_folder(newsroom: Path) -> None:
    [finding_id] = contradiction_ids("a.txt", "b.txt")
    target = newsroom / "desk" / "rulings" / "claims.yaml"
    code, _ = resolve(finding_id, "--verdict", "accepted", "--note", "ok", "--ledger", str(target))
    assert code == 0
    assert finding_id in load_ledger(target).resolutions
    assert run("check", "a.txt", "b.txt", "--ledger", str(target))[0] == 0


@pytest.mark.parametrize(("env", "git_name", "expected"), [
    ({"USER": "night-desk"}, "Git Name", "night-desk"),
    ({}, "Git Name", "Git Name"),
    ({}, "", "unknown"),
])
def test_by_falls_back_to_user_then_git_then_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     env: dict[str, str], git_name: str, expected: str) -> None:
    monkeypatch.delenv("USER", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.chdir(tmp_path)
    if git_name:
        subprocess.run(["git", "config", "--global", "user.name", git_name], check=True)
    assert ruling_author() == expected


def test_by_is_always_written(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("USER", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(newsroom / "no-such-gitconfig"))
    [finding_id] = contradiction_ids("a.txt", "b.txt")
    assert resolve(finding_id, "--verdict", "accepted", "--note", "ok")[0] == 0
    assert load_ledger(newsroom / "claims").resolutions[finding_id].by == "unknown"


def _rule(ledger: str, finding_id: str, start: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    start.wait()
    write_resolution(ledger, id=finding_id, verdict="accepted", note=f"ruling on {finding_id}", by="desk", date=DAY)


def test_two_resolve_processes_at_once_never_lose_a_ruling(tmp_path: Path) -> None:
    """50 rounds of two writers started together on different ids: every ruling stays."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to start writers quickly")
    context = multiprocessing.get_context("fork")
    ledger = str(tmp_path / "claims.yaml")
    ids = []
    for round_ in range(50):
        start = context.Event()
        pair = [f"fc-{round_:05d}{side:05d}" for side in (0, 1)]
        writers = [context.Process(target=_rule, args=(ledger, fid, start)) for fid in pair]
        for writer in writers:
            writer.start()
        start.set()
        for writer in writers:
            writer.join(30)
            assert writer.exitcode == 0
        ids += pair
    assert sorted(load_ledger(ledger).resolutions) == sorted(ids)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "claims.yaml"]
    assert leftovers == []  # no lock or temporary file is left behind
    assert os.path.getsize(ledger) > 0
