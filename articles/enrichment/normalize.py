"""The indexed key of a name: the same string for every way an article may write it."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import LEADING_ARTICLES

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Casefold, strip accents, keep word characters and drop a leading article ("la ONU" -> "onu")."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = _WORD.findall(folded)
    while len(words) > 1 and words[0] in LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)
