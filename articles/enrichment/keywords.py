"""Key phrases of an article (YAKE: statistical, no model to download)."""

from __future__ import annotations

from functools import lru_cache

import yake

_YAKE_LANGUAGES = {"es", "en", "pt", "fr", "it", "de", "ca", "nl"}


@lru_cache(maxsize=16)
def _extractor(language: str, top: int) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(lan=language if language in _YAKE_LANGUAGES else "en", n=3, top=top, dedupLim=0.8)


def extract_keywords(*, text: str, language: str, top: int = 10) -> list[str]:
    """The `top` key phrases, best first; an empty text gives none."""
    if len(text.split()) < 3:
        return []
    return [phrase for phrase, _score in _extractor(language, top).extract_keywords(text)]
