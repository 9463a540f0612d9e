"""The one-statement GraphQL plan answers exactly what graphql-core's resolvers answer, in one query."""

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from graphql import (
    ArgumentNode,
    IntValueNode,
    StringValueNode,
    Visitor,
    get_operation_ast,
    parse,
    print_ast,
    validate,
    visit,
)
from graphql_relay import offset_to_cursor, to_global_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from articles.graphql import sql_plan
from articles.models import PersonAlias
from newsapi.schema import schema
from tests.factories import (
    ArticleFactory,
    MentionFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    QuoteFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL plan is PostgreSQL's"),
]

NESTED = """query Nested($first: Int!) {
  articles(first: $first) { edges { cursor node { id title
    quotes { id text kind start end confidence verified speakerText cue speaker { __typename id name
      ... on Person { quotes(first: 2) { pageInfo { hasNextPage endCursor } edges { node { id text
        article { id title publishedAt } } } } }
      ... on Organization { aliases quotes(first: 5) { edges { node { text article { title } } } } }
    } }
  } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
}"""

ARTICLE_FIELDS = """query A($id: ID!) { article(id: $id) { __typename id externalId url title body cleanText language
  publishedAt error pipelineVersion receivedAt enrichedAt status keywords authors source { slug name __typename }
  people { id name aliases verified createdAt description } organizations { name } places { name __typename } } }"""

PERSON_PAGE = """query P($id: ID!, $first: Int, $after: String) { person(id: $id) { id name aliases verified
  articles(first: $first, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage startCursor
  endCursor hasPreviousPage } }
  quotes(first: $first) { edges { node { text kind article { title } } } } } }"""

FRAGMENTS = """query F($withTitle: Boolean!) {
  first: articles(first: 2) { ...Page }
  second: articles(first: 2, after: "YXJyYXljb25uZWN0aW9uOjE=") { ...Page }
  typename: __typename
}
fragment Page on ArticleConnection { edges { node { ...Fields id @skip(if: true) } } }
fragment Fields on Article { heading: title @include(if: $withTitle) title quotes { speaker { ... on Entity { name }
  ... on Node { id } } } }"""

ENTITY_PAGE = """query E($id: ID!) { person(id: $id) { name roles
  mentions { salience role article { title publishedAt } affiliation { name aliases } __typename }
  coMentions(first: 3) { count person { name coMentions { count person { id } } } }
  articles(first: 2) { edges { node { title mentions { salience role surfaceForms verified
    entity { __typename id name ... on Place { articles(first: 1) { edges { cursor } } } } } } } } }
  organizations(first: 5) { edges { node { name roles coMentions { count person { name } } mentions { role } } } } }"""

ROOT_ENTITIES = """{ people(first: 3) { edges { node { name aliases } } pageInfo { hasNextPage endCursor } }
  organizations { edges { node { name quotes(first: 1) { edges { node { text } } } } } }
  places(first: 100) { edges { node { name articles(first: 1) { edges { node { title } } } } } } }"""


@pytest.fixture
def newsroom():
    """Articles that exercise what the plan must reproduce: speakers that are people, organizations or unnamed,
    rejected quotes, aliases, a missing and a sub-second publication time, ties in salience and several pages."""
    base = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    people = [PersonFactory(name=name) for name in ("Ana Ruiz", "Bo Lind", "Chen Wei")]
    PersonAlias.objects.create(person=people[0], name="Ruiz")
    PersonAlias.objects.create(person=people[0], name="Anita Ruiz")
    ministry = OrganizationFactory(name="Ministerio de Salud")
    ministry.aliases.create(name="MinSalud")
    place = PlaceFactory(name="A Coruña")
    articles = []
    for number in range(7):
        published = None if number == 3 else base - timedelta(days=number, microseconds=250_000 * (number % 2))
        article = ArticleFactory(
            title=f"Título {number} «con comillas» y \\ barra",
            published_at=published,
            keywords=["salud", f"k{number}"],
            authors=["Redacción"] if number % 2 else [],
        )
        articles.append(article)
        for rank, person in enumerate(people[: 1 + number % 3]):
            MentionFactory(
                article=article,
                person=person,
                salience=0.5 if rank else 0.9,
                role=("portavoz", "Ministra", "ministra", "")[(number + rank) % 4],
                affiliation=ministry if (number + rank) % 3 == 0 else None,
                surface_forms=[person.name, person.name.split()[-1]],
            )
        MentionFactory(article=article, kind="organization", person=None, organization=ministry, salience=0.5)
        if number % 2:
            MentionFactory(article=article, kind="place", person=None, place=place, salience=0.2)
        QuoteFactory(article=article, speaker_person=people[number % 3], start=40, end=60, text=f"Dijo {number}")
        QuoteFactory(article=article, speaker_person=None, speaker_organization=ministry, start=5, end=20)
        QuoteFactory(article=article, speaker_person=None, kind="indirect", start=5, end=30, confidence=0.25)
        QuoteFactory(article=article, speaker_person=people[0], rejected=True, start=1, end=2)
    return {"articles": articles, "people": people, "ministry": ministry}


