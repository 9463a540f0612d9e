"""Liveness and readiness endpoints."""

import shutil

import pytest

from tests.conftest import services_required
from tests.harness import RedisServer, free_port, start_worker, stop_process, wait_until

pytestmark = pytest.mark.django_db


def test_live_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_without_a_broker_checks_only_the_database(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get("/health/ready")

    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert list(body["checks"]) == ["database"]
    assert body["checks"]["database"]["ok"] is True and body["checks"]["database"]["ms"] >= 0


def test_ready_is_503_with_each_failure_named_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"

    response = client.get("/health/ready")

    checks = response.json()["checks"]
    assert response.status_code == 503 and response.json()["status"] == "error"
    assert checks["database"]["ok"] is True
    assert checks["redis"]["ok"] is False and "Connection" in checks["redis"]["error"]
    assert checks["celery"]["ok"] is False


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        message = "needs redis-server"
        pytest.fail(message) if services_required() else pytest.skip(message)
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.mark.integration
def test_ready_needs_a_worker_answering_on_the_broker(client, settings, redis_server, tmp_path):
    settings.CELERY_BROKER_URL = redis_server.url
    settings.HEALTH_WORKER_TIMEOUT = 0.5
    without_worker = client.get("/health/ready")
    worker = start_worker(env={"CELERY_BROKER_URL": redis_server.url}, log=tmp_path / "worker.log")
    try:
        wait_until(lambda: client.get("/health/ready").status_code == 200, timeout=60, message="a worker pong")
        with_worker = client.get("/health/ready").json()
    finally:
        stop_process(worker)

    assert without_worker.status_code == 503
    assert without_worker.json()["checks"]["redis"]["ok"] is True
    assert "no Celery worker" in without_worker.json()["checks"]["celery"]["error"]
    assert with_worker["status"] == "ok" and set(with_worker["checks"]) == {"database", "redis", "celery"}
