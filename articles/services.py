"""Writes: ingestion, enrichment and the canonical entity records they touch."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import uuid
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import nh3
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from graphql_relay import to_global_id

from articles.content_cache import content_changed
from articles.enrichment import PIPELINE_VERSION, enrich_text, normalize_name
from articles.enrichment.types import EnrichmentResult, ExtractedEntity
from articles.models import (
    Article,
    ArticleVersion,
    EditorDecision,
    Mention,
    Organization,
    OrganizationAlias,
    Person,
    PersonAlias,
    Place,
    PlaceAlias,
    Quote,
    Source,
    Subscriber,
    WebhookDelivery,
    WebhookEvent,
)
from articles.selectors import SEARCH_CONFIG
from articles.webhooks import text_normalize, webhook_secret_generate

logger = logging.getLogger(__name__)

HTML_TAG = re.compile(r"<\s*(p|br|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|figure|img|blockquote|html|body)\b", re.I)


def source_create(*, slug: str, name: str = "", secret: str | None = None) -> Source:
    return Source.objects.create(slug=slug, name=name or slug, webhook_secret=secret or webhook_secret_generate())


def body_sanitize(body: str) -> str:
    """Plain text passes through; HTML keeps its structure but loses scripts, styles and event handlers."""
    body = text_normalize(body)
    if HTML_TAG.search(body):
        return nh3.clean(body)
    return body


def _content_hash(*, title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\x00{body}".encode()).hexdigest()


@dataclass(frozen=True)
class IngestOutcome:
    article: Article
    created: bool
    changed: bool
    replayed: bool = False


def article_ingest(*, source: Source, payload: dict[str, Any], webhook_id: str | None = None) -> IngestOutcome:
    """Store one article from a source; a new or changed article is scheduled for enrichment after commit.

    A replayed webhook-id, or the same external_id with the same content, returns the article and changes nothing;
    changed content keeps the previous version and re-enriches. Safe under concurrent duplicate deliveries.
    """
    if webhook_id:
        delivery = WebhookDelivery.objects.filter(source=source, webhook_id=webhook_id).select_related("article")
        if replay := delivery.first():
            return IngestOutcome(article=replay.article, created=False, changed=False, replayed=True)
    title = text_normalize(payload["title"]).strip()
    body = body_sanitize(payload["body"])
    fields = {
        "title": title,
        "body": body,
        "url": payload.get("url") or "",
        "published_at": payload.get("published_at"),
        "language_hint": (payload.get("language") or "").strip().lower(),
        "authors": [text_normalize(author).strip() for author in payload.get("authors") or []],
        "content_hash": _content_hash(title=title, body=body),
    }
    with transaction.atomic():
        outcome = _article_store(source=source, external_id=payload["external_id"], fields=fields)
        if webhook_id:
            try:
                with transaction.atomic():
                    WebhookDelivery.objects.create(source=source, webhook_id=webhook_id, article=outcome.article)
            except IntegrityError:
                pass  # a concurrent copy of this delivery recorded it first
    return outcome


def _article_store(*, source: Source, external_id: str, fields: dict[str, Any]) -> IngestOutcome:
    article = Article.objects.select_for_update().filter(source=source, external_id=external_id).first()
    if fields["published_at"] is None:
        # Unknown publication time: the time it first reached us, so ordering and cursors never meet a null.
        fields = fields | {"published_at": article.published_at if article else timezone.now()}
    if article is None:
        try:
            with transaction.atomic():
                article = Article.objects.create(source=source, external_id=external_id, **fields)
        except IntegrityError:  # a concurrent delivery of the same article won the race
            article = Article.objects.get(source=source, external_id=external_id)
            return IngestOutcome(article=article, created=False, changed=False)
        article_schedule_enrichment(article_id=article.id)
        return IngestOutcome(article=article, created=True, changed=True)
    if article.content_hash == fields["content_hash"]:
        return IngestOutcome(article=article, created=False, changed=False)
    ArticleVersion.objects.create(
        article=article, title=article.title, body=article.body, content_hash=article.content_hash
    )
    for name, value in fields.items():
        setattr(article, name, value)
    article.status = Article.Status.RECEIVED
    article.status_changed_at = timezone.now()
    content_changed()
    article.error = ""
    article.save()
    article_schedule_enrichment(article_id=article.id)
    article_event_emit(article=article, event_type=Subscriber.EventType.ARTICLE_UPDATED)
    return IngestOutcome(article=article, created=False, changed=True)


def article_schedule_enrichment(*, article_id: int) -> None:
    """Queue enrichment once the surrounding transaction commits, so the worker sees the row."""
    transaction.on_commit(lambda: article_enqueue(article_id=article_id))


def _status_set(article_id: int, status: str, *, only_from: tuple[str, ...] = (), **fields: Any) -> int:
    articles = Article.objects.filter(id=article_id)
    if only_from:
        articles = articles.filter(status__in=only_from)
    content_changed()
    return articles.update(status=status, status_changed_at=timezone.now(), **fields)


def article_enqueue(*, article_id: int) -> bool:
    """Send the enrichment task; on a broker failure the article stays RECEIVED and the sweeper retries later."""
    from articles.tasks import enrich_article

    _status_set(article_id, Article.Status.QUEUED)
    try:
        enrich_article.delay(article_id)
    except Exception:  # the broker is down: the database row stays the source of truth
        logger.exception("could not enqueue enrichment of article %s", article_id)
        _status_set(article_id, Article.Status.RECEIVED, only_from=(Article.Status.QUEUED,))
        return False
    return True


def articles_sweep_stuck(*, stuck_after: timedelta, enriching_after: timedelta) -> list[int]:
    """Send again the articles whose enrichment message was lost: RECEIVED or QUEUED for too long, or ENRICHING
    beyond the task time limit (its worker died). Returns their ids."""
    now = timezone.now()
    waiting = Article.objects.filter(
        status__in=[Article.Status.RECEIVED, Article.Status.QUEUED], status_changed_at__lt=now - stuck_after
    )
    running = Article.objects.filter(status=Article.Status.ENRICHING, status_changed_at__lt=now - enriching_after)
    waiting_ids = list(waiting.values_list("id", flat=True))
    running_ids = list(running.values_list("id", flat=True))
    articles_enqueue(article_ids=waiting_ids)
    for article_id in running_ids:  # alone: an article that outlived the time limit must not hold up a batch
        article_enqueue(article_id=article_id)
    return waiting_ids + running_ids


# Articles per batch message: enough that nearly every article's writes overlap the next one's pipeline, few
# enough that a batch stays well inside the task time limit and a redelivered batch repeats little work.
ENRICHMENT_BATCH = 8


def articles_enqueue(*, article_ids: list[int]) -> int:
    """Send enrichment for many articles (re-enrichment, the sweeper), ENRICHMENT_BATCH per message, so that a worker
    stores each article's results while it runs the pipeline on the next. Returns how many were sent; on a broker
    failure the rest stay RECEIVED and the sweeper retries later."""
    from articles.tasks import enrich_articles

    sent = 0
    for start in range(0, len(article_ids), ENRICHMENT_BATCH):
        batch = article_ids[start : start + ENRICHMENT_BATCH]
        content_changed()
        Article.objects.filter(id__in=batch).update(status=Article.Status.QUEUED, status_changed_at=timezone.now())
        try:
            enrich_articles.delay(batch)
        except Exception:  # the broker is down: the database rows stay the source of truth
            logger.exception("could not enqueue enrichment of articles %s", batch)
            Article.objects.filter(id__in=batch, status=Article.Status.QUEUED).update(
                status=Article.Status.RECEIVED, status_changed_at=timezone.now()
            )
            continue
        sent += len(batch)
    return sent


def articles_claim_waiting(*, article_id: int, limit: int) -> list[int]:
    """Up to `limit` other articles waiting in the queue (QUEUED), oldest first, marked ENRICHING for the caller to
    enrich with `article_id` as one batch. Their own tasks, still in the broker, find them taken and stop
    (article_enrichment_taken). SKIP LOCKED: two workers never claim the same article. PostgreSQL only; elsewhere
    nothing is claimed."""
    if connection.vendor != "postgresql" or limit < 1:
        return []
    content_changed()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET status = %s, status_changed_at = %s WHERE id IN ("
            "SELECT id FROM articles_article WHERE status = %s AND id <> %s "
            "ORDER BY status_changed_at, id LIMIT %s FOR UPDATE SKIP LOCKED) RETURNING id",
            [Article.Status.ENRICHING, timezone.now(), Article.Status.QUEUED, article_id, limit],
        )
        return sorted(row[0] for row in cursor.fetchall())


def article_enrichment_taken(*, article_id: int, taken_for: timedelta) -> bool:
    """Whether the article's enrichment was done or started by another task's batch since it was queued: ENRICHED,
    FAILED, or ENRICHING for less than `taken_for` (past that, the sweeper sends it again)."""
    status, changed_at = Article.objects.values_list("status", "status_changed_at").get(id=article_id)
    if status in (Article.Status.ENRICHED, Article.Status.FAILED):
        return True
    return status == Article.Status.ENRICHING and changed_at is not None and changed_at > timezone.now() - taken_for


def articles_enrich(
    *, article_ids: list[int], abort_on: tuple[type[BaseException], ...] = ()
) -> dict[int, Article | Exception]:
    """Enrich several articles, each stored in its own transaction as article_enrich does; an article's failure is
    its outcome and leaves the others alone. An exception of an `abort_on` type (a time limit) stops the batch.

    On PostgreSQL, outside a transaction, a second thread with its own database connection stores each article's
    results while this one runs the pipeline on the next article: the pipeline holds the CPU, the writes mostly wait
    on the database. Inside a caller's transaction a second connection could not see its uncommitted rows, so
    there the articles go one after the other.
    """
    outcomes: dict[int, Article | Exception] = {}
    if connection.vendor != "postgresql" or connection.in_atomic_block or len(article_ids) < 2:
        for article_id in article_ids:
            try:
                outcomes[article_id] = article_enrich(article_id=article_id)
            except Exception as exc:
                outcomes[article_id] = exc
                if isinstance(exc, abort_on):
                    raise
        return outcomes

    started = articles_enrichment_start(article_ids=article_ids)
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrichment-writes")
    pending: tuple[int, Future] | None = None
    try:
        for article_id in article_ids:
            article = started.get(article_id)
            if article is None:
                outcomes[article_id] = Article.DoesNotExist(f"no article {article_id}")
                continue
            try:
                result = enrich_text(
                    title=article.title,
                    body=article.body,
                    language=article.language_hint or None,
                    models=settings.ENRICHMENT_MODELS,
                )
            except Exception as exc:
                outcomes[article_id] = exc
                if isinstance(exc, abort_on):
                    raise
                continue
            if pending is not None:  # one store in flight at a time: results are stored in order
                _outcome_collect(pending, outcomes)
            pending = (article_id, writer.submit(article_enrichment_store, article=article, result=result))
    finally:
        if pending is not None:
            _outcome_collect(pending, outcomes)
        writer.submit(_connection_close).result()
        writer.shutdown()
    return outcomes


def _connection_close() -> None:
    """Run in the writer thread: `connection` resolves to that thread's own connection there."""
    connection.close()


