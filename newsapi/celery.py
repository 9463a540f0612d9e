"""The Celery application; configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")

app = Celery("newsapi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _keep_django_logging(**kwargs) -> None:
    """Workers log through settings.LOGGING (LOG_FORMAT, LOG_LEVEL) like the web process, not Celery's handlers."""
