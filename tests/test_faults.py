"""Faults a production deployment meets: duplicate storms, a worker killed mid-task, Redis and PostgreSQL outages.

Each test that stops or kills a service starts its own throwaway instance, so the shared ones stay up.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from articles.models import Article, Quote, WebhookDelivery
from tests.conftest import services_required, signed_headers
from tests.factories import SourceFactory
from tests.harness import (
    REPO,
    PostgresCluster,
    RedisServer,
    database_url_for_test,
    http_status,
    start_web,
    start_worker,
    stop_process,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

FIRST_NAMES = ["Inés", "Bruno", "Carla", "Diego", "Elena", "Fermín", "Gloria", "Héctor", "Irene", "Julián"]
SURNAMES = ["Albar", "Berrocal", "Cifuentes", "Duarte", "Echeverri", "Figueras", "Garmendia", "Hurtado", "Iturbe"]
CITIES = ["Soria", "Teruel", "Cuenca", "Zamora", "Ávila", "Lugo", "Huesca", "Segovia"]


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        message = "needs DATABASE_URL pointing at PostgreSQL"
        pytest.fail(message) if services_required() else pytest.skip(message)


def long_spanish_body(paragraphs: int) -> str:
    """Our own generated council-news text, long enough that enriching it takes seconds."""
    out = []
    for n in range(paragraphs):
        name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[n % len(SURNAMES)]}"
        city = CITIES[n % len(CITIES)]
        out.append(
            f"La concejala de Hacienda de {city}, {name}, explicó este lunes que el presupuesto del año próximo "
            f"dedicará {n + 3} millones de euros a reparar calles y colegios. “Vamos a cumplir cada compromiso "
            f"con los vecinos de {city}”, afirmó {name.split()[1]} ante el pleno municipal, donde la oposición "
            f"pidió más detalles sobre los plazos de las obras y sobre el coste final de cada proyecto."
        )
    return "\n\n".join(out)


def post_http(base: str, source, payload: dict) -> tuple[int, dict]:
    body = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/ingest/{source.slug}/",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **signed_headers(source.webhook_secret, body)},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def test_fifty_concurrent_copies_of_one_delivery_make_one_article_and_one_enrichment(tmp_path):
    require_postgres()
    # No broker: the web process enriches in-process, so any duplicate enrichment would show in `attempts`.
    web, base = start_web(
        env={"DATABASE_URL": database_url_for_test(), "CELERY_BROKER_URL": ""}, log=tmp_path / "web.log", threads=50
    )
    source = SourceFactory(slug="storm")
    payload = {"external_id": "storm-1", "title": "Pleno municipal", "body": long_spanish_body(2)}
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", **signed_headers(source.webhook_secret, body)}

    def deliver(_):
        request = urllib.request.Request(f"{base}/api/v1/ingest/storm/", data=body, method="POST", headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())["id"]

    try:
        with ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(deliver, range(50)))
    finally:
        stop_process(web)

    assert {status for status, _ in results} <= {200, 202}
    assert len({article_id for _, article_id in results}) == 1
    article = Article.objects.get()
    assert article.attempts == 1  # enriched exactly once
    assert article.status == Article.Status.ENRICHED
    assert WebhookDelivery.objects.count() == 1


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def test_worker_killed_mid_enrichment_is_redelivered_and_enriched_once(tmp_path, redis_server):
    require_postgres()
    env = {"DATABASE_URL": database_url_for_test(), "CELERY_BROKER_URL": redis_server.url}
    web, base = start_web(env=env, log=tmp_path / "web.log")
    first = start_worker(env=env, log=tmp_path / "worker-1.log")
    second = None
    try:
        source = SourceFactory(slug="kill")
        status, receipt = post_http(
            base, source, {"external_id": "long-1", "title": "Presupuestos", "body": long_spanish_body(400)}
        )
        assert status == 202
        article_id = receipt["id"]
        wait_until(lambda: Article.objects.get(id=article_id).status == "ENRICHING", timeout=60, message="ENRICHING")
        time.sleep(0.5)

        stop_process(first, sig=signal.SIGKILL)
        killed_at = time.monotonic()
        assert Article.objects.get(id=article_id).status == "ENRICHING"
        second = start_worker(env=env, log=tmp_path / "worker-2.log")
        wait_until(lambda: Article.objects.get(id=article_id).attempts >= 2, timeout=60, message="redelivery")
        redelivered_after = time.monotonic() - killed_at
        wait_until(lambda: Article.objects.get(id=article_id).status == "ENRICHED", timeout=120, message="ENRICHED")

        article = Article.objects.get(id=article_id)
        print(f"\nFIGURE redelivery after kill -9 of the worker: {redelivered_after:.1f} s")
        assert redelivered_after < 30
        assert article.attempts == 2
        spans = list(Quote.objects.filter(article=article).values_list("start", "end"))
        assert spans and len(spans) == len(set(spans))  # one set of quotes, not two
    finally:
        for process in (first, second, web):
            if process:
                stop_process(process)


def test_articles_arriving_while_redis_is_down_are_all_enriched_after_it_returns(tmp_path, redis_server):
    require_postgres()
    env = {
        "DATABASE_URL": database_url_for_test(),
        "CELERY_BROKER_URL": redis_server.url,
        "ENRICHMENT_STUCK_AFTER": "1",
        "ENRICHMENT_SWEEP_INTERVAL": "2",
    }
    web, base = start_web(env=env, log=tmp_path / "web.log")
    worker = start_worker(env=env, log=tmp_path / "worker.log", beat=True)
    try:
        source = SourceFactory(slug="outage")
        redis_server.stop()
        receipts = [
            post_http(base, source, {"external_id": f"out-{n}", "title": f"Pleno {n}", "body": long_spanish_body(1)})
            for n in range(10)
        ]
        assert [status for status, _ in receipts] == [202] * 10
        assert set(Article.objects.values_list("status", flat=True)) == {"RECEIVED"}

        redis_server.start()
        wait_until(lambda: Article.objects.filter(status="ENRICHED").count() == 10, timeout=120, message="all enriched")

        lost = 10 - Article.objects.filter(status="ENRICHED").count()
        print(f"\nFIGURE articles lost in the Redis outage: {lost}")
        assert lost == 0
    finally:
        stop_process(worker)
        stop_process(web)


def test_api_recovers_from_a_postgresql_restart_without_restarting_the_web_process(tmp_path):
    require_postgres()
    cluster = PostgresCluster()
    cluster.start()
    try:
        env = {"DATABASE_URL": cluster.url, "CELERY_BROKER_URL": ""}
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=REPO,
            check=True,
            env=os.environ | env,
            stdout=subprocess.DEVNULL,
        )
        web, base = start_web(env=env, log=tmp_path / "web.log")
        try:
            assert http_status(f"{base}/api/v1/articles/") == 200

            cluster.restart()

            wait_until(lambda: http_status(f"{base}/api/v1/articles/") == 200, timeout=30, message="recovery")
            assert web.poll() is None
        finally:
            stop_process(web)
    finally:
        cluster.stop()
