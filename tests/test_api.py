"""The REST API: resources, nested representations, query counts and the OpenAPI schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework_api_key.models import APIKey

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


def test_sparse_fieldsets_return_only_the_asked_fields(client):
    article = linked_article()

    data = client.get(f"/api/v1/articles/{article.id}/?fields=id,title,people").json()

    assert set(data) == {"id", "title", "people"}


def test_search_finds_articles_by_text_and_orders_by_relevance(client):
    ArticleFactory(title="Sequía en el valle", clean_text="La sequía castiga las cosechas del valle.")
    ArticleFactory(title="Fútbol", clean_text="El equipo ganó el derbi.")

    found = client.get("/api/v1/articles/?q=sequía&ordering=relevance").json()["results"]

    assert [a["title"] for a in found] == ["Sequía en el valle"]


def test_entity_page_lists_roles_articles_quotes_and_co_mentions(client):
    first, second = linked_article(), linked_article()
    person = first.mentions.get(kind="person").person
    partner = second.mentions.get(kind="person").person
    MentionFactory(article=second, person=person, role="alcaldesa de Gijón")
    MentionFactory(article=first, person=partner)

    page = client.get(f"/api/v1/people/{person.id}/").json()

    assert page["roles"] == ["alcaldesa de Gijón"]
    assert {a["id"] for a in page["articles"]} == {first.id, second.id}
    assert len(page["quotes"]) == 1
    assert page["co_mentions"] == [{"id": partner.id, "name": partner.name, "count": 2}]


def test_related_articles_share_entities(client):
    article = linked_article()
    sibling = ArticleFactory(title="Sibling")
    MentionFactory(article=sibling, person=article.mentions.get(kind="person").person)
    ArticleFactory(title="Stranger")

    related = client.get(f"/api/v1/articles/{article.id}/related/").json()

    assert [a["title"] for a in related] == ["Sibling"]


def test_reads_can_require_an_api_key(client, settings):
    settings.API_READ_REQUIRES_KEY = True
    _, key = APIKey.objects.create_key(name="frontend")

    refused = client.get("/api/v1/articles/")
    allowed = client.get("/api/v1/articles/", headers={"Authorization": f"Api-Key {key}"})

    assert refused.status_code == 403 and "API key" in refused.json()["detail"]
    assert allowed.status_code == 200


def test_reads_are_throttled_per_address_and_per_key(client, settings):
    settings.REST_THROTTLE_IP = "2/min"
    settings.REST_THROTTLE_KEY = "3/min"
    _, key = APIKey.objects.create_key(name="partner")
    with_key = {"Authorization": f"Api-Key {key}"}

    anonymous = [client.get("/api/v1/places/").status_code for _ in range(3)]
    keyed = [client.get("/api/v1/places/", headers=with_key).status_code for _ in range(4)]

    assert anonymous == [200, 200, 429]
    assert keyed == [200, 200, 200, 429]


def test_cors_allows_configured_frontend_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]

    allowed = client.get("/api/v1/places/", headers={"Origin": "https://app.example.org"})
    other = client.get("/api/v1/places/", headers={"Origin": "https://evil.example.com"})

    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "Access-Control-Allow-Origin" not in other


def test_dates_at_the_edge_of_the_calendar_do_not_crash(client):
    response = client.get("/api/v1/quotes/?published_before=0001-01-01T00:01:00%2B01:00")

    assert response.status_code == 200


def test_anonymous_reads_are_cached_until_content_changes(client, settings, django_capture_on_commit_callbacks):
    settings.REST_CACHE_SECONDS = 60
    article = linked_article()
    url = f"/api/v1/articles/{article.id}/?fields=id,title"

    first = count_queries(client, url)
    again = count_queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Titular corregido"
        article.save()
    after_edit = client.get(url).json()

    assert first > 0 and again == 0
    assert after_edit["title"] == "Titular corregido"


def test_entity_pages_are_cached_too(client, settings):
    settings.REST_CACHE_SECONDS = 60
    person = linked_article().mentions.get(kind="person").person
    url = f"/api/v1/people/{person.id}/"

    first = count_queries(client, url)

    assert first > 0 and count_queries(client, url) == 0
