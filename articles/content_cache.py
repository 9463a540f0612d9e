"""One version number for all served content: bumping it invalidates every cached API answer at once."""

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "newsapi:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed() -> None:
    """Call when anything an API serves changed; takes effect when the transaction commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted or never set
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_model_signals() -> None:
    """Edits outside the services (the admin, a shell) change served content too."""
    from django.db.models.signals import post_delete, post_save

    from articles import models

    served = [
        models.Article,
        models.Mention,
        models.Quote,
        models.Person,
        models.Organization,
        models.Place,
        models.PersonAlias,
        models.OrganizationAlias,
        models.PlaceAlias,
        models.Source,
    ]
    for model in served:
        post_save.connect(_on_model_change, sender=model, dispatch_uid=f"content-changed-save-{model.__name__}")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"content-changed-delete-{model.__name__}")


def _on_model_change(**kwargs) -> None:
    content_changed()
