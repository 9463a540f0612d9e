"""GraphQL protection: abusive queries are refused before any SQL runs; cached answers follow content changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from articles import services
from tests.factories import ArticleFactory, MentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def post(client, query: str, variables: dict | None = None):
    with CaptureQueriesContext(connection) as queries:
        body = client.post(
            "/graphql/", {"query": query, "variables": variables or {}}, content_type="application/json"
        ).json()
    return body, len(queries)


def test_fifty_aliases_of_a_nested_list_are_refused_before_running(client):
    ArticleFactory()
    field = "articles(first: 100) { edges { node { quotes { speaker { name } } people { name } } } }"
    query = "query {" + " ".join(f"a{n}: {field}" for n in range(50)) + "}"

    body, queries = post(client, query)

    assert queries == 0
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "data" not in body or body["data"] is None


def test_cost_counts_page_sizes_including_variables(client):
    nested = (
        "query($n: Int) { articles(first: $n) { edges { node { quotes { speaker { ... on Person {"
        " quotes(first: 100) { edges { node { text } } } } } } } } } }"
    )

    refused, queries = post(client, nested, {"n": 100})
    allowed, _ = post(client, nested, {"n": 2})

    assert queries == 0 and "cost" in refused["errors"][0]["message"]
    assert "errors" not in allowed


def test_queries_deeper_than_ten_are_refused(client):
    deep = (
        "query { articles(first: 1) { edges { node { quotes { article { quotes { article { quotes { article {"
        " quotes { article { title } } } } } } } } } } } }"
    )

    body, queries = post(client, deep)

    assert queries == 0
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


def test_oversized_documents_are_refused_by_token_count(client, settings):
    settings.GRAPHQL_MAX_TOKENS = 50
    body, queries = post(client, "query {" + " ".join(f"f{n}: __typename" for n in range(40)) + "}")

    assert queries == 0
    assert "more than 50 tokens" in body["errors"][0]["message"]


def test_introspection_can_be_switched_off(client, settings):
    assert "errors" not in post(client, "{ __schema { types { name } } }")[0]

    settings.GRAPHQL_INTROSPECTION = False

    body, _ = post(client, "{ __schema { types { name } } }")
    assert "introspection is disabled" in body["errors"][0]["message"].lower()


def test_unexpected_failures_do_not_leak_internals(client, monkeypatch, settings):
    settings.GRAPHQL_SQL_PLAN = False  # a resolver fails: the path through graphql-core
    article = MentionFactory().article

    def explode(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM internals")

    monkeypatch.setattr("articles.selectors.article_entities", explode)
    body, _ = post(
        client, "query($id: ID!) { article(id: $id) { people { name } } }", {"id": to_global_id("Article", article.id)}
    )

    assert body["errors"][0]["message"] == "internal error; it has been logged"
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "SELECT" not in str(body)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL plan is PostgreSQL's")
def test_failures_of_the_sql_plan_do_not_leak_internals(client, monkeypatch):
    article = MentionFactory().article
    monkeypatch.setattr("articles.graphql.sql_plan.plan_query", lambda *args: "SELECT secret FROM internals")

    body, _ = post(
        client, "query($id: ID!) { article(id: $id) { title } }", {"id": to_global_id("Article", article.id)}
    )

    assert body["errors"][0]["message"] == "internal error; it has been logged"
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in str(body)


@pytest.fixture
def cached_graphql(settings):
    settings.GRAPHQL_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_anonymous_reads_are_cached_until_content_changes(client, cached_graphql, django_capture_on_commit_callbacks):
    quote = QuoteFactory(text="Primera versión")
    query = "query { quotes { edges { node { text } } } }"

    first, queries_first = post(client, query)
    again, queries_again = post(client, query)
    with django_capture_on_commit_callbacks(execute=True):
        quote.text = "Versión corregida"
        quote.save()
    after_edit, _ = post(client, query)

    assert queries_first > 0 and queries_again == 0
    assert again == first
    assert after_edit["data"]["quotes"]["edges"][0]["node"]["text"] == "Versión corregida"


def test_re_enrichment_invalidates_cached_answers(client, cached_graphql, django_capture_on_commit_callbacks):
    article = ArticleFactory(body="La alcaldesa Irene Soto habló en Cádiz.", clean_text="")
    query = "query($id: ID!) { article(id: $id) { people { name } } }"
    variables = {"id": to_global_id("Article", article.id)}
    before, _ = post(client, query, variables)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_enrich(article_id=article.id)
    after, _ = post(client, query, variables)

    assert before["data"]["article"]["people"] == []
    assert {"name": "Irene Soto"} in after["data"]["article"]["people"]


def test_standard_validation_still_applies(client):
    body, queries = post(client, "query { articles(first: 1) { edges { node { quotes(first: 2) { text } } } } }")

    assert queries == 0
    assert "Unknown argument 'first'" in body["errors"][0]["message"]


def test_a_forged_cursor_is_the_client_error(client):
    body, _ = post(client, 'query { articles(first: 2, after: "bm90LWEtY3Vyc29y") { edges { node { title } } } }')

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cursor" in body["errors"][0]["message"]
