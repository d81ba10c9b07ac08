"""Small str -> str fixers, composed with a map back to the original characters.

Each fixer takes a :class:`NormalizedText` and returns a new one; :func:`normalize`
runs them in order and records which of them changed anything. A fixer that keeps
the length of what it replaces maps character to character; one that changes it maps
every output character to the whole original span it came from.
"""

from __future__ import annotations

import html
import operator
import re
from array import array
from collections.abc import Callable
from functools import lru_cache

from .models import NormalizedText
from .units import UNIT_FIRST_CHARACTERS

Fixer = Callable[[NormalizedText], NormalizedText]

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_LETTERS = "a-z" + TONED


_COUNTING = array("i")  # 0, 1, 2, ...: sliced for every text's trivial map (a copy in C, not a loop)
_MAX_COUNTING = 1 << 22  # longer texts build their own map rather than keep 16 MB around


def _counting(n: int) -> array[int]:
    """``array("i", range(n + 1))``."""
    if n >= _MAX_COUNTING:
        return array("i", range(n + 1))
    if len(_COUNTING) <= n:
        _COUNTING.extend(range(len(_COUNTING), max(n + 1, 2 * len(_COUNTING))))
    return _COUNTING[: n + 1]


def identity(text: str) -> NormalizedText:
    """The trivial view of ``text``: every character maps to itself."""
    n = len(text)
    counting = _counting(n)
    return NormalizedText(text, counting[:n], counting[1:])


def rewrite(
    nt: NormalizedText, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> NormalizedText:
    """Replace every match of ``pattern`` in ``nt`` by ``repl(match)``, keeping the map."""
    pieces: list[str] = []
    starts = array("i")
    ends = array("i")
    last = 0
    changed = False
    for match in pattern.finditer(nt.text):
        new = repl(match)
        old = match.group(0)
        if new == old:
            continue
        changed = True
        a, b = match.span()
        pieces.append(nt.text[last:a])
        starts.extend(nt.starts[last:a])
        ends.extend(nt.ends[last:a])
        if len(new) == len(old):
            starts.extend(nt.starts[a:b])
            ends.extend(nt.ends[a:b])
        elif new:
            lo, hi = nt.starts[a], nt.ends[b - 1]
            starts.extend(array("i", [lo]) * len(new))
            ends.extend(array("i", [hi]) * len(new))
        pieces.append(new)
        last = b
    if not changed:
        return nt
    pieces.append(nt.text[last:])
    starts.extend(nt.starts[last:])
    ends.extend(nt.ends[last:])
    return NormalizedText("".join(pieces), starts, ends, nt.fixers)


def delete(nt: NormalizedText, pattern: re.Pattern[str]) -> NormalizedText:
    """Remove every match of ``pattern``, keeping the map: ``rewrite`` with ``""`` for every
    match, a few C slices per kept run instead of a call per match."""
    text = nt.text
    spans = [span for m in pattern.finditer(text) if (span := m.span())[1] > span[0]]
    if not spans:
        return nt
    kept = [(b, a) for (_, b), (a, _) in zip([(0, 0), *spans], [*spans, (len(text), len(text))])]
    starts, ends = array("i"), array("i")
    for a, b in kept:
        starts.extend(nt.starts[a:b])
        ends.extend(nt.ends[a:b])
    return NormalizedText("".join([text[a:b] for a, b in kept]), starts, ends, nt.fixers)


def translate(nt: NormalizedText, table: dict[int, str]) -> NormalizedText:
    """Apply a one-character-to-one-character table; the map is unchanged."""
    new = _finder(table).sub(lambda m: m.group(0).translate(table), nt.text)
    if new == nt.text:
        return nt
    return NormalizedText(new, nt.starts, nt.ends, nt.fixers)


_FINDERS: dict[int, re.Pattern[str]] = {}


def _finder(table: dict[int, str]) -> re.Pattern[str]:
    """A compiled class of the characters ``table`` changes: the regex engine skips the
    others in C, where ``str.translate`` looks every character up in the table."""
    key = id(table)
    if key not in _FINDERS:
        changed = sorted(cp for cp, to in table.items() if to != chr(cp))
        _FINDERS[key] = re.compile("[" + "".join(re.escape(chr(cp)) for cp in changed) + "]+")
    return _FINDERS[key]


# --- HTML -----------------------------------------------------------------------

_HTML_DROP = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->")
_HTML_BLOCK = re.compile(r"(?i)</?(?:p|div|br|li|tr|h[1-6]|section|article|table|ul|ol|header|footer)\b[^>]*>")
_HTML_TAG = re.compile(r"<[^<>]*>")
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def strip_html(nt: NormalizedText) -> NormalizedText:
    """Reduce an HTML page to its text: ``<p>1.38&nbsp;亿元</p>`` → ``\\n1.38 亿元\\n``."""
    nt = delete(nt, _HTML_DROP)
    nt = rewrite(nt, _HTML_BLOCK, lambda m: "\n")
    nt = delete(nt, _HTML_TAG)
    return rewrite(nt, _HTML_ENTITY, lambda m: html.unescape(m.group(0)).replace("\xa0", " "))


# --- width and digits -----------------------------------------------------------------


_WIDTH_TABLE = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: " ", 0xA0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " ", 0xFF61: "。"})
# Decimal digits of other scripts (Arabic-Indic, Devanagari, ...); `\d` is Unicode-aware.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def to_halfwidth(nt: NormalizedText) -> NormalizedText:
    """Full-width letters, digits and punctuation to ASCII: ``１．３８亿，`` → ``1.38亿,``;
    any script's decimal digits to ASCII: ``٣`` → ``3``."""
    import unicodedata

    nt = translate(nt, _WIDTH_TABLE)
    return rewrite(nt, _OTHER_DIGIT, lambda m: str(unicodedata.digit(m.group(0))))


