from datetime import UTC, datetime

import django_filters
from django import forms
from django.db.models import F, Q
from graphql_relay import from_global_id

from articles import selectors
from articles.enrichment import normalize_name
from articles.models import Article, Organization, Person, Place, Quote

MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)  # beyond bigint the database errors instead of finding nothing
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A record id: a positive integer that fits the database's id column."""

    field_class = IdField


def entity_condition(field: str, value: str) -> Q:
    """An entity named by id, GraphQL global id, or name (any of its names or aliases, normalised)."""
    value = value.strip()
    if value.isdigit() and int(value) <= MAX_ID:
        return Q(**{f"{field}_id": int(value)})
    try:
        type_name, raw_id = from_global_id(value)
    except Exception:  # not a global id: a name
        type_name, raw_id = "", ""
    if type_name.lower() == field.rsplit("_", 1)[-1] and raw_id.isdigit():
        return Q(**{f"{field}_id": int(raw_id)})
    key = normalize_name(value)
    return Q(**{f"{field}__normalized_name": key}) | Q(**{f"{field}__aliases__normalized_name": key})


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time, compared in UTC (PostgreSQL refuses offsets beyond ±15:59 that ISO allows)."""

    def filter(self, queryset, value):
        if value:
            try:
                value = value.astimezone(UTC)
            except OverflowError:  # within a day of year 1 or 9999: the nearest representable instant
                value = (datetime.min if value.year < 5000 else datetime.max).replace(tzinfo=UTC)
        return super().filter(queryset, value)


class EntityRefFilter(django_filters.CharFilter):
    """Filter by an entity given as id, global id or name."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(entity_condition(self.field_name, value)).distinct()


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", help_text="Full-text search over title and text.")
    ordering = django_filters.ChoiceFilter(
        choices=[("published", "most recent first"), ("relevance", "best match first (with q)")],
        method="order",
        help_text="published (default) or relevance.",
    )
    source = django_filters.CharFilter(field_name="source__slug")
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")
    person = EntityRefFilter(field_name="mentions__person", help_text="id, global id or name")
    organization = EntityRefFilter(field_name="mentions__organization", help_text="id, global id or name")
    place = EntityRefFilter(field_name="mentions__place", help_text="id, global id or name")

    class Meta:
        model = Article
        fields = ["q", "source", "language", "status", "person", "organization", "place"]

    def search(self, queryset, name, value):
        return selectors.article_search(queryset, value, rank=True)

    def order(self, queryset, name, value):
        if value == "relevance" and "relevance" in queryset.query.annotations:
            return queryset.order_by("-relevance", "-id")
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-id")


class QuoteFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(field_name="text", lookup_expr="icontains")
    speaker = django_filters.CharFilter(method="by_speaker", help_text="a person or organization: id or name")
    speaker_person = IdFilter(field_name="speaker_person")
    speaker_organization = IdFilter(field_name="speaker_organization")
    language = django_filters.CharFilter(field_name="article__language")
    published_after = UtcDateTimeFilter(field_name="article__published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="article__published_at", lookup_expr="lt")

    class Meta:
        model = Quote
        fields = ["kind", "article", "speaker_person", "speaker_organization", "language", "verified"]

    def by_speaker(self, queryset, name, value):
        if not value:
            return queryset
        condition = entity_condition("speaker_person", value) | entity_condition("speaker_organization", value)
        return queryset.filter(condition).distinct()


class EntityFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        fields = ["name", "verified"]


class PersonFilter(EntityFilter):
    class Meta(EntityFilter.Meta):
        model = Person


class OrganizationFilter(EntityFilter):
    class Meta(EntityFilter.Meta):
        model = Organization


class PlaceFilter(EntityFilter):
    class Meta(EntityFilter.Meta):
        model = Place
