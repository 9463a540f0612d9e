"""Reading articles from JSON files, RSS/Atom feeds (files or URLs) and the pages feed entries link to.

Used by the `ingest` command and the feed-polling task. HTTP goes through one small function, `http_fetch`, that
callers may replace (tests serve feeds from a local server; nothing here needs the network otherwise).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import trafilatura
from django.conf import settings

logger = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
USER_AGENT = "newsapi-feed-reader/1.0"


class FetchError(Exception):
    """A feed or page could not be fetched."""


def http_fetch(url: str) -> bytes:
    """GET a feed or page over http(s), bounded in time and size."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"not an http(s) URL: {url}")
    limit = settings.FEED_MAX_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=settings.FEED_FETCH_TIMEOUT) as response:
            content = response.read(limit + 1)
    except OSError as exc:  # URLError, HTTPError, timeouts and refused connections are all OSErrors
        raise FetchError(f"{url}: {exc}") from exc
    if len(content) > limit:
        raise FetchError(f"{url}: larger than {limit} bytes")
    return content


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Item:
    """One article to ingest: a label for messages and a loader that returns its webhook-format payload."""

    label: str
    load: Callable[[], dict[str, Any]]


def items_from_location(location: str, *, fetch: Fetch = http_fetch, fetch_pages: bool = True) -> list[Item]:
    """The items of a JSON file, a folder, an RSS/Atom file or a feed URL. A location that cannot be read becomes one
    item whose loader raises, so callers count it as a failure instead of stopping."""
    page_fetch = fetch if fetch_pages else None
    try:
        if is_url(location):
            return feed_items(fetch(location), label=location, fetch=page_fetch)
        path = Path(location)
        if path.is_dir():
            files = sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in {".json", *FEED_SUFFIXES})
            return [
                item for file in files for item in items_from_location(str(file), fetch=fetch, fetch_pages=fetch_pages)
            ]
        if path.suffix.lower() == ".json":
            return [Item(label=str(path), load=lambda: _json_payload(path))]
        return feed_items(path.read_bytes(), label=str(path), fetch=page_fetch)
    except (OSError, FetchError, ValueError) as exc:
        return [Item(label=location, load=_raiser(exc))]


def _raiser(exc: Exception) -> Callable[[], dict[str, Any]]:
    def load() -> dict[str, Any]:
        raise exc

    return load


def _json_payload(path: Path) -> dict[str, Any]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(payload, dict):
        raise ValueError("the file must hold one JSON object")
    return payload


def feed_parse(content: bytes) -> feedparser.FeedParserDict:
    """Parse RSS or Atom; a document with no entries that failed to parse is an error, not an empty feed."""
    # A file object, never a string: feedparser would take a string that looks like a URL or path and open it.
    parsed = feedparser.parse(io.BytesIO(content))
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not an RSS or Atom feed: {parsed.get('bozo_exception')}")
    return parsed


def feed_items(content: bytes, *, label: str, fetch: Fetch | None) -> list[Item]:
    parsed = feed_parse(content)
    language = parsed.feed.get("language") or ""
    return [
        Item(
            label=f"{label} [{entry.get('id') or entry.get('link') or index}]",
            load=lambda entry=entry: entry_payload(entry, fetch=fetch, feed_language=language),
        )
        for index, entry in enumerate(parsed.entries)
    ]


def entry_external_id(entry: Any) -> str:
    """The entry's id (guid), else its link; a very long one is hashed to fit the article's external_id."""
    external_id = (entry.get("id") or entry.get("guid") or entry.get("link") or "").strip()
    if len(external_id) > 255:
        return "sha256:" + hashlib.sha256(external_id.encode()).hexdigest()
    return external_id


def entry_has_full_content(entry: Any) -> bool:
    return any((content.get("value") or "").strip() for content in entry.get("content") or [])


def entry_payload(entry: Any, *, fetch: Fetch | None, feed_language: str = "") -> dict[str, Any]:
    """Map a feed entry to the webhook payload. Without full content, the linked page's main text is fetched and
    extracted; when that fails the summary stands in."""
    link = entry.get("link") or ""
    if entry_has_full_content(entry):
        body = max((content.get("value") or "" for content in entry.content), key=len)
    else:
        body = (page_text(link, fetch=fetch) if link and fetch else None) or entry.get("summary") or ""
    language = _entry_language(entry) or feed_language
    payload: dict[str, Any] = {
        "external_id": entry_external_id(entry),
        "title": entry.get("title") or "",
        "body": body,
        "url": link,
        "published_at": entry_published(entry),
        "authors": entry_authors(entry),
    }
    if language:
        payload["language"] = language.split("-")[0].split("_")[0][:8]
    return payload


def _entry_language(entry: Any) -> str:
    for detail in [*(entry.get("content") or []), entry.get("summary_detail"), entry.get("title_detail")]:
        if detail and detail.get("language"):
            return detail["language"]
    return ""


def entry_published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC).isoformat() if parsed else None


def entry_updated(entry: Any) -> datetime | None:
    parsed = entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def entry_authors(entry: Any) -> list[str]:
    names = [author.get("name", "").strip() for author in entry.get("authors") or []]
    names = [name for name in names if name]
    if not names and (entry.get("author") or "").strip():
        names = [entry["author"].strip()]
    return list(dict.fromkeys(names))[:50]


def page_text(url: str, *, fetch: Fetch) -> str | None:
    """The main text of a web page (boilerplate removed), or None when it cannot be fetched or has none."""
    try:
        html = fetch(url)
    except FetchError as exc:
        logger.warning("could not fetch %s: %s", url, exc)
        return None
    return trafilatura.extract(html.decode("utf-8", errors="replace"), url=url, include_comments=False) or None


def feed_poll(*, source, fetch: Fetch = http_fetch) -> Counter:
    """Ingest the entries of a source's feed through `article_ingest`; safe to run any number of times.

    An unchanged entry creates and changes nothing. An entry without full content whose article exists already is
    fetched again only when the entry's updated date is later than the article's last change, so a poll does not
    download every linked page each time.
    """
    from articles.models import Article
    from articles.services import article_ingest
    from articles.webhooks import IngestPayloadSerializer

    counts: Counter = Counter(created=0, updated=0, unchanged=0, failed=0)
    parsed = feed_parse(fetch(source.feed_url))
    language = parsed.feed.get("language") or ""
    known = dict(
        Article.objects.filter(
            source=source, external_id__in=[entry_external_id(entry) for entry in parsed.entries]
        ).values_list("external_id", "updated_at")
    )
    for entry in parsed.entries:
        external_id = entry_external_id(entry)
        if external_id in known and not entry_has_full_content(entry):
            updated = entry_updated(entry)
            if updated is None or updated <= known[external_id]:
                counts["unchanged"] += 1
                continue
        validated = IngestPayloadSerializer(data=entry_payload(entry, fetch=fetch, feed_language=language))
        if not validated.is_valid():
            logger.warning("feed %s: entry %r is invalid: %s", source.feed_url, external_id, validated.errors)
            counts["failed"] += 1
            continue
        outcome = article_ingest(source=source, payload=validated.validated_data)
        counts["created" if outcome.created else "updated" if outcome.changed else "unchanged"] += 1
    return counts
