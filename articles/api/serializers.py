from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles import selectors
from articles.models import Article, Mention, Organization, Person, Place, Quote


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


class QuoteSerializer(serializers.ModelSerializer):
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

    @extend_schema_field(EntityRefSerializer(allow_null=True))
    def get_speaker(self, quote: Quote) -> dict | None:
        speaker = quote.speaker
        return EntityRefSerializer(speaker).data if speaker else None


class ArticleListSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
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

    @extend_schema_field(MentionSerializer(many=True))
    def get_people(self, article: Article) -> list[dict]:
        return MentionSerializer(selectors.article_mentions(article, "person"), many=True).data

    @extend_schema_field(MentionSerializer(many=True))
    def get_organizations(self, article: Article) -> list[dict]:
        return MentionSerializer(selectors.article_mentions(article, "organization"), many=True).data

    @extend_schema_field(MentionSerializer(many=True))
    def get_places(self, article: Article) -> list[dict]:
        return MentionSerializer(selectors.article_mentions(article, "place"), many=True).data

    @extend_schema_field(QuoteSerializer(many=True))
    def get_quotes(self, article: Article) -> list[dict]:
        return QuoteSerializer(selectors.article_quotes(article), many=True).data


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


class EntitySerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        fields = ["id", "name", "aliases", "description", "verified", "created_at"]


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
