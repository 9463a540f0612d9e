"""Batched enrichment (re-enrichment, the sweeper): each article stored on its own, failures kept to their article,
and on PostgreSQL the writes of one article overlapping the pipeline of the next."""

import threading

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError, connection

from articles import services
from articles.enrichment.types import EnrichmentResult, ExtractedEntity, ExtractedQuote, Span
from articles.models import Article, Mention, Person, Quote
from articles.tasks import enrich_articles
from tests.factories import ArticleFactory, PersonFactory

TEXT = "Ana Ruiz habló en Lima. “Subiremos las tarifas”, dijo Ruiz."
needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="the overlap runs on PostgreSQL only")


def result_for(title: str) -> EnrichmentResult:
    name = f"Ana Ruiz {title}"
    return EnrichmentResult(
        language="es",
        clean_text=TEXT,
        entities=[ExtractedEntity(kind="person", name=name, mentions=[Span(0, 8, "Ana Ruiz")], salience=0.9)],
        quotes=[ExtractedQuote(text="Subiremos las tarifas", kind="direct", start=25, end=46, speaker=0)],
        keywords=[],
        pipeline_version="test-1",
    )


@pytest.fixture
def pipeline(monkeypatch):
    """enrich_text answers per title; a title listed in `broken` raises instead. Records the threads that store."""
    broken: dict[str, BaseException] = {}
    store_threads: list[str] = []
    real_store = services.article_enrichment_store

    def fake(*, title, **kwargs):
        if title in broken:
            raise broken[title]
        return result_for(title)

    def store(**kwargs):
        store_threads.append(threading.current_thread().name)
        return real_store(**kwargs)

    monkeypatch.setattr(services, "enrich_text", fake)
    monkeypatch.setattr(services, "article_enrichment_store", store)
    return broken, store_threads


def articles(n: int) -> list[Article]:
    return [ArticleFactory(title=f"t{i}", body=TEXT, status=Article.Status.QUEUED) for i in range(n)]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_batch_stores_every_article_with_the_writes_in_a_second_thread(pipeline):
    _broken, store_threads = pipeline
    batch = articles(3)

    outcomes = services.articles_enrich(article_ids=[a.id for a in batch])

    assert [outcomes[a.id].status for a in batch] == [Article.Status.ENRICHED] * 3
    assert all(name.startswith("enrichment-writes") for name in store_threads) and len(store_threads) == 3
    for article in batch:
        stored = Article.objects.get(id=article.id)
        assert stored.status == Article.Status.ENRICHED and stored.search_vector
        assert Mention.objects.get(article=article).person.name == f"Ana Ruiz {article.title}"
        assert Quote.objects.get(article=article).speaker_person.name == f"Ana Ruiz {article.title}"


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_one_article_failing_in_the_pipeline_or_in_its_writes_leaves_the_others_stored(pipeline, monkeypatch):
    broken, _threads = pipeline
    first, bad_pipeline, bad_store, last = articles(4)
    broken[bad_pipeline.title] = ValueError("pipeline exploded")
    store = services.article_enrichment_store

    def failing_store(*, article, result):
        if article.id == bad_store.id:
            raise RuntimeError("disk full")
        return store(article=article, result=result)

    monkeypatch.setattr(services, "article_enrichment_store", failing_store)

    outcomes = services.articles_enrich(article_ids=[first.id, bad_pipeline.id, bad_store.id, last.id])

    assert isinstance(outcomes[bad_pipeline.id], ValueError) and isinstance(outcomes[bad_store.id], RuntimeError)
    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses[first.id] == statuses[last.id] == Article.Status.ENRICHED
    assert not Mention.objects.filter(article_id__in=[bad_pipeline.id, bad_store.id]).exists()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_time_limit_stops_the_batch_after_storing_what_was_done(pipeline):
    broken, _threads = pipeline
    done, interrupted, waiting = articles(3)
    broken[interrupted.title] = SoftTimeLimitExceeded()

    with pytest.raises(SoftTimeLimitExceeded):
        services.articles_enrich(article_ids=[done.id, interrupted.id, waiting.id], abort_on=(SoftTimeLimitExceeded,))

    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses[done.id] == Article.Status.ENRICHED
    # The batch held both: the sweeper sends them again once the time limit has passed.
    assert statuses[interrupted.id] == statuses[waiting.id] == Article.Status.ENRICHING
    assert not Mention.objects.filter(article_id__in=[interrupted.id, waiting.id]).exists()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_editor_corrections_survive_batched_re_enrichment(pipeline):
    batch = articles(2)
    services.articles_enrich(article_ids=[a.id for a in batch])
    editor_choice = PersonFactory(name="Lucía Pons")
    kept = Quote.objects.get(article=batch[0])
    Quote.objects.filter(id=kept.id).update(speaker_person=editor_choice, verified=True)
    Mention.objects.filter(article=batch[1]).update(role="alcaldesa (editor)", verified=True)

    services.articles_enrich(article_ids=[a.id for a in batch])

    assert Quote.objects.get(article=batch[0]).speaker_person == editor_choice
    mention = Mention.objects.get(article=batch[1])
    assert mention.verified and mention.role == "alcaldesa (editor)"
    assert Person.objects.filter(name__startswith="Ana Ruiz").count() == 2


