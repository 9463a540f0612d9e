"""A page of the REST article list represented by PostgreSQL in one statement.

ArticleListSerializer builds a page of 20 articles from some 600 model instances and a nested serializer call per
mention and quote; that Python, not the three queries behind it, bounds the list's request rate. For the plain
list (no sparse fieldset), the view pages and filters as always, then this module has PostgreSQL build each
article's representation, the same keys in the same order and the same value formats as the serializer
(tests/test_api_sql_representation.py holds the two side by side).
"""

from __future__ import annotations

from django.db import connection

from articles.json_sql import iso_datetime, table
from articles.models import Article, Mention, Organization, Person, Place, Quote, Source

ENTITY_MODELS = {"person": Person, "organization": Organization, "place": Place}


def mention_list(kind: str) -> str:
    """MentionSerializer for the article's mentions of one kind, most salient first."""
    entity = table(ENTITY_MODELS[kind])
    return (
        "(SELECT coalesce(json_agg(json_build_object("
        "'id', e.id, 'name', e.name, 'salience', m.salience, 'role', m.role, 'affiliation', af.name, "
        "'surface_forms', m.surface_forms, 'offsets', m.offsets, 'verified', m.verified"
        f") ORDER BY m.salience DESC, m.id), '[]'::json) FROM {table(Mention)} m "
        f"JOIN {entity} e ON e.id = m.{kind}_id LEFT JOIN {table(Organization)} af ON af.id = m.affiliation_id "
        f"WHERE m.article_id = a.id AND m.kind = '{kind}')"
    )


def speaker_ref() -> str:
    """EntityRefSerializer of Quote.speaker: the person if any, else the organization, else null."""
    branches = []
    for kind in ("person", "organization"):
        entity = table(ENTITY_MODELS[kind])
        branches.append(
            f"WHEN q.speaker_{kind}_id IS NOT NULL THEN (SELECT json_build_object('type', '{kind}', 'id', e.id, "
            f"'name', e.name) FROM {entity} e WHERE e.id = q.speaker_{kind}_id)"
        )
    return "CASE " + " ".join(branches) + " END"


QUOTES = (
    "(SELECT coalesce(json_agg(json_build_object("
    "'id', q.id, 'article', q.article_id, 'text', q.text, 'kind', q.kind, "
    f"'speaker', {speaker_ref()}, 'speaker_text', q.speaker_text, 'cue', q.cue, 'start', q.start, 'end', q.end, "
    "'confidence', q.confidence, 'verified', q.verified, 'pipeline_version', q.pipeline_version"
    f") ORDER BY q.start, q.id), '[]'::json) FROM {table(Quote)} q WHERE q.article_id = a.id AND NOT q.rejected)"
)

ARTICLE_LIST_ITEM = (
    "json_build_object("
    "'id', a.id, 'source', s.slug, 'external_id', a.external_id, 'title', a.title, 'url', a.url, "
    f"'published_at', {iso_datetime('a.published_at', utc_suffix='Z')}, 'language', a.language, "
    "'status', a.status, 'keywords', a.keywords, "
    f"'people', {mention_list('person')}, 'organizations', {mention_list('organization')}, "
    f"'places', {mention_list('place')}, 'quotes', {QUOTES})"
)

ARTICLE_LIST_SQL = (
    f"SELECT a.id, {ARTICLE_LIST_ITEM} FROM {table(Article)} a JOIN {table(Source)} s ON s.id = a.source_id "
    "WHERE a.id = ANY(%s)"
)


def article_list_representations(article_ids: list[int]) -> list[dict]:
    """ArticleListSerializer(articles, many=True).data for these ids, in their order."""
    if not article_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(ARTICLE_LIST_SQL, [list(article_ids)])
        by_id = dict(cursor.fetchall())
    return [by_id[article_id] for article_id in article_ids if article_id in by_id]
