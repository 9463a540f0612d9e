from __future__ import annotations

import graphene
from graphene import relay
from graphene_django import DjangoObjectType
from graphene_django.filter import DjangoFilterConnectionField
from graphql import GraphQLError

from articles import selectors
from articles.graphql import filters
from articles.models import Article, Organization, Person, Place, Quote, Source


class ArticleStatus(graphene.Enum):
    RECEIVED = "RECEIVED"
    QUEUED = "QUEUED"
    ENRICHING = "ENRICHING"
    ENRICHED = "ENRICHED"
    FAILED = "FAILED"


class QuoteKind(graphene.Enum):
    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


class ConnectionField(DjangoFilterConnectionField):
    """A filtered connection whose paging arguments are checked up front: a bad page request is the client's error
    (graphene-django reports it through a bare assert, indistinguishable from a bug)."""

    @classmethod
    def connection_resolver(
        cls,
        resolver,
        connection,
        default_manager,
        queryset_resolver,
        max_limit,
        enforce_first_or_last,
        root,
        info,
        **args,
    ):
        for name in ("first", "last"):
            value = args.get(name)
            if value is not None and max_limit and value > max_limit:
                raise GraphQLError(
                    f"Requesting {value} records on the `{info.field_name}` connection exceeds the `{name}` limit "
                    f"of {max_limit} records."
                )
        if args.get("offset") is not None and args.get("before") is not None:
            raise GraphQLError("`offset` and `before` cannot be used together.")
        return super().connection_resolver(
            resolver,
            connection,
            default_manager,
            queryset_resolver,
            max_limit,
            enforce_first_or_last,
            root,
            info,
            **args,
        )


class Node(relay.Node):
    """Relay's Node, where an id that is malformed or names another type finds nothing, like an unknown id."""

    class Meta:
        name = "Node"

    @classmethod
    def get_node_from_global_id(cls, info, global_id, only_type=None):
        try:
            return super().get_node_from_global_id(info, global_id, only_type)
        except Exception:  # graphene raises a bare Exception for unparsable ids and type mismatches
            return None


class Entity(graphene.Interface):
    """A person, organization or place: the canonical record shared by every article that mentions it."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    aliases = graphene.List(graphene.NonNull(graphene.String), required=True)

    def resolve_aliases(self, info) -> list[str]:
        return [alias.name for alias in self.aliases.all()]


class EntityMention(graphene.ObjectType):
    """An entity as one article mentions it."""

    entity = graphene.Field(Entity, required=True)
    salience = graphene.Float(required=True)
    role = graphene.String()
    surface_forms = graphene.List(graphene.NonNull(graphene.String), required=True)


class EntityNodeMixin:
    articles = ConnectionField(lambda: ArticleNode)

    def resolve_articles(self, info, **kwargs):
        return selectors.entity_articles(self)

    def resolve_aliases(self, info) -> list[str]:
        return [alias.name for alias in self.aliases.all()]


class PersonNode(EntityNodeMixin, DjangoObjectType):
    quotes = ConnectionField(lambda: QuoteNode)

    class Meta:
        model = Person
        name = "Person"
        interfaces = (Node, Entity)
        fields = ("id", "name", "description", "verified", "created_at")
        filterset_class = filters.PersonFilter

    def resolve_quotes(self, info, **kwargs):
        return selectors.quote_queryset().filter(speaker_person=self).order_by("-id")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.prefetch_related("aliases")


class OrganizationNode(EntityNodeMixin, DjangoObjectType):
    quotes = ConnectionField(lambda: QuoteNode)

    class Meta:
        model = Organization
        name = "Organization"
        interfaces = (Node, Entity)
        fields = ("id", "name", "description", "verified", "created_at")
        filterset_class = filters.OrganizationFilter

    def resolve_quotes(self, info, **kwargs):
        return selectors.quote_queryset().filter(speaker_organization=self).order_by("-id")

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.prefetch_related("aliases")


class PlaceNode(EntityNodeMixin, DjangoObjectType):
    class Meta:
        model = Place
        name = "Place"
        interfaces = (Node, Entity)
        fields = ("id", "name", "description", "verified", "created_at")
        filterset_class = filters.PlaceFilter

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.prefetch_related("aliases")


class SourceType(DjangoObjectType):
    class Meta:
        model = Source
        name = "Source"
        fields = ("slug", "name")


class QuoteNode(DjangoObjectType):
    kind = graphene.Field(QuoteKind, required=True)
    speaker = graphene.Field(Entity, description="Who said it: a person or an organization, or null when unnamed.")

    class Meta:
        model = Quote
        name = "Quote"
        interfaces = (Node,)
        fields = ("id", "article", "text", "speaker_text", "cue", "start", "end", "confidence", "verified")
        filterset_class = filters.QuoteFilter

    def resolve_kind(self, info) -> str:
        return self.kind

    def resolve_speaker(self, info):
        return self.speaker

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.filter(rejected=False).select_related("speaker_person", "speaker_organization", "article")


class ArticleNode(DjangoObjectType):
    status = graphene.Field(ArticleStatus, required=True)
    source = graphene.Field(SourceType, required=True)
    people = graphene.List(graphene.NonNull(PersonNode), required=True, description="Most salient first.")
    organizations = graphene.List(graphene.NonNull(OrganizationNode), required=True)
    places = graphene.List(graphene.NonNull(PlaceNode), required=True)
    mentions = graphene.List(graphene.NonNull(EntityMention), required=True)
    quotes = graphene.List(graphene.NonNull(QuoteNode), required=True, description="In text order.")
    keywords = graphene.List(graphene.NonNull(graphene.String), required=True)
    authors = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        model = Article
        name = "Article"
        interfaces = (Node,)
        fields = (
            "id",
            "external_id",
            "title",
            "body",
            "clean_text",
            "url",
            "language",
            "published_at",
            "received_at",
            "enriched_at",
            "error",
            "pipeline_version",
        )
        filterset_class = filters.ArticleFilter

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.select_related("source").prefetch_related(
            *selectors.article_queryset()._prefetch_related_lookups
        )

    def resolve_status(self, info) -> str:
        return self.status

    def resolve_people(self, info):
        return selectors.article_entities(self, "person")

    def resolve_organizations(self, info):
        return selectors.article_entities(self, "organization")

    def resolve_places(self, info):
        return selectors.article_entities(self, "place")

    def resolve_mentions(self, info):
        return [
            EntityMention(entity=m.entity, salience=m.salience, role=m.role or None, surface_forms=m.surface_forms)
            for m in self.mentions.all()
        ]

    def resolve_quotes(self, info):
        return selectors.article_quotes(self)
