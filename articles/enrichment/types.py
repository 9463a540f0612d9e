"""What the enrichment pipeline returns: plain data, no ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organization", "place"]
QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True)
class Span:
    """A character range in the article's clean text."""

    start: int
    end: int
    text: str


@dataclass
class ExtractedEntity:
    """One entity of the article, its surface forms merged (\"Dmitri Medvedev\" and \"Medvedev\")."""

    kind: EntityKind
    name: str  # the fullest form the article gives
    aliases: list[str] = field(default_factory=list)  # other surface forms seen in the article
    mentions: list[Span] = field(default_factory=list)
    salience: float = 0.0  # 0..1, how central the entity is to the article
    role: str | None = None  # as the text states it: "portavoz del Departamento de Estado"
    affiliation: str | None = None  # name of an organization entity of this article, when stated


@dataclass
class ExtractedQuote:
    """A direct, partial or reported statement and who made it."""

    text: str
    kind: QuoteKind
    start: int
    end: int
    speaker: int | None = None  # index into EnrichmentResult.entities
    speaker_text: str | None = None  # the speaker as written: "el exmandatario ruso", "she"
    cue: str | None = None  # the reporting verb or frame: "declaró", "según"
    confidence: float = 0.0


@dataclass
class EnrichmentResult:
    """Everything the pipeline derives from one article."""

    language: str
    clean_text: str
    entities: list[ExtractedEntity]
    quotes: list[ExtractedQuote]
    keywords: list[str]
    pipeline_version: str
