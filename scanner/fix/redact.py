"""PS401 and PS501 on log calls: pass the personal values through the configured redaction function.

`[tool.policyscan] redact_function = "myapp.privacy.redact"` names the function; it is
called with one value and its result is logged instead. The values to wrap are the
arguments the engine found carrying data (`Observation.arguments`):

* An argument that is a plain expression (`user.email`, `form_data`, a structlog keyword's
  value) is wrapped whole: `redact(user.email)`.
* An argument that formats a message (an f-string, `"..." % values`, `"...".format(...)`,
  a `+` concatenation with a string) keeps its text: the values formatted into it are
  wrapped (`f"login {redact(user.email)}"`). So are the values of a dict, list or tuple
  display (`extra={"email": redact(user.email)}`), which logging needs to stay a dict.

Which values: those whose names the classifier gives a category the finding forbids; when
none does, those whose names give no category at all (the data came from elsewhere); a value
whose names only give categories the inventory allows is left alone. A value already passed
through the redaction function is not wrapped again. When a formatting argument has nothing
left to wrap, the whole argument is wrapped instead.

The function is imported once per module, with the other imports: `from myapp.privacy import
redact` after the last import of the module's leading import block (added to an existing
one-line `from myapp.privacy import ...` when there is one); when that block has relative
imports, before them, where isort would put it (`_before_relative_imports`); in a module without imports,
after its docstring, else after the comments at its top. An existing import of it, under
any alias, or `import myapp.privacy`, is used as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from scanner.classify import Classifier
from scanner.fix.outcome import Outcome, Planned, Refused
from scanner.fix.text import Edit
from scanner.fix.tree import Tree
from scanner.model import Finding, Span
from scanner.taxonomy import Taxonomy

_CODE_IN_DESCRIPTION = 40  # longer expressions are shortened in fix descriptions
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=]")  # PEP 263


@dataclass(frozen=True, slots=True)
class Redactor:
    """How one module calls the redaction function: the name to call, and the import to add."""

    dotted: str
    call: str
    import_edit: Edit | None


def redactor(tree: Tree, dotted: str, path: str) -> Redactor | Refused:
    """Return how the module in `tree` (at `path`, relative to the root) calls `dotted`.

    Refused when the function's name is already bound in the module to something else.
    """
    module_name, _, name = dotted.rpartition(".")
    statements = list(tree.module.body)
    for statement in statements:
        for small in _small_statements(statement):
            if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
                if _dotted(small.module) == module_name and not isinstance(small.names, cst.ImportStar):
                    for alias in small.names:
                        if _dotted(alias.name) == name:
                            return Redactor(dotted, _bound(alias) or name, None)
            if isinstance(small, cst.Import):
                for alias in small.names:
                    if _dotted(alias.name) == module_name:
                        return Redactor(dotted, f"{_bound(alias) or module_name}.{name}", None)
    binding = _module_binding(tree, statements, name)
    if binding is not None:
        kind, line = binding
        if kind == "def" and _is_module(path, module_name):
            return Redactor(dotted, name, None)
        return Refused(
            f"the name '{name}' is already bound in this module (line {line}), so {dotted} cannot be imported "
            "under it; import it by hand and run policyscan fix again"
        )
    return Redactor(dotted, name, _import_edit(tree, statements, module_name, name))


def redact_fix(tree: Tree, finding: Finding, redactor: Redactor, classifier: Classifier, taxonomy: Taxonomy) -> Outcome:
    """Return the edits that pass the data-carrying values of the finding's log call through the redactor."""
    obs = finding.observation
    if obs is None or not obs.arguments:
        return Refused(
            "the observation names no argument to redact (the data reaches the log through a wrapper "
            "function); redact it where the wrapper is called"
        )
    arguments: list[cst.BaseExpression] = []
    for span in obs.arguments:
        found = _argument(tree, span)
        if isinstance(found, Refused):
            return found
        arguments.append(found)
    judge = _Judge(classifier, taxonomy, finding.categories, redactor.call, tree)
    targets: list[cst.BaseExpression] = []
    for argument in arguments:
        targets.extend(judge.targets(argument))
    if not targets:
        # The classifier calls every value allowed, but the engine saw forbidden data reach
        # the call: wrap the arguments whole rather than offer nothing.
        targets = [a for a in arguments if not judge.redacted(a)]
    if not targets:
        return Refused(f"every value in this log call already passes through {redactor.call}()")
    edits: list[Edit] = []
    for target in targets:
        start, end = tree.offsets(target)
        debug = _self_documenting(tree, target, start, end, redactor.call)
        if debug is not None:
            edits.append(debug)
            continue
        edits.append(Edit(start, start, f"{redactor.call}("))
        edits.append(Edit(end, end, ")"))
    if redactor.import_edit is not None:
        edits.append(redactor.import_edit)
    shown = ", ".join(_short(tree.code(t)) for t in targets)
    return Planned(tuple(sorted(edits)), f"Pass {shown} through {redactor.dotted}() before logging")


