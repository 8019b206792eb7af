"""The one place that turns a constant of ours into SQL text. Values are always bound as `?` parameters;
columns of a user's file are only ever named by their position (c0, c1, ...), never by their header."""

from __future__ import annotations


def sql_str(value: str) -> str:
    """A constant of our own (a pattern or format from a fixed list) as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def one(con, sql: str, params=None):
    """The first row of a query, or None. Fetches the whole result, as DuckDB 2.0 asks before the next query."""
    rows = con.execute(sql, params if params is not None else []).fetchall()
    return rows[0] if rows else None
