"""Reading fields of an event's JSON body inside SQL, the same way on SQLite and PostgreSQL.

Events keep their record as canonical JSON text (``events.body``). Reports group and filter
on payload fields such as the lesson id, so the database must read them: SQLite through
``json_extract``/``json_type``, PostgreSQL through ``jsonb`` operators. The field path is
fixed by our code (checked against a strict pattern), never taken from a request, and values
a trainee's PC sent are only ever compared or returned, never cast in a way that can fail:
a hostile payload yields NULL, not an error.
"""

from __future__ import annotations

import re

from sqlalchemy import Boolean, Numeric, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

_KEY = re.compile(r"^[a-z_]{1,20}$")


def _checked(path: tuple[str, ...]) -> tuple[str, ...]:
    if not path or not all(_KEY.match(k) for k in path):
        raise ValueError(f"bad JSON path {path!r}")
    return path


class _JsonField(FunctionElement):
    # The path is not part of SQLAlchemy's cache key, so compiled SQL must not be cached.
    inherit_cache = False

    def __init__(self, column: ColumnElement, *path: str) -> None:
        self.path = _checked(path)
        super().__init__(column)


class json_text(_JsonField):  # noqa: N801 - reads like an SQL function
    """The field as text (numbers and booleans as their JSON text on PostgreSQL)."""

    type = String()
    name = "json_text"
    inherit_cache = False


class json_true(_JsonField):  # noqa: N801
    """True when the field is JSON ``true``."""

    type = Boolean()
    name = "json_true"
    inherit_cache = False


class json_number(_JsonField):  # noqa: N801
    """The field when it is a JSON number, else NULL."""

    type = Numeric()
    name = "json_number"
    inherit_cache = False


def _sqlite_path(path: tuple[str, ...]) -> str:
    return "'$." + ".".join(path) + "'"


def _pg_path(path: tuple[str, ...]) -> str:
    return "'{" + ",".join(path) + "}'"


def _arg(element: _JsonField, compiler, **kw) -> str:  # noqa: ANN001
    return compiler.process(list(element.clauses)[0], **kw)


# PostgreSQL's jsonb refuses the escape \u0000 (a NUL a hostile PC may send), and one such
# event would make every report fail. Such bodies (rare: found fast with strpos) get the
# NUL escape replaced by U+FFFD when it is a real escape (an odd run of backslashes).
_PG_NUL = r"'\u0000'"
_PG_NUL_RE = r"'(?<!\\)((?:\\\\)*)\\u0000'"
_PG_NUL_SUB = r"'\1\\ufffd'"


def _pg_doc(col: str) -> str:
    return (
        f"CAST(CASE WHEN strpos({col}, {_PG_NUL}) > 0 "
        f"THEN regexp_replace({col}, {_PG_NUL_RE}, {_PG_NUL_SUB}, 'g') ELSE {col} END AS jsonb)"
    )


@compiles(json_text, "sqlite")
def _text_sqlite(element: json_text, compiler, **kw) -> str:  # noqa: ANN001
    col = _arg(element, compiler, **kw)
    p = _sqlite_path(element.path)
    return (
        f"CASE WHEN json_type({col}, {p}) IN ('text', 'integer', 'real') "
        f"THEN CAST(json_extract({col}, {p}) AS TEXT) "
        f"WHEN json_type({col}, {p}) IN ('true', 'false') THEN json_type({col}, {p}) END"
    )


@compiles(json_text, "postgresql")
def _text_pg(element: json_text, compiler, **kw) -> str:  # noqa: ANN001
    col = _arg(element, compiler, **kw)
    p = _pg_path(element.path)
    return (
        f"CASE WHEN jsonb_typeof({_pg_doc(col)} #> {p}) IN ('string', 'number', 'boolean') "
        f"THEN {_pg_doc(col)} #>> {p} END"
    )


@compiles(json_true, "sqlite")
def _true_sqlite(element: json_true, compiler, **kw) -> str:  # noqa: ANN001
    col = _arg(element, compiler, **kw)
    return f"(json_type({col}, {_sqlite_path(element.path)}) = 'true')"


@compiles(json_true, "postgresql")
def _true_pg(element: json_true, compiler, **kw) -> str:  # noqa: ANN001
    col = _arg(element, compiler, **kw)
    return f"({_pg_doc(col)} #> {_pg_path(element.path)} = 'true'::jsonb)"


@compiles(json_number, "sqlite")
def _number_sqlite(element: json_number, compiler, **kw) -> str:  # noqa: ANN001
    col = _arg(element, compiler, **kw)
    p = _sqlite_path(element.path)
    return (
        f"CASE WHEN json_type({col}, {p}) IN ('integer', 'real') THEN json_extract({col}, {p}) END"
    )


@compiles(json_number, "postgresql")
def _number_pg(element: json_number, compiler, **kw) -> str:  # noqa: ANN001
    col = _arg(element, compiler, **kw)
    p = _pg_path(element.path)
    return (
        f"CASE WHEN jsonb_typeof({_pg_doc(col)} #> {p}) = 'number' "
        f"THEN CAST({_pg_doc(col)} #>> {p} AS numeric) END"
    )