@pytest.mark.django_db
def test_inside_a_transaction_the_batch_runs_in_this_thread(pipeline):
    _broken, store_threads = pipeline
    batch = articles(2)

    outcomes = services.articles_enrich(article_ids=[a.id for a in batch])

    assert all(outcome.status == Article.Status.ENRICHED for outcome in outcomes.values())
    assert store_threads == [threading.current_thread().name] * 2


@pytest.mark.django_db
def test_the_task_retries_a_transient_failure_alone_and_fails_a_broken_article(pipeline, monkeypatch):
    broken, _threads = pipeline
    fine, flaky, bad = articles(3)
    broken[flaky.title] = OperationalError("server closed the connection unexpectedly")
    broken[bad.title] = ValueError("pipeline exploded")
    resent = []
    monkeypatch.setattr("articles.tasks.enrich_article.delay", lambda article_id: resent.append(article_id))

    enrich_articles.apply(args=[[fine.id, flaky.id, bad.id]])

    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses[fine.id] == Article.Status.ENRICHED
    assert resent == [flaky.id]
    assert statuses[bad.id] == Article.Status.FAILED
    assert "pipeline exploded" in Article.objects.get(id=bad.id).error


@pytest.mark.django_db
def test_enqueue_sends_batches_and_leaves_a_batch_received_when_the_broker_is_down(monkeypatch):
    ids = [a.id for a in articles(services.ENRICHMENT_BATCH + 3)]
    sent = []
    monkeypatch.setattr("articles.tasks.enrich_articles.delay", lambda batch: sent.append(batch))

    assert services.articles_enqueue(article_ids=ids) == len(ids)
    assert sent == [ids[: services.ENRICHMENT_BATCH], ids[services.ENRICHMENT_BATCH :]]
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.QUEUED}

    def broker_down(batch):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr("articles.tasks.enrich_articles.delay", broker_down)
    assert services.articles_enqueue(article_ids=ids) == 0
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.RECEIVED}


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_article_deleted_before_its_batch_ran_is_its_own_failure(pipeline):
    first, last = articles(2)

    outcomes = services.articles_enrich(article_ids=[first.id, 999_999, last.id])

    assert isinstance(outcomes[999_999], Article.DoesNotExist)
    assert outcomes[first.id].status == outcomes[last.id].status == Article.Status.ENRICHED


@pytest.mark.django_db
def test_the_sweeper_batches_lost_messages_but_sends_timed_out_articles_alone(settings, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - timedelta(hours=1)
    lost = [ArticleFactory(status=Article.Status.QUEUED, status_changed_at=long_ago) for _ in range(3)]
    timed_out = ArticleFactory(status=Article.Status.ENRICHING, status_changed_at=long_ago)
    batches, singles = [], []
    monkeypatch.setattr("articles.tasks.enrich_articles.delay", lambda batch: batches.append(batch))
    monkeypatch.setattr("articles.tasks.enrich_article.delay", lambda article_id: singles.append(article_id))

    services.articles_sweep_stuck(stuck_after=timedelta(minutes=2), enriching_after=timedelta(minutes=6))

    assert [sorted(batch) for batch in batches] == [sorted(a.id for a in lost)] and singles == [timed_out.id]