def run(query: str, variables: dict | None = None) -> tuple[dict, int]:
    """The answer through the view with the plan, the same through graphql-core, and the plan's query count."""
    client = Client()
    body = json.dumps({"query": query, "variables": variables or {}})
    with CaptureQueriesContext(connection) as planned_queries:
        planned = client.post("/graphql/", body, content_type="application/json").json()
    planned_count = len(planned_queries)  # read now: the next request empties Django's query log
    with override_settings(GRAPHQL_SQL_PLAN=False):
        resolved = client.post("/graphql/", body, content_type="application/json").json()
    assert "errors" not in resolved, resolved
    assert planned == resolved
    return planned, planned_count


def planned(query: str, variables: dict | None = None) -> bool:
    document = parse(query)
    return sql_plan.plan_query(schema.graphql_schema, document, get_operation_ast(document), variables) is not None


@pytest.mark.parametrize(
    "query, variables",
    [
        (NESTED, {"first": 3}),
        (NESTED, {"first": 20}),
        (FRAGMENTS, {"withTitle": True}),
        (FRAGMENTS, {"withTitle": False}),
        (ROOT_ENTITIES, None),
        ("{ quotes(first: 50) { edges { node { text kind speaker { name } article { title } } } } }", None),
    ],
)
def test_the_plan_answers_as_the_resolvers_do(newsroom, query, variables):
    assert planned(query, variables)

    data, queries = run(query, variables)

    assert queries == 1
    assert data["data"]


def test_every_article_field_and_scalar_format_matches(newsroom):
    for article in newsroom["articles"]:
        variables = {"id": to_global_id("Article", article.id)}
        assert planned(ARTICLE_FIELDS, variables)

        data, _ = run(ARTICLE_FIELDS, variables)

        assert data["data"]["article"]["keywords"][0] == "salud"
    assert any(a.published_at is None for a in newsroom["articles"])  # null date-times are covered
    assert any(a.published_at and a.published_at.microsecond for a in newsroom["articles"])


def test_entity_pages_page_by_cursor_like_the_resolvers(newsroom):
    person = newsroom["people"][0]
    variables = {"id": to_global_id("Person", person.id), "first": 2}
    pages = 0
    while True:
        assert planned(PERSON_PAGE, variables)
        data, _ = run(PERSON_PAGE, variables)
        connection_page = data["data"]["person"]["articles"]
        pages += 1
        if not connection_page["pageInfo"]["hasNextPage"]:
            break
        variables["after"] = connection_page["pageInfo"]["endCursor"]
    assert pages == 4  # seven articles, two a page
    assert data["data"]["person"]["aliases"] == ["Anita Ruiz", "Ruiz"]


def test_entity_pages_with_roles_mentions_and_co_mentions_match(newsroom):
    for person in newsroom["people"]:
        variables = {"id": to_global_id("Person", person.id)}
        assert planned(ENTITY_PAGE, variables)

        _, queries = run(ENTITY_PAGE, variables)

        assert queries == 1
    ana = run(ENTITY_PAGE, {"id": to_global_id("Person", newsroom["people"][0].id)})[0]["data"]["person"]
    assert ana["roles"] and ana["coMentions"] and any(m["affiliation"] for m in ana["mentions"])


def test_entity_ids_are_global_ids_that_find_the_entity_again(newsroom):
    """A person's id, wherever it appears, is the Relay global id that node() and person() accept."""
    person = newsroom["people"][1]
    query = "query($id: ID!) { node(id: $id) { ... on Person { id name } } person(id: $id) { id } }"
    variables = {"id": to_global_id("Person", person.id)}

    data, _ = run(query, variables)

    assert data["data"]["node"] == {"id": variables["id"], "name": person.name}
    assert data["data"]["person"]["id"] == variables["id"]


