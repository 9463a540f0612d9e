"""The Celery application; configuration comes from Django settings (CELERY_*)."""

import gc
import logging
import os

from celery import Celery
from celery.signals import setup_logging, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")

app = Celery("newsapi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _keep_django_logging(**kwargs) -> None:
    """Workers log through settings.LOGGING (LOG_FORMAT, LOG_LEVEL) like the web process, not Celery's handlers."""


@worker_init.connect
def load_enrichment_models(**kwargs) -> None:
    """Load the configured spaCy models, the language detector's and the city list as the worker starts, before
    the prefork pool forks its children: they share the parent's copy instead of each loading its own on its first
    article (seconds of delay, and the memory once per child). gc.freeze() keeps the collector from touching those
    objects, so the shared pages stay shared."""
    from django.conf import settings

    if not settings.ENRICHMENT_PRELOAD:
        return
    from articles.enrichment.gazetteer import city_keys
    from articles.enrichment.language import preload_detector
    from articles.enrichment.nlp import preload_models

    loaded = preload_models(settings.ENRICHMENT_MODELS.values())
    preload_detector()
    city_keys()
    gc.freeze()
    logging.getLogger("newsapi.enrichment").info("enrichment models loaded: %s", ", ".join(loaded) or "none")
