"""Prometheus metrics at /metrics: requests, ingests, enrichment and the queue depth read at scrape time."""

import json
import shutil

import pytest
from prometheus_client.parser import text_string_to_metric_families

from articles.models import Article
from tests.conftest import services_required, signed_headers
from tests.factories import ArticleFactory
from tests.harness import RedisServer, free_port

pytestmark = pytest.mark.django_db


def scrape(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_timed_by_route_pattern(client):
    article = ArticleFactory()
    before = scrape(client)

    client.get(f"/api/v1/articles/{article.id}/")

    after = scrape(client)
    labels = {"method": "GET", "route": "api/v1/articles/(?P<pk>[^/.]+)/$", "status": "200"}
    assert value(after, "newsapi_http_request_duration_seconds_count", **labels) == (
        value(before, "newsapi_http_request_duration_seconds_count", **labels) + 1
    )


def test_ingests_are_counted_by_source_and_outcome(client, deliver, source):
    payload = {"external_id": "m-1", "title": "Obras en el puerto", "body": "El puerto de Vigo cerrará el muelle."}
    before = scrape(client)

    deliver(payload)
    deliver(payload)
    changed = payload | {"body": "El puerto de Vigo reabrirá el muelle."}
    deliver(changed)
    same_delivery = signed_headers(source.webhook_secret, json.dumps(changed, ensure_ascii=False).encode(), msg_id="m")
    assert deliver(changed, **same_delivery).status_code == 202
    assert deliver(changed, **same_delivery).status_code == 200

    after = scrape(client)
    for outcome, expected in {"created": 1, "unchanged": 2, "updated": 1, "replayed": 1}.items():
        name = "newsapi_ingests_total"
        assert value(after, name, source="wire", outcome=outcome) - value(
            before, name, source="wire", outcome=outcome
        ) == (expected), outcome


def test_enrichment_duration_and_failures_are_recorded(client, deliver, monkeypatch):
    from articles import services

    before = scrape(client)
    deliver({"external_id": "m-2", "title": "Pleno", "body": "La alcaldesa Rosa Llorente habló en Lugo."})

    def broken(**kwargs):
        raise RuntimeError("pipeline exploded")

    monkeypatch.setattr(services, "enrich_text", broken)
    deliver({"external_id": "m-3", "title": "Pleno", "body": "Otro texto inventado sobre Lugo."})

    after = scrape(client)
    count = "newsapi_enrichment_duration_seconds_count"
    assert value(after, count) - value(before, count) == 1
    failures = "newsapi_enrichment_failures_total"
    assert value(after, failures, reason="error") - value(before, failures, reason="error") == 1
    assert Article.objects.get(external_id="m-3").status == Article.Status.FAILED


def test_batched_enrichment_counts_each_stored_article(client):
    from articles.tasks import enrich_articles

    articles = [ArticleFactory(body=f"La alcaldesa Rosa Llorente habló en Lugo por {n}ª vez.") for n in range(3)]
    before = scrape(client)

    enrich_articles.delay([article.id for article in articles] + [10**9])  # one id that no longer exists

    after = scrape(client)
    count = "newsapi_enrichment_duration_seconds_count"
    assert value(after, count) - value(before, count) == 3


def test_queue_depth_is_zero_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""

    assert value(scrape(client), "newsapi_enrichment_queue_depth", queue="celery") == 0


def test_queue_depth_is_absent_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"

    samples = scrape(client)

    assert not any(name == "newsapi_enrichment_queue_depth" for name, _ in samples)


@pytest.mark.integration
def test_queue_depth_reads_the_redis_queue_length(client, settings):
    if shutil.which("redis-server") is None:
        message = "needs redis-server"
        pytest.fail(message) if services_required() else pytest.skip(message)
    server = RedisServer()
    server.start()
    try:
        import redis

        redis.Redis.from_url(server.url).rpush("celery", "a", "b", "c")
        settings.CELERY_BROKER_URL = server.url

        samples = scrape(client)
    finally:
        server.stop()

    assert value(samples, "newsapi_enrichment_queue_depth", queue="celery") == 3
