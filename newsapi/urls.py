from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from articles.graphql.views import PublicGraphQLView
from newsapi import health, metrics

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("articles.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    # Read-only public API: no session-bound mutations exist, so CSRF protection has nothing to guard here.
    path("graphql/", csrf_exempt(PublicGraphQLView.as_view(graphiql=settings.GRAPHIQL_ENABLED)), name="graphql"),
]

handler404 = "newsapi.views.not_found"
handler500 = "newsapi.views.server_error"
