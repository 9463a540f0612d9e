"""Log lines: plain or JSON, with the article id on every line logged during an enrichment."""

import io
import json
import logging

import pytest

from newsapi.logs import ArticleContextFilter, JsonFormatter, PlainFormatter, article_log_context

FORMAT = "%(levelname)s %(name)s %(message)s"


@pytest.fixture
def capture():
    """A handler built like the console one in settings, on the articles logger."""

    def _capture(formatter):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(formatter)
        handler.addFilter(ArticleContextFilter())
        logger = logging.getLogger("articles")
        logger.addHandler(handler)
        handlers.append((logger, handler))
        return stream

    handlers = []
    yield _capture
    for logger, handler in handlers:
        logger.removeHandler(handler)


def test_plain_lines_name_the_article_only_inside_its_enrichment(capture):
    stream = capture(PlainFormatter(FORMAT))
    logger = logging.getLogger("articles.enrichment.entities")

    logger.warning("before")
    with article_log_context(17):
        logger.warning("during")
    logger.warning("after")

    assert stream.getvalue().splitlines() == [
        "WARNING articles.enrichment.entities before",
        "WARNING articles.enrichment.entities during article_id=17",
        "WARNING articles.enrichment.entities after",
    ]


def test_json_lines_carry_level_logger_message_and_article_id(capture):
    stream = capture(JsonFormatter())

    with article_log_context(5):
        logging.getLogger("articles.tasks").warning("enrichment finished", extra={"duration_s": 0.5})

    line = json.loads(stream.getvalue())
    assert line["level"] == "WARNING" and line["logger"] == "articles.tasks"
    assert line["message"] == "enrichment finished"
    assert line["article_id"] == 5 and line["duration_s"] == 0.5 and "time" in line


@pytest.mark.django_db
def test_the_enrichment_task_logs_start_and_finish_with_the_article_id(deliver, caplog):
    caplog.set_level(logging.INFO, logger="articles.tasks")

    deliver({"external_id": "log-1", "title": "Pleno", "body": "El concejal Iván Soto habló en Ourense."})

    records = [record for record in caplog.records if record.name == "articles.tasks"]
    assert [record.getMessage().split(" in ")[0] for record in records] == ["enrichment started", "enrichment finished"]
    assert len({record.article_id for record in records}) == 1


def test_log_format_must_be_plain_or_json(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import newsapi.settings

    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(newsapi.settings)
    monkeypatch.setenv("LOG_FORMAT", "json")
    assert importlib.reload(newsapi.settings).LOGGING["handlers"]["console"]["formatter"] == "json"
    monkeypatch.delenv("LOG_FORMAT")
    importlib.reload(newsapi.settings)