def test_cursors_past_the_end_and_missing_records_answer_empty(newsroom):
    far = offset_to_cursor(500)
    query = f'{{ articles(first: 2, after: "{far}") {{ edges {{ cursor }} pageInfo {{ hasNextPage endCursor }} }} }}'
    missing = "query($id: ID!) { article(id: $id) { title } }"

    assert run(query)[0]["data"]["articles"] == {"edges": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}
    assert run(missing, {"id": to_global_id("Article", 10**9)})[0]["data"] == {"article": None}


FILTERED = {
    "articles by language and status": '{ articles(first: 3, language: "en", status: ENRICHED) { edges { node { id '
    "title } } pageInfo { hasNextPage endCursor } } }",
    "articles by person name": '{ articles(person: "ana ruiz", first: 2) { edges { cursor node { title } } } }',
    "articles by date": '{ articles(publishedAfter: "2026-10-29T00:00:00+00:00") { edges { node { publishedAt } } } }',
    "articles by search, by relevance": '{ articles(q: "Título", ordering: "relevance", first: 4, '
    'after: "YXJyYXljb25uZWN0aW9uOjA=") { edges { cursor node { title } } } }',
    "quotes by kind and speaker": '{ quotes(kind: DIRECT, speaker: "Bo Lind") { edges { node { text } } } }',
    "people by name": '{ people(name: "ruiz") { edges { node { name aliases } } } }',
    "nothing matches": '{ organizations(name: "nadie", verified: true) { edges { cursor } pageInfo { hasNextPage '
    "startCursor } } }",
}


@pytest.mark.parametrize("name", FILTERED)
def test_filtered_root_connections_page_like_the_resolvers(newsroom, name):
    assert planned(FILTERED[name])

    data, queries = run(FILTERED[name])

    assert queries == 2  # the page of ids from the filterset, then the answer
    assert data["data"]


@pytest.mark.parametrize(
    "query, variables",
    [
        ('{ people { edges { node { articles(first: 2, language: "en") { edges { cursor } } } } } }', None),
        ("{ articles(first: 2) { edges { node { related { title } } } } }", None),  # not planned
        ("{ articles(last: 2) { edges { node { title } } } }", None),  # backwards paging
        ("query($id: ID!) { article(id: $id) { title } }", {"id": "not-a-global-id"}),
        ("{ __schema { queryType { name } } }", None),
    ],
)
def test_what_the_plan_does_not_know_goes_through_the_resolvers(newsroom, query, variables):
    assert not planned(query, variables)

    run(query, variables)


def test_refused_page_sizes_keep_the_resolvers_error(client, newsroom):
    response = client.post(
        "/graphql/", {"query": "{ articles(first: 101) { edges { cursor } } }"}, content_type="application/json"
    )

    assert "exceeds the `first` limit of 100" in response.json()["errors"][0]["message"]


GENERATED = settings(
    max_examples=int(os.environ.get("FUZZ_MAX_EXAMPLES", "25")) * 4,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# The part of the schema the plan answers, so that generated queries exercise it rather than the fallback.
PLANNED_SCHEMA = (Path(__file__).parent / "schemas" / "graphql_sql_plan.graphql").read_text()


class ValidPaging(Visitor):
    """Generated page sizes and cursors are mostly out of range (the resolvers' errors, tested elsewhere): keep
    `first` within 1–7 and make `after` a cursor of the API's own kind, -1 to 7."""

    def enter_argument(self, node, *_):
        if node.name.value == "first" and isinstance(node.value, IntValueNode):
            return ArgumentNode(name=node.name, value=IntValueNode(value=str(abs(int(node.value.value)) % 7 + 1)))
        if node.name.value == "after":
            offset = len(getattr(node.value, "value", "") or "") % 9 - 1
            return ArgumentNode(name=node.name, value=StringValueNode(value=offset_to_cursor(offset)))
        return None


@given(
    query=queries(
        PLANNED_SCHEMA,
        custom_scalars={"DateTime": st.just("2026-11-01T00:00:00+00:00").map(nodes.String)},
        allow_null=False,
    )
)
@GENERATED
def test_generated_queries_answer_the_same_either_way(newsroom, query):
    """Random selections (fragments, aliases, nesting, paging): the plan's answer is graphql-core's."""
    document = visit(parse(query), ValidPaging())
    assert not validate(schema.graphql_schema, document)  # the planned part is a part of the real schema
    text = print_ast(document)

    with override_settings(GRAPHQL_MAX_COST=10**9, GRAPHQL_MAX_DEPTH=30, GRAPHQL_MAX_TOKENS=10**5):
        if planned(text):
            run(text)
