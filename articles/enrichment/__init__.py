"""Article enrichment: plain functions from text to entities, quotes and keywords (no ORM, no Celery)."""

from .normalize import normalize_name
from .pipeline import PIPELINE_VERSION, enrich_text

__all__ = ["PIPELINE_VERSION", "enrich_text", "normalize_name"]
