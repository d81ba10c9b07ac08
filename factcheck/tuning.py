"""The numbers that trade recall for precision, in one frozen record.

Passed down from the command to the stages that use them (the way black passes its
``Mode``); nothing reads a bare threshold. Each field says what it trades off. The
defaults are the values every test and benchmark is measured with.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tuning:
    # --- align: anchoring fragments of one version in the other ---
    gram: int = 3  # characters per voting n-gram: longer anchors surer but misses damaged text
    max_occurrences: int = 12  # an n-gram seen more often anchors nothing: stock phrases vote for everywhere
    max_fragment: int = 160  # longest fragment aligned at once: longer costs quadratic time per fragment
    fragment_overlap: int = 20  # overlap of cut fragments, so a figure at the cut is whole in one piece
    vote_spread: int = 3  # diagonals within this many of each other are one placement (insertions)
    vote_candidates: int = 6  # best diagonals judged by their neighbours' votes
    min_votes: int = 2  # fewer agreeing n-grams than this place a fragment nowhere
    min_vote_share: float = 0.2  # nor fewer than this share of the fragment's n-grams
    region_pad: int = 8  # characters searched beyond a placed fragment, plus a quarter of its length
    region_pad_divisor: int = 4
    figure_slack: int = 24  # compact characters a mapped figure may sit from the other's start
    local_window: int = 6  # characters each side of a figure whose alignment vouches for the pair
    # --- align: scoring a pair of figures ---
    min_pair_score: float = 0.45  # pairs from anchored fragments below this are dropped
    best_side_weight: float = 0.7  # the better context side counts most: a column break spoils one side
    other_side_weight: float = 0.3  # the other side's share (the two add up to 1)
    same_unit_bonus: float = 0.1  # equal units make a pair likelier
    other_unit_penalty: float = 0.2  # different counters rarely state one claim
    equal_value_bonus: float = 0.1  # equal values settle which of two nearby figures is meant
    context_width: int = 10  # words each side compared for context similarity
    fallback_width: int = 6  # words each side indexed for figures no fragment placed
    fallback_candidates: int = 5  # best-voted candidates scored per leftover figure
    fallback_threshold: float = 0.6  # leftovers pair only above this: they have no alignment behind them
    surroundings_width: int = 4  # characters each side that, identical, pair a figure with its twin
    identical_surroundings_score: float = 0.65  # score of such twins
    neighbourhood: int = 160  # how far from an anchored fragment a figure cut from its own may sit
    edited_claim_similarity: float = 0.5  # context needed to pair a figure whose digits changed by one edit
    neighbourhood_score: float = 0.5  # score of a pair found near an anchor, less its distance
    # --- group: which documents are versions of one article ---
    shingle: int = 5  # characters per shingle
    sample_modulus: int = 2  # compare: keep one shingle in this many, the same ones in every document
    minhash_size: int = 128  # values in a document's signature: more estimate containment closer, cost memory
    band_rows: int = 2  # values per LSH band: more propose fewer unrelated pairs and miss more partial scans
    min_shingles: int = 20  # fewer distinct shingles (a sentence or two): too short to group
    max_postings: int = 24  # a band value or figure more documents than this share is a stock phrase
    containment: float = 0.3  # versions share far more (0.7+), related articles far less (≤0.1)
    # --- group: versions, stories and template series (stories.py) ---
    version_containment: float = 0.45  # shared shingles of the smaller text for versions; stories share less
    template_figures: float = 0.5  # below this share of shared figures, reports of other periods are no story
    story_figures: int = 3  # distinctive figures two texts must share to be one story without shared text
    story_figure_share: float = 0.3  # ... and that share of the smaller text's distinctive figures
    story_days: int = 45  # reports of one story are dated at most this many days apart (a release, then its communique)
    # --- claims: figures of different reports matched by content (claims.py) ---
    reports_containment: float = 0.45  # compare: below this text overlap both ways, A and B are different reports
    claim_threshold: float = 0.55  # claim pairs below this score are not made: recall against wrong pairs
    claim_contradiction: float = 0.9  # a claim pair below this may agree but never contradict
    claim_left_chars: int = 60  # characters before a figure searched for its clause's words
    claim_min_words: int = 3  # earlier clauses of the sentence are added until this many words are found
    claim_clause_chars: int = 16  # characters before a figure whose numbers must match for a contradiction
    claim_right_chars: int = 12  # characters after it (32.7%的农民工)
    claim_right_words: int = 2  # words after it kept
    claim_decay: float = 0.35  # a word's weight falls by this per word between it and the figure
    claim_after_weight: float = 0.4  # weight of a word after the figure
    claim_thing_bonus: float = 0.25  # the same counted thing (the nearest word before the figure)
    claim_value_bonus: float = 0.15  # values within 10% of each other make the pair likelier
    claim_max_postings: int = 12  # a (key, word) shared by more figures proposes nothing (stock words)
    # --- batch: which version of a group is the reference ---
    gap_noise_weight: float = 3.0  # a column gap counts as this many damaged characters
    traditional_noise: float = 0.5  # a re-scripted mirror is a little less clean than the original
    # --- batch: how work is cut into tasks (speed and memory, never answers) ---
    tasks_ahead: int = 4  # tasks per worker submitted ahead of the one awaited: more keeps workers busy, holds more
    chunks_per_worker: int = 8  # first-pass tasks per worker at least: more balances load, costs round trips
    max_chunk: int = 32  # files read by one first-pass task at most: a lost worker reruns no more than this
    spill_mb: int = 2048  # analyses kept on disk between the passes (spill.py); past it the second pass re-analyses
    # --- segment: page furniture ---
    boilerplate_max_sentence: int = 200  # a longer sentence is article text whatever words it holds
    caption_max_chars: int = 40  # a line of its own no longer than this, without clauses, is a caption


DEFAULT_TUNING = Tuning()
