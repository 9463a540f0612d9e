"""SQL expressions that render values the way the APIs' Python serialisers do, for answers built as JSON in
PostgreSQL (articles/graphql/sql_plan.py, articles/api/sql_representation.py)."""


def global_id(type_name: str, column: str) -> str:
    """graphql_relay.to_global_id: standard base64 of "Type:id" (PostgreSQL wraps base64 at 76 characters)."""
    return f"translate(encode(convert_to('{type_name}:' || {column}, 'UTF8'), 'base64'), E'\\n', '')"


def iso_datetime(column: str, *, utc_suffix: str = "+00:00") -> str:
    """datetime.isoformat() in UTC: microseconds only when there are any. graphene writes UTC as "+00:00", Django
    REST framework as "Z"."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL "
        f"WHEN mod(extract(microseconds FROM {utc})::bigint, 1000000) = 0 "
        f"THEN to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || '{utc_suffix}' "
        f"ELSE to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '{utc_suffix}' END"
    )


def table(model) -> str:
    return model._meta.db_table


def column(model, field_name: str) -> str:
    return model._meta.get_field(field_name).column
