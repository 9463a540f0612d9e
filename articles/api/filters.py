import django_filters
from django import forms

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


class ArticleFilter(django_filters.FilterSet):
    source = django_filters.CharFilter(field_name="source__slug")
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    person = IdFilter(field_name="mentions__person")
    organization = IdFilter(field_name="mentions__organization")
    place = IdFilter(field_name="mentions__place")

    class Meta:
        model = Article
        fields = ["source", "language", "status", "person", "organization", "place"]


class QuoteFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(field_name="text", lookup_expr="icontains")
    speaker_person = IdFilter(field_name="speaker_person")
    speaker_organization = IdFilter(field_name="speaker_organization")
    language = django_filters.CharFilter(field_name="article__language")

    class Meta:
        model = Quote
        fields = ["kind", "article", "speaker_person", "speaker_organization", "language", "verified"]


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
