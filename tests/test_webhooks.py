"""The ingestion webhook: signatures, validation and idempotency, as a publisher sees them."""

import json
import time

import pytest
from django.core.cache import cache

from articles.models import Article, ArticleVersion
from tests.conftest import post_signed, signed_headers
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "external_id": "wire-1",
    "title": "La alcaldesa inaugura el puente",
    "body": "La alcaldesa de Villarreal, Carmen Olmedo, inauguró el puente.\n\n"
    "“Es un día histórico para la ciudad”, afirmó Olmedo ante los vecinos.",
    "url": "https://example.org/puente",
    "published_at": "2026-11-20T10:00:00Z",
    "language": "es",
    "authors": ["Redacción"],
}


def test_signed_delivery_is_accepted_and_enriched(deliver):
    response = deliver(PAYLOAD)

    assert response.status_code == 202
    receipt = response.json()
    assert set(receipt) == {"id", "node_id", "status", "url"}
    assert receipt["url"].endswith(f"/api/v1/articles/{receipt['id']}/")
    article = Article.objects.get(id=receipt["id"])
    assert article.status == Article.Status.ENRICHED
    assert article.language == "es"
    assert "Carmen Olmedo" in [person.name for person in article.people.all()]


def test_same_external_id_twice_gives_the_same_article(deliver):
    first = deliver(PAYLOAD).json()
    second = deliver(PAYLOAD).json()

    assert first["id"] == second["id"]
    assert Article.objects.count() == 1
    assert ArticleVersion.objects.count() == 0


def test_changed_content_updates_the_article_and_keeps_the_previous_version(deliver):
    first = deliver(PAYLOAD).json()
    changed = PAYLOAD | {"body": PAYLOAD["body"] + "\n\nEl puente costó dos millones."}

    second = deliver(changed).json()

    assert second["id"] == first["id"]
    article = Article.objects.get(id=first["id"])
    assert article.body.endswith("dos millones.")
    assert article.versions.get().body == PAYLOAD["body"]
    assert article.status == Article.Status.ENRICHED


