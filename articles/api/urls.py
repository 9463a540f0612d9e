from django.urls import include, path
from rest_framework.routers import DefaultRouter

from articles.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("places", views.PlaceViewSet, basename="place")
router.register("quotes", views.QuoteViewSet, basename="quote")

urlpatterns = [
    path("ingest/<str:source_slug>/", views.IngestView.as_view(), name="ingest"),
    path("", include(router.urls)),
]
