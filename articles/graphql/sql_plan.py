"""Answers the common read queries with one SQL statement that builds the whole response in PostgreSQL.

graphql-core resolves every field of every object in Python: a page of 20 articles with their quotes, speakers and
the speakers' latest quotes is some 2,400 field resolutions and 600 model instances, and that, not the database,
bounds the request rate. For queries whose every field this module knows, it plans one statement instead (nested
`json_build_object` / `json_agg` subqueries, as PostGraphile and Hasura do), and PostgreSQL returns the `data`
object ready to send; a filtered root connection first takes its page of ids from the resolvers' own filterset.
Anything it does not know (related articles, filters on nested connections, introspection,
`last`/`before`/`offset` paging) raises `Unsupported` while planning, before the answer is read,
and the request goes through graphql-core as before, so the two paths never mix within one answer.

Parity with graphql-core is the contract: same keys in the same order (graphql-core's own field collection decides
them, fragments and @skip/@include included), same orderings, same Relay cursors and page info, same scalar
serialisation (global ids, enums, ISO date-times). tests/test_graphql_sql_plan.py compares the two paths field for
field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.db import connection
from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    get_named_type,
)
from graphql.execution.collect_fields import collect_fields, collect_sub_fields
from graphql.execution.values import get_argument_values, get_variable_values
from graphql_relay import cursor_to_offset, from_global_id

from articles.api import filters
from articles.json_sql import column, global_id, iso_datetime, table
from articles.models import Article, Mention, Organization, Person, Place, Quote, Source
from articles.selectors import ENTITY_FIELDS

MAX_KEYS = 50  # json_build_object takes at most 100 arguments


class Unsupported(Exception):
    """The query asks for something only graphql-core's resolvers answer."""


def answer(schema: GraphQLSchema, document, operation: OperationDefinitionNode, raw_variables) -> dict | None:
    """The query's `data`, from one SQL statement; None when the query must go through graphql-core."""
    if not settings.GRAPHQL_SQL_PLAN or connection.vendor != "postgresql":
        return None
    plan = plan_query(schema, document, operation, raw_variables)
    if plan is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(plan)
        (data,) = cursor.fetchone()
    return data


def plan_query(schema, document, operation, raw_variables) -> str | None:
    """The statement, or None. It has no parameters: the only values planned into it are integers (ids, page
    sizes, offsets) checked as such, type names and GraphQL field names, which the parser allows only as words."""
    variables = get_variable_values(schema, operation.variable_definitions or (), raw_variables or {})
    if isinstance(variables, list):  # invalid variables: graphql-core reports them
        return None
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if getattr(definition, "kind", "") == "fragment_definition"
    }
    planner = Planner(schema, fragments, variables)
    try:
        fields = collect_fields(schema, fragments, variables, schema.query_type, operation.selection_set)
        sql = "SELECT " + planner.json_object(fields, lambda key, nodes: planner.root_field(nodes))
    except (Unsupported, GraphQLError):
        return None
    return sql


# --- how the schema maps to tables ------------------------------------------------------------------------------


def cursor(offset_sql: str) -> str:
    return global_id("arrayconnection", f"({offset_sql})")


@dataclass(frozen=True)
class Connection:
    """A Relay connection over rows of `model`: FROM/WHERE relative to the parent alias, and its ORDER BY. A root
    connection with filters has its page of ids chosen by the same filterset and queryset as the resolvers', so
    filtering, search and ordering are theirs by construction."""

    model: type
    joins: str  # extra FROM items after the node table, e.g. a join through mentions
    where: str  # may refer to the parent alias as {parent} and to the node alias as {t}
    order: str  # ORDER BY over the node alias {t}
    filterset: type | None = None
    base: Callable | None = None  # the node type's get_queryset, as graphene-django filters it


