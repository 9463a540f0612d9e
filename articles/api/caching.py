"""Anonymous REST reads served from the shared cache while the content is unchanged.

The key holds the content version that every enrichment, ingestion change, merge or admin edit bumps, so a change
makes every cached answer unreachable at once; nothing is ever served stale beyond a commit.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.response import Response

from articles.content_cache import content_version


class CachedReadMixin:
    """For read-only viewsets: list and retrieve answers are cached for anonymous clients."""

    def list(self, request: Request, *args, **kwargs) -> Response:
        return self.cached(request, lambda: super(CachedReadMixin, self).list(request, *args, **kwargs))

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self.cached(request, lambda: super(CachedReadMixin, self).retrieve(request, *args, **kwargs))

    def cached(self, request: Request, respond) -> Response:
        seconds = settings.REST_CACHE_SECONDS
        if not seconds or request.user.is_authenticated:
            return respond()
        path = (
            f"{request.get_host()}|{request.get_full_path()}|{request.accepted_renderer.format}"  # links are absolute
        )
        key = f"rest:{content_version()}:{hashlib.sha256(path.encode()).hexdigest()}"
        data = cache.get(key)
        if data is not None:
            return Response(data)
        response = respond()
        if response.status_code == 200:
            cache.set(key, response.data, seconds)
        return response
