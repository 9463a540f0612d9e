"""Prometheus metrics, served at /metrics.

One process: the default registry. Several processes (gunicorn workers, and Celery workers on the same host): set
PROMETHEUS_MULTIPROC_DIR to an empty directory shared by all of them, and /metrics aggregates what every process
recorded. Without it, each gunicorn worker answers with its own counts only, and enrichment metrics recorded in a
separate Celery worker are not seen by the web process at all.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

REQUEST_LATENCY = Histogram(
    "newsapi_http_request_duration_seconds",
    "Time to answer an HTTP request, by route pattern (not by URL, to keep the series few).",
    ["method", "route", "status"],
)
INGESTS = Counter(
    "newsapi_ingests_total",
    "Articles received, by source and outcome (created, updated, unchanged, replayed).",
    ["source", "outcome"],
)
ENRICHMENT_DURATION = Histogram(
    "newsapi_enrichment_duration_seconds",
    "Time to enrich one article and store the results.",
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
ENRICHMENT_FAILURES = Counter(
    "newsapi_enrichment_failures_total",
    "Failed enrichment attempts: error (not retried), retry (transient, will retry), gave_up (retries exhausted).",
    ["reason"],
)


def ingest_record(*, source: str, created: bool, changed: bool, replayed: bool) -> None:
    if replayed:
        outcome = "replayed"
    elif created:
        outcome = "created"
    elif changed:
        outcome = "updated"
    else:
        outcome = "unchanged"
    INGESTS.labels(source=source, outcome=outcome).inc()


class QueueDepthCollector(Collector):
    """The number of enrichment messages waiting in the Redis broker, read when Prometheus scrapes."""

    def __init__(self) -> None:
        self._clients: dict[str, object] = {}

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "newsapi_enrichment_queue_depth",
            "Messages waiting in the broker queue (0 without a broker; absent when the broker is unreachable).",
            labels=["queue"],
        )
        queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")
        url = settings.CELERY_BROKER_URL
        if not url:
            gauge.add_metric([queue], 0)
        elif url.startswith(("redis://", "rediss://")):
            try:
                gauge.add_metric([queue], self._client(url).llen(queue))
            except Exception as exc:  # a scrape must answer even when Redis is down
                logger.warning("queue depth unavailable: %s", exc)
        yield gauge

    def _client(self, url: str):
        if url not in self._clients:
            import redis

            self._clients[url] = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return self._clients[url]


QUEUE_DEPTH = QueueDepthCollector()
REGISTRY.register(QUEUE_DEPTH)


def metrics_view(request: HttpRequest) -> HttpResponse:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(QUEUE_DEPTH)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


class RequestMetricsMiddleware:
    """Observes every request's latency; placed first so it includes the other middleware's time."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = match.route if match is not None and match.route else "<unmatched>"
        REQUEST_LATENCY.labels(method=request.method, route=route, status=str(response.status_code)).observe(
            time.perf_counter() - started
        )
        return response
