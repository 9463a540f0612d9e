"""A task that finds other articles waiting in the queue enriches them with its own as one batch; their own tasks,
arriving later, find them taken and stop."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.services import ENRICHMENT_BATCH
from articles.tasks import enrich_article
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="claims waiting articles with SKIP LOCKED"),
]


def waiting(count: int) -> list[Article]:
    now = timezone.now()
    return [
        ArticleFactory(
            status=Article.Status.QUEUED,
            body=f"La ministra Ana Ruiz visitó Lima el día {i}. “Es un buen día”, dijo Ruiz.",
            status_changed_at=now - timedelta(seconds=100 - i),
        )
        for i in range(count)
    ]


def statuses(articles: list[Article]) -> list[str]:
    by_id = dict(Article.objects.values_list("id", "status"))
    return [by_id[a.id] for a in articles]


def test_a_task_enriches_the_oldest_waiting_articles_with_its_own_and_their_tasks_stop():
    queue = waiting(ENRICHMENT_BATCH + 2)
    own = queue[-1]

    enrich_article(own.id)  # as a worker runs it: not eager, first attempt

    # its own article and the seven that waited longest; the rest keep waiting for their own tasks
    assert statuses(queue) == ["ENRICHED"] * (ENRICHMENT_BATCH - 1) + ["QUEUED", "QUEUED", "ENRICHED"]
    claimed = Article.objects.get(id=queue[0].id)
    assert claimed.attempts == 1 and claimed.mentions.exists()

    enrich_article(claimed.id)  # its own message, consumed later

    again = Article.objects.get(id=claimed.id)
    assert (again.attempts, again.enriched_at) == (1, claimed.enriched_at)


def test_a_retry_or_an_eager_run_enriches_its_own_article_alone(settings):
    queue = waiting(3)

    enrich_article.apply(args=[queue[0].id])  # eager: the embedded default, tasks run in the request

    assert statuses(queue) == ["ENRICHED", "QUEUED", "QUEUED"]


def test_without_backlog_batches_a_task_claims_nothing(settings):
    settings.ENRICHMENT_BACKLOG_BATCHES = False
    queue = waiting(3)

    enrich_article(queue[2].id)

    assert statuses(queue) == ["QUEUED", "QUEUED", "ENRICHED"]


def test_an_article_taken_long_ago_by_a_dead_worker_is_not_skipped():
    (article,) = waiting(1)
    Article.objects.filter(id=article.id).update(
        status=Article.Status.ENRICHING, status_changed_at=timezone.now() - timedelta(hours=1)
    )

    enrich_article(article.id)

    assert statuses([article]) == ["ENRICHED"]
