"""Celery tasks: the retry policy's end states and the sweeper that re-sends lost work."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.tasks import MAX_ATTEMPTS, enrich_article, sweep_stuck_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def stuck(status: str, seconds_ago: int) -> Article:
    return ArticleFactory(
        status=status,
        body="La ministra Ana Ruiz habló en Lima.",
        status_changed_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_sweeper_re_sends_articles_stuck_before_the_timeout(settings):
    settings.ENRICHMENT_STUCK_AFTER = 120
    lost_received = stuck(Article.Status.RECEIVED, 600)
    lost_queued = stuck(Article.Status.QUEUED, 600)
    dead_worker = stuck(Article.Status.ENRICHING, settings.CELERY_TASK_TIME_LIMIT + 120)
    fresh = stuck(Article.Status.QUEUED, 5)
    running = stuck(Article.Status.ENRICHING, 10)

    assert sweep_stuck_articles() == 3

    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses[lost_received.id] == statuses[lost_queued.id] == statuses[dead_worker.id] == "ENRICHED"
    assert statuses[fresh.id] == "QUEUED" and statuses[running.id] == "ENRICHING"


def test_transient_errors_retry_then_fail_with_the_reason(monkeypatch):
    article = ArticleFactory(status=Article.Status.QUEUED)
    calls = []

    def database_gone(**kwargs):
        calls.append(kwargs)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("articles.tasks.article_enrich", database_gone)

    enrich_article.apply(args=[article.id])

    article.refresh_from_db()
    assert len(calls) == MAX_ATTEMPTS
    assert article.status == Article.Status.FAILED
    assert "gave up after" in article.error and "server closed" in article.error


def test_a_broker_outage_leaves_the_article_received_for_the_sweeper(monkeypatch):
    article = ArticleFactory(status=Article.Status.RECEIVED)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr("articles.tasks.enrich_article.delay", broker_down)

    assert services.article_enqueue(article_id=article.id) is False
    article.refresh_from_db()
    assert article.status == Article.Status.RECEIVED
