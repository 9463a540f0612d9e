import graphene

from articles.graphql.types import (
    ArticleNode,
    ConnectionField,
    Node,
    OrganizationNode,
    PersonNode,
    PlaceNode,
    QuoteNode,
)


class Query(graphene.ObjectType):
    node = Node.Field()
    article = Node.Field(ArticleNode)
    articles = ConnectionField(ArticleNode)
    person = Node.Field(PersonNode)
    people = ConnectionField(PersonNode)
    organization = Node.Field(OrganizationNode)
    organizations = ConnectionField(OrganizationNode)
    place = Node.Field(PlaceNode)
    places = ConnectionField(PlaceNode)
    quotes = ConnectionField(QuoteNode)
