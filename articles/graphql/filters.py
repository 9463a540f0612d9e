from articles.api.filters import ArticleFilter, OrganizationFilter, PersonFilter, PlaceFilter, QuoteFilter

__all__ = ["ArticleFilter", "OrganizationFilter", "PersonFilter", "PlaceFilter", "QuoteFilter"]