def _self_documenting(tree: Tree, target: cst.BaseExpression, start: int, end: int, call: str) -> Edit | None:
    """The edit that redacts `target` in an f-string's `{expr=}`, or None for any other place.

    `f"{user.email=}"` prints its own source before the value ("user.email='a@b.c'"), so
    wrapping the expression would print "redact(user.email)=..." instead. The source text (up
    to and with the `=` and the spaces around it) becomes literal text before the field, and the
    field formats the redacted value as `=` would have: with repr() unless a conversion or a
    format spec is given (`{x=}` -> `x={redact(x)!r}`, `{x = :>9}` -> `x = {redact(x):>9}`).
    """
    field = tree.parent(target)
    if not isinstance(field, cst.FormattedStringExpression) or field.expression is not target or field.equal is None:
        return None
    field_start, field_end = tree.offsets(field)
    text = tree.module.code
    equal = _EQUAL_SIGN.match(text, end)
    if text[field_start] != "{" or equal is None:
        return None
    label = text[field_start + 1:equal.end()].replace("{", "{{").replace("}", "}}")
    rest = text[equal.end():field_end]  # the conversion, the format spec and the closing brace
    as_repr = "!r" if field.conversion is None and field.format_spec is None else ""
    return Edit(field_start, field_end, f"{label}{{{call}({text[start:end]}){as_repr}{rest}")


_EQUAL_SIGN = re.compile(r"\s*=\s*")


class _Judge:
    """Decides which values of a log call's arguments to wrap (see the module docstring)."""

    def __init__(self, classifier: Classifier, taxonomy: Taxonomy, forbidden: Sequence[str], call: str, tree: Tree) -> None:
        self.classifier = classifier
        self.taxonomy = taxonomy
        self.forbidden = tuple(forbidden)
        self.call = call
        self.tree = tree

    def targets(self, argument: cst.BaseExpression) -> list[cst.BaseExpression]:
        """The expressions of one argument to wrap (possibly the argument itself)."""
        if self.redacted(argument):
            return []
        parts = _parts(argument)
        if parts is None:
            return [argument] if self.verdict(argument) != "allowed" else []
        values = [p for p in parts if not _literal(p)]
        if any(self.redacted(v) for v in values):
            values = [v for v in values if not self.redacted(v)]
            if not values:
                return []
        verdicts = [(v, self.verdict(v)) for v in values]
        chosen = [v for v, verdict in verdicts if verdict == "forbidden"]
        if not chosen:
            chosen = [v for v, verdict in verdicts if verdict == "unknown"]
        return chosen or [argument]

    def redacted(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Call) and self.tree.code(node.func) == self.call

    def verdict(self, node: cst.BaseExpression) -> str:
        """"forbidden" when a name in it means a category the finding reports, "allowed" when its
        names mean only other categories, "unknown" when they mean none."""
        categories = {m.category for m in self._matches(node)}
        if not categories:
            return "unknown"
        for category in categories:
            if any(self.taxonomy.covers(f, category) or self.taxonomy.covers(category, f) for f in self.forbidden):
                return "forbidden"
        return "allowed"

    def _matches(self, node: cst.CSTNode) -> Iterator[Classified]:
        code = self.tree.code
        if isinstance(node, cst.Name):
            if node.value not in ("True", "False", "None"):
                found = self.classifier.name(node.value)
                if found is not None:
                    yield Classified(found.category)
        elif isinstance(node, cst.Attribute):
            found = self.classifier.name(node.attr.value, owner=code(node.value).strip())
            if found is not None:
                yield Classified(found.category)
            yield from self._matches(node.value)
            return
        elif isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = node.slice[0].slice
            key = _string(index.value) if isinstance(index, cst.Index) else None
            if key is not None:
                owner = code(node.value).strip()
                found = self.classifier.name(key, owner=owner) or self.classifier.header(key)
                if found is not None:
                    yield Classified(found.category)
        elif (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
              and node.args and _string(node.args[0].value) is not None):
            key = _string(node.args[0].value)
            assert key is not None
            found = self.classifier.name(key, owner=code(node.func.value).strip()) or self.classifier.header(key)
            if found is not None:
                yield Classified(found.category)
        for child in node.children:
            yield from self._matches(child)


