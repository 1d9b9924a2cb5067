"""Schemas declared by a call: a schema factory's keywords and a table's columns.

`schema_factory` reads the fields a call declares (`whoosh.fields.Schema(username=TEXT(), ...)`,
pydantic's `create_model(...)`, `[[factory]]`), and hands a table declared by a call
(`Table("user", metadata, Column("email", ...))`, `[[table]]`) to `schema_table` and a dict
schema given to a validator (`cerberus.Validator({...})`) to `sources.dict_schema_call`. Schema
classes, whose fields are class attributes, are `sources`'.
"""

from __future__ import annotations

import ast
import fnmatch
from typing import TYPE_CHECKING

from scanner.engine.sources import CONTENT, _refers_by_id_with, callee_name, dict_schema_call, refers_to_user
from scanner.model import Kind
from scanner.packs import SchemaTable

if TYPE_CHECKING:
    from scanner.engine.analyzer import FileAnalyzer, Scope


def schema_factory(an: FileAnalyzer, node: ast.Call, symbol: str, scope: Scope) -> None:
    """`whoosh.fields.Schema(username=TEXT(), ...)`: each keyword naming personal data is a field.

    A table declared by a call (`Table("user", metadata, Column("email", ...))`) is `schema_table`'s;
    a dict schema given to a validator (`cerberus.Validator({...})`) is `dict_schema_call`'s.
    """
    # the exact tables first: a factory pattern (`*.Validator`) must not take cerberus' `Validator(schema)`
    table = an.models.schema_tables.get(symbol)
    if table is not None:
        schema_table(an, node, table, scope)
        return
    dict_schema = an.models.dict_schema_calls.get(symbol)
    if dict_schema is not None:
        dict_schema_call(an, node, dict_schema, scope)
        return
    factory = an.models.schema_factories.get(symbol)
    if factory is None:
        return
    owner = scope.cls.name if scope.cls is not None else None
    for field, name, value in _factory_fields(an, node):
        if isinstance(value, ast.Constant) and (value.value is None or isinstance(value.value, bool)):
            continue  # `strict=True`: an option of the call, not a field
        match = an.classifier.name(name, owner=owner) or an.classifier.name(name, owner="request")
        if match is None and isinstance(value, ast.Call):
            match = an.classifier.typed_name(name, [callee_name(value)])
        if match is None and isinstance(value, (ast.Name, ast.Attribute)):
            # `forward=list_of_emails_validator`: a converter named for what it accepts says what the field holds
            converter = value.id if isinstance(value, ast.Name) else value.attr
            if converter.lower().endswith("_validator"):
                match = an.classifier.name(converter[:-len("_validator")])
        if match is None or refers_to_user(name, match.category):
            continue
        if match.category == CONTENT and _holds_given_model(an, value, scope):
            # `create_model("UserUpdateBody", body=(user_update_model, ...))`: a key that holds a whole
            # model the caller chose (or a schema class of the module) holds the records that model's
            # fields declare, where they are collected: not a body taken whole
            continue
        where = "stored" if factory.stored else "received"
        an.emit(Kind.COLLECT, field, [match.category], factory.rule,
                f"the {factory.family} field '{name}' declares {match.category} ({where})",
                stored=factory.stored, reasons=(f"{factory.family} field", match.pattern))


def _holds_given_model(an: FileAnalyzer, value: ast.expr, scope: Scope) -> bool:
    """Whether a factory field's value is a `(type, default)` pair whose type is a parameter of the
    function around (a model class its caller passes, `body=(user_update_model, ...)`) or a schema
    class of the module."""
    if not (isinstance(value, ast.Tuple) and value.elts and isinstance(value.elts[0], ast.Name)):
        return False
    given = value.elts[0].id
    return given in scope.params or given in an.schema_classes


