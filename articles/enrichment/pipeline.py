"""enrich_text: clean the body, detect the language, run spaCy once, derive entities, quotes and keywords."""

from __future__ import annotations

from collections.abc import Mapping

from .entities import COUNTRY_KEYS, assign_roles, extract_entities
from .keywords import extract_keywords
from .language import detect_language
from .nlp import docs_for, model_for
from .normalize import normalize_name
from .quotes import extract_quotes
from .text import Dateline, find_dateline, prepare_text
from .types import EnrichmentResult, ExtractedEntity, ExtractedQuote

PIPELINE_VERSION = "2026.12.05"

# Boilerplate kinds whose names still count (photographers, authors, outlets, and the names in a linked headline).
_NAMED_BOILERPLATE = frozenset({"byline", "credit", "copyright", "read_more"})


def enrich_text(
    *, title: str, body: str, language: str | None = None, models: Mapping[str, str] | None = None
) -> EnrichmentResult:
    """Everything the pipeline derives from one article; offsets index into the returned clean_text."""
    prepared = prepare_text(body=body or "")
    clean_text = prepared.clean_text
    lang = detect_language(text=f"{title or ''}\n{clean_text}", hint=language)
    nlp, trained = model_for(language=lang, models=models)
    # A model trained on another language (Portuguese through the Spanish model) tags names usefully but parses the
    # verbs badly: no parse is made, and its quotes are attributed from the surface instead.
    parsed = trained and nlp.lang == lang
    paragraphs, datelines = _without_datelines(clean_text, prepared.paragraphs)
    named = [line for line in prepared.boilerplate if line.kind in _NAMED_BOILERPLATE]
    texts = [clean_text[s:e] for s, e in paragraphs] + [line.text for line in named]
    docs = docs_for(nlp, texts, parse=parsed)
    para_docs, extra_docs = docs[: len(paragraphs)], docs[len(paragraphs) :]
    index = extract_entities(
        clean_text=clean_text,
        paragraphs=paragraphs,
        docs=para_docs,
        boilerplate=named,
        boilerplate_docs=extra_docs,
        trained=trained,
        datelines=datelines,
    )
    if parsed:
        assign_roles(index=index, docs=para_docs, paragraphs=paragraphs)
    quotes = extract_quotes(
        clean_text=clean_text, paragraphs=paragraphs, docs=para_docs, index=index, language=lang, trained=parsed
    )
    _speaking_seats_are_organizations(index.entities, quotes)
    _score_salience(index.entities, quotes, len(clean_text))
    return EnrichmentResult(
        language=lang,
        clean_text=clean_text,
        entities=index.entities,
        quotes=quotes,
        keywords=extract_keywords(text=clean_text, language=lang),
        pipeline_version=PIPELINE_VERSION,
    )


def _speaking_seats_are_organizations(entities: list[ExtractedEntity], quotes: list[ExtractedQuote]) -> None:
    """A place that makes statements ("el Kremlin negó...") stands for the institution seated there: it becomes an
    organization for the whole article, so it can be the quote's speaker. Countries stay places."""
    for quote in quotes:
        if quote.speaker is None:
            continue
        entity = entities[quote.speaker]
        if entity.kind == "place" and normalize_name(entity.name) not in COUNTRY_KEYS:
            entity.kind = "organization"


def _without_datelines(
    clean_text: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, Dateline]]]:
    """Paragraphs for the model with any opening dateline cut off, and the datelines found.

    "SAN FRANCISCO — Larkspur said ..." parses with the city as the subject of "said"; the model never sees the
    dateline, whose place and agency come from its own parser.
    """
    kept: list[tuple[int, int]] = []
    found: list[tuple[int, Dateline]] = []
    for i, (start, end) in enumerate(paragraphs):
        dateline = find_dateline(clean_text[start:end]) if i < 3 and not found else None
        if dateline is None:
            kept.append((start, end))
            continue
        found.append((start, dateline))
        if start + dateline.end < end:
            kept.append((start + dateline.end, end))
    return kept, found


def _score_salience(entities, quotes, length: int) -> None:
    """Mentions, how early the entity appears and how often it speaks, each normalised to 0..1."""
    if not entities:
        return
    spoken = [0] * len(entities)
    for quote in quotes:
        if quote.speaker is not None:
            spoken[quote.speaker] += 1
    most_mentions = max(len(e.mentions) for e in entities) or 1
    most_spoken = max(spoken) or 1
    for i, entity in enumerate(entities):
        first = entity.mentions[0].start / length if entity.mentions and length else 1.0
        score = 0.5 * len(entity.mentions) / most_mentions + 0.2 * (1 - first) + 0.3 * spoken[i] / most_spoken
        entity.salience = round(min(1.0, max(0.0, score)), 4)
