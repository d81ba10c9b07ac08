"""Write the JSON of every command on the corpus and on the generated batch folder into a
folder, so that a refactor can be checked byte for byte: run it before and after, then
``diff -r BEFORE AFTER``.

    python scripts/snapshot.py /tmp/before
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def run(args: list[str], out: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "factcheck", *args, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    out.write_text(f"exit {done.returncode}\n{done.stdout}", encoding="utf-8")


def main(target: str) -> None:
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(CORPUS.glob("*.txt"))
    for path in files:
        run(["extract", str(path)], out / f"extract-{path.stem}.json")
    for a, b in itertools.permutations(files, 2):
        run(["compare", str(a), str(b)], out / f"compare-{a.stem}--{b.stem}.json")
    sys.path.insert(0, str(ROOT))
    from tests.batch_folder import make_folder

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "folder"
        make_folder(folder)
        done = subprocess.run([sys.executable, "-m", "factcheck", "batch", str(folder), "--format", "json"],
                              capture_output=True, text=True, cwd=ROOT)
        (out / "batch-folder.json").write_text(f"exit {done.returncode}\n" + done.stdout.replace(tmp, "TMP"),
                                              encoding="utf-8")
    run(["batch", str(CORPUS)], out / "batch-corpus.json")


if __name__ == "__main__":
    main(sys.argv[1])
