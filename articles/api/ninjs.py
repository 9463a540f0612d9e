"""An article as IPTC ninjs 2.x (News in JSON): the standard shape newsroom systems exchange."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from articles import selectors
from articles.models import Article

NINJS_VERSION = "2.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
# ninjs entity arrays and the entity kinds they hold, with the REST route that identifies each entity.
ENTITY_ARRAYS = {
    "people": ("person", "person-detail"),
    "organisations": ("organization", "organization-detail"),
    "places": ("place", "place-detail"),
}


def _datetime(value) -> str | None:
    return value.isoformat() if value else None


class NinjsSerializer(serializers.BaseSerializer):
    """Read-only: people, organisations and places are ninjs entities identified by their REST URL; keywords are
    subjects; quotes have no place in ninjs and are left out. Needs the request in its context for absolute URIs."""

    def to_representation(self, article: Article) -> dict[str, Any]:
        request = self.context["request"]

        def uri(route: str, pk: int) -> str:
            return request.build_absolute_uri(reverse(route, args=[pk]))

        text = article.clean_text or article.body
        versions = list(article.versions.values_list("created_at", flat=True)[:1])
        document: dict[str, Any] = {
            "uri": uri("article-detail", article.id),
            "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
            "type": "text",
            "representationtype": "full",
            "version": str(article.versions.count() + 1),
            "firstcreated": _datetime(article.published_at or article.received_at),
            "versioncreated": _datetime(versions[0] if versions else article.received_at),
            "pubstatus": "usable",
            "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.title}],
            "bodies": [
                {
                    "role": "main",
                    "contenttype": "text/plain",
                    "charcount": len(text),
                    "wordcount": len(text.split()),
                    "value": text,
                }
            ],
            "altids": [{"role": "external_id", "value": article.external_id}],
            "infosources": [{"name": article.source.name, "role": "source", "literal": article.source.slug}],
        }
        if article.language:
            document["language"] = article.language
        if article.authors:
            document["by"] = ", ".join(article.authors)
        if article.url:
            document["renditions"] = [{"name": "web", "href": article.url, "contenttype": "text/html"}]
        for array, (kind, route) in ENTITY_ARRAYS.items():
            entities = [
                {"name": mention.entity.name, "rel": "mentioned", "uri": uri(route, mention.entity.id)}
                for mention in selectors.article_mentions(article, kind)
            ]
            if entities:
                document[array] = entities
        if article.keywords:
            document["subjects"] = [{"name": keyword, "rel": "keyword"} for keyword in article.keywords]
        return document
