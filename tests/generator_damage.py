"""The damage a generated pair plants in B's figures (tests/generator.py), by kind.

``swallowed``           mirror: ``?``-mojibake in place of the character before the figure
                        and its first digit (``下拨1560万元`` → ``下?lián)?560萬元``)
``swallowed_middle``    mirror: the mojibake in place of a digit inside the number
                        (``1?lián)?60萬元``)
``swallowed_trailing``  mirror: in place of the number's last digit (``156?yōu)?萬元``)
``letter_for_digit``    both families: OCR wrote one digit as the letter it looks like
                        (``15b0万元``, ``l560万元``, ``1.3B 亿元``)
``split_columns``       OCR: the figure cut by a column break (tests/generator_ocr.py)
"""

from __future__ import annotations

import random

from .generator_figures import _Fig, _Plan, _split_ok

MIRROR_DAMAGE = ("swallowed", "swallowed_middle", "swallowed_trailing", "letter_for_digit")
OCR_DAMAGE = ("split_columns", "letter_for_digit")
DAMAGE_CHANGES = ("swallowed", "swallowed_middle", "swallowed_trailing", "letter_for_digit", "split_columns")
# The letters OCR reads for each digit; 3, 4 and 7 have none.
LOOKALIKES = {"0": "OoD", "1": "lI", "2": "Z", "5": "S", "6": "bG", "8": "B", "9": "gq"}


def damage_kinds(family: str, f: _Fig, swallow_before_ok: bool) -> list[str]:
    """The kinds of damage this figure can take in this family."""
    kinds = []
    digits = _digit_positions(f.num)
    if family == "ocr":
        if _split_ok(f):
            kinds.append("split_columns")
    else:
        if swallow_before_ok:
            kinds.append("swallowed")
        if len(digits) >= 3:
            kinds.append("swallowed_middle")
        if len(digits) >= 2:
            kinds.append("swallowed_trailing")
    if _letter_positions(f.num):
        kinds.append("letter_for_digit")
    return kinds


def plant(p: _Plan, kind: str, rng: random.Random) -> None:
    """Set up plan ``p`` for damage of ``kind``; the builders do the rest."""
    f = p.fig
    p.change = kind
    digits = _digit_positions(f.num)
    if kind == "split_columns" and not f.mag:
        # A split that changes the value: inside the digits (17 … 00多家);
        # a figure with a magnitude splits before it (6 … 万多名).
        cut = rng.randint(1, len(f.num.split(".")[0]) - 1)
        p.head, p.tail = f.num[:cut], f.num[cut:] + f.tail
    elif kind == "swallowed_middle":
        p.swallow = rng.choice(digits[1:-1])
    elif kind == "swallowed_trailing":
        p.swallow = digits[-1]
    elif kind == "letter_for_digit":
        i = rng.choice(_letter_positions(f.num))
        p.head = f.num[:i] + rng.choice(LOOKALIKES[f.num[i]]) + f.num[i + 1 :]


def _digit_positions(num: str) -> list[int]:
    return [i for i, ch in enumerate(num) if ch.isdigit()]


def _letter_positions(num: str) -> list[int]:
    """Digits that can be misread as a letter, in numbers of two digits or more; never the
    second of exactly two, which would write a real token (5G, 3D, 2B, 4S)."""
    digits = _digit_positions(num)
    if len(digits) < 2:
        return []
    return [i for i in digits if num[i] in LOOKALIKES and not (len(num) == 2 and i == 1)]