def _outcome_collect(pending: tuple[int, Future], outcomes: dict[int, Article | Exception]) -> None:
    article_id, future = pending
    try:
        outcomes[article_id] = future.result()
    except Exception as exc:
        outcomes[article_id] = exc


# Article columns an enrichment reads: the text it runs on, and what the article.enriched event carries.
_ENRICH_READS = (
    "id",
    "source_id",
    "external_id",
    "title",
    "body",
    "url",
    "language_hint",
    "content_hash",
    "published_at",
)


def article_enrich(*, article_id: int) -> Article:
    """Run the enrichment pipeline on an article and store its results; safe to run any number of times.

    The returned article has the columns the enrichment read or wrote loaded; any other loads on access.
    """
    article = article_enrichment_start(article_id=article_id)
    result = enrich_text(
        title=article.title,
        body=article.body,
        language=article.language_hint or None,
        models=settings.ENRICHMENT_MODELS,
    )
    return article_enrichment_store(article=article, result=result)


def article_enrichment_start(*, article_id: int) -> Article:
    """Mark the article ENRICHING (the sweeper's clock starts) and read what the pipeline needs."""
    if connection.vendor != "postgresql":
        _status_set(article_id, Article.Status.ENRICHING, attempts=F("attempts") + 1)
        return _partial(Article, Article.objects.values(*_ENRICH_READS).get(id=article_id))
    started = articles_enrichment_start(article_ids=[article_id])
    if article_id not in started:
        raise Article.DoesNotExist(f"no article {article_id}")
    return started[article_id]


