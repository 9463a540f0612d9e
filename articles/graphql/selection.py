"""What a GraphQL request selects below a field, so resolvers can prefetch exactly that in a fixed number of queries.

graphene 3 has no synchronous DataLoader, and prefetching everything a type could need over-fetches; looking ahead
at the selection lets one queryset fetch what the query asks for (and nothing else) at any list size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import FieldNode, FragmentSpreadNode, GraphQLResolveInfo, InlineFragmentNode, SelectionSetNode
from graphql.utilities import value_from_ast_untyped

CONNECTION_WRAPPERS = ("edges", "node")


@dataclass
class Selection:
    """The fields selected under one field (fragments merged), with their arguments."""

    arguments: dict = field(default_factory=dict)
    fields: dict[str, Selection] = field(default_factory=dict)

    def __contains__(self, name: str) -> bool:
        return name in self.fields

    def get(self, path: str) -> Selection | None:
        """The selection at a dotted path of field names ("quotes.speaker"), or None when not selected."""
        current: Selection | None = self
        for name in path.split("."):
            if current is None:
                return None
            current = current.fields.get(name)
        return current

    def node(self) -> Selection:
        """Below a Relay connection, the selection of its nodes (edges.node); otherwise itself."""
        return self.get("edges.node") or Selection()


def selection_of(info: GraphQLResolveInfo) -> Selection:
    """The merged selection below the field being resolved."""
    root = Selection()
    for node in info.field_nodes:
        _merge(root, node.selection_set, info)
    return root


def _merge(target: Selection, selection_set: SelectionSetNode | None, info: GraphQLResolveInfo) -> None:
    if selection_set is None:
        return
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            child = target.fields.setdefault(node.name.value, Selection())
            for argument in node.arguments or ():
                child.arguments[argument.name.value] = value_from_ast_untyped(argument.value, info.variable_values)
            _merge(child, node.selection_set, info)
        elif isinstance(node, InlineFragmentNode):
            _merge(target, node.selection_set, info)
        elif isinstance(node, FragmentSpreadNode):
            fragment = info.fragments.get(node.name.value)
            if fragment is not None:
                _merge(target, fragment.selection_set, info)
