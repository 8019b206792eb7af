"""The one place that turns a name into SQL. Values are always bound as `?` parameters."""

from __future__ import annotations


def quote_ident(name: str) -> str:
    """Quote an identifier for DuckDB: double quotes, embedded quotes doubled."""
    return '"' + str(name).replace('"', '""') + '"'


def sql_str(value: str) -> str:
    """A constant of our own (a pattern or format from a fixed list) as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def one(con, sql: str, params=None):
    """The first row of a query, or None. Fetches the whole result, as DuckDB 2.0 asks before the next query."""
    rows = con.execute(sql, params if params is not None else []).fetchall()
    return rows[0] if rows else None
