from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from graphql_relay import to_global_id
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles import selectors, services
from articles.api import filters, serializers
from articles.api.caching import CachedReadMixin
from articles.api.ninjs import NinjsSerializer
from articles.api.pagination import ArticleCursorPagination
from articles.api.sql_representation import article_list_representations, entity_page_representation
from articles.api.throttling import SourceRateThrottle
from articles.models import Article, Organization, Person, Place, Source
from articles.webhooks import IngestPayloadSerializer, SignatureError, webhook_verify
from newsapi.metrics import ingest_record


def error_response(code: int, message: str, **extra) -> Response:
    return Response({"error": message, **extra}, status=code)


class IngestView(APIView):
    """Receive one article from a source, signed per the Standard Webhooks spec."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []  # sources have their own rate limit, checked after the source is known

    @extend_schema(
        request=IngestPayloadSerializer,
        responses={
            200: serializers.IngestReceiptSerializer,  # a replayed webhook-id
            202: serializers.IngestReceiptSerializer,
            **{code: serializers.ErrorSerializer for code in (400, 401, 403, 404, 413, 415, 429)},
        },
        parameters=[
            OpenApiParameter(name, str, OpenApiParameter.HEADER, required=True)
            for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
        ],
    )
    def post(self, request: Request, source_slug: str) -> Response:
        source = Source.objects.filter(slug=source_slug).first()
        if source is None:
            return error_response(404, f"unknown source {source_slug!r}")
        if not source.is_active:
            return error_response(403, f"source {source_slug!r} is disabled")
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return error_response(415, "send the article as application/json")
        limit = settings.INGEST_MAX_BODY_BYTES
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit() or int(declared) > limit:
            return error_response(413, f"the body exceeds {limit} bytes")
        self.check_source_rate(request, source)
        try:
            raw = request.body  # the signature covers the exact bytes, so verify before parsing
        except RequestDataTooBig:
            return error_response(413, f"the body exceeds {limit} bytes")
        try:
            webhook_verify(secrets=source.webhook_secrets, body=raw, headers=dict(request.headers))
        except SignatureError as exc:
            return error_response(401, str(exc))
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return error_response(400, "the body is not valid JSON")
        if not isinstance(payload, dict):
            return error_response(400, "the body must be a JSON object")
        validated = IngestPayloadSerializer(data=payload)
        if not validated.is_valid():
            return error_response(400, "invalid article", fields=validated.errors)
        outcome = services.article_ingest(
            source=source, payload=validated.validated_data, webhook_id=request.headers["webhook-id"]
        )
        ingest_record(source=source.slug, created=outcome.created, changed=outcome.changed, replayed=outcome.replayed)
        article = outcome.article
        article.refresh_from_db(fields=["status"])
        receipt = {
            "id": article.id,
            "node_id": to_global_id("Article", article.id),
            "status": article.status,
            "url": request.build_absolute_uri(reverse("article-detail", args=[article.id])),
        }
        return Response(receipt, status=status.HTTP_200_OK if outcome.replayed else status.HTTP_202_ACCEPTED)

    def check_source_rate(self, request: Request, source: Source) -> None:
        throttle = SourceRateThrottle()
        if not throttle.allow_request(request, self, source=source):
            self.throttled(request, throttle.wait())


SPARSE_FIELDS = OpenApiParameter(
    "fields", str, OpenApiParameter.QUERY, description="Comma-separated fields to return (sparse fieldset)."
)
with_sparse_fields = extend_schema_view(
    list=extend_schema(parameters=[SPARSE_FIELDS]), retrieve=extend_schema(parameters=[SPARSE_FIELDS])
)


@with_sparse_fields
class ArticleViewSet(CachedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Articles with the people, organizations, places and quotes found in them."""

    filterset_class = filters.ArticleFilter
    pagination_class = ArticleCursorPagination

    def get_queryset(self):
        articles = selectors.article_queryset()
        if self.action == "list":  # a list shows no text: leave the long columns in the database
            articles = articles.defer("body", "clean_text", "search_vector")
        return articles

    def get_serializer_class(self):
        return serializers.ArticleDetailSerializer if self.action == "retrieve" else serializers.ArticleListSerializer

    def list(self, request: Request, *args, **kwargs) -> Response:
        sparse = any(name in request.query_params for name in ("fields", "omit", "expand"))
        if sparse or not settings.REST_SQL_REPRESENTATION or connection.vendor != "postgresql":
            return super().list(request, *args, **kwargs)
        return self.cached(request, lambda: self.list_represented_in_sql(request))

    def list_represented_in_sql(self, request: Request) -> Response:
        """The same page as the serializer's: filtered and paged as always (on ids and dates only), each article
        then represented by PostgreSQL."""
        articles = Article.objects.only("id", "published_at")
        if not self.filterset_class.base_filters.keys().isdisjoint(request.query_params):
            articles = self.filter_queryset(articles)  # building the filter form costs more than the page's SQL
        page = self.paginate_queryset(articles)
        return self.get_paginated_response(article_list_representations([article.id for article in page]))

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, description="The article as IPTC ninjs 2.x (News in JSON).")
    @action(detail=True, methods=["get"], url_path="ninjs")
    def ninjs(self, request: Request, pk: str | None = None) -> Response:
        return Response(NinjsSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(responses=serializers.ArticleListSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def related(self, request: Request, pk: str | None = None) -> Response:
        """Articles sharing the most entities with this one."""
        ids = [article.id for article in selectors.article_related(self.get_object(), limit=10)]
        articles = sorted(selectors.article_queryset().filter(id__in=ids), key=lambda article: ids.index(article.id))
        context = self.get_serializer_context()
        return Response(serializers.ArticleListSerializer(articles, many=True, context=context).data)


@with_sparse_fields
class QuoteViewSet(CachedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Quotes with their speakers."""

    serializer_class = serializers.QuoteSerializer
    filterset_class = filters.QuoteFilter

    def get_queryset(self):
        return selectors.quote_queryset()


class EntityViewSet(CachedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Canonical records shared across articles; a record's page lists where and how it appears."""

    model: type[Person | Organization | Place]

    def get_queryset(self):
        return selectors.entity_queryset(self.model)

    @extend_schema(responses=serializers.EntityPageSerializer)
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self.cached(request, self.entity_page)

    def entity_page(self) -> Response:
        if settings.REST_SQL_REPRESENTATION and connection.vendor == "postgresql":
            raw_id = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
            page = None
            if raw_id.isdigit() and int(raw_id) <= filters.MAX_ID:
                page = entity_page_representation(self.model, int(raw_id))
            if page is None:  # with the messages get_object gives
                if raw_id.isdigit():
                    raise Http404(f"No {self.model._meta.object_name} matches the given query.")
                raise Http404
            return Response(page)
        page = selectors.entity_page(self.get_object(), articles=50, quotes=20, co_mentions=10)
        return Response(serializers.EntityPageSerializer(page).data)


class PersonViewSet(EntityViewSet):
    """Canonical people, shared across articles."""

    model = Person
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter


class OrganizationViewSet(EntityViewSet):
    """Canonical organizations, shared across articles."""

    model = Organization
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter


class PlaceViewSet(EntityViewSet):
    """Canonical places, shared across articles."""

    model = Place
    serializer_class = serializers.PlaceSerializer
    filterset_class = filters.PlaceFilter
