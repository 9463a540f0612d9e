"""The GraphQL API: the contract outside clients depend on, and its query counts."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from newsapi.schema import schema
from tests.factories import ArticleFactory, MentionFactory, OrganizationFactory, PlaceFactory, QuoteFactory

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


def test_article_list_query_count_does_not_grow_with_the_list(client):
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
