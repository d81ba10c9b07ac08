"""The extract stage: numeric figures with value, magnitude, unit, qualifier and kind.

``reading`` finds figures in the normalised text (Simplified, half-width, pinyin and
spaces inside figures removed) and leaves out page furniture that carries digits but
states nothing (SMS codes, phone numbers, licence numbers, URLs); ``placing`` turns them
into ``Figure`` records of the document. ``patterns`` holds the regexes and vocabularies.
"""

from __future__ import annotations

from .placing import cut_from, digits_of, place_figures
from .reading import RawFigure, figure_after_damage, find_figures

__all__ = ["RawFigure", "cut_from", "digits_of", "figure_after_damage", "find_figures", "place_figures"]
