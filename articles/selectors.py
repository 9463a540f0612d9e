"""Reads: querysets that fetch everything a representation needs in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from articles.models import Article, Mention, Organization, Person, Place, Quote


def quote_queryset() -> QuerySet[Quote]:
    return Quote.objects.filter(rejected=False).select_related("speaker_person", "speaker_organization")


def article_queryset() -> QuerySet[Article]:
    """Articles with their mentions (and entities) and quotes (and speakers) prefetched."""
    return Article.objects.select_related("source").prefetch_related(
        Prefetch(
            "mentions",
            queryset=Mention.objects.select_related("person", "organization", "place", "affiliation").order_by(
                "-salience", "id"
            ),
        ),
        "mentions__person__aliases",
        "mentions__organization__aliases",
        "mentions__place__aliases",
        Prefetch("quotes", queryset=quote_queryset().order_by("start", "id"), to_attr="visible_quotes"),
    )


def article_entities(article: Article, kind: str) -> list[Person | Organization | Place]:
    """The article's people, organizations or places, most salient first (uses the prefetched mentions)."""
    return [mention.entity for mention in article_mentions(article, kind)]


def article_mentions(article: Article, kind: str) -> list[Mention]:
    return [mention for mention in article.mentions.all() if mention.kind == kind]


def article_quotes(article: Article) -> list[Quote]:
    if hasattr(article, "visible_quotes"):
        return article.visible_quotes
    return list(quote_queryset().filter(article=article).order_by("start", "id"))


def entity_queryset(model: type[Person | Organization | Place]) -> QuerySet:
    return model.objects.prefetch_related("aliases")


def entity_articles(entity: Person | Organization | Place) -> QuerySet[Article]:
    """The articles that mention an entity, most recent first."""
    field = {Person: "person", Organization: "organization", Place: "place"}[type(entity)]
    return Article.objects.filter(**{f"mentions__{field}": entity}).order_by("-published_at", "-id")
