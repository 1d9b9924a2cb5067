"""Adding keyword arguments to a call in the call's own layout.

A call written on one line gets `, name=value` before its `)`. A call whose `)` stands on
its own line (one argument per line) gets one new line per argument, indented like the
others; a trailing comma stays trailing, and a comment after the last argument stays on
that argument's line.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst


def keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Arg:
    """A keyword argument `name=value`, spaced around `=` like the call's other keywords."""
    equal: cst.AssignEqual = cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )
    for arg in call.args:
        if arg.keyword is not None and isinstance(arg.equal, cst.AssignEqual):
            equal = arg.equal
            break
    return cst.Arg(value=value, keyword=cst.Name(name), equal=equal)


def append_args(call: cst.Call, new: Sequence[cst.Arg]) -> cst.Call:
    """Return `call` with the arguments `new` after its last argument, in its layout."""
    if not new:
        return call
    args = list(call.args)
    if not args:
        return call.with_changes(args=_chain(list(new), cst.SimpleWhitespace(" "), cst.SimpleWhitespace(""), False))
    last = args[-1]
    trailing = isinstance(last.comma, cst.Comma)
    closing = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else last.whitespace_after_arg
    line = _argument_line(call, args)
    after_last: cst.BaseParenthesizableWhitespace
    between: cst.BaseParenthesizableWhitespace
    end: cst.BaseParenthesizableWhitespace
    if isinstance(closing, cst.ParenthesizedWhitespace) and line is not None:
        indent, last_line = line
        # The comment and blank lines after the old last argument stay with it.
        after_last = cst.ParenthesizedWhitespace(
            first_line=closing.first_line, empty_lines=closing.empty_lines, indent=indent, last_line=last_line
        )
        between = cst.ParenthesizedWhitespace(indent=indent, last_line=last_line)
        end = cst.ParenthesizedWhitespace(
            indent=closing.indent, last_line=closing.last_line
        )
    else:
        after_last = _separator(args)
        between = after_last
        end = closing
    before_comma = last.comma.whitespace_before if isinstance(last.comma, cst.Comma) else cst.SimpleWhitespace("")
    args[-1] = last.with_changes(
        comma=cst.Comma(whitespace_before=before_comma, whitespace_after=after_last),
        whitespace_after_arg=cst.SimpleWhitespace("") if not trailing else last.whitespace_after_arg,
    )
    return call.with_changes(args=args + _chain(list(new), between, end, trailing))


def _chain(new: list[cst.Arg], between: cst.BaseParenthesizableWhitespace, end: cst.BaseParenthesizableWhitespace,
           trailing: bool) -> list[cst.Arg]:
    """The new arguments, separated by `between`; the last one ends with `end` (after a comma if `trailing`)."""
    out = [
        arg.with_changes(comma=cst.Comma(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=between))
        for arg in new[:-1]
    ]
    if trailing:
        out.append(new[-1].with_changes(
            comma=cst.Comma(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=end),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        ))
    else:
        out.append(new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=end))
    return out


def _argument_line(call: cst.Call, args: list[cst.Arg]) -> tuple[bool, cst.SimpleWhitespace] | None:
    """How a line holding one argument starts (block indentation, extra spaces), if the call shows it."""
    candidates: list[cst.BaseParenthesizableWhitespace] = [
        arg.comma.whitespace_after for arg in reversed(args[:-1]) if isinstance(arg.comma, cst.Comma)
    ]
    candidates.append(call.whitespace_before_args)
    for ws in candidates:
        if isinstance(ws, cst.ParenthesizedWhitespace):
            return ws.indent, ws.last_line
    return None


def _separator(args: list[cst.Arg]) -> cst.BaseParenthesizableWhitespace:
    """The space after a comma on one line: as between the call's arguments, else one space."""
    for arg in reversed(args[:-1]):
        if isinstance(arg.comma, cst.Comma) and isinstance(arg.comma.whitespace_after, cst.SimpleWhitespace):
            return arg.comma.whitespace_after
    return cst.SimpleWhitespace(" ")
