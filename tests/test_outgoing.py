"""Outgoing webhooks: events emitted by the services, signed deliveries to a local receiver, retries, auto-disable."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from articles import services
from articles.models import Article, EditorDecision, Subscriber, WebhookEvent
from articles.outgoing import retry_delay
from tests.factories import ArticleFactory, QuoteFactory, SourceFactory
from tests.httpserver import Received, Route, local_server

pytestmark = pytest.mark.django_db


def verifying_receiver(server, path: str, secret: str) -> None:
    """Answer 204 to a request signed with the secret, 401 otherwise, as a subscriber's endpoint would."""

    def respond(request: Received) -> int:
        try:
            Webhook(secret).verify(request.body, request.headers)
        except WebhookVerificationError:
            return 401
        return 204

    server.routes[path] = Route(respond=respond)


def subscriber(server, path: str = "/hook", **fields) -> Subscriber:
    created = Subscriber.objects.create(name=fields.pop("name", "Desk"), url=server.url(path), **fields)
    verifying_receiver(server, path, created.secret)
    return created


def posts(server, path: str = "/hook") -> list[Received]:
    return [request for request in server.received if request.method == "POST" and request.path == path]


def test_a_subscriber_gets_a_standard_webhooks_secret_and_every_event_type_by_default():
    created = Subscriber.objects.create(name="Radio", url="https://radio.invalid/hooks")

    assert created.secret.startswith("whsec_")
    assert created.event_types == ["article.enriched", "article.updated", "quote.verified"]
    assert created.is_active and created.consecutive_failures == 0


def test_enriching_an_article_sends_a_signed_article_enriched_event(django_capture_on_commit_callbacks):
    article = ArticleFactory(
        status=Article.Status.QUEUED, title="Ferry fares", body="Captain Ysolde Marrack said the ferry fares rise."
    )
    with local_server() as server:
        desk = subscriber(server, event_types=["article.enriched"])

        with django_capture_on_commit_callbacks(execute=True):
            services.article_enrich(article_id=article.id)

    [request] = posts(server)
    body = json.loads(request.body)
    assert body["type"] == "article.enriched"
    assert body["data"]["id"] == article.id and body["data"]["status"] == "ENRICHED"
    assert body["data"]["ninjs_url"] == f"/api/v1/articles/{article.id}/ninjs/"
    Webhook(desk.secret).verify(request.body, request.headers)  # raises if the signature is wrong
    event = WebhookEvent.objects.get()
    assert (event.status, event.attempts, event.last_status_code) == ("delivered", 1, 204)
    assert event.delivered_at is not None and event.message_id == request.headers["webhook-id"]


def test_changed_content_emits_article_updated_and_the_same_content_emits_nothing():
    source = SourceFactory(slug="tidewater")
    Subscriber.objects.create(name="Archive", url="https://archive.invalid/in", event_types=["article.updated"])
    payload = {"external_id": "tw-1", "title": "Pier closed", "body": "The pier is closed for repairs."}
    services.article_ingest(source=source, payload=payload)
    services.article_ingest(source=source, payload=payload)
    assert not WebhookEvent.objects.exists()

    services.article_ingest(source=source, payload={**payload, "title": "Pier reopens", "body": "It reopens."})

    event = WebhookEvent.objects.get()
    assert event.event_type == "article.updated"
    assert event.payload["data"]["title"] == "Pier reopens" and event.payload["data"]["external_id"] == "tw-1"


def test_verifying_a_quote_records_the_decision_and_sends_quote_verified(django_capture_on_commit_callbacks):
    quote = QuoteFactory(text="The lighthouse stays lit all winter")
    with local_server() as server:
        subscriber(server, event_types=["quote.verified"])

        with django_capture_on_commit_callbacks(execute=True):
            services.quote_verify(quote=quote)

    quote.refresh_from_db()
    assert quote.verified
    assert EditorDecision.objects.filter(action="verify_quote", details__quote=quote.id).exists()
    [request] = posts(server)
    data = json.loads(request.body)["data"]
    assert data["text"] == "The lighthouse stays lit all winter"
    assert data["speaker"]["name"] == quote.speaker_person.name
    assert WebhookEvent.objects.get().status == "delivered"


def test_events_go_only_to_active_subscribers_that_chose_the_type():
    Subscriber.objects.create(name="Wants quotes", url="https://a.invalid/", event_types=["quote.verified"])
    Subscriber.objects.create(name="Wants articles", url="https://b.invalid/", event_types=["article.updated"])
    Subscriber.objects.create(name="Switched off", url="https://c.invalid/", is_active=False)

    services.quote_verify(quote=QuoteFactory())

    assert list(WebhookEvent.objects.values_list("subscriber__name", flat=True)) == ["Wants quotes"]


