"""Thin Celery wrappers: fetch by id, call the service, own the retry policy."""

import logging
import time
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from articles.services import (
    ENRICHMENT_BATCH,
    article_enqueue,
    article_enrich,
    article_enrichment_taken,
    article_mark_failed,
    articles_claim_waiting,
    articles_enrich,
    articles_sweep_stuck,
)
from newsapi.logs import article_log_context
from newsapi.metrics import ENRICHMENT_DURATION, ENRICHMENT_FAILURES

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
    with article_log_context(article_id):
        # A retry, or a message redelivered because its worker died, is this task's own article: it goes alone.
        # (The waiting articles a dead worker had claimed are sent again by the sweeper.)
        redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
        first_attempt = self.request.retries == 0 and not self.request.is_eager and not redelivered
        if first_attempt and article_enrichment_taken(article_id=article_id, taken_for=_enriching_after()):
            logger.info("enrichment already taken by a batch", extra={"article_id": article_id})
            return
        # A backlog (a burst of deliveries, a worker back after a pause) is enriched in batches, whose writes overlap
        # the next article's pipeline; with nothing waiting, the article goes alone at once.
        waiting = (
            articles_claim_waiting(article_id=article_id, limit=ENRICHMENT_BATCH - 1)
            if first_attempt and settings.ENRICHMENT_BACKLOG_BATCHES
            else []
        )
        if waiting:
            logger.info("enrichment started with %d waiting article(s)", len(waiting), extra={"article_id": article_id})
            _enrich_batch([article_id, *waiting])
            return
        logger.info("enrichment started", extra={"article_id": article_id, "attempt": self.request.retries + 1})
        started = time.perf_counter()
        try:
            article = article_enrich(article_id=article_id)
        except TRANSIENT_ERRORS as exc:
            if self.request.retries >= self.max_retries:
                ENRICHMENT_FAILURES.labels(reason="gave_up").inc()
                logger.error("enrichment gave up: %r", exc, extra={"article_id": article_id})
                article_mark_failed(article_id=article_id, error=f"gave up after {MAX_ATTEMPTS} attempts: {exc!r}")
            else:
                ENRICHMENT_FAILURES.labels(reason="retry").inc()
                logger.warning("enrichment will be retried: %r", exc, extra={"article_id": article_id})
            raise
        except Exception as exc:  # a bug or bad input: retrying will not help, so the article says why it failed
            ENRICHMENT_FAILURES.labels(reason="error").inc()
            logger.exception("enrichment of article %s failed", article_id, extra={"article_id": article_id})
            article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")
            return
        duration = time.perf_counter() - started
        ENRICHMENT_DURATION.observe(duration)
        logger.info(
            "enrichment finished in %.2fs",
            duration,
            extra={"article_id": article_id, "status": article.status, "duration_s": round(duration, 3)},
        )


def _enriching_after() -> timedelta:
    """How long an article may stay ENRICHING before the sweeper sends it again (its worker died)."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def enrich_articles(article_ids: list[int]) -> None:
    """A batch from re-enrichment or the sweeper: each article stored in its own transaction, so one article's
    failure is its own; one whose database was briefly unreachable goes back as a single enrich_article, with that
    task's retry policy. A worker lost mid-batch gets the whole batch again, which is safe: enrichment is idempotent."""
    _enrich_batch(article_ids)


def _enrich_batch(article_ids: list[int]) -> None:
    started = time.perf_counter()
    try:
        outcomes = articles_enrich(article_ids=article_ids, abort_on=(SoftTimeLimitExceeded,))
    except SoftTimeLimitExceeded:  # the articles not stored stay QUEUED or ENRICHING: the sweeper sends them again
        logger.error("enrichment batch hit its time limit: %s", article_ids)
        raise
    for article_id, outcome in outcomes.items():
        if not isinstance(outcome, Exception):
            continue
        with article_log_context(article_id):
            if isinstance(outcome, TRANSIENT_ERRORS):
                ENRICHMENT_FAILURES.labels(reason="retry").inc()
                logger.warning("enrichment will be retried alone: %r", outcome, extra={"article_id": article_id})
                article_enqueue(article_id=article_id)  # QUEUED again, so its task does not find it taken
            else:
                ENRICHMENT_FAILURES.labels(reason="error").inc()
                logger.error(
                    "enrichment of article %s failed: %r", article_id, outcome, extra={"article_id": article_id}
                )
                article_mark_failed(article_id=article_id, error=f"{type(outcome).__name__}: {outcome}")
    duration = time.perf_counter() - started
    stored = [outcome for outcome in outcomes.values() if not isinstance(outcome, Exception)]
    for _ in stored:  # the articles of a batch overlap, so each is counted at the batch's time per article
        ENRICHMENT_DURATION.observe(duration / len(article_ids))
    logger.info("enrichment batch of %d finished in %.2fs", len(article_ids), duration)


@shared_task(ignore_result=True)
def sweep_stuck_articles() -> int:
    ids = articles_sweep_stuck(
        stuck_after=timedelta(seconds=settings.ENRICHMENT_STUCK_AFTER),
        enriching_after=_enriching_after(),
    )
    if ids:
        logger.info("re-enqueued %d stuck article(s): %s", len(ids), ids[:20])
    return len(ids)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def deliver_webhook_event(self, event_id: int) -> str:
    """One attempt per run; the attempt count on the row, not Celery's, decides when to give up."""
    from articles.outgoing import retry_delay
    from articles.services import webhook_event_deliver

    event = webhook_event_deliver(event_id=event_id)
    if event.status == event.Status.PENDING:
        delay = retry_delay(attempt=event.attempts, base=settings.WEBHOOK_RETRY_BASE, cap=settings.WEBHOOK_RETRY_MAX)
        raise self.retry(countdown=delay)
    return event.status


@shared_task(ignore_result=True)
def poll_feeds() -> int:
    """Fan out: one task per active source with a feed, so one slow feed does not hold up the others."""
    from articles.models import Source

    ids = list(Source.objects.filter(is_active=True).exclude(feed_url="").values_list("id", flat=True))
    for source_id in ids:
        poll_source_feed.delay(source_id)
    return len(ids)


@shared_task(ignore_result=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=2)
def poll_source_feed(source_id: int) -> dict[str, int]:
    from articles.feeds import FetchError, feed_poll
    from articles.models import Source

    source = Source.objects.get(id=source_id)
    try:
        counts = feed_poll(source=source)
    except (FetchError, ValueError) as exc:  # the next scheduled poll tries again
        logger.warning("polling the feed of %s failed: %s", source.slug, exc)
        return {"failed": 1}
    logger.info("polled the feed of %s: %s", source.slug, dict(counts))
    return dict(counts)
