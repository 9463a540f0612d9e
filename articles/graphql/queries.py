import graphene
from graphene import relay
from graphene_django.filter import DjangoFilterConnectionField

from articles.graphql.types import ArticleNode, OrganizationNode, PersonNode, PlaceNode, QuoteNode


class Query(graphene.ObjectType):
    node = relay.Node.Field()
    article = relay.Node.Field(ArticleNode)
    articles = DjangoFilterConnectionField(ArticleNode)
    person = relay.Node.Field(PersonNode)
    people = DjangoFilterConnectionField(PersonNode)
    organization = relay.Node.Field(OrganizationNode)
    organizations = DjangoFilterConnectionField(OrganizationNode)
    place = relay.Node.Field(PlaceNode)
    places = DjangoFilterConnectionField(PlaceNode)
    quotes = DjangoFilterConnectionField(QuoteNode)
