"""Fuzz target: arbitrary bytes through load → analyse → compare.

Run with atheris (libFuzzer)::

    python fuzz/fuzz_pipeline.py /tmp/fuzz-work fuzz/corpus -max_total_time=600

or, where atheris will not install, the hypothesis loop in this file::

    python fuzz/fuzz_pipeline.py --hypothesis --seconds 600

A crash is any exception other than ``factcheck.errors.FactcheckError`` (bad input that the
pipeline refuses cleanly). :func:`check_one` is the oracle; the regression tests in
``tests/test_hostile.py`` call it on every input saved under ``tests/cases/fuzz/``.
See ``fuzz/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_INSTRUMENT = "atheris" in sys.modules or (__name__ == "__main__" and "--hypothesis" not in sys.argv)

if _INSTRUMENT:
    import atheris

    with atheris.instrument_imports(include=["factcheck"]):
        import factcheck.align
        import factcheck.damage
        import factcheck.figures
        import factcheck.load
        import factcheck.normalize
        import factcheck.pipeline
        import factcheck.segment
        import factcheck.verdicts
        from factcheck.errors import FactcheckError
else:
    import factcheck.load
    import factcheck.pipeline
    from factcheck.errors import FactcheckError

_ROTATE = str.maketrans("0123456789", "3456789012")


def mutate(text: str) -> str:
    """A second 'version' of ``text``: the digits of its second half shifted by 3, its first
    line dropped, and 亿 turned into 万, so compare has pairs that differ to judge."""
    half = len(text) // 2
    tail = text[half:].translate(_ROTATE).replace("亿", "万")
    head = text[:half]
    first_break = head.find("\n")
    if first_break >= 0:
        head = head[first_break + 1 :]
    return head + tail


def check_one(data: bytes) -> None:
    """Feed one input through the pipeline; raise on anything but a FactcheckError."""
    try:
        loaded = factcheck.load.decode(data, "fuzz.txt")
    except FactcheckError:
        return
    try:
        document = factcheck.pipeline.build_document(loaded)
        analysis = factcheck.pipeline.analyse(document)
        for figure in analysis.figures:  # the span promise of docs/json.md, cheaply
            if document.text[figure.start : figure.end] != figure.text:
                raise AssertionError(f"span {figure.start}:{figure.end} does not index {figure.text!r}")
        report = factcheck.pipeline.compare_texts(loaded.text, mutate(loaded.text))
        report.to_json()
    except FactcheckError:
        return


def _atheris_main(argv: list[str]) -> None:
    atheris.Setup(argv, check_one)
    atheris.Fuzz()


def _hypothesis_main(seconds: float) -> None:
    """A fixed-budget fuzz loop for when atheris is not available."""
    import time

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in sorted((Path(__file__).parent / "corpus").iterdir())]
    deadline = time.monotonic() + seconds
    runs = 0

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.sampled_from(seeds), cut=st.integers(0, 4096), noise=st.binary(max_size=64),
           raw=st.binary(max_size=2048), text=st.text(max_size=512), which=st.integers(0, 3))
    def one(seed: bytes, cut: int, noise: bytes, raw: bytes, text: str, which: int) -> None:
        nonlocal runs
        runs += 1
        data = (seed[:cut] + noise + seed[cut:], raw, text.encode("utf-8"),
                text.encode("gb18030", "replace") + seed[: cut // 4])[which]
        check_one(data)

    while time.monotonic() < deadline:  # rounds of 200 examples until the budget is spent
        one()
    print(f"hypothesis fuzz: {runs} inputs in {seconds:.0f} s, no crash")


if __name__ == "__main__":
    if "--hypothesis" in sys.argv:
        budget = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 600.0
        _hypothesis_main(budget)
    else:
        _atheris_main(sys.argv)
