from rest_framework.pagination import CursorPagination


class DefaultCursorPagination(CursorPagination):
    """Stable cursor pages; clients may ask for up to 100 items per page."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"


class ArticleCursorPagination(DefaultCursorPagination):
    """Most recently published first, or best match first for a search with ?ordering=relevance."""

    def get_ordering(self, request, queryset, view):
        if request.query_params.get("ordering") == "relevance" and "relevance" in queryset.query.annotations:
            return ("-relevance", "-id")
        return ("-published_at", "-id")
