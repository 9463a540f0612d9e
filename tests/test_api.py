"""The REST API: resources, nested representations, query counts and the OpenAPI schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, MentionFactory, OrganizationFactory, PlaceFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def linked_article(**kwargs):
    article = ArticleFactory(**kwargs)
    person_mention = MentionFactory(article=article, salience=0.9)
    MentionFactory(article=article, kind="organization", person=None, organization=OrganizationFactory())
    MentionFactory(article=article, kind="place", person=None, place=PlaceFactory())
    QuoteFactory(article=article, speaker_person=person_mention.person)
    QuoteFactory(article=article, speaker_person=None, speaker_organization=OrganizationFactory())
    return article


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_detail_nests_entities_and_quotes_with_speakers(client):
    article = linked_article()

    data = client.get(f"/api/v1/articles/{article.id}/").json()

    assert data["title"] == article.title
    assert [p["name"] for p in data["people"]] == [article.mentions.get(kind="person").person.name]
    assert len(data["organizations"]) == 1 and len(data["places"]) == 1
    speakers = sorted(q["speaker"]["type"] for q in data["quotes"])
    assert speakers == ["organization", "person"]
    assert "body" in data and "clean_text" in data


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/quotes/", "/api/v1/people/", "/api/v1/organizations/", "/api/v1/places/"]
)
def test_list_query_count_does_not_grow_with_the_list(client, url):
    for _ in range(2):
        linked_article()
    small = count_queries(client, url)
    for _ in range(8):
        linked_article()

    large = count_queries(client, url)

    assert large == small


def test_article_list_filters_by_language_and_person(client):
    spanish = linked_article(language="es")
    linked_article(language="en")
    person_id = spanish.mentions.get(kind="person").person_id

    by_language = client.get("/api/v1/articles/?language=es").json()["results"]
    by_person = client.get(f"/api/v1/articles/?person={person_id}").json()["results"]

    assert [a["id"] for a in by_language] == [spanish.id]
    assert [a["id"] for a in by_person] == [spanish.id]


def test_cursor_pagination_caps_the_page_size(client):
    for _ in range(3):
        ArticleFactory()

    page = client.get("/api/v1/articles/?page_size=2").json()
    rest = client.get(page["next"]).json()

    assert len(page["results"]) == 2 and len(rest["results"]) == 1


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/?format=json").json()

    assert schema["openapi"].startswith("3.")
    assert "/api/v1/ingest/{source_slug}/" in schema["paths"]
    assert client.get("/api/docs/").status_code == 200
