"""Reads: querysets that fetch what a representation needs in a fixed number of queries, whatever the list size."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from articles.models import Article, Mention, Organization, Person, Place, Quote

Entity = Person | Organization | Place
ENTITY_FIELDS = {Person: "person", Organization: "organization", Place: "place"}
SEARCH_CONFIG = "simple"  # one configuration for every language: no stemming, but no wrong-language stemming either


@dataclass(frozen=True)
class ArticleIncludes:
    """Which related records to load with a page of articles."""

    mentions: bool = True
    entity_aliases: bool = False
    quotes: bool = True
    speaker_latest_quotes: int = 0  # each quote speaker's latest quotes (with their article), 0 for none
    speaker_quote_article_text: bool = False  # whether those articles' long text columns are needed


def quote_queryset() -> QuerySet[Quote]:
    return Quote.objects.filter(rejected=False).select_related("speaker_person", "speaker_organization")


def latest_quotes_attr(limit: int) -> str:
    return f"latest_quotes_{limit}"


# Long columns a page of articles rarely needs; left in the database unless asked for (the search vector never is).
ARTICLE_TEXT_COLUMNS = ("body", "clean_text")


def latest_quotes_prefetch(lookup: str, limit: int, *, article_text: bool = False) -> Prefetch:
    """Each speaker's `limit` latest quotes in one query (a window function), as `latest_quotes_<limit>`, and their
    articles in one more; one extra row tells whether there are more. The window runs over the quotes alone: joined
    to their articles, PostgreSQL would read every quote of every speaker with its article's text before numbering
    them. The speaker is the prefetching instance, and a quote has at most one, so neither is joined either."""
    articles = Article.objects.defer("search_vector", *([] if article_text else ARTICLE_TEXT_COLUMNS))
    queryset = (
        Quote.objects.filter(rejected=False)
        .prefetch_related(Prefetch("article", queryset=articles))
        .order_by("-id")[: limit + 1]
    )
    return Prefetch(lookup, queryset=queryset, to_attr=latest_quotes_attr(limit))


def article_queryset(includes: ArticleIncludes = ArticleIncludes()) -> QuerySet[Article]:
    prefetches: list = []
    if includes.mentions:
        mentions = Mention.objects.select_related("person", "organization", "place", "affiliation")
        prefetches.append(Prefetch("mentions", queryset=mentions.order_by("-salience", "id")))
        if includes.entity_aliases:
            prefetches += ["mentions__person__aliases", "mentions__organization__aliases", "mentions__place__aliases"]
    if includes.quotes:
        quotes = quote_queryset().order_by("start", "id")
        if includes.speaker_latest_quotes:
            limit, text = includes.speaker_latest_quotes, includes.speaker_quote_article_text
            quotes = quotes.prefetch_related(
                latest_quotes_prefetch("speaker_person__quotes", limit, article_text=text),
                latest_quotes_prefetch("speaker_organization__quotes", limit, article_text=text),
            )
        prefetches.append(Prefetch("quotes", queryset=quotes, to_attr="visible_quotes"))
    return Article.objects.select_related("source").prefetch_related(*prefetches)


def article_search(queryset: QuerySet[Article], text: str, *, rank: bool = False) -> QuerySet[Article]:
    """Full-text search over title and clean text: PostgreSQL's GIN-indexed search vector, else a LIKE fallback."""
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        queryset = queryset.filter(search_vector=query)
        return queryset.annotate(relevance=SearchRank(F("search_vector"), query)) if rank else queryset
    words = text.split()
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(clean_text__icontains=word)
    return queryset.filter(condition)


def article_entities(article: Article, kind: str) -> list[Entity]:
    """The article's people, organizations or places, most salient first (uses the prefetched mentions)."""
    return [mention.entity for mention in article_mentions(article, kind)]


def article_mentions(article: Article, kind: str) -> list[Mention]:
    return [mention for mention in article.mentions.all() if mention.kind == kind]


