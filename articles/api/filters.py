import django_filters

from articles.models import Article, Organization, Person, Place, Quote


class ArticleFilter(django_filters.FilterSet):
    source = django_filters.CharFilter(field_name="source__slug")
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    person = django_filters.NumberFilter(field_name="mentions__person")
    organization = django_filters.NumberFilter(field_name="mentions__organization")
    place = django_filters.NumberFilter(field_name="mentions__place")

    class Meta:
        model = Article
        fields = ["source", "language", "status", "person", "organization", "place"]


class QuoteFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(field_name="text", lookup_expr="icontains")
    speaker_person = django_filters.NumberFilter(field_name="speaker_person")
    speaker_organization = django_filters.NumberFilter(field_name="speaker_organization")
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
