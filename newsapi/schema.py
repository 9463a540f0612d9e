import graphene

from articles.graphql.queries import Query as ArticlesQuery
from articles.graphql.types import OrganizationNode, PersonNode, PlaceNode


class Query(ArticlesQuery, graphene.ObjectType):
    pass


# Entity implementations are listed so the interface can resolve to each of them.
schema = graphene.Schema(query=Query, types=[PersonNode, OrganizationNode, PlaceNode])