def articles_enrichment_start(*, article_ids: list[int]) -> dict[int, Article]:
    """article_enrichment_start for several articles in one statement (PostgreSQL): a batch's articles are all
    ENRICHING while its worker holds them, and their clocks start together, as the batch's time limit does."""
    content_changed()
    # On its own (no caller's transaction) the statement commits without waiting for its WAL flush, as the storing
    # transaction does: a database crash that lost it leaves the articles QUEUED, which the sweeper sends again, and
    # an attempt uncounted. The wait measured 2.9 ms an article with other work writing to the disk.
    alone = connection.get_autocommit() and not connection.in_atomic_block
    unflushed = "FROM (SELECT set_config('synchronous_commit', 'off', true)) s " if alone else ""
    with connection.cursor() as cursor:  # the status update and the read in one round trip
        cursor.execute(
            "UPDATE articles_article SET status = %s, status_changed_at = %s, attempts = attempts + 1 "
            f"{unflushed}WHERE id = ANY(%s::bigint[]) RETURNING {', '.join(_ENRICH_READS)}",
            [Article.Status.ENRICHING, timezone.now(), list(article_ids)],
        )
        rows = cursor.fetchall()
    return {row[0]: _partial(Article, dict(zip(_ENRICH_READS, row, strict=True))) for row in rows}


def article_enrichment_store(*, article: Article, result: EnrichmentResult) -> Article:
    """Store a pipeline result for an article read by article_enrichment_start, in one transaction; nothing is
    stored when the article's content changed since (the enrichment that change scheduled will store its own)."""
    article_id = article.id
    with transaction.atomic():
        locked_hash = _article_lock(article_id)
        if locked_hash != article.content_hash:
            return Article.objects.get(id=article_id)
        stored = _stored_annotations(article_id)  # read after the lock: a concurrent run's rows are seen
        enrichment_apply(article=article, result=result, stored=stored)
        now = timezone.now()
        article.status = Article.Status.ENRICHED
        article.status_changed_at = article.enriched_at = article.updated_at = now
        article.error = ""
        _enriched_article_write(article)
        content_changed()
        if stored.subscribers is not False:  # None: not read on this database, so ask
            article_event_emit(article=article, event_type=Subscriber.EventType.ARTICLE_ENRICHED)
    return article


