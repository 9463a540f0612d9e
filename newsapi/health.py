"""Liveness and readiness for orchestrators and load balancers.

A small view of our own rather than django-health-check: its Celery check sends a task and waits for its result,
which needs a result backend this project does not run; a control ping answers the real question (is a worker
consuming from this broker?) without one, and the JSON body stays ours to shape.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """The process answers; nothing else is touched, so a database outage never restarts the web container."""
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _redis() -> None:
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()


def _worker() -> None:
    from celery import Celery

    # A throwaway app bound to the broker just checked: the shared app's producer pool keeps the broker it first
    # connected to, and Celery prefers the CELERY_BROKER_URL environment variable to broker_url but not to the
    # read and write URLs, so those pin the probe to settings.
    url = settings.CELERY_BROKER_URL
    with Celery("newsapi-health", set_as_current=False) as probe:
        probe.conf.update(broker_read_url=url, broker_write_url=url, broker_connection_timeout=1)
        replies = probe.control.ping(timeout=settings.HEALTH_WORKER_TIMEOUT, limit=1)
    if not replies:
        raise RuntimeError("no Celery worker answered a ping")


def _run(check: Callable[[], None]) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:  # any failure is the answer, not a crash of the health endpoint
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    else:
        result = {"ok": True}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the database answers and, with a broker configured, Redis and at least one worker do."""
    checks = {"database": _run(_database)}
    if settings.CELERY_BROKER_URL:
        checks["redis"] = _run(_redis)
        if checks["redis"]["ok"]:
            checks["celery"] = _run(_worker)
        else:
            checks["celery"] = {"ok": False, "error": "skipped: the broker is unreachable", "ms": 0.0}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503)
