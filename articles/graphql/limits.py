"""Static limits checked before a GraphQL query runs: aliases and cost (the rows it could touch).

The cost counts each field once per parent row it could be resolved for: a connection multiplies by its `first` or
`last` (its page cap when absent), a plain list by LIST_ESTIMATE. Fifty aliases of a nested list therefore cost fifty
times one, and a query that would run thousands of SQL queries is refused before a single one runs.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.utilities import value_from_ast_untyped

LIST_ESTIMATE = 20  # rows assumed for a list without a page size (an article's people, quotes)


def alias_count(document: DocumentNode) -> int:
    count = 0

    def walk(selection_set: SelectionSetNode | None) -> None:
        nonlocal count
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode) and node.alias is not None:
                count += 1
            walk(getattr(node, "selection_set", None))

    for definition in document.definitions:
        walk(getattr(definition, "selection_set", None))
    return count


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    variables: dict[str, Any] | None,
    operation_name: str | None,
    page_cap: int,
) -> int:
    """The estimated number of field resolutions of the operation that would run."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    operation = next(
        (op for op in operations if operation_name is None or (op.name and op.name.value == operation_name)), None
    )
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    return _cost(operation.selection_set, root, 1, schema, fragments, variables or {}, page_cap, set())


def _is_list(type_) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def _page_size(node: FieldNode, variables: dict[str, Any], page_cap: int) -> int:
    for argument in node.arguments or ():
        if argument.name.value in ("first", "last"):
            value = value_from_ast_untyped(argument.value, variables)
            if isinstance(value, int) and value >= 0:
                return min(value, page_cap)
    return 0


def _cost(selection_set, parent_type, multiplier, schema, fragments, variables, page_cap, seen) -> int:
    total = 0
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            name = node.name.value
            total += multiplier
            if node.selection_set is None or name.startswith("__"):
                continue
            field = getattr(parent_type, "fields", {}).get(name)
            if field is None:
                continue
            child_type = get_named_type(field.type)
            factor = 1
            if child_type.name.endswith("Connection"):
                factor = _page_size(node, variables, page_cap) or page_cap
            elif _is_list(field.type) and not parent_type.name.endswith("Connection"):
                factor = _page_size(node, variables, page_cap) or LIST_ESTIMATE
            total += _cost(
                node.selection_set, child_type, multiplier * factor, schema, fragments, variables, page_cap, seen
            )
        elif isinstance(node, InlineFragmentNode):
            fragment_type = schema.get_type(node.type_condition.name.value) if node.type_condition else parent_type
            total += _cost(node.selection_set, fragment_type, multiplier, schema, fragments, variables, page_cap, seen)
        elif isinstance(node, FragmentSpreadNode):
            fragment = fragments.get(node.name.value)
            if fragment is None or node.name.value in seen:  # cycles are refused by validation anyway
                continue
            fragment_type = schema.get_type(fragment.type_condition.name.value)
            total += _cost(
                fragment.selection_set,
                fragment_type,
                multiplier,
                schema,
                fragments,
                variables,
                page_cap,
                seen | {node.name.value},
            )
    return total
