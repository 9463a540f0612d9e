"""Thin Celery wrappers: fetch by id, call the service, own the retry policy."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from articles.services import article_enrich, article_mark_failed, articles_sweep_stuck

logger = logging.getLogger(__name__)

# Errors worth another try: the database or broker was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_ATTEMPTS = 5


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS - 1,
)
def enrich_article(self, article_id: int) -> None:
    try:
        article_enrich(article_id=article_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            article_mark_failed(article_id=article_id, error=f"gave up after {MAX_ATTEMPTS} attempts: {exc!r}")
        raise
    except Exception as exc:  # a bug or bad input: retrying will not help, so the article says why it failed
        logger.exception("enrichment of article %s failed", article_id)
        article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(ignore_result=True)
def sweep_stuck_articles() -> int:
    ids = articles_sweep_stuck(
        stuck_after=timedelta(seconds=settings.ENRICHMENT_STUCK_AFTER),
        enriching_after=timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30),
    )
    if ids:
        logger.info("re-enqueued %d stuck article(s): %s", len(ids), ids[:20])
    return len(ids)