ARTICLE_ORDER = "{t}.published_at DESC, {t}.id DESC"  # Article.Meta.ordering, as PostgreSQL sorts it
ENTITY_ORDER = "{t}.name ASC, {t}.id ASC"  # Entity.Meta.ordering
MENTION_FIELD = {model: f"{kind}_id" for model, kind in ENTITY_FIELDS.items()}
QUOTE_SPEAKER_FIELD = {Person: "speaker_person_id", Organization: "speaker_organization_id"}
ENTITY_MODELS = {model.__name__: model for model in ENTITY_FIELDS}
NODE_MODELS = {"Article": Article, "Quote": Quote, **ENTITY_MODELS}


ROOT_CONNECTIONS = {
    "articles": Connection(
        Article, "", "TRUE", ARTICLE_ORDER, filterset=filters.ArticleFilter, base=lambda: Article.objects.all()
    ),
    "quotes": Connection(
        Quote,
        "",
        "NOT {t}.rejected",
        "{t}.article_id, {t}.start, {t}.id",  # Quote.Meta.ordering
        filterset=filters.QuoteFilter,
        base=lambda: Quote.objects.filter(rejected=False),
    ),
    **{
        name: Connection(model, "", "TRUE", ENTITY_ORDER, filterset=filterset, base=model.objects.all)
        for name, model, filterset in (
            ("people", Person, filters.PersonFilter),
            ("organizations", Organization, filters.OrganizationFilter),
            ("places", Place, filters.PlaceFilter),
        )
    },
}