# --- pinyin annotations -------------------------------------------------------------

_NEUTRAL = "de|le|ma|me|men|ne|ba|zi|zhe|guo|la|li|tou|ge|jia|shang|xia|lai|qu"
_PINYIN_ANNOTATION = re.compile(
    # The lookahead bounds the annotation to one syllable, so an unclosed `(` followed by
    # a long run of letters costs one look, not a search.
    # The ( first, then the look behind it: the search jumps from ( to ( instead of trying every position.
    rf"\((?<=[^\s(]\()\s?(?=[{PINYIN_LETTERS}]{{1,7}}\s?\))((?:[{PINYIN_LETTERS}]*[{TONED}][{PINYIN_LETTERS}]*|{_NEUTRAL})\s?)\)"
)


def strip_pinyin_annotations(nt: NormalizedText) -> NormalizedText:
    """Drop pinyin after characters, keep real parentheses: ``樹(shù)立`` → ``樹立``, ``(她)`` stays."""
    return delete(nt, _PINYIN_ANNOTATION)


# --- inserted symbols -----------------------------------------------------------------

_SYMBOLS = "\U0001f000-\U0001faff\u2600-\u2775\u2794-\u27bf\u2b00-\u2bff\ufe0f\u200b-\u200d\u2060\ufeff"
# The lookahead rejects at once every position that starts neither a ( nor a symbol.
_INSERTED_SYMBOLS = re.compile(f"(?=[({_SYMBOLS}])\\(?[{_SYMBOLS}]+\\)?")


def strip_inserted_symbols(nt: NormalizedText) -> NormalizedText:
    """Remove emoji and zero-width marks put between characters: ``近(😉)8亿`` → ``近8亿``."""
    return delete(nt, _INSERTED_SYMBOLS)


# --- script -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def to_simplified(nt: NormalizedText) -> NormalizedText:
    """Traditional to Simplified with OpenCC, line by line: ``萬多名`` → ``万多名``."""
    convert = _t2s()
    converted = convert(nt.text)
    if converted == nt.text:
        return nt
    if len(converted) == len(nt.text):
        return NormalizedText(converted, nt.starts, nt.ends, nt.fixers)
    # A phrase rule changed a length somewhere: convert character by character, which
    # keeps the map exact at the cost of phrase-level choices.
    return NormalizedText(
        "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in nt.text)),
        nt.starts,
        nt.ends,
        nt.fixers,
    )


