import functools
import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from graphene.validation import DisableIntrospection, depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import ExecutionResult, GraphQLError, execute, get_operation_ast, parse, specified_rules, validate

from articles.content_cache import content_version
from articles.graphql import sql_plan
from articles.graphql.limits import alias_count, query_cost

logger = logging.getLogger(__name__)

# Errors a client caused (a bad id, an over-large page, an invalid filter value) keep their message.
CLIENT_ERRORS = (ValueError, ValidationError, GraphQLError, PermissionError)


class PublicGraphQLView(GraphQLView):
    """The public read API: abusive queries are refused before they run, anonymous answers are cached while the
    content is unchanged, and each error says whose fault it is without leaking internals."""

    @staticmethod
    def format_error(error):
        formatted = GraphQLView.format_error(error)
        original = getattr(error, "original_error", None)
        if original is None:
            code = (error.extensions or {}).get("code") or "GRAPHQL_VALIDATION_FAILED"
        elif isinstance(original, CLIENT_ERRORS):
            code = "BAD_USER_INPUT"
        else:
            logger.error("GraphQL resolver failed", exc_info=original)
            formatted["message"] = "internal error; it has been logged"
            code = "INTERNAL_SERVER_ERROR"
        formatted.setdefault("extensions", {})["code"] = code
        return formatted

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)
        schema = self.schema.graphql_schema
        document, errors = checked_document(
            self.schema, query, settings.GRAPHQL_MAX_TOKENS, settings.GRAPHQL_MAX_DEPTH, settings.GRAPHQL_INTROSPECTION
        )
        if errors:
            return ExecutionResult(errors=errors)
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation.value != "query":
            return ExecutionResult(errors=[limit_error("Only queries are supported; send one named operation.")])
        aliases = alias_count(document)
        if aliases > settings.GRAPHQL_MAX_ALIASES:
            return ExecutionResult(
                errors=[limit_error(f"The query uses {aliases} aliases; at most {settings.GRAPHQL_MAX_ALIASES}.")]
            )
        cost = query_cost(
            schema,
            document,
            variables=variables,
            operation_name=operation_name,
            page_cap=settings.GRAPHENE["RELAY_CONNECTION_MAX_LIMIT"],
        )
        if cost > settings.GRAPHQL_MAX_COST:
            return ExecutionResult(
                errors=[
                    limit_error(
                        f"The query's cost is {cost}; at most {settings.GRAPHQL_MAX_COST}. Ask for "
                        "smaller pages or fewer nested lists."
                    )
                ]
            )
        try:
            data = sql_plan.answer(schema, document, operation, variables)
            if data is not None:
                return ExecutionResult(data=data)
            return execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
        except Exception as error:  # an unexpected failure is reported (and logged), not raised as a 500 page
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])

    def get_response(self, request, data, show_graphiql=False):
        key = self.cache_key(request, data, show_graphiql)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        result, status_code = super().get_response(request, data, show_graphiql)
        if key is not None and status_code == 200 and result and '"errors"' not in result:
            cache.set(key, (result, status_code), settings.GRAPHQL_CACHE_SECONDS)
        return result, status_code

    def cache_key(self, request, data, show_graphiql) -> str | None:
        """Anonymous reads are shared: the key holds the query, its variables and the content version, so any
        (re-)enrichment or edit, which bumps the version, makes every cached answer unreachable at once."""
        if not settings.GRAPHQL_CACHE_SECONDS or show_graphiql or request.user.is_authenticated:
            return None
        query, variables, operation_name, _ = self.get_graphql_params(request, data)
        if not query:
            return None
        payload = json.dumps([query, variables, operation_name], sort_keys=True, default=str)
        return f"graphql:{content_version()}:{hashlib.sha256(payload.encode()).hexdigest()}"


@functools.lru_cache(maxsize=512)
def checked_document(schema, query: str, max_tokens: int, max_depth: int, introspection: bool):
    """The parsed document and its validation errors. Frontends send the same few query texts over and over, and
    validating one costs more than answering it from the SQL plan, so each text is checked once per process (the
    limits are part of the key, so a settings change takes effect). Documents are never mutated after parsing."""
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        return None, [error]
    rules = [*specified_rules, depth_limit_validator(max_depth=max_depth)]
    if not introspection:
        rules.append(DisableIntrospection)
    return document, validate(schema.graphql_schema, document, rules, max_errors=20)


def limit_error(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "QUERY_TOO_COMPLEX"})