def article_quotes(article: Article) -> list[Quote]:
    if hasattr(article, "visible_quotes"):
        return article.visible_quotes
    return list(quote_queryset().filter(article=article).order_by("start", "id"))


def article_related(article: Article, *, limit: int = 10) -> QuerySet[Article]:
    """Articles sharing the most entities with this one, then those whose shared entities are most salient there."""
    weights = list(article.mentions.values_list("kind", "person_id", "organization_id", "place_id", "salience"))
    if not weights:
        return Article.objects.none()
    shared = Q()
    for kind, person_id, organization_id, place_id, _ in weights:
        shared |= Q(mentions__kind=kind, **{f"mentions__{kind}_id": person_id or organization_id or place_id})
    return (
        Article.objects.exclude(id=article.id)
        .filter(shared)
        .annotate(shared_salience=Sum("mentions__salience"), shared_entities=Count("mentions", distinct=True))
        .order_by("-shared_entities", "-shared_salience", "-published_at", "-id")[:limit]
    )


def entity_queryset(model: type[Entity]) -> QuerySet:
    return model.objects.prefetch_related("aliases")


def entity_mentions(entity: Entity) -> QuerySet[Mention]:
    """How each article mentions the entity (salience, role as stated), most recent article first."""
    field = ENTITY_FIELDS[type(entity)]
    return (
        Mention.objects.filter(**{field: entity})
        .select_related("article", "article__source", "affiliation")
        .order_by(F("article__published_at").desc(nulls_last=True), "-article_id")
    )


def entity_articles(entity: Entity) -> QuerySet[Article]:
    """The articles that mention an entity, most recent first."""
    field = ENTITY_FIELDS[type(entity)]
    return Article.objects.filter(**{f"mentions__{field}": entity}).order_by(
        F("published_at").desc(nulls_last=True), "-id"
    )


def entity_roles(entity: Entity) -> list[str]:
    """The roles articles state for the entity, most frequent first."""
    field = ENTITY_FIELDS[type(entity)]
    rows = (
        Mention.objects.filter(**{field: entity})
        .exclude(role="")
        .values("role")
        .annotate(count=Count("id"))
        .order_by("-count", "role")
    )
    return [row["role"] for row in rows]


def entity_affiliations(entity: Entity) -> QuerySet[Organization]:
    """The organizations articles affiliate a person with, most frequent first."""
    field = ENTITY_FIELDS[type(entity)]
    return (
        Organization.objects.filter(**{f"affiliated_mentions__{field}": entity})
        .annotate(count=Count("affiliated_mentions"))
        .order_by("-count", "name")
    )


def entity_co_mentions(entity: Entity, *, limit: int = 10) -> QuerySet[Person]:
    """The people most often mentioned in the same articles as the entity, with `count` (shared articles)."""
    field = ENTITY_FIELDS[type(entity)]
    people = Person.objects.filter(**{f"mentions__article__mentions__{field}": entity})
    if isinstance(entity, Person):
        people = people.exclude(id=entity.id)
    return people.annotate(count=Count("mentions__article", distinct=True)).order_by("-count", "name")[:limit]


def entity_quotes(entity: Entity) -> QuerySet[Quote]:
    field = {Person: "speaker_person", Organization: "speaker_organization"}.get(type(entity))
    if field is None:
        return Quote.objects.none()
    return quote_queryset().filter(**{field: entity}).select_related("article").order_by("-id")


def entity_page(entity: Entity, *, articles: int, quotes: int, co_mentions: int) -> dict:
    """One entity's page, in a fixed number of queries."""
    mentions = list(entity_mentions(entity)[:articles])
    return {
        "id": entity.id,
        "type": ENTITY_FIELDS[type(entity)],
        "name": entity.name,
        "aliases": [alias.name for alias in entity.aliases.all()],
        "verified": entity.verified,
        "roles": entity_roles(entity),
        "affiliations": list(entity_affiliations(entity)),
        "articles": mentions,
        "quotes": list(entity_quotes(entity)[:quotes]),
        "co_mentions": list(entity_co_mentions(entity, limit=co_mentions)),
    }
