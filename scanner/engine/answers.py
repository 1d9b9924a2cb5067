"""Schemas that only answer: a serializer or schema class every use of which, in the scanned tree, is a
response (the contract: "fields of models used only for responses are not `collect`").

A DRF serializer or a marshmallow schema declares fields that a person's request fills in, or fields
that the service's answer shows: which one is said only where the class is used, most often in
another module (a viewset picking it per action, a view rendering `Serializer(instance).data`, an
OpenAPI decorator naming it as a response). Each module reports, by the class's simple name, the uses
it makes (`module_uses`): in a response position (`answered`), in any other position (`other`: taking
data in, subclassing, a name bound to it, a string naming it, anything not read), or as a field of
another schema class (`nested`, the inner's use being the outer's). Once every module is analysed,
`answer_only` keeps the classes used at least once, only in responses or nested in classes that
only answer (a greatest fixed point), and `dropped` removes the collects of their fields.

A use that is not seen (a library's base class, a use outside the tree, `getattr(module, name)`)
leaves a class as it is: only a class with a response use and no other use is dropped. Names are
simple names (two classes of one name share their uses: an other use of either keeps both). Every
module's entry depends on its own text only, so the answer is the same whatever the order, the
number of workers or the cache.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from scanner.engine.positions import lines_at
from scanner.engine.walk import walk
from scanner.fieldmethods import compared_by_fields
from scanner.model import Kind, Observation

# The classes whose uses are read: the names DRF and marshmallow code gives them. A class of an
# answering family named otherwise is never dropped (its uses are not searched for).
_NAME = re.compile(r"\b[A-Za-z_]\w*?(?:Serializer|Schema)\b")
ANSWERING_WORDS = ("Serializer", "Schema")
_WORDS = ANSWERING_WORDS

# A rendered or dumped instance: `Serializer(obj).data`, `Schema().dump(obj)`.
_ANSWER_MEMBERS = frozenset({"data", "dump", "dumps"})
# Keywords naming what an endpoint answers with: drf-spectacular's `@extend_schema(responses=...)`,
# drf-yasg's `responses=`, FastAPI's `response_model=`.
_ANSWER_KEYWORDS = frozenset({"responses", "response_model", "response_serializer"})
# Response decorators naming the schema of the answer (flask-smorest, apiflask), as sources'.
_RESPONSE_METHODS = frozenset({"response", "alt_response", "output"})
# The nodes whose decorators stand on lines before their own.
_DECORATED = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
# A field that is only ever sent.
_SENT_ONLY = frozenset({"read_only", "dump_only"})
# HTTP methods that read: a `get_serializer_class` branch under `self.request.method == "GET"`.
_READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@compared_by_fields
@dataclass(frozen=True, eq=False, repr=False)
class SchemaUses:
    """One module's uses of serializer and schema classes, by simple name (see the module's docstring),
    and the classes of answering families it defines: (name, first line, last line, rule)."""

    answered: frozenset[str] = frozenset()
    other: frozenset[str] = frozenset()
    nested: frozenset[tuple[str, str]] = frozenset()
    classes: tuple[tuple[str, int, int, str], ...] = ()


def written(source: str) -> bool:
    """Whether the module may name a serializer or schema class (most modules: a search in C only)."""
    return any(word in source for word in _WORDS)


def module_uses(tree: ast.Module, source: str, classes: Iterable[tuple[str, int, int, str]]) -> SchemaUses | None:
    """The uses the module makes of serializer and schema classes, and the answering classes it
    defines (`classes`). Only the nodes whose lines name such a class are visited."""
    defined = tuple(classes)
    read: tuple[frozenset[str], frozenset[str], frozenset[tuple[str, str]]] | tuple[()] | None
    read = getattr(tree, _READ, None)
    if read is None:
        lines = _occurrence_lines(source)  # none where no such word is written (most modules: two searches in C)
        if lines:
            uses = _Uses(lines)
            uses.read(tree)
            read = frozenset(uses.answered), frozenset(uses.other), frozenset(uses.nested)
        else:
            read = ()
        setattr(tree, _READ, read)
    if not read:
        return SchemaUses(classes=defined) if defined else None
    answered, other, nested = read
    return SchemaUses(answered, other, nested, defined)


# The tree attribute that keeps a module's uses (they depend on its text only): every analysis of one
# parse shares them.
_READ = "_policyscan_schema_uses"


def _occurrence_lines(source: str) -> list[int]:
    """The lines (sorted, distinct) where a name ending a serializer's or a schema's word stands in the
    text. Found with `str.find` (a pattern for the whole name, tried at every word, cost thrice the
    rest of the reading on Superset)."""
    offsets: list[int] = []
    for word in _WORDS:
        at = source.find(word)
        while at >= 0:
            end = at + len(word)
            if end == len(source) or not (source[end].isalnum() or source[end] == "_"):
                offsets.append(at)
            at = source.find(word, end)
    return sorted(set(lines_at(source, offsets)))


def _named(node: ast.AST) -> str | None:
    """The class name a name or a dotted name's last part gives, when it is a serializer's or a schema's."""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return None
    return name if name.endswith(_WORDS) else None


