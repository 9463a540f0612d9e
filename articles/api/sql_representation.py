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
from articles.models import Article, Mention, Organization, Person, Quote, Source
from articles.selectors import ENTITY_FIELDS

ENTITY_MODELS = {kind: model for model, kind in ENTITY_FIELDS.items()}


def mention_list(kind: str) -> str:
    """MentionSerializer for the article's mentions of one kind, most salient first. Names come from scalar
    subqueries (primary-key lookups): as joins, PostgreSQL hashed the whole organisation table once per article."""
    entity = table(ENTITY_MODELS[kind])
    return (
        "(SELECT coalesce(json_agg(json_build_object("
        f"'id', m.{kind}_id, 'name', (SELECT e.name FROM {entity} e WHERE e.id = m.{kind}_id), "
        "'salience', m.salience, 'role', m.role, "
        f"'affiliation', (SELECT af.name FROM {table(Organization)} af WHERE af.id = m.affiliation_id), "
        "'surface_forms', m.surface_forms, 'offsets', m.offsets, 'verified', m.verified"
        f") ORDER BY m.salience DESC, m.id), '[]'::json) FROM {table(Mention)} m "
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


def by_id(model, key: str, columns: str = "id, name") -> str:
    """A row looked up by primary key, for CROSS JOIN LATERAL: joined, PostgreSQL hashes the whole table when a
    few hundred keys come from a CTE (10,000 articles read to sort one person's 862); OFFSET 0 keeps it a lookup."""
    return f"(SELECT {columns} FROM {table(model)} WHERE id = {key} OFFSET 0)"


def entity_page_sql(model) -> str:
    """selectors.entity_page through EntityPageSerializer, for the entity whose id is the parameter `id`. The
    entity's mentions are read once (`mine`) for its roles, affiliations, articles and co-mentions."""
    kind = ENTITY_FIELDS[model]
    entity, mention, article = table(model), table(Mention), table(Article)
    aliases = table(model.aliases.rel.related_model)
    alias_fk = model.aliases.field.column
    if model in (Person, Organization):
        quotes = (
            "(SELECT coalesce(json_agg(json_build_object('id', x.id, 'article', x.article_id, 'article_title', "
            "a.title, 'text', x.text, 'kind', x.kind, 'cue', x.cue, 'confidence', x.confidence, 'verified', "
            "x.verified) ORDER BY x.id DESC), '[]'::json) FROM (SELECT q.id, q.article_id, q.text, q.kind, q.cue, "
            f"q.confidence, q.verified FROM {table(Quote)} q WHERE q.speaker_{kind}_id = %(id)s AND NOT q.rejected "
            f"ORDER BY q.id DESC LIMIT 20) x JOIN {article} a ON a.id = x.article_id)"
        )
    else:
        quotes = "'[]'::json"
    not_itself = "AND other.person_id <> e.id" if model is Person else ""
    return (
        "WITH mine AS MATERIALIZED (SELECT m.article_id, m.role, m.affiliation_id, m.salience, m.verified "
        f"FROM {mention} m WHERE m.{kind}_id = %(id)s) "
        "SELECT json_build_object("
        f"'id', e.id, 'type', '{kind}', 'name', e.name, "
        f"'aliases', (SELECT coalesce(json_agg(al.name ORDER BY al.name), '[]'::json) FROM {aliases} al "
        f"WHERE al.{alias_fk} = e.id), "
        "'verified', e.verified, "
        "'roles', (SELECT coalesce(json_agg(r.role ORDER BY r.n DESC, r.role), '[]'::json) FROM "
        "(SELECT role, count(*) AS n FROM mine WHERE role <> '' GROUP BY role) r), "
        "'affiliations', (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'count', x.n) "
        "ORDER BY x.n DESC, o.name), '[]'::json) FROM (SELECT affiliation_id, count(*) AS n "
        "FROM mine WHERE affiliation_id IS NOT NULL GROUP BY affiliation_id) x "
        f"CROSS JOIN LATERAL {by_id(Organization, 'x.affiliation_id')} o), "
        "'articles', (SELECT coalesce(json_agg(json_build_object('id', x.id, 'title', x.title, 'published_at', "
        f"{iso_datetime('x.published_at', utc_suffix='Z')}, 'salience', x.salience, 'role', x.role, "
        "'verified', x.verified) ORDER BY x.published_at DESC NULLS LAST, x.id DESC), '[]'::json) FROM "
        "(SELECT a.id, a.title, a.published_at, mine.salience, mine.role, mine.verified "
        f"FROM mine CROSS JOIN LATERAL {by_id(Article, 'mine.article_id', 'id, title, published_at')} a "
        "ORDER BY a.published_at DESC NULLS LAST, mine.article_id DESC LIMIT 50) x), "
        f"'quotes', {quotes}, "
        # Shared articles per person (a person has one mention per article, so rows are articles), then names
        # only for those that can make the top ten: the tenth count and above.
        "'co_mentions', (WITH c AS (SELECT other.person_id, count(*) AS n "
        f"FROM mine JOIN {mention} other ON other.article_id = mine.article_id "
        f"WHERE other.person_id IS NOT NULL {not_itself} GROUP BY other.person_id) "
        "SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'count', x.n) "
        "ORDER BY x.n DESC, x.name), '[]'::json) FROM (SELECT p.id, p.name, c.n FROM c "
        f"CROSS JOIN LATERAL {by_id(Person, 'c.person_id')} p "
        "WHERE c.n >= coalesce((SELECT n FROM c ORDER BY n DESC OFFSET 9 LIMIT 1), 0) "
        "ORDER BY c.n DESC, p.name LIMIT 10) x)"
        f") FROM {entity} e WHERE e.id = %(id)s"
    )


ENTITY_PAGE_SQL = {model: entity_page_sql(model) for model in ENTITY_FIELDS}


def entity_page_representation(model, entity_id: int) -> dict | None:
    """EntityPageSerializer(selectors.entity_page(entity, articles=50, quotes=20, co_mentions=10)).data, or None
    when there is no such entity."""
    with connection.cursor() as cursor:
        cursor.execute(ENTITY_PAGE_SQL[model], {"id": entity_id})
        row = cursor.fetchone()
    return row[0] if row else None