def test_a_failing_receiver_is_retried_then_the_event_is_logged_failed(django_capture_on_commit_callbacks):
    with local_server() as server:
        broken = Subscriber.objects.create(name="Broken", url=server.url("/down"))
        server.routes["/down"] = Route(status=500, body=b"database is on fire")

        with django_capture_on_commit_callbacks(execute=True):
            services.quote_verify(quote=QuoteFactory())

    requests = posts(server, "/down")
    assert len(requests) == 8  # WEBHOOK_MAX_ATTEMPTS
    assert len({request.headers["webhook-id"] for request in requests}) == 1  # the same message on every attempt
    event = WebhookEvent.objects.get()
    assert (event.status, event.attempts, event.last_status_code) == ("failed", 8, 500)
    assert event.last_error.startswith("HTTP 500")
    assert [attempt["status_code"] for attempt in event.attempt_log] == [500] * 8
    broken.refresh_from_db()
    assert broken.is_active and broken.consecutive_failures == 1


def test_a_subscriber_whose_events_keep_failing_is_disabled(settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_DISABLE_AFTER = 3
    with local_server() as server:
        broken = Subscriber.objects.create(name="Broken", url=server.url("/down"))
        server.routes["/down"] = Route(status=503)

        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                services.quote_verify(quote=QuoteFactory())
        sent_before_disabling = len(posts(server, "/down"))
        services.quote_verify(quote=QuoteFactory())

    broken.refresh_from_db()
    assert not broken.is_active and broken.disabled_at is not None
    assert broken.consecutive_failures == 3
    assert sent_before_disabling == 6
    assert WebhookEvent.objects.filter(subscriber=broken).count() == 3  # nothing is queued for a disabled one


def test_a_delivered_event_resets_the_failure_count(django_capture_on_commit_callbacks):
    with local_server() as server:
        flaky = subscriber(server, consecutive_failures=5)

        with django_capture_on_commit_callbacks(execute=True):
            services.quote_verify(quote=QuoteFactory())

    flaky.refresh_from_db()
    assert flaky.consecutive_failures == 0 and flaky.is_active


def test_a_delivery_recovers_when_the_receiver_comes_back(django_capture_on_commit_callbacks):
    with local_server() as server:
        desk = Subscriber.objects.create(name="Desk", url=server.url("/hook"))
        answers = iter([500, 502])

        def respond(request: Received) -> int:
            return next(answers, 204)

        server.routes["/hook"] = Route(respond=respond)
        with django_capture_on_commit_callbacks(execute=True):
            services.quote_verify(quote=QuoteFactory())

    event = WebhookEvent.objects.get(subscriber=desk)
    assert (event.status, event.attempts) == ("delivered", 3)
    assert [attempt["status_code"] for attempt in event.attempt_log] == [500, 502, 204]


def test_a_pending_event_of_a_disabled_subscriber_is_failed_without_sending():
    with local_server() as server:
        off = Subscriber.objects.create(name="Off", url=server.url("/hook"), is_active=False)
        pending = WebhookEvent.objects.create(
            subscriber=off, event_type="quote.verified", message_id="msg_pending", payload={"type": "quote.verified"}
        )

        event = services.webhook_event_deliver(event_id=pending.id)

    assert (event.status, event.attempts, event.last_error) == ("failed", 0, "subscriber disabled")
    assert server.received == []


def test_retry_delays_grow_exponentially_with_jitter_up_to_a_cap():
    delays = [[retry_delay(attempt=attempt, base=10, cap=600) for _ in range(50)] for attempt in range(1, 9)]

    for attempt, samples in enumerate(delays, start=1):
        ceiling = min(600, 10 * 2 ** (attempt - 1))
        assert all(ceiling / 2 <= delay <= ceiling for delay in samples)
    assert len(set(delays[0])) > 1  # jittered
    assert max(delays[-1]) <= 600


def test_admin_shows_disabled_subscribers_and_the_delivery_log(admin_client):
    Subscriber.objects.create(name="Healthy desk", url="https://ok.invalid/")
    Subscriber.objects.create(
        name="Dead desk",
        url="https://dead.invalid/",
        is_active=False,
        consecutive_failures=20,
        disabled_at=timezone.now(),
    )
    services.quote_verify(quote=QuoteFactory())

    subscribers = admin_client.get("/admin/articles/subscriber/").content.decode()
    log = admin_client.get("/admin/articles/webhookevent/").content.decode()

    assert "DISABLED (disabled after 20 failed events)" in subscribers and "active" in subscribers
    assert "quote.verified" in log and "Healthy desk" in log
