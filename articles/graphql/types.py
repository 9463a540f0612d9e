from __future__ import annotations

import graphene
from django.db import DatabaseError
from django.db.models import F, Prefetch
from graphene import relay
from graphene_django import DjangoObjectType
from graphene_django.filter import DjangoFilterConnectionField
from graphql import GraphQLError
from graphql_relay import cursor_to_offset

from articles import selectors
from articles.graphql import filters
from articles.graphql.selection import Selection, selection_of
from articles.models import Article, Mention, Organization, Person, Place, Quote, Source


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
        for name in ("after", "before"):
            if args.get(name) is not None and cursor_to_offset(args[name]) is None:
                raise GraphQLError(f"`{name}` is not a cursor this API gave out.")
        resolved = resolver(root, info, **args)
        if isinstance(resolved, list):  # already loaded by a look-ahead prefetch: page it, no query
            return cls.resolve_connection(connection, args, resolved, max_limit=max_limit)
        return super().connection_resolver(
            lambda *_, **__: resolved,
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
        except DatabaseError:
            raise  # an outage is not "not found"
        except Exception:  # graphene raises a bare Exception for unparsable ids and type mismatches
            return None


class Entity(graphene.Interface):
    """A person, organization or place: the canonical record shared by every article that mentions it."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    aliases = graphene.List(graphene.NonNull(graphene.String), required=True)
    verified = graphene.Boolean(required=True, description="Checked by an editor.")


class ArticleMention(graphene.ObjectType):
    """An entity as one article mentions it."""

    entity = graphene.Field(Entity, required=True)
    salience = graphene.Float(required=True, description="How central the entity is to the article, 0 to 1.")
    role = graphene.String(description="The role the article states, as written.")
    surface_forms = graphene.List(graphene.NonNull(graphene.String), required=True)
    verified = graphene.Boolean(required=True)


class EntityMention(graphene.ObjectType):
    """One article that mentions an entity, and how."""

    article = graphene.Field(lambda: ArticleNode, required=True)
    salience = graphene.Float(required=True)
    role = graphene.String()
    affiliation = graphene.Field(lambda: OrganizationNode)


class CoMention(graphene.ObjectType):
    """A person mentioned in the same articles as an entity, and in how many."""

    person = graphene.Field(lambda: PersonNode, required=True)
    count = graphene.Int(required=True)


def node_selection(info) -> Selection:
    selection = selection_of(info)
    return selection.node() if "edges" in selection else selection


def speaker_quotes_limit(selection: Selection | None) -> int:
    """How many of each speaker's latest quotes a selection below `speaker` asks for (0: none)."""
    quotes = selection.get("quotes") if selection else None
    if quotes is None or set(quotes.arguments) - {"first"}:
        return 0
    first = quotes.arguments.get("first")
    return first if isinstance(first, int) and 0 < first <= 100 else 0


def entity_queryset_for(queryset, info):
    selection = node_selection(info)
    if "aliases" in selection:
        queryset = queryset.prefetch_related("aliases")
    if {"roles", "mentions"} & set(selection.fields):
        queryset = queryset.prefetch_related(
            Prefetch(
                "mentions",
                queryset=Mention.objects.select_related("article", "affiliation").order_by(
                    F("article__published_at").desc(nulls_last=True), "-article_id"
                ),
            )
        )
    return queryset


class EntityNodeMixin:
    articles = ConnectionField(lambda: ArticleNode, description="Articles that mention it, most recent first.")
    roles = graphene.List(graphene.NonNull(graphene.String), required=True, description="Roles as stated, by use.")
    mentions = graphene.List(graphene.NonNull(EntityMention), required=True, description="Most recent first.")
    co_mentions = graphene.List(
        graphene.NonNull(CoMention),
        required=True,
        first=graphene.Int(default_value=10),
        description="People most often mentioned in the same articles.",
    )

    def resolve_articles(self, info, **kwargs):
        return selectors.entity_articles(self)

    def resolve_aliases(self, info) -> list[str]:
        return [alias.name for alias in self.aliases.all()]

    def resolve_roles(self, info) -> list[str]:
        counts: dict[str, int] = {}
        for mention in self.mentions.all():
            if mention.role:
                counts[mention.role] = counts.get(mention.role, 0) + 1
        return sorted(counts, key=lambda role: (-counts[role], role))

    def resolve_mentions(self, info):
        return [
            EntityMention(article=m.article, salience=m.salience, role=m.role or None, affiliation=m.affiliation)
            for m in self.mentions.all()
        ]

    def resolve_co_mentions(self, info, first: int):
        if not 0 < first <= 100:
            raise GraphQLError("`first` must be between 1 and 100.")
        return [
            CoMention(person=person, count=person.count) for person in selectors.entity_co_mentions(self, limit=first)
        ]


class SpeakerMixin:
    quotes = ConnectionField(lambda: QuoteNode, description="Its quotes, most recent first.")

    def resolve_quotes(self, info, **kwargs):
        if set(kwargs) == {"first"}:
            prefetched = getattr(self, selectors.latest_quotes_attr(kwargs["first"]), None)
            if prefetched is not None:
                return prefetched
        return selectors.entity_quotes(self)


class PersonNode(SpeakerMixin, EntityNodeMixin, DjangoObjectType):
    class Meta:
        model = Person
        name = "Person"
        interfaces = (Entity, Node)  # Node last: its global id replaces the interface's plain id
        fields = ("id", "name", "description", "verified", "created_at")
        filterset_class = filters.PersonFilter

    @classmethod
    def get_queryset(cls, queryset, info):
        return entity_queryset_for(queryset, info)


class OrganizationNode(SpeakerMixin, EntityNodeMixin, DjangoObjectType):
    class Meta:
        model = Organization
        name = "Organization"
        interfaces = (Entity, Node)  # Node last: its global id replaces the interface's plain id
        fields = ("id", "name", "description", "verified", "created_at")
        filterset_class = filters.OrganizationFilter

    @classmethod
    def get_queryset(cls, queryset, info):
        return entity_queryset_for(queryset, info)


class PlaceNode(EntityNodeMixin, DjangoObjectType):
    class Meta:
        model = Place
        name = "Place"
        interfaces = (Entity, Node)  # Node last: its global id replaces the interface's plain id
        fields = ("id", "name", "description", "verified", "created_at")
        filterset_class = filters.PlaceFilter

    @classmethod
    def get_queryset(cls, queryset, info):
        return entity_queryset_for(queryset, info)


class SourceType(DjangoObjectType):
    class Meta:
        model = Source
        name = "Source"
        fields = ("slug", "name")


class QuoteNode(DjangoObjectType):
    kind = graphene.Field(QuoteKind, required=True)
    # Declared, not derived: graphene-django would re-fetch each article through ArticleNode.get_queryset.
    article = graphene.Field(lambda: ArticleNode, required=True)
    speaker = graphene.Field(Entity, description="Who said it: a person or an organization, or null when unnamed.")

    class Meta:
        model = Quote
        name = "Quote"
        interfaces = (Node,)
        fields = ("id", "text", "speaker_text", "cue", "start", "end", "confidence", "verified")
        filterset_class = filters.QuoteFilter

    def resolve_kind(self, info) -> str:
        return self.kind

    def resolve_speaker(self, info):
        return self.speaker

    def resolve_article(self, info):
        return self.article

    @classmethod
    def get_queryset(cls, queryset, info):
        selection = node_selection(info)
        queryset = queryset.filter(rejected=False).select_related("speaker_person", "speaker_organization")
        if "article" in selection:
            queryset = queryset.select_related("article")
        limit = speaker_quotes_limit(selection.get("speaker"))
        if limit:
            text = selects_article_text(selection.get("speaker.quotes.edges.node.article"))
            queryset = queryset.prefetch_related(
                selectors.latest_quotes_prefetch("speaker_person__quotes", limit, article_text=text),
                selectors.latest_quotes_prefetch("speaker_organization__quotes", limit, article_text=text),
            )
        return queryset


def article_includes(selection: Selection) -> selectors.ArticleIncludes:
    """Which related records a GraphQL selection of articles needs."""
    entity_fields = ("people", "organizations", "places")
    return selectors.ArticleIncludes(
        mentions=any(name in selection for name in (*entity_fields, "mentions")),
        entity_aliases=any(selection.get(f"{name}.aliases") for name in entity_fields)
        or bool(selection.get("mentions.entity.aliases")),
        quotes="quotes" in selection,
        speaker_latest_quotes=speaker_quotes_limit(selection.get("quotes.speaker")),
        speaker_quote_article_text=selects_article_text(selection.get("quotes.speaker.quotes.edges.node.article")),
    )


def selects_article_text(selection: Selection | None) -> bool:
    return bool(selection) and ("body" in selection or "cleanText" in selection)


class ArticleNode(DjangoObjectType):
    status = graphene.Field(ArticleStatus, required=True)
    source = graphene.Field(SourceType, required=True)
    people = graphene.List(graphene.NonNull(PersonNode), required=True, description="Most salient first.")
    organizations = graphene.List(graphene.NonNull(OrganizationNode), required=True, description="Most salient first.")
    places = graphene.List(graphene.NonNull(PlaceNode), required=True, description="Most salient first.")
    mentions = graphene.List(graphene.NonNull(ArticleMention), required=True, description="Most salient first.")
    quotes = graphene.List(graphene.NonNull(QuoteNode), required=True, description="In text order.")
    keywords = graphene.List(graphene.NonNull(graphene.String), required=True)
    authors = graphene.List(graphene.NonNull(graphene.String), required=True)
    related = graphene.List(
        graphene.NonNull(lambda: ArticleNode),
        required=True,
        first=graphene.Int(default_value=5),
        description="Articles sharing the most entities with this one.",
    )

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
        selection = node_selection(info)
        includes = article_includes(selection)
        text = () if selects_article_text(selection) else selectors.ARTICLE_TEXT_COLUMNS
        return (
            queryset.select_related("source")
            .defer("search_vector", *text)
            .prefetch_related(*selectors.article_queryset(includes)._prefetch_related_lookups)
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
            ArticleMention(
                entity=m.entity,
                salience=m.salience,
                role=m.role or None,
                surface_forms=m.surface_forms,
                verified=m.verified,
            )
            for m in self.mentions.all()
        ]

    def resolve_quotes(self, info):
        return selectors.article_quotes(self)

    def resolve_related(self, info, first: int):
        if not 0 < first <= 20:
            raise GraphQLError("`first` must be between 1 and 20.")
        return list(selectors.article_related(self, limit=first))