def _article_lock(article_id: int) -> str:
    """Lock the article's row for the rest of the transaction and return its content hash.

    On PostgreSQL the transaction also commits without waiting for its WAL to reach disk: everything it writes is
    derived from the article and is written again if lost, since a crash before the flush leaves the article
    ENRICHING (or QUEUED), which the sweeper re-enqueues. Ingestion and editors' writes keep the full guarantee.
    """
    if connection.vendor != "postgresql":
        return Article.objects.select_for_update().values_list("content_hash", flat=True).get(id=article_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_hash, set_config('synchronous_commit', 'off', true) FROM articles_article "
            "WHERE id = %s FOR UPDATE",
            [article_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise Article.DoesNotExist(f"no article {article_id}")
    return row[0]


@dataclass
class _Stored:
    """An article's mentions and quotes as stored, and whether any subscriber is active (None: unknown)."""

    mentions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    subscribers: bool | None = None


def _stored_annotations(article_id: int) -> _Stored:
    if connection.vendor != "postgresql":
        return _Stored(
            mentions=list(Mention.objects.filter(article_id=article_id).values(*_MENTION_READS)),
            quotes=list(Quote.objects.filter(article_id=article_id).values(*_QUOTE_READS)),
        )
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:  # three reads in one round trip
        cursor.execute(
            f"SELECT (SELECT json_agg(m) FROM (SELECT {', '.join(map(qn, _MENTION_READS))} FROM articles_mention "
            "WHERE article_id = %s) m), "
            f"(SELECT json_agg(q) FROM (SELECT {', '.join(map(qn, _QUOTE_READS))} FROM articles_quote "
            "WHERE article_id = %s) q), "
            "EXISTS (SELECT 1 FROM articles_subscriber WHERE is_active)",
            [article_id, article_id],
        )
        mentions, quotes, subscribers = cursor.fetchone()
    return _Stored(mentions=mentions or [], quotes=quotes or [], subscribers=subscribers)


_ENRICH_WRITES = (
    "language",
    "clean_text",
    "keywords",
    "pipeline_version",
    "status",
    "status_changed_at",
    "enriched_at",
    "updated_at",
    "error",
)


def _enriched_article_write(article: Article) -> None:
    written = {name: getattr(article, name) for name in _ENRICH_WRITES}
    if connection.vendor != "postgresql":
        Article.objects.filter(id=article.id).update(**written)
        return
    written["keywords"] = json.dumps(written["keywords"])
    # The same expression as article_search_index, with the new clean text as a value: in an UPDATE a column
    # reference would read the old one.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE articles_article SET {', '.join(f'{name} = %s' for name in written)}, search_vector = "
            "setweight(to_tsvector(%s::regconfig, COALESCE(title, '')), 'A') "
            "|| setweight(to_tsvector(%s::regconfig, COALESCE(%s, '')), 'B') WHERE id = %s",
            [*written.values(), SEARCH_CONFIG, SEARCH_CONFIG, article.clean_text, article.id],
        )


def _partial(model, values: dict[str, Any]):
    """A model instance from some of its columns; the others load from the database if read."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def _search_vector(*, title, clean_text) -> SearchVector:
    return SearchVector(title, weight="A", config=SEARCH_CONFIG) + SearchVector(
        clean_text, weight="B", config=SEARCH_CONFIG
    )


def article_search_index(*, article_id: int) -> None:
    """Refresh the article's full-text search vector (PostgreSQL; SQLite searches without one)."""
    if connection.vendor != "postgresql":
        return
    Article.objects.filter(id=article_id).update(search_vector=_search_vector(title="title", clean_text="clean_text"))


def article_mark_failed(*, article_id: int, error: str) -> None:
    _status_set(article_id, Article.Status.FAILED, error=error[:5000])


ENTITY_MODELS = {
    "person": (Person, PersonAlias, "person"),
    "organization": (Organization, OrganizationAlias, "organization"),
    "place": (Place, PlaceAlias, "place"),
}

_MENTION_COLUMNS = ("offsets", "surface_forms", "salience", "role", "affiliation_id", "pipeline_version")
_QUOTE_COLUMNS = (
    "text",
    "kind",
    "speaker_person_id",
    "speaker_organization_id",
    "speaker_text",
    "cue",
    "start",
    "end",
    "confidence",
    "pipeline_version",
)
_MENTION_READS = ("id", "kind", "person_id", "organization_id", "place_id", "verified", *_MENTION_COLUMNS)
_QUOTE_READS = ("id", "verified", "rejected", *_QUOTE_COLUMNS)


def enrichment_apply(*, article: Article, result: EnrichmentResult, stored: _Stored | None = None) -> None:
    """Replace the article's machine annotations with the result's; editor-verified ones stay untouched.

    Sets the article's enrichment fields without saving the article. Machine rows that come out the same are left
    as they are, so re-enriching an unchanged article writes no mention or quote. `stored` is what the article
    holds now, when the caller has read it already.
    """
    article.language = result.language
    article.clean_text = result.clean_text
    article.keywords = result.keywords
    article.pipeline_version = result.pipeline_version or PIPELINE_VERSION
    stored = stored or _stored_annotations(article.id)
    records = entities_resolve(extracted=result.entities)
    _mentions_store(article=article, result=result, records=records, rows=stored.mentions)
    _quotes_store(article=article, result=result, records=records, rows=stored.quotes)


def _mentions_store(*, article: Article, result: EnrichmentResult, records: list, rows: list[dict]) -> None:
    verified: set[tuple[str, int]] = set()
    stored: dict[tuple[str, int], dict] = {}
    for row in rows:
        key = (row["kind"], row[f"{row['kind']}_id"])
        if row["verified"]:
            verified.add(key)
        else:
            stored[key] = row

    wanted: dict[tuple[str, int], dict] = {}
    organizations_by_name = {}
    for extracted, record in zip(result.entities, records, strict=True):
        if extracted.kind == "organization":
            organizations_by_name[normalize_name(extracted.name)] = record
        key = (extracted.kind, record.id)
        if key in verified:
            continue
        offsets = [[span.start, span.end] for span in extracted.mentions]
        forms = [extracted.name, *extracted.aliases]
        same = wanted.get(key)
        if same is not None:  # two extracted entities resolved to one record: one mention holds both
            same["offsets"] = sorted(same["offsets"] + offsets)
            same["surface_forms"] = list(dict.fromkeys(same["surface_forms"] + forms))
            same["salience"] = max(same["salience"], extracted.salience)
            same["role"] = same["role"] or (extracted.role or "")[:300]
            continue
        wanted[key] = {
            "offsets": offsets,
            "surface_forms": forms,
            "salience": extracted.salience,
            "role": (extracted.role or "")[:300],
            "affiliation_id": None,
            "pipeline_version": article.pipeline_version,
        }
    for extracted, record in zip(result.entities, records, strict=True):
        mention = wanted.get((extracted.kind, record.id))
        if mention is not None and extracted.affiliation and mention["affiliation_id"] is None:
            affiliation = organizations_by_name.get(normalize_name(extracted.affiliation))
            mention["affiliation_id"] = affiliation.id if affiliation is not None else None

    new, changed = [], []
    for (kind, entity_id), values in wanted.items():
        row = stored.pop((kind, entity_id), None)
        if row is None:
            entity_ids = {"person_id": None, "organization_id": None, "place_id": None, f"{kind}_id": entity_id}
            new.append({"article_id": article.id, "kind": kind, **entity_ids, **values, "verified": False})
        elif any(row[name] != values[name] for name in _MENTION_COLUMNS):
            changed.append(Mention(id=row["id"], **values))
    if stored:  # machine mentions of entities the text no longer yields
        _rows_delete(Mention, [row["id"] for row in stored.values()])
    if changed:
        Mention.objects.bulk_update(changed, list(_MENTION_COLUMNS))
    _rows_insert(Mention, new)


def _quotes_store(*, article: Article, result: EnrichmentResult, records: list, rows: list[dict]) -> None:
    decided: list[tuple[int, int]] = []  # spans an editor verified or rejected
    stored: dict[tuple, list[int]] = {}
    for row in rows:
        if row["verified"] or row["rejected"]:
            decided.append((row["start"], row["end"]))
        else:
            stored.setdefault(tuple(row[name] for name in _QUOTE_COLUMNS), []).append(row["id"])
    new = []
    for extracted in result.quotes:
        if any(_overlaps(extracted.start, extracted.end, start, end) for start, end in decided):
            continue  # an editor has decided about this span already
        speaker = records[extracted.speaker] if extracted.speaker is not None else None
        values = {
            "text": extracted.text,
            "kind": extracted.kind,
            "speaker_person_id": speaker.id if isinstance(speaker, Person) else None,
            "speaker_organization_id": speaker.id if isinstance(speaker, Organization) else None,
            "speaker_text": (extracted.speaker_text or "")[:300],
            "cue": (extracted.cue or "")[:100],
            "start": extracted.start,
            "end": extracted.end,
            "confidence": extracted.confidence,
            "pipeline_version": article.pipeline_version,
        }
        same = stored.get(tuple(values[name] for name in _QUOTE_COLUMNS))
        if same:
            same.pop()  # stored exactly so already
            continue
        new.append({"article_id": article.id, **values, "verified": False, "rejected": False})
    gone = [quote_id for ids in stored.values() for quote_id in ids]
    if gone:
        _rows_delete(Quote, gone)
    _rows_insert(Quote, new)


def _rows_insert(
    model, rows: list[dict[str, Any]], *, returning: tuple[str, ...] = (), ignore_conflicts: bool = False
) -> list[tuple]:
    """INSERT rows given as {attname: value} dicts with the same keys, in one statement; returns the `returning`
    columns of the rows inserted (PostgreSQL).

    On PostgreSQL the rows travel as one JSON document unpacked by jsonb_to_recordset: compiling Django's bulk
    INSERT cost more CPU than the rest of an article's writes together. Elsewhere bulk_create does it.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], ignore_conflicts=ignore_conflicts)
        return []
    sql = _insert_sql(model, tuple(rows[0]), returning, ignore_conflicts)
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(rows)])
        return cursor.fetchall() if returning else []


@functools.cache
def _insert_sql(model, names: tuple[str, ...], returning: tuple[str, ...], ignore_conflicts: bool) -> str:
    # Made once per model and column set: field lookups and column types cost 0.2 ms an article when made each time.
    qn = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(qn(field.column) for field in fields)
    types = ", ".join(
        f"{qn(field.column)} {field.rel_db_type(connection) if field.is_relation else field.db_type(connection)}"
        for field in fields
    )
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({columns}) "
        f"SELECT {columns} FROM jsonb_to_recordset(%s::jsonb) AS r({types})"
    )
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += f" RETURNING {', '.join(qn(model._meta.get_field(name).column) for name in returning)}"
    return sql


def _rows_delete(model, ids: list[int]) -> None:
    """DELETE by primary key, without the collector's SELECT and per-row signals: nothing cascades from mentions or
    quotes, and the caller reports the content change itself."""
    model.objects.filter(id__in=ids)._raw_delete(model.objects.db)


def _overlaps(start_a: int, end_a: int, start_b: int, end_b: int) -> bool:
    return start_a < end_b and start_b < end_a


def entity_resolve(*, extracted: ExtractedEntity) -> Person | Organization | Place:
    """The canonical record for one extracted entity (see entities_resolve)."""
    return entities_resolve(extracted=[extracted])[0]


def entities_resolve(*, extracted: list[ExtractedEntity]) -> list[Person | Organization | Place]:
    """The canonical records for an article's entities, found by indexed name and alias keys, else created.

    A full name matches the same name, else an alias (the oldest record wins), else a record known so far only by
    one of its short forms, which then takes the full name. A single-word name (a surname, an acronym) matches only
    when exactly one record carries it, so "Miller" never lands on one of two different Millers. One lock statement
    and one lookup for all types, then at most one insert of records and one of aliases per type, whatever the
    number of entities or stored records.
    """
    forms = [
        [form for form in dict.fromkeys([entity.name, *entity.aliases]) if normalize_name(form)] for entity in extracted
    ]
    keys_by_kind: dict[str, list[str]] = {}
    for entity, group in zip(extracted, forms, strict=True):
        keys_by_kind.setdefault(entity.kind, []).extend(normalize_name(form) for form in group)
    keys_by_kind = {kind: sorted(set(keys)) for kind, keys in keys_by_kind.items() if keys}
    records: list = [None] * len(extracted)
    # Inside the caller's transaction no savepoint is needed: a failure here fails the whole write anyway.
    with transaction.atomic(savepoint=False):
        _lock_names(keys_by_kind)
        found = _records_lookup(keys_by_kind)
        for kind in ENTITY_MODELS:
            indexes = [i for i, entity in enumerate(extracted) if entity.kind == kind]
            if indexes:
                by_name, holders = found.get(kind, ({}, {}))
                resolved = _resolve_kind(
                    kind, [extracted[i] for i in indexes], [forms[i] for i in indexes], by_name, holders
                )
                for i, record in zip(indexes, resolved, strict=True):
                    records[i] = record
    return records


def _records_lookup(keys_by_kind: dict[str, list[str]]) -> dict[str, tuple[dict, dict]]:
    """For each type, the records whose own name is one of its keys and, per key, the records holding it as an
    alias: one UNION ALL query over every type's record and alias tables."""
    qn = connection.ops.quote_name
    parts, params = [], []
    for kind, keys in keys_by_kind.items():
        model, alias_model, fk = ENTITY_MODELS[kind]
        table, alias_table = qn(model._meta.db_table), qn(alias_model._meta.db_table)
        marks = ", ".join(["%s"] * len(keys))
        parts.append(
            f"SELECT %s, r.normalized_name, r.id, r.name, r.normalized_name, r.verified "
            f"FROM {table} r WHERE r.normalized_name IN ({marks})"
        )
        parts.append(
            f"SELECT %s, a.normalized_name, r.id, r.name, r.normalized_name, r.verified "
            f"FROM {alias_table} a JOIN {table} r ON r.id = a.{qn(fk + '_id')} WHERE a.normalized_name IN ({marks})"
        )
        params += [f"{kind}:name", *keys, f"{kind}:alias", *keys]
    found: dict[str, tuple[dict, dict]] = {}
    if not parts:
        return found
    instances: dict[tuple[str, int], Any] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    for tag, key, record_id, name, normalized, verified in rows:
        kind, via = tag.split(":")
        record = instances.get((kind, record_id))
        if record is None:
            values = {"id": record_id, "name": name, "normalized_name": normalized, "verified": bool(verified)}
            record = _partial(ENTITY_MODELS[kind][0], values)
            instances[(kind, record_id)] = record
        by_name, holders = found.setdefault(kind, ({}, {}))
        if via == "name":
            by_name.setdefault(key, []).append(record)
        else:
            holders.setdefault(key, {})[record_id] = record
    return found


def _resolve_kind(
    kind: str, entities: list[ExtractedEntity], forms: list[list[str]], by_name: dict[str, list], holders: dict
) -> list:
    model, alias_model, fk = ENTITY_MODELS[kind]
    resolved: list = []
    created: dict[str, object] = {}  # new records of this article, so a repeated name is not created twice
    for entity, group in zip(entities, forms, strict=True):
        name_key = normalize_name(entity.name)
        record = created.get(name_key)
        if record is None and len(name_key.split()) == 1:
            carriers = {r.id: r for r in by_name.get(name_key, [])} | holders.get(name_key, {})
            record = next(iter(carriers.values())) if len(carriers) == 1 else None
        elif record is None:
            record = min(by_name.get(name_key, []), key=lambda r: r.id, default=None)
            if record is None and holders.get(name_key):
                record = holders[name_key][min(holders[name_key])]
            if record is None:
                short_keys = {normalize_name(form) for form in group} - {name_key}
                candidates = [r for key in short_keys if len(key.split()) == 1 for r in by_name.get(key, [])]
                if len(candidates) == 1:
                    record = candidates[0]
                    alias_model.objects.get_or_create(
                        **{fk: record, "normalized_name": record.normalized_name}, defaults={"name": record.name}
                    )
                    holders.setdefault(record.normalized_name, {})[record.id] = record
                    record.name = entity.name
                    record.save(update_fields=["name", "normalized_name"])
        if record is None:
            record = model(name=entity.name, normalized_name=name_key)
            created[name_key] = record
        resolved.append(record)

    new_records = list({id(r): r for r in created.values()}.values())
    if new_records:
        _records_insert(model, new_records)
    # The aliases a record already has among this article's keys came with the lookup; the rest are added.
    known: dict[int, set[str]] = {}
    for key, carriers in holders.items():
        for record_id in carriers:
            known.setdefault(record_id, set()).add(key)
    new_aliases = []
    for record, group in zip(resolved, forms, strict=True):
        seen = known.setdefault(record.id, set()) | {record.normalized_name}
        for form in group:
            key = normalize_name(form)
            if key not in seen:
                new_aliases.append({f"{fk}_id": record.id, "name": form, "normalized_name": key})
                seen.add(key)
        known[record.id] = seen
    _rows_insert(alias_model, new_aliases, ignore_conflicts=True)
    return resolved


def _records_insert(model, records: list) -> None:
    """bulk_create for new entity records: on PostgreSQL one jsonb_to_recordset INSERT that gives back the ids,
    matched by normalized name (unique among one article's new records of a type), without Django compiling a bulk
    INSERT of model instances."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(records)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = []
    for record in records:
        # Every concrete column, from the model; pre_save fills auto_now_add as bulk_create does.
        values = {field.attname: field.pre_save(record, add=True) for field in fields}
        rows.append({name: v.isoformat() if isinstance(v, datetime) else v for name, v in values.items()})
    inserted = _rows_insert(model, rows, returning=("id", "normalized_name"))
    ids = {normalized: record_id for record_id, normalized in inserted}
    for record in records:
        record.id = ids[record.normalized_name]
        record._state.adding = False
        record._state.db = connection.alias


def _lock_names(keys_by_kind: dict[str, list[str]]) -> None:
    """Serialise concurrent creation of the same entity across workers (PostgreSQL advisory locks)."""
    if connection.vendor != "postgresql":
        return  # SQLite serialises writers itself
    # One statement, one order for every type: no deadlocks.
    lock_ids = sorted(
        {zlib.crc32(f"{kind}:{key}".encode()) - 2**31 for kind, keys in keys_by_kind.items() for key in keys}
    )
    if not lock_ids:
        return
    with connection.cursor() as cursor:
        # The same statement turns parallel query off for the rest of the transaction: the lookups that follow are a
        # few index probes, and a parallel plan (chosen on the stale statistics a bulk load leaves until autovacuum
        # analyses the tables) spent more on starting its workers than the whole lookup takes.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(id), set_config('max_parallel_workers_per_gather', '0', true) "
            "FROM unnest(%s::bigint[]) AS id ORDER BY id",
            [lock_ids],
        )


def entity_merge(*, keep: Person | Organization | Place, others: list, user=None) -> Person | Organization | Place:
    """Fold other records of the same type into one: their names become aliases, their mentions and quotes move.

    Re-enrichment resolves the old names through those aliases, so the merge survives it.
    """
    model, alias_model, fk = ENTITY_MODELS[type(keep).__name__.lower()]
    if any(type(other) is not model for other in others):
        raise ValueError("only records of the same type can be merged")
    others = [other for other in others if other.pk != keep.pk]
    with transaction.atomic():
        known = set(keep.aliases.values_list("normalized_name", flat=True)) | {keep.normalized_name}
        for other in others:
            for name in [other.name, *other.aliases.values_list("name", flat=True)]:
                if normalize_name(name) not in known:
                    alias_model.objects.create(**{fk: keep, "name": name})
                    known.add(normalize_name(name))
            kept_mentions = {mention.article_id: mention for mention in Mention.objects.filter(**{fk: keep})}
            for mention in Mention.objects.filter(**{fk: other}):
                target = kept_mentions.get(mention.article_id)
                if target is None:
                    setattr(mention, fk, keep)
                    mention.save(update_fields=[fk])
                    continue
                target.offsets = sorted(target.offsets + mention.offsets)
                target.surface_forms = list(dict.fromkeys(target.surface_forms + mention.surface_forms))
                target.salience = max(target.salience, mention.salience)
                target.verified = target.verified or mention.verified
                target.save(update_fields=["offsets", "surface_forms", "salience", "verified"])
                mention.delete()
            if model is Person:
                Quote.objects.filter(speaker_person=other).update(speaker_person=keep)
            elif model is Organization:
                Quote.objects.filter(speaker_organization=other).update(speaker_organization=keep)
                Mention.objects.filter(affiliation=other).update(affiliation=keep)
            other.delete()
        keep.verified = True
        keep.save(update_fields=["verified"])
        content_changed()
        EditorDecision.objects.create(
            user=user,
            action=EditorDecision.Action.MERGE,
            details={"type": fk, "kept": keep.pk, "name": keep.name, "merged": [o.name for o in others]},
        )
    return keep


def article_event_emit(*, article: Article, event_type: str) -> list[WebhookEvent]:
    """Tell subscribers about an article (enriched, or its content changed); call inside the storing transaction."""
    subscribers = _subscribers_for(event_type)
    if not subscribers:
        return []
    return _events_record(
        subscribers=subscribers,
        event_type=event_type,
        data={
            "id": article.id,
            "node_id": to_global_id("Article", article.id),
            "source": Source.objects.values_list("slug", flat=True).get(id=article.source_id),
            "external_id": article.external_id,
            "title": article.title,
            "url": article.url,
            "language": article.language,
            "status": article.status,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "api_url": reverse("article-detail", args=[article.id]),
            "ninjs_url": reverse("article-ninjs", args=[article.id]),
        },
    )


def webhook_event_emit(*, event_type: str, data: dict[str, Any]) -> list[WebhookEvent]:
    """Record an event for each active subscriber that chose its type; each is sent by its own task once the
    surrounding transaction commits, so nothing is sent about a change that was rolled back."""
    return _events_record(subscribers=_subscribers_for(event_type), event_type=event_type, data=data)


def _subscribers_for(event_type: str) -> list[Subscriber]:
    return [s for s in Subscriber.objects.filter(is_active=True) if event_type in (s.event_types or [])]


def _events_record(*, subscribers: list[Subscriber], event_type: str, data: dict[str, Any]) -> list[WebhookEvent]:
    if not subscribers:
        return []
    payload = {"type": event_type, "timestamp": timezone.now().isoformat(), "data": data}
    events = [
        WebhookEvent.objects.create(
            subscriber=subscriber, event_type=event_type, message_id=f"msg_{uuid.uuid4().hex}", payload=payload
        )
        for subscriber in subscribers
    ]
    for event in events:
        transaction.on_commit(lambda event_id=event.id: webhook_event_enqueue(event_id=event_id))
    return events


def webhook_event_enqueue(*, event_id: int) -> bool:
    """Send the delivery task; on a broker failure the event stays pending and is logged."""
    from articles.tasks import deliver_webhook_event

    try:
        deliver_webhook_event.delay(event_id)
    except Exception:  # the broker is down: the row keeps the event, an editor can resend it from the admin
        logger.exception("could not enqueue webhook event %s", event_id)
        return False
    return True


def webhook_event_deliver(*, event_id: int) -> WebhookEvent:
    """Make one attempt at sending a pending event and log it on the row; safe to run twice.

    After WEBHOOK_MAX_ATTEMPTS failed attempts the event is failed, and a subscriber with WEBHOOK_DISABLE_AFTER failed
    events in a row is disabled. A success resets its failure count.
    """
    from articles.outgoing import webhook_send

    event = WebhookEvent.objects.select_related("subscriber").get(id=event_id)
    if event.status != WebhookEvent.Status.PENDING:
        return event
    subscriber = event.subscriber
    if not subscriber.is_active:
        WebhookEvent.objects.filter(id=event_id).update(
            status=WebhookEvent.Status.FAILED, last_error="subscriber disabled"
        )
        event.refresh_from_db()
        return event
    result = webhook_send(
        url=subscriber.url,
        secret=subscriber.secret,
        message_id=event.message_id,
        payload=event.payload,
        timeout=settings.WEBHOOK_TIMEOUT,
    )
    now = timezone.now()
    with transaction.atomic():
        event = WebhookEvent.objects.select_for_update().get(id=event_id)
        event.attempts += 1
        event.last_status_code = result.status_code
        event.last_error = result.error[:2000]
        event.attempt_log = [
            *event.attempt_log,
            {"at": now.isoformat(), "status_code": result.status_code, "error": result.error[:500]},
        ]
        if result.ok:
            event.status = WebhookEvent.Status.DELIVERED
            event.delivered_at = now
            Subscriber.objects.filter(id=subscriber.id).update(consecutive_failures=0)
        elif event.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            event.status = WebhookEvent.Status.FAILED
            subscriber_record_failure(subscriber_id=subscriber.id)
        event.save()
    return event


def subscriber_record_failure(*, subscriber_id: int) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().get(id=subscriber_id)
    subscriber.consecutive_failures += 1
    if subscriber.is_active and subscriber.consecutive_failures >= settings.WEBHOOK_DISABLE_AFTER:
        subscriber.is_active = False
        subscriber.disabled_at = timezone.now()
        logger.warning(
            "webhook subscriber %s disabled after %d failed events", subscriber, subscriber.consecutive_failures
        )
    subscriber.save(update_fields=["consecutive_failures", "is_active", "disabled_at"])
    return subscriber


def subscriber_enable(*, subscriber: Subscriber) -> Subscriber:
    """Turn a subscriber back on with a clean failure count (after its receiver was fixed)."""
    Subscriber.objects.filter(id=subscriber.id).update(is_active=True, consecutive_failures=0, disabled_at=None)
    subscriber.refresh_from_db()
    return subscriber


def webhook_event_resend(*, event: WebhookEvent) -> bool:
    """Send a failed or stuck event again from the first attempt, under its same webhook-id."""
    WebhookEvent.objects.filter(id=event.id).update(status=WebhookEvent.Status.PENDING, attempts=0)
    return webhook_event_enqueue(event_id=event.id)


def _speaker_ref(speaker: Person | Organization | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"type": type(speaker).__name__.lower(), "id": speaker.pk, "name": speaker.name}


def quote_verify(*, quote: Quote, user=None) -> Quote:
    """An editor confirms a quote as extracted; re-enrichment keeps it."""
    with transaction.atomic():
        quote.verified = True
        quote.save(update_fields=["verified"])
        EditorDecision.objects.create(
            user=user,
            action=EditorDecision.Action.VERIFY_QUOTE,
            details={"quote": quote.pk, "article": quote.article_id, "speaker": _speaker_ref(quote.speaker)},
        )
        webhook_event_emit(
            event_type=Subscriber.EventType.QUOTE_VERIFIED,
            data={
                "id": quote.pk,
                "article": quote.article_id,
                "article_node_id": to_global_id("Article", quote.article_id),
                "text": quote.text,
                "kind": quote.kind,
                "speaker": _speaker_ref(quote.speaker),
                "speaker_text": quote.speaker_text,
                "verified": True,
            },
        )
    return quote


def quote_reject(*, quote: Quote, user=None) -> Quote:
    """An editor marks a span as not a quote. It stays stored (verified and rejected) so re-enrichment, which skips
    spans an editor has decided about, does not extract it again."""
    with transaction.atomic():
        quote.rejected = True
        quote.verified = True
        quote.save(update_fields=["rejected", "verified"])
        EditorDecision.objects.create(
            user=user,
            action=EditorDecision.Action.REJECT_QUOTE,
            details={"quote": quote.pk, "article": quote.article_id, "text": quote.text[:200]},
        )
    return quote


def quote_speaker_set(*, quote: Quote, speaker: Person | Organization | None, user=None) -> Quote:
    """An editor names who said a quote; the quote becomes verified so re-enrichment keeps the correction.
    Recorded as a verification whose details carry the previous and the new speaker."""
    if speaker is not None and not isinstance(speaker, Person | Organization):
        raise ValueError("a speaker is a person or an organization")
    with transaction.atomic():
        # Locked alone: PostgreSQL refuses FOR UPDATE across the outer joins to the nullable speakers.
        previous = Quote.objects.select_for_update().get(pk=quote.pk).speaker
        quote.speaker_person = speaker if isinstance(speaker, Person) else None
        quote.speaker_organization = speaker if isinstance(speaker, Organization) else None
        quote.verified = True
        quote.save(update_fields=["speaker_person", "speaker_organization", "verified"])
        EditorDecision.objects.create(
            user=user,
            action=EditorDecision.Action.VERIFY_QUOTE,
            details={
                "quote": quote.pk,
                "article": quote.article_id,
                "change": "speaker",
                "speaker": _speaker_ref(speaker),
                "previous": _speaker_ref(previous),
            },
        )
    return quote


def entity_split_alias(
    *, alias: PersonAlias | OrganizationAlias | PlaceAlias, user=None
) -> Person | Organization | Place:
    """Undo a wrong merge for one name: the alias becomes a record of its own, taking the mentions written with that
    name and, in those articles, the quotes attributed to the old record.

    The new record and the moved mentions are marked verified, so re-enrichment keeps them where the editor put them;
    the alias is gone from the old record, so the name no longer resolves to it. Recorded as a merge decision with
    "operation": "split" in its details (the audit trail's actions are fixed by the schema).
    """
    kind = next(kind for kind, (_, alias_model, _) in ENTITY_MODELS.items() if isinstance(alias, alias_model))
    model, alias_model, fk = ENTITY_MODELS[kind]
    with transaction.atomic():
        alias = alias_model.objects.select_for_update().select_related(fk).get(pk=alias.pk)
        original = getattr(alias, fk)
        if alias.normalized_name == original.normalized_name:
            raise ValueError("this alias is the record's own name: there is nothing to split off")
        record = model.objects.create(name=alias.name, verified=True)
        moved: list[int] = []
        for mention in Mention.objects.filter(**{fk: original}).order_by("id"):
            if alias.normalized_name in {normalize_name(form) for form in mention.surface_forms}:
                setattr(mention, fk, record)
                mention.verified = True
                mention.save(update_fields=[fk, "verified"])
                moved.append(mention.article_id)
        quotes = 0
        if model is Person:
            quotes = Quote.objects.filter(article_id__in=moved, speaker_person=original).update(speaker_person=record)
        elif model is Organization:
            quotes = Quote.objects.filter(article_id__in=moved, speaker_organization=original).update(
                speaker_organization=record
            )
            Mention.objects.filter(article_id__in=moved, affiliation=original).update(affiliation=record)
        alias.delete()
        EditorDecision.objects.create(
            user=user,
            action=EditorDecision.Action.MERGE,
            details={
                "operation": "split",
                "type": fk,
                "from": original.pk,
                "from_name": original.name,
                "created": record.pk,
                "name": record.name,
                "articles": moved,
                "quotes": quotes,
            },
        )
    return record
