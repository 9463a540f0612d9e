from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class SourceRateThrottle(SimpleRateThrottle):
    """Deliveries per source, whatever address they come from (INGEST_RATE_LIMIT, e.g. "600/min")."""

    scope = "ingest"

    def get_rate(self) -> str | None:
        return settings.INGEST_RATE_LIMIT or None

    def allow_request(self, request, view, *, source=None) -> bool:
        self.source = source
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.source.slug}