@dataclass(frozen=True, slots=True)
class Classified:
    """A category a name in an expression means."""

    category: str


def _argument(tree: Tree, span: Span) -> cst.BaseExpression | Refused:
    """The expression of a call argument at `span` (the engine's span of the argument's value)."""
    where = f"{span.start_line}:{span.start_column}"
    for node in tree.at(span):
        if isinstance(node, cst.Arg) and node.star:  # `*args`: the engine's span covers the star
            return Refused(f"the argument at {where} is unpacked with {node.star}, which cannot be wrapped")
    for node in tree.at(span):
        argument = tree.parent(node)
        if isinstance(argument, cst.Arg) and argument.value is node:
            if argument.star:
                return Refused(f"the argument at {where} is unpacked with {argument.star}, which cannot be wrapped")
            assert isinstance(node, cst.BaseExpression)
            return node
    return Refused(f"the argument at {where} could not be found in the source (has the file changed since the scan?)")


def _parts(node: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The values formatted into a message or held by a display; None for any other expression."""
    if isinstance(node, cst.FormattedString):
        return [p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)]
    if isinstance(node, cst.ConcatenatedString):
        return _string_parts(node.left) + _string_parts(node.right)
    if isinstance(node, cst.BinaryOperation):
        if isinstance(node.operator, cst.Modulo) and _is_text(node.left):
            right = node.right
            values: list[cst.BaseExpression] | None
            if isinstance(right, (cst.Tuple, cst.Dict)):
                values = _parts(right)
            else:
                values = [right]
            return None if values is None else _string_parts(node.left) + values
        if isinstance(node.operator, cst.Add):
            operands = _added(node)
            if any(_is_text(o) for o in operands):
                out: list[cst.BaseExpression] = []
                for operand in operands:
                    out.extend(_string_parts(operand) if _is_text(operand) else [operand])
                return out
        return None
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        if any(isinstance(e, cst.StarredElement) for e in node.elements):
            return None
        return [e.value for e in node.elements]
    if isinstance(node, cst.Dict):
        if any(isinstance(e, cst.StarredDictElement) for e in node.elements):
            return None
        return [e.value for e in node.elements if isinstance(e, cst.DictElement)]
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"
            and _is_text(node.func.value)):
        if any(arg.star for arg in node.args):
            return None
        return _string_parts(node.func.value) + [arg.value for arg in node.args]
    return None


def _string_parts(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The formatted values of a string literal (an f-string's, or a concatenation's); [] for plain text."""
    if isinstance(node, (cst.FormattedString, cst.ConcatenatedString)):
        return _parts(node) or []
    return []


def _added(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of an unparenthesized chain of `+`."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) and not node.lpar:
        return _added(node.left) + _added(node.right)
    return [node]


def _is_text(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString))


def _literal(node: cst.BaseExpression) -> bool:
    """True for constants that carry no data: strings without formatted values, numbers, True/False/None."""
    if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary)):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return _literal(node.left) and _literal(node.right)
    return isinstance(node, cst.Name) and node.value in ("True", "False", "None")


