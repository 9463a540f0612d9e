"""Property-based runs against both published schemas: no 500s, no response that breaks the schema.

Fixed seed and bounded examples here; `bench/README.md` gives the longer run.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from newsapi.wsgi import application
from tests.test_api import linked_article

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)

openapi = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
graphql = schemathesis.graphql.from_wsgi("/graphql/", application)


@pytest.fixture
def content(db):
    """Some linked content, served in the test's transaction: as Django's test client does, requests must not
    close the connection that holds it."""
    for _ in range(3):
        linked_article()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@openapi.parametrize()
@FUZZ
def test_rest_api_honours_its_openapi_schema(case, content):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, content_type_conformance])


@graphql.parametrize()
@FUZZ
def test_graphql_api_never_fails_on_valid_queries(case, content):
    response = case.call()

    assert response.status_code < 500
    errors = response.json().get("errors") or []
    internal = [error for error in errors if error.get("extensions", {}).get("code") == "INTERNAL_SERVER_ERROR"]
    assert not internal, internal