class Planner:
    def __init__(self, schema: GraphQLSchema, fragments: dict, variables: dict) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.aliases = 0
        self.known_ids: dict[str, int] = {}  # alias → the id a root field asked for

    # -- helpers

    def alias(self) -> str:
        self.aliases += 1
        return f"t{self.aliases}"

    def json_object(self, fields: dict[str, list[FieldNode]], expression: Callable[[str, list[FieldNode]], str]) -> str:
        if not fields or len(fields) > MAX_KEYS:
            raise Unsupported("empty or very wide selection")
        parts = [f"'{key}', {expression(key, nodes)}" for key, nodes in fields.items()]
        return "json_build_object(" + ", ".join(parts) + ")"

    def sub_fields(self, object_type: GraphQLObjectType, nodes: list[FieldNode]) -> dict[str, list[FieldNode]]:
        return collect_sub_fields(self.schema, self.fragments, self.variables, object_type, nodes)

    def arguments(self, parent: GraphQLObjectType, nodes: list[FieldNode]) -> dict:
        field_def = parent.fields[nodes[0].name.value]
        return get_argument_values(field_def, nodes[0], self.variables)

    def object_type(self, name: str) -> GraphQLObjectType:
        return self.schema.get_type(name)

    # -- root

    def root_field(self, nodes: list[FieldNode]) -> str:
        name = nodes[0].name.value
        query_type = self.schema.query_type
        if name == "__typename":
            return "'Query'"
        if name in ("article", "person", "organization", "place", "node"):
            type_name, pk = self.decode_id(self.arguments(query_type, nodes)["id"])
            expected = name.capitalize()
            if name == "node":
                if type_name not in NODE_MODELS:
                    raise Unsupported("node of another type")
            elif type_name != expected:
                raise Unsupported("an id of another type")
            return self.single_row(NODE_MODELS[type_name], type_name, nodes, f"{{t}}.id = {int(pk)}", known_id=pk)
        if name in ROOT_CONNECTIONS:
            return self.connection(query_type, nodes, None, ROOT_CONNECTIONS[name])
        raise Unsupported(name)

    def decode_id(self, value: str) -> tuple[str, int]:
        try:
            type_name, raw = from_global_id(value)
        except Exception as error:  # malformed: graphql-core's path answers null
            raise Unsupported("malformed id") from error
        if not raw.isdigit() or int(raw) > filters.MAX_ID:
            raise Unsupported("malformed id")
        return type_name, int(raw)

    def single_row(
        self, model, type_name: str, nodes, where: str, parent: str | None = None, known_id: int | None = None
    ) -> str:
        t = self.alias()
        if known_id is not None:
            self.known_ids[t] = int(known_id)
        obj = self.object_of(type_name, t, self.sub_fields(self.object_type(type_name), nodes))
        condition = where.format(t=t, parent=parent)
        return f"(SELECT {obj} FROM {table(model)} {t} WHERE {condition})"

    # -- objects

    def object_of(self, type_name: str, t: str, fields: dict[str, list[FieldNode]]) -> str:
        resolve = {
            "Article": self.article_field,
            "Quote": self.quote_field,
            "Person": self.entity_field,
            "Organization": self.entity_field,
            "Place": self.entity_field,
            "Source": self.source_field,
        }.get(type_name)
        if resolve is None:
            raise Unsupported(type_name)
        object_type = self.object_type(type_name)
        return self.json_object(fields, lambda key, nodes: resolve(object_type, t, nodes))

    def scalar(self, model, t: str, name: str, *, type_name: str) -> str | None:
        """A column the GraphQL field shows as it is stored (or a typename, id or date-time)."""
        if name == "__typename":
            return f"'{type_name}'"
        if name == "id":
            return global_id(type_name, f"{t}.id")
        field_name = {
            "externalId": "external_id",
            "cleanText": "clean_text",
            "publishedAt": "published_at",
            "pipelineVersion": "pipeline_version",
            "receivedAt": "received_at",
            "enrichedAt": "enriched_at",
            "speakerText": "speaker_text",
            "createdAt": "created_at",
        }.get(name, name)
        try:
            field = model._meta.get_field(field_name)
        except Exception:
            return None
        if field.is_relation:
            return None
        if field.get_internal_type() == "DateTimeField":
            return iso_datetime(f"{t}.{field.column}")
        return f"{t}.{field.column}"

    def article_field(self, object_type, t: str, nodes) -> str:
        name = nodes[0].name.value
        if name in ("body", "cleanText", "title", "url", "externalId", "language", "error", "pipelineVersion"):
            return self.scalar(Article, t, name, type_name="Article")
        if name in ("__typename", "id", "publishedAt", "receivedAt", "enrichedAt", "status", "keywords", "authors"):
            return self.scalar(Article, t, name, type_name="Article")
        if name == "source":
            return self.single_row(Source, "Source", nodes, "{t}.id = {parent}.source_id", parent=t)
        if name == "quotes":
            s = self.alias()
            obj = self.object_of("Quote", s, self.sub_fields(self.object_type("Quote"), nodes))
            return (
                f"(SELECT coalesce(json_agg({obj} ORDER BY {s}.start, {s}.id), '[]'::json) FROM {table(Quote)} {s} "
                f"WHERE {s}.article_id = {t}.id AND NOT {s}.rejected)"
            )
        if name in ("people", "organizations", "places"):
            model = {"people": Person, "organizations": Organization, "places": Place}[name]
            type_name = model.__name__
            m, e = self.alias(), self.alias()
            obj = self.object_of(type_name, e, self.sub_fields(self.object_type(type_name), nodes))
            kind = {"people": "person", "organizations": "organization", "places": "place"}[name]
            return (
                f"(SELECT coalesce(json_agg({obj} ORDER BY {m}.salience DESC, {m}.id), '[]'::json) "
                # A lateral lookup by primary key: joined, PostgreSQL hashed the whole (small) entity table per
                # article; OFFSET 0 keeps the subquery from being flattened back into that join.
                f"FROM {table(Mention)} {m} CROSS JOIN LATERAL (SELECT * FROM {table(model)} "
                f"WHERE id = {m}.{MENTION_FIELD[model]} OFFSET 0) {e} "
                f"WHERE {m}.article_id = {t}.id AND {m}.kind = '{kind}')"
            )
        if name == "mentions":  # most salient first, as the resolvers' prefetch orders them
            m = self.alias()
            mention_type = get_named_type(object_type.fields["mentions"].type)
            entity = [(model, f"{m}.{MENTION_FIELD[model]}") for model in (Person, Organization, Place)]
            columns = {
                "__typename": "'ArticleMention'",
                "salience": f"{m}.salience",
                "role": f"NULLIF({m}.role, '')",
                "surfaceForms": f"{m}.surface_forms",
                "verified": f"{m}.verified",
            }

            def mention_field(_key, mention_nodes) -> str:
                field = mention_nodes[0].name.value
                if field == "entity":  # Mention.entity: its person, organization or place
                    return self.first_entity(mention_nodes, entity)
                return columns.get(field) or self.unsupported(f"ArticleMention.{field}")

            obj = self.json_object(self.sub_fields(mention_type, nodes), mention_field)
            return (
                f"(SELECT coalesce(json_agg({obj} ORDER BY {m}.salience DESC, {m}.id), '[]'::json) "
                f"FROM {table(Mention)} {m} WHERE {m}.article_id = {t}.id)"
            )
        raise Unsupported(f"Article.{name}")

    def quote_field(self, object_type, t: str, nodes) -> str:
        name = nodes[0].name.value
        if name == "kind":
            return f"upper({t}.kind)"  # QuoteKind's names are its stored values in capitals
        if name in ("__typename", "id", "text", "speakerText", "cue", "start", "end", "confidence", "verified"):
            return self.scalar(Quote, t, name, type_name="Quote")
        if name == "article":
            return self.single_row(Article, "Article", nodes, "{t}.id = {parent}.article_id", parent=t)
        if name == "speaker":  # Quote.speaker: the person if there is one, else the organization, else null
            return self.first_entity(
                nodes, [(Person, f"{t}.speaker_person_id"), (Organization, f"{t}.speaker_organization_id")]
            )
        raise Unsupported(f"Quote.{name}")

    def entity_field(self, object_type, t: str, nodes) -> str:
        name = nodes[0].name.value
        model = ENTITY_MODELS[object_type.name]
        if name in ("__typename", "id", "name", "description", "verified", "createdAt"):
            return self.scalar(model, t, name, type_name=object_type.name)
        if name == "aliases":
            alias_model = model.aliases.rel.related_model
            fk = model.aliases.field.column
            a = self.alias()
            return (
                f"(SELECT coalesce(json_agg({a}.name ORDER BY {a}.name), '[]'::json) FROM {table(alias_model)} {a} "
                f"WHERE {a}.{fk} = {t}.id)"
            )
        if name == "articles":
            m = self.alias()
            relation = Connection(
                Article,
                f"JOIN {table(Mention)} {m} ON {m}.article_id = {{t}}.id",
                f"{m}.{MENTION_FIELD[model]} = {{parent}}.id",
                "{t}.published_at DESC NULLS LAST, {t}.id DESC",  # selectors.entity_articles
            )
            return self.connection(object_type, nodes, t, relation)
        if name == "quotes" and model in QUOTE_SPEAKER_FIELD:
            relation = Connection(
                Quote, "", f"{{t}}.{QUOTE_SPEAKER_FIELD[model]} = {{parent}}.id AND NOT {{t}}.rejected", "{t}.id DESC"
            )
            return self.connection(object_type, nodes, t, relation)
        own = f"{{m}}.{MENTION_FIELD[model]} = {t}.id"
        if name == "roles":  # by use, then as Python sorts strings (code points: the C collation)
            m = self.alias()
            return (
                f"(SELECT coalesce(json_agg(r.role ORDER BY r.n DESC, r.role COLLATE \"C\"), '[]'::json) FROM "
                f"(SELECT {m}.role, count(*) AS n FROM {table(Mention)} {m} WHERE {own.format(m=m)} "
                f"AND {m}.role <> '' GROUP BY {m}.role) r)"
            )
        if name == "mentions":  # most recent article first (entity_queryset_for's prefetch)
            m, a = self.alias(), self.alias()
            mention_type = get_named_type(object_type.fields["mentions"].type)

            def mention_field(_key, mention_nodes) -> str:
                field = mention_nodes[0].name.value
                if field == "article":
                    return self.single_row(Article, "Article", mention_nodes, f"{{t}}.id = {m}.article_id")
                if field == "affiliation":
                    return self.first_entity(mention_nodes, [(Organization, f"{m}.affiliation_id")])
                columns = {
                    "__typename": "'EntityMention'",
                    "salience": f"{m}.salience",
                    "role": f"NULLIF({m}.role, '')",
                }
                return columns.get(field) or self.unsupported(f"EntityMention.{field}")

            obj = self.json_object(self.sub_fields(mention_type, nodes), mention_field)
            return (
                f"(SELECT coalesce(json_agg({obj} ORDER BY {a}.published_at DESC NULLS LAST, {m}.article_id DESC), "
                f"'[]'::json) FROM {table(Mention)} {m} CROSS JOIN LATERAL (SELECT published_at FROM "
                f"{table(Article)} WHERE id = {m}.article_id OFFSET 0) {a} WHERE {own.format(m=m)})"
            )
        if name == "coMentions":  # selectors.entity_co_mentions: shared articles, then name
            first = self.arguments(object_type, nodes).get("first")
            if not isinstance(first, int) or not 0 < first <= 100:
                raise Unsupported("a co-mention count the resolvers refuse")
            m, other, p, c = self.alias(), self.alias(), self.alias(), self.alias()
            co_type = get_named_type(object_type.fields["coMentions"].type)
            not_itself = f"AND {other}.person_id <> {t}.id" if model is Person else ""

            def co_field(_key, co_nodes) -> str:
                field = co_nodes[0].name.value
                if field == "person":
                    return self.object_of("Person", p, self.sub_fields(self.object_type("Person"), co_nodes))
                return {"__typename": "'CoMention'", "count": f"{c}.n"}.get(field) or self.unsupported(field)

            obj = self.json_object(self.sub_fields(co_type, nodes), co_field)
            return (
                f"(SELECT coalesce(json_agg({obj} ORDER BY {c}.n DESC, {p}.name), '[]'::json) FROM "
                f"(SELECT {other}.person_id, count(*) AS n FROM {table(Mention)} {m} JOIN {table(Mention)} {other} "
                f"ON {other}.article_id = {m}.article_id WHERE {own.format(m=m)} AND {other}.person_id IS NOT NULL "
                f"{not_itself} GROUP BY {other}.person_id ORDER BY count(*) DESC, "
                f"(SELECT name FROM {table(Person)} WHERE id = {other}.person_id) LIMIT {int(first)}) {c} "
                f"CROSS JOIN LATERAL (SELECT * FROM {table(Person)} WHERE id = {c}.person_id OFFSET 0) {p})"
            )
        raise Unsupported(f"{object_type.name}.{name}")

    def first_entity(self, nodes, candidates: list[tuple[type, str]]) -> str:
        """The first of several nullable entity references that is set, as its type's object (null when none)."""
        branches = []
        for model, reference in candidates:
            row = self.single_row(model, model.__name__, nodes, f"{{t}}.id = {reference}")
            branches.append(f"WHEN {reference} IS NOT NULL THEN {row}")
        return "CASE " + " ".join(branches) + " END"

    def source_field(self, object_type, t: str, nodes) -> str:
        name = nodes[0].name.value
        if name == "__typename":
            return "'Source'"
        if name in ("slug", "name"):
            return f"{t}.{column(Source, name)}"
        raise Unsupported(f"Source.{name}")

    # -- connections

    def connection(self, parent_type, nodes, parent: str | None, relation: Connection) -> str:
        """A Relay connection paged by `first` and `after`, with graphene-django's cursors and page info: offsets
        as cursors, hasNextPage when rows remain, hasPreviousPage false without `last`."""
        args = self.arguments(parent_type, nodes)
        if {"last", "before", "offset"} & set(args):
            raise Unsupported("paging backwards or by offset")
        filters = {name: value for name, value in args.items() if name not in ("first", "after")}
        if filters and relation.filterset is None:
            raise Unsupported("filters on a nested connection")
        first = args.get("first")
        limit = settings.GRAPHENE["RELAY_CONNECTION_MAX_LIMIT"]
        if first is None:
            first = limit
        if not isinstance(first, int) or not 0 < first <= limit:
            raise Unsupported("page size that graphql-core refuses")
        offset = 0
        if args.get("after") is not None:
            after = cursor_to_offset(args["after"])
            if after is None or after < -1:
                raise Unsupported("invalid cursor")
            offset = after + 1

        type_name = relation.model.__name__
        connection_type = get_named_type(parent_type.fields[nodes[0].name.value].type)
        edge_type = get_named_type(connection_type.fields["edges"].type)
        t, c = self.alias(), self.alias()
        # Below a record fetched by id, its connections filter on that id itself rather than on the outer row,
        # so PostgreSQL plans them for that value (an index walk for a prolific speaker, not a scan and sort).
        where = relation.where.replace("{parent}.id", str(self.known_ids.get(parent, "{parent}.id")))
        where = where.format(t=t, parent=parent)
        order = relation.order.format(t=t)
        if filters:
            ids = ",".join(str(int(pk)) for pk in self.page_ids(relation, filters, offset, first + 1)) or "NULL"
            rows = (
                f"SELECT {t}.*, array_position(ARRAY[{ids}]::bigint[], {t}.id) + {int(offset)} AS _rn "
                f"FROM {table(relation.model)} {t} WHERE {t}.id = ANY(ARRAY[{ids}]::bigint[])"
            )
        else:
            rows = (
                f"SELECT {t}.*, row_number() OVER (ORDER BY {order}) AS _rn FROM {table(relation.model)} {t} "
                f"{relation.joins.format(t=t)} WHERE {where} ORDER BY {order} "
                f"OFFSET {int(offset)} LIMIT {int(first) + 1}"
            )
        last = offset + first  # the row number of the last edge on this page

        def edge_field(edge_nodes) -> str:
            name = edge_nodes[0].name.value
            if name == "__typename":
                return f"'{edge_type.name}'"
            if name == "cursor":
                return cursor(f"{c}._rn - 1")
            if name == "node":
                return self.object_of(type_name, c, self.sub_fields(self.object_type(type_name), edge_nodes))
            raise Unsupported(f"{edge_type.name}.{name}")

        def page_info_field(info_nodes) -> str:
            name = info_nodes[0].name.value
            return {
                "__typename": "'PageInfo'",
                "hasNextPage": f"count(*) > {first}",
                "hasPreviousPage": "FALSE",
                "startCursor": f"CASE WHEN count(*) > 0 THEN {cursor(f'min({c}._rn) - 1')} END",
                "endCursor": f"CASE WHEN count(*) > 0 THEN {cursor(f'least(max({c}._rn), {last}) - 1')} END",
            }.get(name) or self.unsupported(f"PageInfo.{name}")

        def connection_field(key, conn_nodes) -> str:
            name = conn_nodes[0].name.value
            if name == "__typename":
                return f"'{connection_type.name}'"
            if name == "edges":
                edge = self.json_object(
                    self.sub_fields(edge_type, conn_nodes), lambda _key, edge_nodes: edge_field(edge_nodes)
                )
                return f"coalesce(json_agg({edge} ORDER BY {c}._rn) FILTER (WHERE {c}._rn <= {last}), '[]'::json)"
            if name == "pageInfo":
                page_info_type = get_named_type(connection_type.fields["pageInfo"].type)
                return self.json_object(
                    self.sub_fields(page_info_type, conn_nodes), lambda _key, info_nodes: page_info_field(info_nodes)
                )
            raise Unsupported(f"{connection_type.name}.{name}")

        body = self.json_object(self.sub_fields(connection_type, nodes), connection_field)
        # GROUP BY (): one row however many the page has, even when the selection holds no aggregate
        return f"(SELECT {body} FROM ({rows}) {c} GROUP BY ())"

    @staticmethod
    def page_ids(relation: Connection, filters: dict, offset: int, count: int) -> list[int]:
        """The ids on the page, in order, from the resolvers' filterset (DjangoFilterConnectionField's way: enum
        arguments by value; an invalid filter is the resolvers' to report)."""
        data = {name: value.value if isinstance(value, Enum) else value for name, value in filters.items()}
        filterset = relation.filterset(data=data, queryset=relation.base())
        if not filterset.is_valid():
            raise Unsupported("invalid filter")
        return list(filterset.qs.values_list("id", flat=True)[offset : offset + count])

    @staticmethod
    def unsupported(what: str) -> str:
        raise Unsupported(what)