def _string(node: cst.BaseExpression) -> str | None:
    """The value of a plain string literal, or None."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= _CODE_IN_DESCRIPTION else code[:_CODE_IN_DESCRIPTION - 3] + "..."


# ------------------------------------------------------------------------------------- imports

def _small_statements(statement: cst.BaseStatement) -> list[cst.BaseSmallStatement]:
    return list(statement.body) if isinstance(statement, cst.SimpleStatementLine) else []


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _bound(alias: cst.ImportAlias) -> str | None:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return None


def _module_binding(tree: Tree, statements: Sequence[cst.BaseStatement], name: str) -> tuple[str, int] | None:
    """("def" | "other", line) when a top-level statement binds `name`; None when none does."""
    for statement in statements:
        line = tree.span(statement).start_line
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and statement.name.value == name:
            return ("def" if isinstance(statement, cst.FunctionDef) else "other"), line
        for small in _small_statements(statement):
            bound: list[str] = []
            if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    bound.append(_bound(alias) or _dotted(alias.name).split(".")[0])
            elif isinstance(small, cst.Assign):
                bound.extend(_dotted(t.target) for t in small.targets)
            elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
                bound.append(_dotted(small.target))
            if name in bound:
                return "other", line
    return None


def _is_module(path: str, module_name: str) -> bool:
    """True when the file at `path` is the module `module_name` (also under a src/ folder)."""
    stem = path[:-3] if path.endswith(".py") else path
    if stem.endswith("/__init__"):
        stem = stem[: -len("/__init__")]
    dotted = stem.replace("/", ".")
    return dotted == module_name or dotted.endswith("." + module_name)


def _import_edit(tree: Tree, statements: Sequence[cst.BaseStatement], module_name: str, name: str) -> Edit:
    """The edit that imports `name` from `module_name`: into an existing one-line import of the
    module, else a new line after the leading imports (after the docstring, or at the top)."""
    for statement in statements:
        for small in _small_statements(statement):
            if (isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None
                    and _dotted(small.module) == module_name and not isinstance(small.names, cst.ImportStar)
                    and small.lpar is None and small.names):
                names = list(small.names)
                names[-1] = names[-1].with_changes(
                    comma=cst.Comma(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(" "))
                )
                names.append(cst.ImportAlias(name=cst.Name(name)))
                return tree.replace(small, small.with_changes(names=names))
    after: cst.BaseStatement | None = None
    block: list[cst.BaseStatement] = []
    for index, statement in enumerate(statements):
        if index == 0 and _is_docstring(statement):
            after = statement
        elif _is_import_block(statement):
            after = statement
            block.append(statement)
        else:
            break
    text = f"from {module_name} import {name}"
    newline = tree.module.default_newline
    relative = next((s for s in block if _is_relative_import(s)), None)
    if relative is not None:
        return _before_relative_imports(tree, block[:block.index(relative)], relative, module_name, text)
    if after is not None:
        _, end = tree.extent(after)
        if end > 0 and tree.source[end - 1] not in "\r\n":  # the last line has no line end
            return Edit(end, end, newline + text)
        if after is statements[0] and _is_docstring(after):  # a blank line between docstring and import
            return Edit(end, end, newline + text + newline)
        return Edit(end, end, text + newline)
    # No docstring and no imports: after the comments at the top of the file (libcst's module
    # header, one line each), at its first blank line; else after a shebang or coding line.
    header = tree.module.header
    blank = next((number for number, line in enumerate(header, 1) if line.comment is None), None)
    if blank is not None:
        start = tree.index.line_start(blank)
        return Edit(start, start, newline + text + newline)
    kept = 0
    for line in header:
        if line.comment is None or not (line.comment.value.startswith("#!") or _CODING.match(line.comment.value)):
            break
        kept += 1
    start = tree.index.line_start(kept + 1)
    return Edit(start, start, text + newline + newline)


def _before_relative_imports(tree: Tree, absolute: Sequence[cst.BaseStatement], relative: cst.BaseStatement,
                             module_name: str, text: str) -> Edit:
    """The import line `text` placed where isort (and ruff's I001) would put it in a block that
    ends with relative imports, which are the last section (local folder), after first-party:
    among the imports of the same top-level package, before the first from-import of a module
    that sorts after `module_name` (else after the last of them); without any, as a section of
    its own after the absolute imports; without those, a section before the relative ones."""
    newline = tree.module.default_newline
    package = module_name.split(".")[0]
    lines = [s for s in absolute if _small_statements(s)]
    same = [s for s in lines if _imported_package(s) == package]
    if same:
        later = next((s for s in same if _from_module(s).lower() > module_name.lower()), None)
        if later is not None:
            start = tree.index.line_start(tree.span(later).start_line)
            return Edit(start, start, text + newline)
        _, end = tree.extent(same[-1])
        return Edit(end, end, text + newline)
    if lines:
        _, end = tree.extent(lines[-1])
        return Edit(end, end, newline + text + newline)
    start = tree.index.line_start(tree.span(relative).start_line)
    return Edit(start, start, text + newline + newline)


def _is_relative_import(statement: cst.BaseStatement) -> bool:
    return any(isinstance(s, cst.ImportFrom) and bool(s.relative) for s in _small_statements(statement))


def _imported_package(statement: cst.BaseStatement) -> str:
    """The top-level package an import line imports from ("" for a relative or compound one)."""
    small = _small_statements(statement)
    if len(small) != 1:
        return ""
    node = small[0]
    if isinstance(node, cst.ImportFrom):
        return "" if node.relative or node.module is None else _dotted(node.module).split(".")[0]
    if isinstance(node, cst.Import):
        return _dotted(node.names[0].name).split(".")[0]
    return ""


def _from_module(statement: cst.BaseStatement) -> str:
    """The module of a from-import line; "" for a plain `import x`, which isort puts first."""
    small = _small_statements(statement)
    if small and isinstance(small[0], cst.ImportFrom) and small[0].module is not None:
        return _dotted(small[0].module)
    return ""


def _is_docstring(statement: cst.BaseStatement) -> bool:
    small = _small_statements(statement)
    return len(small) == 1 and isinstance(small[0], cst.Expr) and isinstance(
        small[0].value, (cst.SimpleString, cst.ConcatenatedString)
    )


def _is_import_block(statement: cst.BaseStatement) -> bool:
    """An import line, or an `if`/`try` at the top of a module that holds only imports."""
    small = _small_statements(statement)
    if small:
        return all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in small)
    if isinstance(statement, (cst.If, cst.Try)):
        inner = [s for block in _blocks(statement) for s in block]
        return bool(inner) and all(_is_import_block(s) or _is_pass(s) for s in inner)
    return False


def _blocks(statement: cst.If | cst.Try) -> list[Sequence[cst.BaseStatement]]:
    blocks: list[Sequence[cst.BaseStatement]] = []
    if isinstance(statement, cst.If):
        blocks.append(statement.body.body if isinstance(statement.body, cst.IndentedBlock) else [])
        orelse = statement.orelse
        if isinstance(orelse, cst.If):
            blocks.extend(_blocks(orelse))
        elif isinstance(orelse, cst.Else) and isinstance(orelse.body, cst.IndentedBlock):
            blocks.append(orelse.body.body)
    else:
        for body in [statement.body, *(h.body for h in statement.handlers)]:
            if isinstance(body, cst.IndentedBlock):
                blocks.append(body.body)
    return blocks


def _is_pass(statement: cst.BaseStatement) -> bool:
    small = _small_statements(statement)
    return bool(small) and all(isinstance(s, cst.Pass) for s in small)
