"""Control values: what a request sends that the code only tests against options it names itself.

An OpenID Connect `prompt` (`if request.values.get("prompt") == "none"`), a consent form's button
(`if request.form["answer"] == "accept"`), an `action` a page posts back: the code compares the
value with literals it spells out and keeps nothing of it. Such a value is a switch of the protocol
or the page, one of a few options the code itself lists, not data about the person, whatever its
key says (`prompt` names an LLM prompt elsewhere, `answer` a person's reply). A read of it is no
collect. This module says, by the syntax alone, which expressions are such tests:

- `control_operand`: the operand a comparison tests against options (`x == "none"`, `x not in
  ("accept", "deny")`, `x.lower() != "login"`);
- `truth_tested`: what an `if` or `while` asks only whether it is set (`if request.values.get("prompt")
  and ...`): a presence test of a read, which takes no more of the value than a test against
  options does (CONVENTIONS: a presence test is at most doubtful at the test);
- `TYPE_TESTS` and `emptiness_tested`: a value asked only its type, whether it has an attribute or
  whether it is empty (`isinstance(auth.get("token"), str)`, `hasattr(request.user_agent,
  "browser")`, `len(request.arguments["apikey"].strip()) > 0`): tests that take nothing of it, of
  whatever category (CONVENTIONS: "tests of presence, type or size" are no use of a body);
- `control_names`: the names a function only ever tests against options (a parameter `prompt` used
  only in `prompt == "login"`, a local `answer = request.form["answer"]` used only in
  `answer == "deny"`). A name only tested for presence is not one: a value bound to a name is
  kept (`auth_header = request.headers.get("Authorization")`, then `if not auth_header:`, is the
  token taken, whoever reads it next).

Categories whose values are themselves a short list of options (a gender, a religion, a
country) are left out by the caller (`CONTROLLABLE`): comparing such a field with one option
reads the person's value.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from scanner.engine.sources import own_nodes
from scanner.engine.walk import walk

# A comparison operator that tests a value against options: equal to one, one of several.
_OPTION_TESTS = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)

# String methods that normalise a value before it is compared (`answer.lower() == "yes"`): the
# tested value is the receiver's.
_NORMALISERS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip"})

# Categories whose values are free text or identifiers: compared with a literal option, such a value
# only chooses a branch. The others (demographic data, health, location, a country, ...) are
# themselves one of few options, so the test reads the person's value.
CONTROLLABLE = ("user.content", "user.authorization", "user.account", "user.name", "user.contact.email",
                "user.contact.phone_number", "user.unique_id")


def controllable(categories: tuple[str, ...] | list[str] | frozenset[str]) -> bool:
    """True when every category is one whose values a test against options does not reveal."""
    return bool(categories) and all(c.startswith(CONTROLLABLE) for c in categories)


def _is_option(node: ast.expr) -> bool:
    """A literal option: a non-empty string (`"none"`: an empty one tests presence, not a choice),
    or a tuple, list or set of them (`("accept", "deny")`)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts) and all(_is_option(e) for e in node.elts)
    return False


def tested_value(node: ast.expr) -> ast.expr:
    """The value a normalised operand tests (`answer` of `answer.strip().lower()`)."""
    while isinstance(node, ast.Call) and not node.args and not node.keywords \
            and isinstance(node.func, ast.Attribute) and node.func.attr in _NORMALISERS:
        node = node.func.value
    return node


def control_operand(node: ast.Compare) -> ast.expr | None:
    """The expression `node` tests against literal options (`request.values.get("prompt")` of
    `request.values.get("prompt") == "none"`, `answer` of `"accept" == answer.lower()`), or None
    when it compares anything else (two values, a value with a number, a chain, `is`)."""
    if len(node.comparators) != 1 or not isinstance(node.ops[0], _OPTION_TESTS):
        return None
    left, right = node.left, node.comparators[0]
    if _is_option(right) and not _is_option(left):
        return tested_value(left)
    if _is_option(left) and not _is_option(right) and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        # `"none" == prompt`; `"a" in x` tests whether `x` holds "a", not what `x` is
        return tested_value(right)
    return None


# Builtins that ask of a value only its type or whether it has an attribute (`isinstance(auth.get("token"),
# str)`, `hasattr(request.user_agent, "browser")`): what they give is a bool about the value, never the value.
TYPE_TESTS = frozenset({"builtins.isinstance", "builtins.hasattr"})


def emptiness_tested(node: ast.expr) -> ast.expr | None:
    """The value whose emptiness `node` tests by its length (`x` of `len(x) > 0`, `len(x) != 0`,
    `len(x) == 0`, `0 < len(x)`, `len(x) >= 1`, also of `x.strip()`), or None. A length compared
    with another number (`len(x) > 3`) measures the value and is no such test."""
    if not isinstance(node, ast.Compare) or len(node.comparators) != 1:
        return None
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if _is_length(right) and not _is_length(left):  # `0 < len(x)`: read it the other way round
        left, right = right, left
        op = {ast.Lt: ast.Gt(), ast.LtE: ast.GtE()}.get(type(op), op)
    if not _is_length(left) or not isinstance(right, ast.Constant) or type(right.value) is not int:
        return None
    if right.value == 0 and isinstance(op, (ast.Gt, ast.NotEq, ast.Eq)) \
            or right.value == 1 and isinstance(op, (ast.GtE, ast.Lt)):
        return tested_value(left.args[0])  # type: ignore[attr-defined]
    return None


def _is_length(node: ast.expr) -> bool:
    """`len(x)`, one positional argument."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
        and len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred)


def truth_tested(test: ast.expr) -> Iterator[ast.expr]:
    """The expressions an `if` or `while` test asks only whether they are set (`request.values.get("prompt")`
    of `if request.values.get("prompt") and ...`): the test itself, each operand of an `and`/`or` it
    is, and what a `not` negates, down to the first other expression."""
    work = [test]
    while work:
        node = work.pop()
        if isinstance(node, ast.BoolOp):
            work.extend(node.values)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            work.append(node.operand)
        else:
            yield node


def control_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names `func` only ever tests against literal options: each is read at least once, every
    read of it is the operand of such a test (`control_operand`), and it is bound exactly once (a
    parameter, or one assignment to the name alone). Nested functions are not looked into: a name
    one of them reads is not only tested."""
    tested: set[int] = set()
    loads: dict[str, list[int]] = {}
    stores: dict[str, int] = {}
    nested: set[str] = set()
    for node in own_nodes(func):  # by exact types: a failed `isinstance` of a node reads its `__class__`, per class
        if type(node) is ast.Compare:
            operand = control_operand(node)
            if isinstance(operand, ast.Name):
                tested.add(id(operand))
        elif type(node) is ast.Name:
            if type(node.ctx) is ast.Load:
                loads.setdefault(node.id, []).append(id(node))
            else:
                stores[node.id] = stores.get(node.id, 0) + 1
        elif type(node) is ast.FunctionDef or type(node) is ast.AsyncFunctionDef or type(node) is ast.Lambda \
                or type(node) is ast.ClassDef:
            nested.update(n.id for n in walk(node) if isinstance(n, ast.Name))
        elif type(node) is ast.Global or type(node) is ast.Nonlocal:
            nested.update(node.names)
    parameters = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
    return frozenset(
        name for name, reads in loads.items()
        if name not in nested and all(r in tested for r in reads)
        and stores.get(name, 0) + (name in parameters) == 1
    )
