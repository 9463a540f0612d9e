"""End to end on the real services: signed webhook → Redis → a Celery worker process → PostgreSQL → both APIs."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from newsapi.celery import app as celery_app
from tests.conftest import REPO, load_fixture, post_signed, services_required
from tests.factories import SourceFactory

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


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    """A real worker process consuming from Redis and writing to the test database."""
    require_real_services()
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsapi",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=REPO,
        env=os.environ | {"DATABASE_URL": database_url(), "DATABASE_CONN_MAX_AGE": "0"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    if process.returncode not in (0, -15):
        print((tmp_path / "worker.log").read_text()[-3000:])


def test_worker_enriches_a_signed_delivery(client, graphql, worker):
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