@pytest.mark.parametrize(
    "override, message",
    [
        ({"webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}, "no valid signature"),
        ({"webhook-signature": "garbage"}, "malformed"),
        ({"webhook-timestamp": -301}, "too old"),
        ({"webhook-timestamp": +301}, "too new"),
        ({"webhook-id": ""}, "missing header(s): webhook-id"),
        ({"webhook-signature": ""}, "missing header(s): webhook-signature"),
        ({"webhook-timestamp": ""}, "missing header(s): webhook-timestamp"),
    ],
)
def test_bad_signatures_are_refused_with_a_reason(deliver, override, message):
    if isinstance(override.get("webhook-timestamp"), int):  # an offset from now, taken when the test runs
        override = {"webhook-timestamp": str(int(time.time()) + override["webhook-timestamp"])}

    response = deliver(PAYLOAD, **override)

    assert response.status_code == 401
    assert message in response.json()["error"]
    assert Article.objects.count() == 0


def test_tampered_body_is_refused(client, source):
    body = json.dumps(PAYLOAD).encode()
    headers = signed_headers(source.webhook_secret, body)

    response = client.post(
        f"/api/v1/ingest/{source.slug}/",
        data=body.replace(b"puente", b"muro"),
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 401


def test_a_signature_made_with_another_secret_is_refused(client, source):
    body = json.dumps(PAYLOAD).encode()
    headers = signed_headers(SourceFactory.build().webhook_secret, body)

    response = client.post(
        f"/api/v1/ingest/{source.slug}/", data=body, content_type="application/json", headers=headers
    )

    assert response.status_code == 401
    assert response.json() == {"error": "no valid signature for this source"}


def test_one_valid_signature_among_several_is_enough(client, source):
    body = json.dumps(PAYLOAD).encode()
    headers = signed_headers(source.webhook_secret, body)
    headers["webhook-signature"] = "v1,bm90IHRoZSByaWdodCBvbmU= " + headers["webhook-signature"]

    response = client.post(
        f"/api/v1/ingest/{source.slug}/", data=body, content_type="application/json", headers=headers
    )

    assert response.status_code == 202


def test_unknown_and_disabled_sources(client):
    disabled = SourceFactory(slug="closed", is_active=False)

    assert post_signed(client, disabled, PAYLOAD).status_code == 403
    unknown = client.post("/api/v1/ingest/nobody/", data=b"{}", content_type="application/json")
    assert unknown.status_code == 404


def test_missing_and_wrong_typed_fields_get_field_errors(deliver):
    response = deliver({"external_id": "x", "title": 5, "url": "not a url", "authors": "one"})

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"body", "url", "authors"}


def test_malformed_json_and_wrong_content_type(client, source):
    body = b"{not json"
    response = client.post(
        f"/api/v1/ingest/{source.slug}/",
        data=body,
        content_type="application/json",
        headers=signed_headers(source.webhook_secret, body),
    )
    assert response.status_code == 400

    response = client.post(f"/api/v1/ingest/{source.slug}/", data="title=x", content_type="text/plain")
    assert response.status_code == 415


def test_html_bodies_lose_scripts_and_event_handlers(deliver):
    payload = PAYLOAD | {
        "external_id": "html-1",
        "body": '<p onclick="steal()">La alcaldesa habló.</p><script>alert(1)</script><style>p{}</style>',
    }

    article = Article.objects.get(id=deliver(payload).json()["id"])

    assert "script" not in article.body and "onclick" not in article.body and "p{}" not in article.body
    assert "La alcaldesa habló." in article.clean_text


def test_replayed_webhook_id_returns_the_same_article_and_enqueues_nothing(client, source, monkeypatch):
    body = json.dumps(PAYLOAD).encode()
    headers = signed_headers(source.webhook_secret, body)
    first = client.post(f"/api/v1/ingest/{source.slug}/", data=body, content_type="application/json", headers=headers)
    enqueued = []
    monkeypatch.setattr("articles.services.article_schedule_enrichment", lambda **kw: enqueued.append(kw))

    again = client.post(f"/api/v1/ingest/{source.slug}/", data=body, content_type="application/json", headers=headers)

    assert first.status_code == 202 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert enqueued == []


def test_previous_secret_is_accepted_during_a_rotation(client, source):
    old_secret = source.webhook_secret
    source.webhook_secret_previous = old_secret
    source.webhook_secret = SourceFactory.build().webhook_secret
    source.save()
    body = json.dumps(PAYLOAD).encode()

    with_old = client.post(
        f"/api/v1/ingest/{source.slug}/",
        data=body,
        content_type="application/json",
        headers=signed_headers(old_secret, body),
    )
    source.webhook_secret_previous = ""
    source.save()
    after_rotation = client.post(
        f"/api/v1/ingest/{source.slug}/",
        data=body,
        content_type="application/json",
        headers=signed_headers(old_secret, body),
    )

    assert with_old.status_code == 202
    assert after_rotation.status_code == 401


def test_bodies_above_the_limit_get_413(deliver, settings):
    settings.INGEST_MAX_BODY_BYTES = 1000

    response = deliver(PAYLOAD | {"body": "x" * 2000})

    assert response.status_code == 413
    assert Article.objects.count() == 0


def test_each_source_is_rate_limited_with_retry_after(deliver, settings):
    settings.INGEST_RATE_LIMIT = "2/min"
    cache.clear()

    statuses = [deliver(PAYLOAD | {"external_id": f"r-{n}"}).status_code for n in range(3)]
    limited = deliver(PAYLOAD | {"external_id": "r-last"})

    assert statuses == [202, 202, 429]
    assert int(limited["Retry-After"]) > 0
    cache.clear()


def test_control_characters_and_odd_unicode_are_normalised(deliver):
    payload = PAYLOAD | {"external_id": "u-1", "title": "Cafe\u0301\x00 del\u200b puerto", "body": "Texto\x07 limpio."}

    article = Article.objects.get(id=deliver(payload).json()["id"])

    assert article.title == "Café del puerto"
    assert article.body == "Texto limpio."


def test_an_update_without_a_publication_time_keeps_the_first_one(deliver):
    first = deliver(PAYLOAD | {"external_id": "p-1", "published_at": None}).json()
    published = Article.objects.get(id=first["id"]).published_at

    deliver(PAYLOAD | {"external_id": "p-1", "published_at": None, "body": PAYLOAD["body"] + " Fin."})

    assert published is not None
    assert Article.objects.get(id=first["id"]).published_at == published
