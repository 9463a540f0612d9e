"""Key phrases of an article: frequent content-word runs, favouring early and multi-word ones.

A single linear pass over regex tokens. YAKE gave similar phrases but cost as much as the spaCy
pipeline itself (co-occurrence graphs per word), which made keywords the slowest step of enrichment.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from .lexicon import REPORTING_VERBS

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[.!?;:,()\[\]«»“”\"—–]")
_BREAK = frozenset('.!?;:,()[]«»“”"—–')
_SENTENCE_END = frozenset(".!?")
_MAX_WORDS = 3
_SAID = frozenset(REPORTING_VERBS) | frozenset({"said", "says", "told", "dijo", "afirmó", "aseguró", "según"})


@lru_cache(maxsize=16)
def _stop_words(language: str) -> frozenset[str]:
    try:
        module = __import__(f"spacy.lang.{language}.stop_words", fromlist=["STOP_WORDS"])
        words = set(module.STOP_WORDS)
    except ImportError:
        words = set()
    if not words:
        from spacy.lang.en.stop_words import STOP_WORDS

        words = set(STOP_WORDS)
    # "said", "afirmó": frequent in every article, so they say nothing about this one.
    return frozenset(w.lower() for w in words) | _SAID


def extract_keywords(*, text: str, language: str, top: int = 10) -> list[str]:
    """The `top` key phrases, best first; an empty text gives none."""
    if len(text.split()) < 3:
        return []
    stop = _stop_words(language)
    tf: Counter[str] = Counter()
    phrases: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], str] = {}
    first_sentence: dict[tuple[str, ...], int] = {}
    sentence = 0
    run: list[str] = []

    def flush() -> None:
        if not run:  # most breaks follow a stop word or another break
            return
        lowered = [w.lower() for w in run]
        for n in range(1, _MAX_WORDS + 1):
            for i in range(len(run) - n + 1):
                key = tuple(lowered[i : i + n])
                phrases[key] += 1
                if key not in surface:  # the first occurrence's form and sentence, joined only then
                    surface[key] = " ".join(run[i : i + n])
                    first_sentence[key] = sentence
        run.clear()

    for token in _TOKEN.findall(text):  # no groups: each item is the whole match
        lower = token.lower()
        if token in _BREAK or lower in stop or token[0].isdigit() or len(token) < 3:
            flush()
            if token in _SENTENCE_END:
                sentence += 1
            continue
        tf[lower] += 1
        run.append(token)
    flush()

    weight = {w: math.log1p(n) for w, n in tf.items()}  # once per word, not once per phrase holding it

    def score(key: tuple[str, ...]) -> float:
        words = sum(weight[w] for w in key) / len(key)
        position = 1.0 + 1.0 / (1.0 + first_sentence[key])
        return phrases[key] * words * position * (1.0 + 0.6 * (len(key) - 1))

    ranked = sorted((k for k in phrases if len(k) == 1 or phrases[k] > 1), key=score, reverse=True)
    chosen: list[tuple[str, ...]] = []
    for key in ranked:
        # A phrase inside a chosen one (or containing one) says the same thing again.
        if any(_inside(key, other) or _inside(other, key) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == top:
            break
    return [surface[k] for k in chosen]


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n <= len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))