class _Uses:
    """Reads the uses of serializer and schema names in the statements given to `read`."""

    def __init__(self, lines: list[int]) -> None:
        self.lines = lines  # the lines naming such a class: only the nodes spanning one are visited
        self.answered: set[str] = set()
        self.other: set[str] = set()
        self.nested: set[tuple[str, str]] = set()
        self.parents: dict[ast.AST, ast.AST] = {}  # of the visited nodes only
        self.module_classes: dict[str, ast.ClassDef] = {}  # the module's top-level classes, by name

    def read(self, tree: ast.Module) -> None:
        """Read the uses in `tree`, descending only into the nodes whose lines name a class: the search
        of the text says where they are (walking every node of Superset's schema and API modules, and
        keeping their parents, cost 14% of a run's instructions). The children are read from the
        fields (`ast.iter_child_nodes`' two generators a node cost half of the walk); those without
        fields (a name's `Load`, an operator, `pass`) are not visited: they hold no name. A node on one
        line, that line naming a class, holds only nodes of that line: they are all visited, untested
        (a definition's decorators, on lines of their own, are tested as `_spans_a_line` does)."""
        self.module_classes = {stmt.name: stmt for stmt in tree.body if type(stmt) is ast.ClassDef}
        parents = self.parents
        lines = self.lines
        count = len(lines)
        found: list[tuple[ast.expr, str]] = []
        stack: list[ast.AST] = [tree]  # the nodes whose children are tested
        inside: list[ast.AST] = []  # the nodes on one line naming a class: their children are visited
        while stack or inside:
            tested = not inside
            node = stack.pop() if tested else inside.pop()
            for field in node._fields:
                value = getattr(node, field, None)
                if type(value) is list:
                    children: list[Any] | tuple[ast.AST] = value
                elif value is None or type(value) is str:
                    continue  # a name or a missing value: no failed isinstance, which reads its `__class__`
                elif isinstance(value, ast.AST):
                    children = (value,)
                else:
                    continue
                for child in children:
                    if not isinstance(child, ast.AST) or not child._fields:
                        continue
                    if not tested:
                        parents[child] = node
                        inside.append(child)
                        continue
                    first = getattr(child, "lineno", None)
                    if first is None:  # `arguments`, a comprehension's loop: may hold one
                        parents[child] = node
                        stack.append(child)
                        continue
                    last = child.end_lineno or first  # type: ignore[attr-defined]
                    if type(child) in _DECORATED:
                        if child.decorator_list:  # type: ignore[attr-defined]
                            first = min(first, child.decorator_list[0].lineno)  # type: ignore[attr-defined]
                    elif last == first:
                        at = bisect.bisect_left(lines, first)
                        if at < count and lines[at] == first:
                            parents[child] = node
                            inside.append(child)
                        continue
                    at = bisect.bisect_left(lines, first)
                    if at < count and lines[at] <= last:
                        parents[child] = node
                        stack.append(child)
            if isinstance(node, (ast.Name, ast.Attribute)):
                name = _named(node)
                if name is not None and not (isinstance(node, ast.Attribute) and _named(node.value)):
                    found.append((node, name))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and written(node.value):
                if not _docstring(node, parents):
                    # a class named in a string: a registry, a lazy `Nested("UserSchema")`, a reflection
                    self.other.update(m.group() for m in _NAME.finditer(node.value))
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.asname is not None and alias.name.endswith(_WORDS):
                        self.other.add(alias.name)  # used under another name, whose uses are not read
        found.sort(key=lambda item: (getattr(item[0], "lineno", 0), getattr(item[0], "col_offset", 0)))
        for node, name in found:
            use = self._use(node)
            if use is None:
                self.other.add(name)
            elif use == "":
                self.answered.add(name)
            else:
                self.nested.add((name, use))

    def _use(self, node: ast.expr) -> str | None:
        """"" for a response use, the outer class's name for a field of another schema class, None otherwise."""
        parent = self.parents.get(node)
        if isinstance(parent, ast.Call) and parent.func is node:
            return self._instance(parent)
        if isinstance(parent, ast.Return):
            return self._returned(parent)
        if isinstance(parent, ast.ClassDef) and node in parent.bases:
            return parent.name  # a base: its fields are the subclass's, used as the subclass is
        if isinstance(parent, ast.Attribute) and parent.attr == "Meta":
            # `fields = BaseSerializer.Meta.fields + (...)` in a subclass's Meta: a part of that class
            return self._enclosing_class(parent)
        if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1 \
                and isinstance(parent.targets[0], ast.Name) and parent.targets[0].id == "serializer_class":
            view = self.parents.get(parent)
            if isinstance(view, ast.ClassDef) and _read_only_view(view, self.module_classes):
                return ""  # the serializer of a view that only lists and shows records
            return None
        return self._placed(node)

    def _enclosing_class(self, node: ast.AST) -> str | None:
        """The name of the class (not a `Meta`) whose body holds `node`."""
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, ast.ClassDef) and parent.name != "Meta":
                return parent.name
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return None
            parent = self.parents.get(parent)
        return None

    def _instance(self, call: ast.Call) -> str | None:
        """`Serializer(obj)`, `Schema(many=True)`: by what is done with the instance."""
        keywords = {k.arg for k in call.keywords}
        if "data" in keywords:
            return None  # DRF's `Serializer(data=request.data)`: what the request sends
        if any(k.arg in _SENT_ONLY and _true(k.value) for k in call.keywords):
            return ""
        parent = self.parents.get(call)
        if isinstance(parent, ast.Attribute) and parent.value is call:
            return "" if parent.attr in _ANSWER_MEMBERS else None
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and isinstance(self.parents.get(parent), ast.ClassDef):
            return self._placed(call)  # a field of a class body
        if len(call.args) == 1 and not isinstance(call.args[0], ast.Starred) and None not in keywords:
            # DRF: an instance given alone, no data (a second argument is the data): a render
            # (`is_valid()` would fail without data)
            if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
                return "" if self._bound_answers(parent, parent.targets[0].id) else None
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name) \
                and not call.args:
            return "" if self._bound_answers(parent, parent.targets[0].id, dumps=True) else None
        return self._placed(call)

    def _bound_answers(self, assign: ast.Assign, name: str, *, dumps: bool = False) -> bool:
        """Whether an instance bound to `name` is only rendered in the function that binds it: its `.data`
        read (`dumps`: its `.dump()` called), never validated, loaded, passed on or bound again."""
        block = self._block(assign)
        if block is None:
            return False
        allowed = {"dump", "dumps"} if dumps else {"data"}
        named = members = 0
        for stmt in block:
            for sub in walk(stmt):
                if isinstance(sub, ast.Name) and sub.id == name:
                    named += 1
                elif isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == name:
                    if sub.attr not in allowed:
                        return False
                    members += 1
        return members > 0 and named == members + 1  # every name but the binding one read as a member

    def _block(self, stmt: ast.stmt) -> list[ast.stmt] | None:
        """The statements of the function that holds `stmt` (None at a module's or a class's top)."""
        func = self._block_owner(stmt)
        return func.body if func is not None else None

    def _placed(self, node: ast.expr) -> str | None:
        """A name or an instance by where it stands: the schema argument of a response decorator, a
        value of a `responses=` keyword, or a field of a class body (nested)."""
        child: ast.AST = node
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, ast.keyword):
                if parent.arg in _ANSWER_KEYWORDS:
                    return ""
                call = self.parents.get(parent)
                if parent.arg == "schema" and isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                        and call.func.attr in _RESPONSE_METHODS:
                    return ""  # `@blp.alt_response(201, schema=TokenSchema)`
                if parent.arg in _SENT_ONLY:
                    return None
            elif isinstance(parent, ast.Call):
                if _response_argument(parent, child):
                    return ""
                if any(k.arg in _SENT_ONLY and _true(k.value) for k in parent.keywords):
                    return ""  # `fields.Nested(UserSchema, dump_only=True)`: only ever sent
            elif isinstance(parent, (ast.For, ast.AsyncFor)):
                # `for name, schema in [("Person", PersonSchema), ...]: spec.components.schema(name, schema=schema())`:
                # registered as an OpenAPI component, a document of what the API shows
                return "" if parent.iter is child and _registers_components(parent) else None
            elif isinstance(parent, (ast.Assign, ast.AnnAssign)):
                outer = self.parents.get(parent)
                if isinstance(outer, ast.ClassDef) and parent.value is not None and (parent.value is child) \
                        and isinstance(child, ast.Call):
                    return outer.name  # a field of another class: its use is that class's
                return None
            elif not isinstance(parent, (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.Subscript, ast.Starred)):
                return None
            child, parent = parent, self.parents.get(parent)
        return None

    def _returned(self, ret: ast.Return) -> str | None:
        """`return serializers.X` in `get_serializer_class`: a response use when every branch that picks
        it is an action of the view whose method only renders its serializer."""
        func = self._block_owner(ret)
        if func is None or func.name != "get_serializer_class":
            return None
        cls = self.parents.get(func)
        if not isinstance(cls, ast.ClassDef):
            return None
        actions = self._actions(ret, func)
        if not actions:
            return None
        methods = {s.name: s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
        return "" if all(a in methods and _renders_only(methods[a]) for a in actions) else None

    def _block_owner(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function whose body (at any depth) holds `node`."""
        while node is not None:
            parent = self.parents.get(node)
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return parent
            node = parent  # type: ignore[assignment]
        return None

    def _actions(self, ret: ast.Return, func: ast.AST) -> frozenset[str]:
        """The actions whose branch returns at `ret` (`if self.action == "list":`, `in ("a", "b")`), none
        when a branch is the fallback, an `else`, or tests anything but an action or a reading method."""
        actions: frozenset[str] | None = None
        child: ast.AST = ret
        parent = self.parents.get(ret)
        while parent is not None and parent is not func:
            if isinstance(parent, ast.If):
                if child not in parent.body:
                    if actions is None:
                        return frozenset()  # an `else` branch: every other action
                    # an `elif self.action == ...`: the actions it tests, fewer where the `if` before tests some
                    child, parent = parent, self.parents.get(parent)
                    continue
                tested = _action_test(parent.test)
                if tested is None:
                    if not _reading_test(parent.test):
                        return frozenset()
                else:
                    actions = tested if actions is None else actions & tested
            elif not isinstance(parent, (ast.With, ast.AsyncWith, ast.Try)):
                return frozenset()
            child, parent = parent, self.parents.get(parent)
        return actions or frozenset()


# DRF's generic views and viewsets that only list and show records, and the bases they are made of.
_READING_VIEWS = frozenset({"ReadOnlyModelViewSet", "ListAPIView", "RetrieveAPIView", "ListModelMixin",
                            "RetrieveModelMixin"})
_VIEW_BASES = _READING_VIEWS | {"GenericViewSet", "GenericAPIView", "ViewSetMixin"}
# Methods of a view that take a record in.
_WRITING_ACTIONS = frozenset({"create", "update", "partial_update", "post", "put", "patch", "perform_create",
                              "perform_update"})


def _read_only_view(view: ast.ClassDef, module_classes: dict[str, ast.ClassDef],
                    within: frozenset[str] = frozenset()) -> bool:
    """A DRF view made only of reading generic views and mixins (`ReadOnlyModelViewSet`, `ListAPIView`),
    or of views of its own module that are such views (ephios's `ParticipationViewSet(UserinfoParticipationViewSet)`,
    a read-only viewset narrowed by a subclass), with no writing method and no extra action of its own.
    A base the module does not define, or one that writes, keeps the view unknown."""
    names = [b.attr if isinstance(b, ast.Attribute) else b.id if isinstance(b, ast.Name) else "" for b in view.bases]
    if not names:
        return False
    reads = False
    for name in names:
        if name in _VIEW_BASES:
            reads = reads or name in _READING_VIEWS
            continue
        base = module_classes.get(name)
        if base is None or base is view or name in within \
                or not _read_only_view(base, module_classes, within | {view.name}):
            return False
        reads = True
    if not reads:
        return False
    for stmt in view.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and (stmt.name in _WRITING_ACTIONS or stmt.decorator_list):
            return False
    return True


def _registers_components(loop: ast.For | ast.AsyncFor) -> bool:
    """Whether a loop's body registers OpenAPI components (`api.spec.components.schema(...)`)."""
    for stmt in loop.body:
        for node in walk(stmt):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "schema" \
                    and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "components":
                return True
    return False


def _true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _docstring(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    return isinstance(parents.get(node), ast.Expr)


def _response_argument(call: ast.Call, child: ast.AST) -> bool:
    """Whether `child` is the schema a response decorator's call names (`@blp.response(200, Schema)`,
    `alt_response(..., schema=Schema)`, `@app.output(Schema)`)."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _RESPONSE_METHODS:
        return False
    if func.attr == "output":
        return bool(call.args) and call.args[0] is child
    return len(call.args) >= 2 and call.args[1] is child and func.attr == "response"


def _self_attribute(node: ast.expr, *names: str) -> bool:
    """`self.action`, `self.request.method`."""
    for name in reversed(names[1:]):
        if not isinstance(node, ast.Attribute) or node.attr != name:
            return False
        node = node.value
    return isinstance(node, ast.Name) and node.id == names[0]


def _strings(node: ast.expr) -> frozenset[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return frozenset({node.value})
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return frozenset(e.value for e in node.elts)  # type: ignore[attr-defined]
    return None


def _action_test(test: ast.expr) -> frozenset[str] | None:
    """The actions `self.action == "x"` or `self.action in ("x", "y")` picks."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _self_attribute(test.left, "self", "action") \
            and isinstance(test.ops[0], (ast.Eq, ast.In)):
        return _strings(test.comparators[0])
    return None


def _reading_test(test: ast.expr) -> bool:
    """`self.request.method == "GET"` (or `in ("GET", "HEAD")`): a branch for reading requests."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.In)) \
            and _self_attribute(test.left, "self", "request", "method"):
        methods = _strings(test.comparators[0])
        return methods is not None and methods <= _READING_METHODS
    return False


def _renders_only(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether an action's method makes its serializer only to render records: at least one
    `self.get_serializer(obj, ...)` with the records first, none given `data=`, nothing validated."""
    made = False
    for node in walk(method):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("get_serializer", "get_serializer_class"):
                if node.func.attr == "get_serializer_class" or any(k.arg in ("data", None) for k in node.keywords) \
                        or not node.args:
                    return False
                made = True
            elif node.func.attr == "is_valid":
                return False
    return made


def answer_only(uses: Iterable[SchemaUses]) -> frozenset[str]:
    """The class names every use of which, in every module, answers (see the module's docstring)."""
    answered: set[str] = set()
    other: set[str] = set()
    outers: dict[str, set[str]] = {}
    for entry in uses:
        answered.update(entry.answered)
        other.update(entry.other)
        for inner, outer in entry.nested:
            outers.setdefault(inner, set()).add(outer)
    kept = {name for name in answered | set(outers) if name not in other}
    changed = True
    while changed:  # drop a class nested in one that does not only answer
        changed = False
        for name in sorted(kept):
            if any(outer not in kept for outer in outers.get(name, ())):
                kept.discard(name)
                changed = True
    # kept to what an answer reaches: two classes naming only each other are parts of nothing seen
    inners: dict[str, list[str]] = {}
    for inner, names in outers.items():
        for outer in names:
            inners.setdefault(outer, []).append(inner)
    reached: set[str] = set()
    frontier = sorted(name for name in kept if name in answered)
    while frontier:
        name = frontier.pop()
        if name not in reached:
            reached.add(name)
            frontier.extend(inner for inner in inners.get(name, ()) if inner in kept)
    return frozenset(reached)


def dropped(by_path: Iterable[tuple[str, SchemaUses]], only: frozenset[str]) -> frozenset[tuple[str, int, int, str]]:
    """The (path, first line, last line, rule) of the answering classes of `by_path` in `only`."""
    return frozenset((path, first, last, rule) for path, entry in by_path
                     for name, first, last, rule in entry.classes if name in only)


def answering_filter(observations: Iterable[Observation],
                     places: frozenset[tuple[str, int, int, str]]) -> Iterator[Observation]:
    """`observations` without the collects of the fields of the classes at `places`."""
    by_path: dict[str, list[tuple[int, int, str]]] = {}
    for path, first, last, rule in places:
        by_path.setdefault(path, []).append((first, last, rule))
    for o in observations:
        spans = by_path.get(o.path) if o.kind is Kind.COLLECT else None
        if spans and any(first <= o.span.start_line <= last and o.rule == rule for first, last, rule in spans):
            continue
        yield o


def without_answer_only(observations: list[Observation],
                        by_path: Iterable[tuple[str, SchemaUses | None]]) -> list[Observation]:
    """`observations` without the collects of the answering classes (of the modules of `by_path`) that
    only answer, by every module's uses in `by_path`."""
    entries = [(path, entry) for path, entry in by_path if entry is not None]
    if not any(entry.classes for _, entry in entries):
        return observations
    only = answer_only(entry for _, entry in entries)
    places = dropped(entries, only) if only else frozenset()
    return list(answering_filter(observations, places)) if places else observations
