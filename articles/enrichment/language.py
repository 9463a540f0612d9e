"""Which language an article is written in."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# The languages a news feed is likely to deliver; a short list keeps detection fast and accurate.
_SUPPORTED = {
    "es": Language.SPANISH,
    "en": Language.ENGLISH,
    "pt": Language.PORTUGUESE,
    "fr": Language.FRENCH,
    "it": Language.ITALIAN,
    "de": Language.GERMAN,
    "ca": Language.CATALAN,
    "nl": Language.DUTCH,
}
_CODES = {language: code for code, language in _SUPPORTED.items()}
DEFAULT_LANGUAGE = "es"
_SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # The first detection would load every listed language's model anyway (about a second); loading them as the
    # detector is built lets a worker do it at start (preload_detector).
    return LanguageDetectorBuilder.from_languages(*_SUPPORTED.values()).with_preloaded_language_models().build()


def preload_detector() -> None:
    """Build the detector and load its language models now instead of on the first article."""
    _detector()


def detect_language(*, text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of the text; a hint in the supported set wins, an undecidable text gets the default."""
    if hint:
        code = hint.strip().lower().replace("_", "-").split("-")[0]
        if code in _SUPPORTED:
            return code
    sample = text[:_SAMPLE_CHARS].strip()
    if len(sample) < 3:
        return DEFAULT_LANGUAGE
    detected = _detector().detect_language_of(sample)
    return _CODES.get(detected, DEFAULT_LANGUAGE) if detected else DEFAULT_LANGUAGE
