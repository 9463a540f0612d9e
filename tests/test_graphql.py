"""The GraphQL API: the contract outside clients depend on, and its query counts."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from articles.models import Mention
from newsapi.schema import schema
from tests.factories import (
    ArticleFactory,
    MentionFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

ARTICLE = """
query Article($id: ID!) {
  article(id: $id) {
    status language title body
    people { name } organizations { name } places { name }
    quotes { text kind speaker { __typename name } }
  }
}
"""

ARTICLES = """
query { articles(first: 100) { edges { node {
  title people { name aliases } organizations { name } places { name }
  quotes { text kind speaker { name } }
} } } }
"""


def linked_article():
    article = ArticleFactory()
    mention = MentionFactory(article=article)
    MentionFactory(article=article, kind="organization", person=None, organization=OrganizationFactory())
    MentionFactory(article=article, kind="place", person=None, place=PlaceFactory())
    QuoteFactory(article=article, speaker_person=mention.person, kind="partial")
    QuoteFactory(article=article, speaker_person=None, kind="indirect")
    return article


def test_article_by_node_id_serves_the_contract(graphql):
    article = linked_article()

    data = graphql(ARTICLE, {"id": to_global_id("Article", article.id)})

    assert "errors" not in data
    node = data["data"]["article"]
    assert node["status"] == "ENRICHED"
    assert node["people"] == [{"name": article.mentions.get(kind="person").person.name}]
    kinds = sorted((q["kind"], q["speaker"] and q["speaker"]["__typename"]) for q in node["quotes"])
    assert kinds == [("INDIRECT", None), ("PARTIAL", "Person")]


def test_unknown_node_id_returns_null_not_a_crash(graphql):
    data = graphql(ARTICLE, {"id": to_global_id("Article", 999999)})

    assert data["data"]["article"] is None


@pytest.fixture(params=[True, False], ids=["sql plan", "resolvers"])
def either_path(request, settings):
    """Both ways of answering: the one-statement SQL plan (PostgreSQL) and graphql-core's prefetching resolvers,
    which answer every query the plan does not know."""
    settings.GRAPHQL_SQL_PLAN = request.param
    return request.param


def test_article_list_query_count_does_not_grow_with_the_list(client, either_path):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", {"query": ARTICLES}, content_type="application/json")
        assert "errors" not in response.json()
        return len(queries)

    for _ in range(5):
        linked_article()
    small = count()
    for _ in range(45):
        linked_article()

    assert count() == small


def test_person_page_lists_articles_and_quotes(graphql):
    article = linked_article()
    person = article.mentions.get(kind="person").person

    data = graphql(
        "query P($id: ID!) { person(id: $id) { name articles { edges { node { title } } } "
        "quotes { edges { node { text } } } } }",
        {"id": to_global_id("Person", person.id)},
    )["data"]["person"]

    assert data["articles"]["edges"][0]["node"]["title"] == article.title
    assert len(data["quotes"]["edges"]) == 1


def test_committed_schema_matches_the_code():
    committed = (Path(__file__).resolve().parents[1] / "schema.graphql").read_text()

    assert committed.strip() == str(schema).strip(), "run: python manage.py graphql_schema --out schema.graphql"


def count_queries(client, query: str, variables: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/graphql/", {"query": query, "variables": variables or {}}, content_type="application/json"
        )
    body = response.json()
    assert "errors" not in body, body["errors"]
    return len(queries)


NESTED = """
query { articles(first: 50) { edges { node {
  title
  quotes { text speaker { name ... on Person { quotes(first: 5) { edges { node { text article { title } } } } } } }
} } } }
"""

LIST_QUERIES = {
    "people": "query { people(first: 100) { edges { node { name aliases roles verified } } } }",
    "organizations": "query { organizations(first: 100) { edges { node { name aliases } } } }",
    "places": "query { places(first: 100) { edges { node { name aliases } } } }",
    "quotes": "query { quotes(first: 100) { edges { node { text kind speaker { name } article { title } } } } }",
    "nested": NESTED,
    # Long text columns are left out unless selected; selected, they must not cost a query per row.
    "nested with text": (
        "query { articles(first: 50) { edges { node { body cleanText quotes { speaker {"
        " ... on Person { quotes(first: 2) { edges { node { article { title body cleanText } } } } } } } } } } }"
    ),
}


@pytest.mark.parametrize("name", LIST_QUERIES)
def test_every_list_field_runs_the_same_queries_at_any_size(client, name, either_path):
    for _ in range(3):
        linked_article()
    small = count_queries(client, LIST_QUERIES[name])
    for _ in range(20):
        linked_article()

    assert count_queries(client, LIST_QUERIES[name]) == small


def test_speaker_latest_quotes_come_from_the_prefetch_in_order(graphql):
    article = linked_article()
    speaker = article.mentions.get(kind="person").person
    older = [QuoteFactory(speaker_person=speaker) for _ in range(6)]

    data = graphql(NESTED)["data"]["articles"]["edges"][0]["node"]

    spoken = next(q for q in data["quotes"] if q["speaker"] and "quotes" in q["speaker"])
    texts = [edge["node"]["text"] for edge in spoken["speaker"]["quotes"]["edges"]]
    assert texts == [quote.text for quote in reversed(older)][:5]


def test_person_page_has_roles_mentions_and_co_mentions(graphql):
    first, second = linked_article(), linked_article()
    person = first.mentions.get(kind="person").person
    partner = PersonFactory(name="Greta Holm")
    for article in (first, second):
        MentionFactory(article=article, person=partner)
    MentionFactory(article=second, person=person, role="portavoz del ministerio")
    Mention.objects.filter(article=first, person=person).update(role="portavoz del ministerio")

    data = graphql(
        "query P($id: ID!) { person(id: $id) { roles mentions { salience article { title } } "
        "coMentions { count person { name } } } }",
        {"id": to_global_id("Person", person.id)},
    )["data"]["person"]

    assert data["roles"] == ["portavoz del ministerio"]
    assert {m["article"]["title"] for m in data["mentions"]} == {first.title, second.title}
    assert data["coMentions"][0] == {"count": 2, "person": {"name": "Greta Holm"}}


def test_articles_filter_by_person_name_and_search_text(graphql):
    article = linked_article()
    ArticleFactory(title="Otra noticia sin relación")
    name = article.mentions.get(kind="person").person.name

    by_name = graphql("query($p: String) { articles(person: $p) { edges { node { title } } } }", {"p": name})
    by_text = graphql('query { articles(q: "relación") { edges { node { title } } } }')

    assert [e["node"]["title"] for e in by_name["data"]["articles"]["edges"]] == [article.title]
    assert [e["node"]["title"] for e in by_text["data"]["articles"]["edges"]] == ["Otra noticia sin relación"]


def test_related_articles_share_entities(graphql):
    article = linked_article()
    person = article.mentions.get(kind="person").person
    sibling = ArticleFactory(title="Sibling")
    MentionFactory(article=sibling, person=person)
    ArticleFactory(title="Stranger")

    data = graphql(
        "query($id: ID!) { article(id: $id) { related { title } } }", {"id": to_global_id("Article", article.id)}
    )

    assert data["data"]["article"]["related"] == [{"title": "Sibling"}]
