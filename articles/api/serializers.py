from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_flex_fields import FlexFieldsModelSerializer
from rest_framework import serializers

from articles import selectors
from articles.models import Article, Mention, Organization, Person, Place, Quote


def represent_all(parent: serializers.Serializer, serializer_class: type[serializers.Serializer], items) -> list[dict]:
    """`serializer_class(items, many=True).data`, with one `serializer_class` per `parent` serializer: building a
    serializer's fields costs far more than representing a row, and a method field would build them for every row
    of every page."""
    children = parent.__dict__.setdefault("_nested_serializers", {})
    child = children.get(serializer_class)
    if child is None:
        child = children[serializer_class] = serializer_class()
    return [child.to_representation(item) for item in items]


class EntityRefSerializer(serializers.Serializer):
    """A short reference to a person, organization or place."""

    type = serializers.SerializerMethodField()
    id = serializers.IntegerField()
    name = serializers.CharField()

    def get_type(self, entity) -> str:
        return type(entity).__name__.lower()


class MentionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="entity.id")
    name = serializers.CharField(source="entity.name")
    affiliation = serializers.CharField(source="affiliation.name", default=None, allow_null=True)

    class Meta:
        model = Mention
        fields = ["id", "name", "salience", "role", "affiliation", "surface_forms", "offsets", "verified"]
        read_only_fields = fields


class QuoteSerializer(FlexFieldsModelSerializer):
    speaker = serializers.SerializerMethodField()

    class Meta:
        model = Quote
        fields = [
            "id",
            "article",
            "text",
            "kind",
            "speaker",
            "speaker_text",
            "cue",
            "start",
            "end",
            "confidence",
            "verified",
            "pipeline_version",
        ]
        read_only_fields = fields

    @extend_schema_field(EntityRefSerializer(allow_null=True))
    def get_speaker(self, quote: Quote) -> dict | None:
        speaker = quote.speaker
        return represent_all(self, EntityRefSerializer, [speaker])[0] if speaker else None


class ArticleListSerializer(FlexFieldsModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.CharField(read_only=True, help_text="The article's address at its source; empty when unknown.")
    people = serializers.SerializerMethodField()
    organizations = serializers.SerializerMethodField()
    places = serializers.SerializerMethodField()
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "source",
            "external_id",
            "title",
            "url",
            "published_at",
            "language",
            "status",
            "keywords",
            "people",
            "organizations",
            "places",
            "quotes",
        ]
        read_only_fields = fields

    @extend_schema_field(MentionSerializer(many=True))
    def get_people(self, article: Article) -> list[dict]:
        return represent_all(self, MentionSerializer, selectors.article_mentions(article, "person"))

    @extend_schema_field(MentionSerializer(many=True))
    def get_organizations(self, article: Article) -> list[dict]:
        return represent_all(self, MentionSerializer, selectors.article_mentions(article, "organization"))

    @extend_schema_field(MentionSerializer(many=True))
    def get_places(self, article: Article) -> list[dict]:
        return represent_all(self, MentionSerializer, selectors.article_mentions(article, "place"))

    @extend_schema_field(QuoteSerializer(many=True))
    def get_quotes(self, article: Article) -> list[dict]:
        return represent_all(self, QuoteSerializer, selectors.article_quotes(article))


class ArticleDetailSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields,
            "authors",
            "body",
            "clean_text",
            "error",
            "pipeline_version",
            "received_at",
            "enriched_at",
        ]
        read_only_fields = fields


class EntitySerializer(FlexFieldsModelSerializer):
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        fields = ["id", "name", "aliases", "description", "verified", "created_at"]
        read_only_fields = fields


class PersonSerializer(EntitySerializer):
    class Meta(EntitySerializer.Meta):
        model = Person


class OrganizationSerializer(EntitySerializer):
    class Meta(EntitySerializer.Meta):
        model = Organization


class PlaceSerializer(EntitySerializer):
    class Meta(EntitySerializer.Meta):
        model = Place


class IngestReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    node_id = serializers.CharField(help_text="The article's GraphQL global ID.")
    status = serializers.ChoiceField(choices=Article.Status.choices)
    url = serializers.URLField(help_text="The article's REST URL.")


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="What is wrong, in one sentence.")
    fields = serializers.DictField(required=False, help_text="Field-level errors of an invalid article.")


class EntityArticleSerializer(serializers.Serializer):
    """An article that mentions the entity, and how."""

    id = serializers.IntegerField(source="article.id")
    title = serializers.CharField(source="article.title")
    published_at = serializers.DateTimeField(source="article.published_at", allow_null=True)
    salience = serializers.FloatField()
    role = serializers.CharField()
    verified = serializers.BooleanField()


class CountedEntitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class EntityQuoteSerializer(serializers.ModelSerializer):
    article_title = serializers.CharField(source="article.title")

    class Meta:
        model = Quote
        fields = ["id", "article", "article_title", "text", "kind", "cue", "confidence", "verified"]
        read_only_fields = fields


class EntityPageSerializer(serializers.Serializer):
    """Everything about one entity: names, roles as stated, affiliations, articles, quotes and co-mentions."""

    id = serializers.IntegerField()
    type = serializers.CharField()
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    verified = serializers.BooleanField()
    roles = serializers.ListField(child=serializers.CharField())
    affiliations = CountedEntitySerializer(many=True)
    articles = EntityArticleSerializer(many=True)
    quotes = EntityQuoteSerializer(many=True)
    co_mentions = CountedEntitySerializer(many=True)
