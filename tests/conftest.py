"""Shared fixtures: sources, signed webhook deliveries, API clients and a GraphQL helper."""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from standardwebhooks.webhooks import Webhook

from newsapi.celery import app as celery_app
from tests.factories import SourceFactory

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "articles" / "fixtures"


def services_required() -> bool:
    """In CI the real services must be there: a test that needs them fails instead of skipping."""
    return os.environ.get("NEWSAPI_REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def eager_tasks():
    """Unit tests run tasks in-process; the integration test switches this off and uses a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test starts with an empty cache and no read throttling (tests that need throttling switch it on)."""
    settings.REST_THROTTLE_IP = ""
    settings.REST_THROTTLE_KEY = ""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def source(db):
    return SourceFactory(slug="wire")


def signed_headers(secret: str, body: bytes, *, msg_id: str | None = None, timestamp: int | None = None) -> dict:
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, tz=UTC), body.decode())
    return {"webhook-id": msg_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}


def post_signed(client: Client, source, payload: dict | bytes, **header_overrides):
    body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
    headers = signed_headers(source.webhook_secret, body) | header_overrides
    return client.post(
        f"/api/v1/ingest/{source.slug}/",
        data=body,
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def deliver(client, source, django_capture_on_commit_callbacks):
    """Post a payload to the source's webhook, correctly signed, running what it schedules on commit."""

    def _deliver(payload: dict, **header_overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return post_signed(client, source, payload, **header_overrides)

    return _deliver


@pytest.fixture
def graphql(client):
    def _graphql(query: str, variables: dict | None = None) -> dict:
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )
        return response.json()

    return _graphql


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