_ZHU_WORDS = re.compile(r"(?<![彰凸突])显著|著(?:名|作|称|述|录|者|書|书)|(?:卓|名|原|专|论|编|土|巨|遗|合|撰|译|新)著")
_ZHU = re.compile("著")


def fix_particle_zhe(nt: NormalizedText) -> NormalizedText:
    """OpenCC leaves the particle 著 as it is; Simplified writes 着: ``指著`` → ``指着``, ``显著`` stays."""
    if "著" not in nt.text:
        return nt
    keep = {m.start() + m.group(0).index("著") for m in _ZHU_WORDS.finditer(nt.text)}
    return rewrite(nt, _ZHU, lambda m: "著" if m.start() in keep else "着")


# --- punctuation ------------------------------------------------------------------

_PUNCT_TABLE = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u301d": '"', "\u301e": '"',
        "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u22ef": "…", "\u2026": "…",
        "\u2013": "-", "\u2212": "-", "\u2012": "-",
        "\u00b7": "·", "\u2022": "·", "\u30fb": "·",
        "\u3001": "、", "\uff64": "、",
        "\u301c": "~",
    }
)


def unify_punctuation(nt: NormalizedText) -> NormalizedText:
    """Look-alike punctuation to one form each: ``“工”`` → ``"工"``, ``⋯⋯`` → ``……``."""
    return translate(nt, _PUNCT_TABLE)


# --- spaces inside figures ---------------------------------------------------------

_SPACED_FIGURE = re.compile(
    # Every alternative starts with a space or a tab: the lookahead rejects other positions at once.
    r"(?=[ \t])(?:"
    rf"(?<=[0-9])[ \t]+(?=[{re.escape(UNIT_FIRST_CHARACTERS)}万亿千百余多])"  # 1.38 亿元, 913 人
    r"|(?<=[0-9])[ \t]+(?=\.[0-9])|(?<=[0-9]\.)[ \t]+(?=[0-9])"  # 1 .38, 1. 38
    r"|(?:(?<=[0-9][年月])|(?<=[0-9] [年月]))[ \t]+(?=[0-9]{1,2}[ \t]*[月日号])"  # PDF dates: 1925 年 9 月 18 日
    r")"
)


def join_spaced_digits(nt: NormalizedText) -> NormalizedText:
    """Remove spaces inside a figure: ``1.38 亿元`` → ``1.38亿元``, ``今年 4 月`` → ``今年 4月``.

    A space before a figure stays: on an OCR page it may be a column gap."""
    return delete(nt, _SPACED_FIGURE)


# --- the pipeline -----------------------------------------------------------------

TEXT_FIXERS: tuple[Fixer, ...] = (
    to_halfwidth,
    strip_inserted_symbols,
    strip_pinyin_annotations,
    to_simplified,
    fix_particle_zhe,
    unify_punctuation,
    join_spaced_digits,
)


def normalize(text: str, *, is_html: bool = False) -> NormalizedText:
    """Run every fixer over ``text`` and record which ones fired."""
    nt = identity(text)
    fixers: list[Fixer] = [strip_html, *TEXT_FIXERS] if is_html else list(TEXT_FIXERS)
    fired: list[str] = []
    for fixer in fixers:
        new = fixer(nt)
        if new is not nt:
            fired.append(fixer.__name__)
        nt = new
    return NormalizedText(nt.text, nt.starts, nt.ends, tuple(fired))


def normalize_fragment(text: str) -> str:
    """The normalised string alone, for short pieces such as ledger contexts and tests."""
    return normalize(text).text


_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def detect_script(text: str) -> str:
    """``traditional`` when OpenCC would change a noticeable share of the Chinese characters
    (judged on the first 3,000 of them, which is plenty)."""
    han = "".join(_HAN_RUN.findall(text[:20000]))[:3000]
    if not han:
        return "none"
    converted = _t2s()(han)
    changed = sum(map(operator.ne, han, converted)) if len(converted) == len(han) else len(han) // 10
    ratio = changed / len(han)
    if ratio > 0.05:
        return "traditional"
    return "simplified" if ratio < 0.01 else "mixed"
