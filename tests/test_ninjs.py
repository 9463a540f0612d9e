"""The ninjs 2.x representation of an article, validated against the ninjs 2.1 schema rules."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator

from articles.models import ArticleVersion
from tests.factories import ArticleFactory, MentionFactory, OrganizationFactory, PersonFactory, PlaceFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ninjs-2.x.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA)


def assert_valid_ninjs(document: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors]
    # The formats the schema names but jsonschema checks only with optional packages: checked here instead.
    for key in ("firstcreated", "versioncreated"):
        datetime.fromisoformat(document[key])
    uris = [
        document["uri"],
        *(entity["uri"] for key in ("people", "organisations", "places") for entity in document.get(key, [])),
    ]
    assert all(urlparse(uri).scheme in {"http", "https"} and urlparse(uri).netloc for uri in uris)


def test_an_enriched_article_is_valid_ninjs_with_its_entities_as_ninjs_entities(client):
    article = ArticleFactory(
        title="Harbour dredging starts",
        body="<p>Dredging starts on Monday.</p>",
        clean_text="Dredging starts on Monday, said Ysolde Marrack of the Port Trust in Lantern Bay.",
        language="en",
        authors=["Ottoline Brack", "Remedios Alcántara"],
        keywords=["dredging", "harbour"],
        url="https://gazette.invalid/dredging",
        published_at=timezone.now(),
    )
    MentionFactory(article=article, kind="person", person=PersonFactory(name="Ysolde Marrack"))
    MentionFactory(
        article=article, kind="organization", person=None, organization=OrganizationFactory(name="Port Trust")
    )
    MentionFactory(article=article, kind="place", person=None, place=PlaceFactory(name="Lantern Bay"))
    ArticleVersion.objects.create(article=article, title="Dredging may start", body="Old.", content_hash="0" * 64)

    response = client.get(f"/api/v1/articles/{article.id}/ninjs/")

    assert response.status_code == 200
    document = response.json()
    assert_valid_ninjs(document)
    assert document["uri"] == f"http://testserver/api/v1/articles/{article.id}/"
    assert (document["type"], document["version"], document["language"]) == ("text", "2", "en")
    assert document["headlines"][0]["value"] == "Harbour dredging starts"
    assert document["bodies"][0]["value"].startswith("Dredging starts on Monday, said Ysolde Marrack")
    assert document["by"] == "Ottoline Brack, Remedios Alcántara"
    assert [person["name"] for person in document["people"]] == ["Ysolde Marrack"]
    assert document["people"][0]["uri"].startswith("http://testserver/api/v1/people/")
    assert [organisation["name"] for organisation in document["organisations"]] == ["Port Trust"]
    assert [place["name"] for place in document["places"]] == ["Lantern Bay"]
    assert [subject["name"] for subject in document["subjects"]] == ["dredging", "harbour"]
    assert document["renditions"] == [
        {"name": "web", "href": "https://gazette.invalid/dredging", "contenttype": "text/html"}
    ]
    assert "quotes" not in document


def test_a_bare_article_is_valid_ninjs_too(client):
    article = ArticleFactory(language="", authors=[], keywords=[], url="", clean_text="", body="Only a body.")

    document = client.get(f"/api/v1/articles/{article.id}/ninjs/").json()

    assert_valid_ninjs(document)
    assert document["bodies"][0]["value"] == "Only a body."
    assert document["version"] == "1"
    assert not {"language", "by", "people", "organisations", "places", "subjects"} & document.keys()


def test_the_ninjs_query_count_does_not_grow_with_the_entities(client, django_assert_max_num_queries):
    article = ArticleFactory()
    for _ in range(6):
        MentionFactory(article=article)

    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/articles/{article.id}/ninjs/")

    assert len(response.json()["people"]) == 6


def test_an_unknown_article_has_no_ninjs(client):
    assert client.get("/api/v1/articles/999999/ninjs/").status_code == 404


def test_the_schema_refuses_ninjs_1_property_names():
    errors = list(VALIDATOR.iter_errors({"uri": "https://gazette.invalid/1", "headline": "x", "body_text": "y"}))

    assert errors and "unexpected" in errors[0].message
