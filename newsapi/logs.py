"""Log formatting: plain lines for local development, JSON (LOG_FORMAT=json) for log collectors.

Enrichment runs inside `article_log_context`, and the filter copies its article id onto every record logged
meanwhile, so a line from deep inside the pipeline still says which article it was about.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_article_id: ContextVar[int | None] = ContextVar("article_id", default=None)


@contextmanager
def article_log_context(article_id: int) -> Iterator[None]:
    token = _article_id.set(article_id)
    try:
        yield
    finally:
        _article_id.reset(token)


class ArticleContextFilter(logging.Filter):
    """Adds `article_id` to records logged during an enrichment, unless the call passed its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "article_id", None) is None:
            article_id = _article_id.get()
            if article_id is not None:
                record.article_id = article_id
        return True


class PlainFormatter(logging.Formatter):
    """The usual one-line format, with `article_id=N` appended when the record has one."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        article_id = getattr(record, "article_id", None)
        return line if article_id is None else f"{line} article_id={article_id}"


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time, level, logger, message, and any `extra=` fields such as article_id."""

    def __init__(self, fmt: str | None = None, datefmt: str | None = None, style: str = "%", **kwargs) -> None:
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s %(message)s", datefmt, style, **kwargs)
