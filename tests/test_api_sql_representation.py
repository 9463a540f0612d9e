"""The article list represented by PostgreSQL is the serializers' representation, page for page, in fewer queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    MentionFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    QuoteFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL representation is PostgreSQL's"),
]


@pytest.fixture
def articles():
    """Mentions with and without roles and affiliations, speakers of each kind, rejected quotes, a missing and a
    sub-second publication time, equal publication times (the cursor's tie-break) and text that needs escaping."""
    base = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)
    ministry = OrganizationFactory(name="Ministerio «Salud»")
    people = [PersonFactory(name=name) for name in ('Ana "la Jefa" Ruiz', "Bo Lind")]
    place = PlaceFactory(name="São José dos Campos")
    made = []
    for number in range(9):
        published = None if number == 4 else base - timedelta(hours=number // 2, microseconds=1_500 * (number % 3))
        article = ArticleFactory(
            title=f"Artículo {number}\ttab \\ barra", published_at=published, keywords=["a", str(number)]
        )
        MentionFactory(
            article=article,
            person=people[number % 2],
            role="portavoz" if number % 2 else "",
            affiliation=ministry if number % 3 == 0 else None,
            surface_forms=["Ruiz", "la portavoz"],
            offsets=[[0, 4], [10, 21]],
            salience=0.75,
        )
        MentionFactory(article=article, person=people[1 - number % 2], salience=0.75, verified=True)
        MentionFactory(article=article, kind="organization", person=None, organization=ministry, salience=0.3)
        MentionFactory(article=article, kind="place", person=None, place=place, salience=0.1)
        QuoteFactory(article=article, speaker_person=people[0], start=50, end=80, cue="dijo", confidence=0.875)
        QuoteFactory(article=article, speaker_person=None, speaker_organization=ministry, kind="indirect", start=3)
        QuoteFactory(article=article, speaker_person=None, kind="partial", start=3, verified=True)
        QuoteFactory(article=article, rejected=True)
        made.append(article)
    return made


def get_both(client, url: str) -> tuple[dict, dict, int, int]:
    with CaptureQueriesContext(connection) as sql_queries:
        in_sql = client.get(url).json()
    sql_count = len(sql_queries)  # read now: the next request empties Django's query log
    with override_settings(REST_SQL_REPRESENTATION=False), CaptureQueriesContext(connection) as serializer_queries:
        serialized = client.get(url).json()
    return in_sql, serialized, sql_count, len(serializer_queries)


@pytest.mark.parametrize(
    "query",
    ["page_size=4", "page_size=100", "language=en&page_size=3", "person=Bo%20Lind&page_size=2", "q=tab"],
)
def test_every_page_matches_the_serializers(client, articles, query):
    url = f"/api/v1/articles/?{query}"
    pages = 0
    while url:
        in_sql, serialized, sql_count, serializer_count = get_both(client, url)
        assert in_sql == serialized
        assert sql_count == 2 < serializer_count  # the page of ids, then every representation at once
        pages += 1
        url = in_sql["next"]
    assert pages >= 1
    assert in_sql["results"] or query.startswith("q=")


def test_the_representation_has_every_kind_of_value(client, articles):
    in_sql, serialized, _, _ = get_both(client, "/api/v1/articles/?page_size=100")

    assert in_sql == serialized
    first = in_sql["results"][1]  # newest first, and a missing date sorts before every date (descending, as SQL does)
    assert in_sql["results"][0]["published_at"] is None
    assert first["published_at"].endswith("Z")
    assert {quote["speaker"]["type"] if quote["speaker"] else None for quote in first["quotes"]} == {
        "person",
        "organization",
        None,
    }
    assert any(mention["affiliation"] for result in in_sql["results"] for mention in result["people"])
    assert any("." in (result["published_at"] or "") for result in in_sql["results"])  # microseconds


def test_sparse_fieldsets_still_go_through_the_serializers(client, articles):
    response = client.get("/api/v1/articles/?fields=id,title&page_size=2").json()

    assert set(response["results"][0]) == {"id", "title"}


def test_entity_pages_match_the_serializers(client, articles):
    person = articles[0].mentions.filter(kind="person").first().person
    organization = articles[0].mentions.get(kind="organization").organization
    place = articles[0].mentions.get(kind="place").place
    for url in (
        f"/api/v1/people/{person.id}/",
        f"/api/v1/organizations/{organization.id}/",
        f"/api/v1/places/{place.id}/",
    ):
        in_sql, serialized, sql_count, _ = get_both(client, url)

        assert in_sql == serialized
        assert sql_count == 1
    ana = get_both(client, f"/api/v1/people/{person.id}/")[0]
    assert ana["co_mentions"] and ana["quotes"] and ana["affiliations"]
    bo = get_both(client, f"/api/v1/people/{ana['co_mentions'][0]['id']}/")[0]
    assert bo["roles"] == ["portavoz"]
    assert bo["articles"][-1]["published_at"] is None  # an article without a date comes last on entity pages


def test_co_mentions_keep_the_top_ten_by_count_then_name(client, articles):
    """More than ten people share articles with her, some as often as each other: the ten kept, and their order,
    are the serializer path's."""
    person = articles[0].mentions.filter(kind="person").first().person
    for number, article in enumerate(articles):
        for index in range(number % 4 + 1):
            MentionFactory(article=article, person=PersonFactory(name=f"Zeta {index} {number % 2}"))

    in_sql, serialized, _, _ = get_both(client, f"/api/v1/people/{person.id}/")

    assert in_sql["co_mentions"] == serialized["co_mentions"]
    assert len(in_sql["co_mentions"]) == 10


def test_missing_entities_answer_404_as_before(client, articles):
    for url in ("/api/v1/people/999999999/", "/api/v1/people/abc/", f"/api/v1/places/{2**63}/"):
        with override_settings(REST_SQL_REPRESENTATION=True):
            in_sql = client.get(url)
        assert in_sql.status_code == 404
        assert "detail" in in_sql.json()