def _factory_fields(an: FileAnalyzer, node: ast.Call) -> list[tuple[ast.AST, str, ast.expr]]:
    """The fields a schema factory call declares, as (node to locate it at, name, value): its
    keywords, and the keys of a dict it is given whole as `**FIELDS` where the module binds that name
    to `dict(key=...)` or a dict display of string keys (each located at its own keyword or key)."""
    fields: list[tuple[ast.AST, str, ast.expr]] = []
    for keyword in node.keywords:
        if keyword.arg is not None:
            fields.append((keyword, keyword.arg, keyword.value))
        elif isinstance(keyword.value, ast.Name):
            for stmt in an.tree.body:
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                        and stmt.targets[0].id == keyword.value.id):
                    continue
                bound = stmt.value
                if isinstance(bound, ast.Call) and isinstance(bound.func, ast.Name) and bound.func.id == "dict":
                    fields.extend((k, k.arg, k.value) for k in bound.keywords if k.arg is not None)
                elif isinstance(bound, ast.Dict):
                    fields.extend((key, key.value, value) for key, value in zip(bound.keys, bound.values)
                                  if isinstance(key, ast.Constant) and isinstance(key.value, str))
    return fields


def schema_table(an: FileAnalyzer, node: ast.Call, table: SchemaTable, scope: Scope) -> None:
    """`Table("user", metadata, Column("email", UnicodeText), ...)`: emit a `collect` at each column
    call among the table's arguments whose name declares personal data, as for a declarative model's
    column. The column's name is its first argument or `name=`; the table's name (its first
    argument) is the owner that decides ambiguous words (`name` of `user`, not of `package`).
    Primary keys, columns given a foreign key (or named in a key constraint of the table), and
    columns that only refer to a user by id collect nothing. Returns nothing; raises nothing.
    """
    first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "name"), None)
    owner = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value else None
    columns: list[tuple[ast.Call, str, list[str]]] = []
    constrained: set[str] = set()
    for arg in node.args:
        if not isinstance(arg, ast.Call):
            continue
        symbol = an.static_symbol(arg.func, scope)
        if symbol is None:
            continue
        if any(fnmatch.fnmatchcase(symbol, pattern) for pattern in table.exclude_constraint_calls):
            # ForeignKeyConstraint(["owner_id"], ["user.id"]), PrimaryKeyConstraint("id"): those columns refer or are keys
            named = arg.args[0] if arg.args and isinstance(arg.args[0], (ast.List, ast.Tuple)) else None
            for element in (named.elts if named is not None else arg.args):
                if isinstance(element, ast.Constant) and isinstance(element.value, str):
                    constrained.add(element.value)
            continue
        if not table.is_column_call(symbol):
            continue
        name_node = arg.args[0] if arg.args else next((k.value for k in arg.keywords if k.arg == "name"), None)
        if not (isinstance(name_node, ast.Constant) and isinstance(name_node.value, str) and name_node.value):
            continue
        if _refers_by_id_with(an, table.exclude_argument_calls, table.exclude_argument_keywords, arg, scope):
            continue
        type_names = [symbol.rsplit(".", 1)[-1]]
        for inner in arg.args[1:]:
            if isinstance(inner, (ast.Name, ast.Attribute, ast.Call)):
                inner_symbol = an.static_symbol(inner.func if isinstance(inner, ast.Call) else inner, scope)
                if inner_symbol is not None:
                    type_names.append(inner_symbol.rsplit(".", 1)[-1])
        columns.append((arg, name_node.value, type_names))
    for column, name, type_names in columns:
        if name in constrained:
            continue
        match = an.classifier.name(name, owner=owner) or an.classifier.typed_name(name, type_names)
        if match is None:
            match = next((m for m in map(an.classifier.type_name, type_names) if m is not None), None)
        if match is None or refers_to_user(name, match.category):
            continue
        where = "stored" if table.stored else "received"
        an.emit(Kind.COLLECT, column, [match.category], table.rule,
                f"column '{name}' of table '{owner or '?'}' declares {match.category} ({table.family} column, {where})",
                stored=table.stored, reasons=(f"{table.family} column", match.pattern))
