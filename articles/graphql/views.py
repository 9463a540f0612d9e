import logging

from django.core.exceptions import ValidationError
from graphene_django.views import GraphQLView
from graphql import GraphQLError

logger = logging.getLogger(__name__)

# Errors a client caused (a bad id, an over-large page, an invalid filter value) keep their message.
CLIENT_ERRORS = (ValueError, ValidationError, GraphQLError, PermissionError)


class PublicGraphQLView(GraphQLView):
    """The GraphQL endpoint: each error says whose fault it is, and internal errors never leak details."""

    @staticmethod
    def format_error(error):
        formatted = GraphQLView.format_error(error)
        original = getattr(error, "original_error", None)
        if original is None:
            code = "GRAPHQL_VALIDATION_FAILED"
        elif isinstance(original, CLIENT_ERRORS):
            code = "BAD_USER_INPUT"
        else:
            logger.error("GraphQL resolver failed", exc_info=original)
            formatted["message"] = "internal error; it has been logged"
            code = "INTERNAL_SERVER_ERROR"
        formatted.setdefault("extensions", {})["code"] = code
        return formatted
