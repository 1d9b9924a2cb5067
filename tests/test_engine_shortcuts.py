"""The engine's shortcuts give what the longer way gives (they exist for speed, not behaviour)."""

from __future__ import annotations

import ast
import bisect
import re
import textwrap
from collections.abc import Callable

import pytest

from engine_support import models
from scanner.classify import Classifier
from scanner.engine.analyzer import (
    _SANITIZING,
    LOGGING_WORDS,
    FileAnalyzer,
    PendingBody,
    Scope,
    _names_logging,
    _sanitizing_name,
    _walk_statements,
)
from scanner.engine.sinks import SideLog
from scanner.engine.values import NOTHING, Value, symbol_value_of

NESTED = textwrap.dedent('''
    class Form:
        def __init__(self, data, user=None):
            self.data = data
            try:
                self.user: User = user
            except ValueError as exc:
                self.error = exc
                if exc.args:
                    self.first = exc.args[0]
            else:
                self.ok = True
            finally:
                self.done = lambda: [x for x in data]
            match data:
                case {"email": email}:
                    self.email = email
                case _:
                    pass
            for key in data:
                with open(key) as handle:
                    self.handle = handle
            else:
                self.keys = list(data)
            def inner():
                self.inner = 1
            class Local:
                field = 1
    ''')


def test_walk_statements_gives_the_statements_of_ast_walk_in_its_order() -> None:
    tree = ast.parse(NESTED)
    init = tree.body[0].body[0]  # type: ignore[attr-defined]
    expected = [node for node in ast.walk(init) if isinstance(node, ast.stmt)]
    assert [node for node in _walk_statements(init) if isinstance(node, ast.stmt)] == expected
    assert len(expected) == 20


@pytest.mark.parametrize(("name", "logging"), [
    ("log_event", True), ("auditTrail", True), ("audit_trail", True), ("print_user", True), ("logEvent", True),
    ("echo", True), ("logger", True), ("_log", True), ("_log_message", True), ("login", False), ("blog_post", False),
    ("catalog", False), ("save", False), ("dialog_logs", False), ("fingerprint", False),
    # the logging word is not the verb: a record the function keeps or reads (storage, not a log)
    ("save_to_conversation_log", False), ("get_authentication_log", False), ("_debug_log", False),
    ("message_to_log", False),
])
def test_names_logging(name: str, logging: bool) -> None:
    assert _names_logging(name) is logging
    # the same answer as splitting every name, which the substring test spares most names
    assert logging is (re.split(r"_+|(?<=[a-z])(?=[A-Z])", name.lstrip("_"))[0].lower() in LOGGING_WORDS)


@pytest.mark.parametrize(("callee", "sanitising"), [
    ("hash_email", True), ("maskPhone", True), ("Anonymize", True), ("count", True), ("user_exists", True),
    ("is_valid", True), ("has_perm", True), ("Is_admin", True), ("check_password", True), ("encryptValue", True),
    ("send_mail", False), ("format", False), ("isoformat", False), ("hasattr", False), ("User", False), ("", False),
])
def test_sanitizing_name(callee: str, sanitising: bool) -> None:
    assert _sanitizing_name(callee) is sanitising
    # the memoised test is the test `_propagate` made of each lowered name
    lowered = callee.lower()
    assert sanitising is (_SANITIZING.search(lowered) is not None or lowered.startswith(("is_", "has_")))


@pytest.mark.parametrize(("expression", "base"), [
    ("user.get_email", NOTHING),
    ("user.email", Value(categories=frozenset({"user.contact.email"}))),
    ("self.email", symbol_value_of("@self:Form")),
    ("self.logger", symbol_value_of("@self:Form")),
    ("logger.info", NOTHING),
    ("settings.EMAIL", NOTHING),
    ("os.environ", symbol_value_of("os")),
])
def test_a_called_member_has_the_symbol_and_constant_of_the_member(expression: str, base: Value) -> None:
    source = "class Form:\n    pass\n"
    analyzer = FileAnalyzer("app/forms.py", source, ast.parse(source), models(), Classifier.load())
    node = ast.parse(expression, mode="eval").body
    assert isinstance(node, ast.Attribute)
    scope = Scope(env={}, cls=None)
    read = analyzer.member(node, base, scope)
    called = analyzer.member(node, base, scope, called=True)
    assert (called.symbol, called.const, called.role) == (read.symbol, read.const, read.role)


STATEMENT_CALLS = [
    # a class of another module: its string form is looked up (a use), whatever the result
    "from app.models import User\n\ndef make(email):\n    {call}User(email=email)\n",
    # a class of this file given a URL: its methods send there (bind_constructor)
    textwrap.dedent('''
        import requests

        class Client:
            def __init__(self, base_url):
                self.base_url = base_url

            def send(self, email):
                requests.post(self.base_url + "/v1/contacts", json={"email": email})

        def main(email):
            {call}Client("https://api.hubapi.com")
        '''),
    # a helper of this file whose summary applies, and a logger call
    "import logging\nlog = logging.getLogger()\n\ndef note(email):\n    log.info(email)\n\n"
    "def main(user_email):\n    {call}note(user_email)\n",
    # a helper of another module, given data
    "from app.util import clean\n\ndef main(email):\n    {call}clean(email)\n",
]


@pytest.mark.parametrize("template", STATEMENT_CALLS)
def test_a_call_made_as_a_statement_records_what_an_assigned_one_does(template: str) -> None:
    from scanner.engine.analyzer import analyze

    def seen(source: str) -> tuple[object, ...]:
        analyzed = analyze("app/views.py", source, models(), Classifier.load())
        result = analyzed.result
        assert result.skip is None
        assert result.observations or "clean" in source or "User" in source  # the log, the share
        return (tuple((o.span.start_line, o.kind, o.categories, o.rule, o.recipient) for o in result.observations),
                analyzed.uses, analyzed.summary.functions.keys())

    assert seen(template.replace("{call}", "")) == seen(template.replace("{call}", "_ = "))


def test_every_kind_of_statement_has_a_handler() -> None:
    # a kind missing from the table would be skipped silently: nothing in it evaluated
    from scanner.engine.analyzer import _EXEC_BY_TYPE, _Bound

    assert set(ast.stmt.__subclasses__()) == set(_EXEC_BY_TYPE)
    # the 27 kinds Python 3.11 parses, and the binding the analysis makes itself (an except handler's name)
    assert len(_EXEC_BY_TYPE) == 28 and _Bound in _EXEC_BY_TYPE


class _BuiltAssign(ast.Assign):
    """An assignment made by a tool rather than by `ast.parse` (a subclass of the node type)."""


def _analyzer(source: str) -> FileAnalyzer:
    return FileAnalyzer("app/views.py", source, ast.parse(source), models(), Classifier.load())


def test_a_subclass_of_a_statement_type_executes_as_that_type() -> None:
    parsed = ast.parse("contact = user.email")
    statement = parsed.body[0]
    assert isinstance(statement, ast.Assign)
    built = ast.copy_location(_BuiltAssign(targets=statement.targets, value=statement.value), statement)
    analyzer = _analyzer("")
    by_type, by_subclass = Scope(env={}), Scope(env={})
    analyzer.exec_block([statement], by_type)
    analyzer.exec_block([built], by_subclass)
    assert by_subclass.env == by_type.env
    assert by_type.env["contact"].categories == frozenset({"user.contact.email"})


BLOCKS = {
    "if": "if TYPE_CHECKING:\n    from app import User\nelse:\n    User = None\n",
    "try": "try:\n    import ujson as json\nexcept ImportError:\n    import json\n",
}


@pytest.mark.parametrize(("block", "definitions", "analysed"), [
    # a function, a class's method, and both branches of the block: each analysed once
    ("if", "    def helper(email):\n        return email\n",
     [("helper", 1)]),
    ("if", "    class Form:\n        def clean(self, email):\n            return email\n",
     [("clean", 1)]),
    ("try", "    def helper(email):\n        return email\n    class Form:\n        def clean(self):\n            pass\n",
     [("clean", 1), ("helper", 1)]),
])
def test_a_definition_in_a_module_level_block_is_analysed_once(
        block: str, definitions: str, analysed: list[tuple[str, int]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    head, tail = BLOCKS[block].split("\n", 1)
    source = f"{head}\n{definitions}{tail}"
    analyzer = _analyzer(source)
    counts: dict[str, int] = {}
    analyze = FileAnalyzer.analyze_function

    def counting(self: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, outer: Scope,
                 cls: object) -> None:
        counts[func.name] = counts.get(func.name, 0) + 1
        analyze(self, func, outer, cls)  # type: ignore[arg-type]

    monkeypatch.setattr(FileAnalyzer, "analyze_function", counting)
    analyzer.run()
    assert sorted(counts.items()) == analysed
    assert sorted(analyzer.summaries) == sorted(
        f"Form.{name}" if name == "clean" else name for name, _ in analysed)


def test_a_class_in_a_module_level_block_is_bound_after_it() -> None:
    analyzer = _analyzer("if TYPE_CHECKING:\n    class Form:\n        pass\nform = Form\n")
    analyzer.run()
    assert analyzer.module_scope.env["form"] == symbol_value_of("@class:Form")


@pytest.mark.parametrize(("name", "expected"), [
    ("len", symbol_value_of("builtins.len")),
    ("logger", symbol_value_of("logging.Logger")),
    ("email", Value(categories=frozenset({"user.contact.email"}))),
    ("bound", symbol_value_of("app.Thing")),
    ("widget", NOTHING),
])
def test_eval_of_a_name_is_eval_name(name: str, expected: Value) -> None:
    analyzer = _analyzer("")
    scope = Scope(env={}, parent=Scope(env={"bound": symbol_value_of("app.Thing")}))
    node = ast.Name(id=name, ctx=ast.Load())
    assert analyzer.eval(node, scope) == analyzer.eval_name(node, scope)
    assert (analyzer.eval(node, scope).symbol, analyzer.eval(node, scope).categories) \
        == (expected.symbol, expected.categories)


def test_a_name_that_means_nothing_is_memoised_as_none() -> None:
    from scanner.engine.analyzer import _classified_by

    analyzer = _analyzer("")
    memo = _classified_by(analyzer.classifier)
    memo.pop(("widget_count", None), None)
    assert analyzer.classify_name("widget_count", None) is None
    assert ("widget_count", None) in memo and memo[("widget_count", None)] is None
    assert analyzer.classify_name("widget_count", None) is None  # answered by the memo
    email = analyzer.classify_name("email", None)
    assert email is not None and email.categories == frozenset({"user.contact.email"})
    assert analyzer.classify_name("email", None) is email


def _logging_function(docstring: bool, statements: int) -> ast.FunctionDef:
    lines = ['    """Note it."""'] if docstring else []
    lines += ["    x = 1"] * (statements - 1) + ["    logger.info(message)"]
    function = ast.parse("def note(message):\n" + "\n".join(lines) + "\n").body[0]
    assert isinstance(function, ast.FunctionDef)
    return function


@pytest.mark.parametrize(("docstring", "statements", "wrapper"), [
    (False, 1, True), (False, 4, True), (False, 5, False), (True, 4, True), (True, 5, False), (False, 9, False),
])
def test_a_few_statements_around_a_log_call_make_a_logging_wrapper(docstring: bool, statements: int,
                                                                    wrapper: bool) -> None:
    from scanner.engine.analyzer import is_logging_wrapper

    assert is_logging_wrapper(_logging_function(docstring, statements)) is wrapper


@pytest.mark.parametrize(("body", "wrapper"), [
    # its one statement a guarded log call: a debug-log wrapper
    ('    if self.debug:\n        log.debug(message, *args)\n', True),
    ('    """Print unless in cron mode."""\n    if not quiet:\n        click.echo(*args, **kwargs)\n', True),
    # a guard after other work, or a guard that does more than log: a log on the side of that work
    ('    ids = disconnect(message)\n    if ids:\n        log.info("disconnected %s", message)\n', False),
    ('    if self.debug:\n        log.debug(message)\n        save(message)\n', False),
    ('    if self.debug:\n        log.debug(message)\n    else:\n        save(message)\n', False),
])
def test_a_guarded_log_call_alone_makes_a_logging_wrapper(body: str, wrapper: bool) -> None:
    from scanner.engine.analyzer import is_logging_wrapper

    function = ast.parse("def note(self, message, *args, **kwargs):\n" + body).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert is_logging_wrapper(function) is wrapper


@pytest.mark.parametrize(("body", "wrapper"), [
    # its own text logged around another job: a log on the side of that job
    (('    """Send a log message, clear some cookies."""\n    self.log.info("User logged out: %s", name)\n'
      '    self.clear_login_cookie()\n'), False),
    ('    logger.trace(f"Sending {message[\'type\']}")\n    queue.put_nowait(message)\n', False),
    ('    await logger.adebug(f"sent")\n    log.info("sent %s", message)\n    await queue.put(message)\n', False),
    # the message is the caller's: a wrapper, whatever else it does
    ('    log.warning(message, *args)\n    self.count.increment()\n', True),
    # its own text and no other call (an assignment, a return): a wrapper
    ('    log.info("login of %s", message)\n    return True\n', True),
    ('    self.last = message\n    log.info(f"noted {message}")\n', True),
    # a log call and another log call: logging is all it does
    ('    log.info("login of %s", message)\n    print(f"login of {message}")\n', True),
    # its own text logged beside a block that does the work (weblate's notification mails rendered
    # in a `with override(language):`), however few statements it has at its top
    ('    log.info("sending %s", message)\n    with override(message):\n        mails = render(message)\n'
     '    return mails\n', False),
    ('    log.info("sending %s", message)\n    for part in message:\n        queue.put(part)\n', False),
    # a report-and-stop helper: an exit raises SystemExit, as a `raise` does, and is no work of its own
    ('    click.echo(f"error: {message}", err=True)\n    sys.exit(1)\n', True),
    ('    print(f"fatal: {message}")\n    os._exit(2)\n', True),
    ('    log.error(f"failed: {message}")\n    raise SystemExit(1)\n', True),
    # its own text and an exit after another job: a log on the side of that job
    ('    log.error(f"failed: {message}")\n    self.rollback(message)\n    sys.exit(1)\n', False),
])
def test_own_text_logged_around_other_work_is_not_a_logging_wrapper(body: str, wrapper: bool) -> None:
    from scanner.engine.analyzer import is_logging_wrapper

    function = ast.parse("async def note(self, message, *args):\n" + body).body[0]
    assert isinstance(function, ast.AsyncFunctionDef)
    assert is_logging_wrapper(function) is wrapper


_CALL = ast.parse("log.info(x)", mode="eval").body
assert isinstance(_CALL, ast.Call)
_LOG = SideLog(_CALL, "LOG-PII", "log.info()")
_FUNC = ast.parse("def inner(): pass").body[0]
assert isinstance(_FUNC, ast.FunctionDef)
_BODY = PendingBody(ast.Name("body"), NOTHING)


@pytest.mark.parametrize(("write", "field", "expected"), [
    (lambda s: s.pend("body", _BODY), "pending", {"body": _BODY}),
    (lambda s: (s.pend("body", _BODY), s.unpend("body")), "pending", {}),
    (lambda s: s.add_return(NOTHING), "returns", [NOTHING]),
    (lambda s: (s.add_log_param(1, "LOG-PII"), s.add_log_param(1, "LOG-OTHER")), "log_params", {1: "LOG-PII"}),
    (lambda s: (s.add_side_log(0, _LOG), s.add_side_log(0, _LOG)), "side_logs", {0: [_LOG, _LOG]}),
    (lambda s: s.add_late(_FUNC, frozenset({"a"})), "late", [(_FUNC, frozenset({"a"}))]),
    (lambda s: (s.add_function_alias("f", "a"), s.add_function_alias("f", "b")), "function_aliases", {"f": {"a", "b"}}),
])
def test_a_scope_s_containers_start_shared_and_empty_and_are_its_own_once_written(
        write: Callable[[Scope], object], field: str, expected: object) -> None:
    # a new scope's containers are shared read-only empties (not made per scope); the first write
    # through Scope's method gives that scope a container of its own, and leaves other scopes' empty
    written, other = Scope(env={}), Scope(env={})
    assert getattr(written, field) is getattr(other, field)
    assert not getattr(other, field)
    write(written)
    assert getattr(written, field) == expected
    assert not getattr(other, field)
    assert not getattr(Scope(env={}), field)


def test_a_scope_s_shared_empty_mappings_refuse_a_direct_write() -> None:
    scope = Scope(env={})
    for mapping in (scope.pending, scope.log_params, scope.side_logs, scope.function_aliases):
        with pytest.raises(TypeError):
            mapping[0] = None  # type: ignore[index]


def test_the_classifier_memoises_a_name_that_means_nothing_as_none(monkeypatch: pytest.MonkeyPatch) -> None:
    classifier = Classifier.load()
    calls: list[tuple[str, str | None]] = []
    classify = Classifier._classify_name

    def counting(self: Classifier, identifier: str, owner: str | None, also: frozenset[str] = frozenset()) -> object:
        calls.append((identifier, owner))
        return classify(self, identifier, owner, also)

    monkeypatch.setattr(Classifier, "_classify_name", counting)
    assert classifier.name("widget_count", owner="Order") is None
    assert classifier.name("widget_count", owner="Order") is None  # the memo's None, not asked again
    email = classifier.name("email")
    assert email is not None and email.category == "user.contact.email"
    assert classifier.name("email") is email
    assert calls == [("widget_count", "Order"), ("email", None)]


# Each `if` as written, and with its missing `else` written out as `else: pass` (a branch that runs,
# from a copy of the names): the names hold the same afterwards, whatever the body did to them.
BRANCH_BODIES = {
    "data in the body": ("email = None\n", "    email = user.email\n"),
    "data before, a constant in the body": ("email = user.email\n", "    email = 'x'\n"),
    "data in both": ("email = user.email\n", "    email = user.phone_number\n"),
    "a constant made unknown": ("kind = 'a'\n", "    kind = compute()\n"),
    "another constant": ("kind = 'a'\n", "    kind = 'b'\n"),
    "a name bound in the body only": ("", "    phone = user.phone_number\n"),
    "a name deleted in the body": ("email = user.email\n", "    del email\n"),
    "a project's result with data": ("to = user.email\n", "    to = views.resolve()\n"),
    "nothing changed": ("email = user.email\n", "    pass\n"),
}


@pytest.mark.parametrize("case", sorted(BRANCH_BODIES))
@pytest.mark.parametrize("statement", ["if flag:", "while flag:", "for item in items:"])
def test_a_missing_else_merges_as_an_empty_else_does(case: str, statement: str) -> None:
    before, body = BRANCH_BODIES[case]
    analyzer = _analyzer("")
    envs = []
    for source in (f"{before}{statement}\n{body}", f"{before}{statement}\n{body}else:\n    pass\n"):
        scope = Scope(env={})
        analyzer.exec_block(ast.parse(source).body, scope)
        envs.append(scope.env)
    assert envs[0] == envs[1]
    assert list(envs[0]) == list(envs[1])


@pytest.mark.parametrize(("source", "expected"), [
    # the body's data and the constant before it: the name may hold either
    ("email = None\nif flag:\n    email = user.email\n", {"email": frozenset({"user.contact.email"})}),
    ("email = user.email\nif flag:\n    email = user.phone_number\n",
     {"email": frozenset({"user.contact.email", "user.contact.phone_number"})}),
    # a name the body alone binds, or deletes
    ("if flag:\n    phone = user.phone_number\n", {"phone": frozenset({"user.contact.phone_number"})}),
    ("email = user.email\nif flag:\n    del email\n", {"email": frozenset({"user.contact.email"})}),
    # handlers and a missing `else` of a try: each a branch from the state after its body
    ("try:\n    email = user.email\nexcept ValueError:\n    email = user.phone_number\n",
     {"email": frozenset({"user.contact.email", "user.contact.phone_number"})}),
])
def test_the_names_after_branches_hold_what_any_branch_gave_them(source: str, expected: dict[str, frozenset[str]]) -> None:
    analyzer = _analyzer("")
    scope = Scope(env={})
    entry = scope.env
    analyzer.exec_block(ast.parse(source).body, scope)
    assert {name: value.categories for name, value in scope.env.items() if value.categories} == expected
    assert scope.env is not entry


@pytest.mark.parametrize(("source", "constant"), [
    # of two constants, the merge keeps the last branch's: a missing `else` is that branch, the names as before
    ("kind = 'a'\nif flag:\n    kind = 'b'\n", "a"),
    ("kind = 'a'\nif flag:\n    kind = 'b'\nelse:\n    kind = 'c'\n", "c"),
    ("kind = 'a'\ntry:\n    pass\nexcept ValueError:\n    kind = 'b'\n", "a"),
    ("kind = 'a'\ntry:\n    pass\nexcept ValueError:\n    kind = 'b'\nelse:\n    kind = 'c'\n", "c"),
])
def test_of_two_constants_the_last_branch_s_is_kept(source: str, constant: str) -> None:
    analyzer = _analyzer("")
    scope = Scope(env={})
    analyzer.exec_block(ast.parse(source).body, scope)
    assert scope.env["kind"].const == constant


@pytest.mark.parametrize(("expression", "const", "categories"), [
    ("('a', 'b')", ("a", "b"), frozenset()),
    ("['a', 1]", ("a", 1), frozenset()),
    ("{'a'}", ("a",), frozenset()),
    # a display with anything but constants in it is not one: its elements' data
    ("('a', email)", None, frozenset({"user.contact.email"})),
    ("[email, 'a']", None, frozenset({"user.contact.email"})),
    ("[]", None, frozenset()),
])
def test_a_display_of_constants_is_a_constant(expression: str, const: object, categories: frozenset[str]) -> None:
    from scanner.engine.values import UNKNOWN

    analyzer = _analyzer("")
    value = analyzer.eval(ast.parse(expression, mode="eval").body, Scope(env={}))
    assert (value.const if value.const is not UNKNOWN else None, value.categories) == (const, categories)


@pytest.mark.parametrize("returned", [
    NOTHING,
    Value(keyed=(0, 1, "")),
    Value(const="https://api.example.com/v1/users"),
    Value(const=None),
    Value(symbol="app.clients.Client()"),
])
def test_one_return_is_read_as_the_same_return_twice(returned: Value) -> None:
    # one `return` skips the sets that several need: the answer is that of two equal returns
    from scanner.engine.analyzer import _keyed_return, _returned_url

    assert _keyed_return([returned]) == _keyed_return([returned, returned])
    assert _returned_url([returned]) == _returned_url([returned, returned])


@pytest.mark.parametrize(("returns", "keyed", "url"), [
    ("return params[key]", (0, 1, ""), None),
    ("return 'https://api.example.com/v1/' + key", None, "https://api.example.com/v1/\x00"),  # a hole at the key
    ("if key:\n        return params[key]\n    return params[key]", (0, 1, ""), None),
])
def test_what_a_function_returns_is_in_its_summary(returns: str, keyed: object, url: str | None) -> None:
    analyzer = _analyzer(f"def read(params, key):\n    {returns}\n")
    analyzer.run()
    summary = analyzer.summaries["read"]
    assert (summary.keyed, summary.returns.shape) == (keyed, url)


@pytest.mark.parametrize("body", ["    log(email)\n", "    email.strip()\n", "    pass\n"])
def test_a_body_that_rebinds_no_name_leaves_the_names_as_they_were(body: str) -> None:
    analyzer = _analyzer("")
    scope = Scope(env={})
    analyzer.exec_block(ast.parse("email = user.email\n").body, scope)
    held = scope.env["email"]
    analyzer.exec_block(ast.parse(f"if flag:\n{body}").body, scope)
    assert scope.env == {"email": held} and scope.env["email"] is held


@pytest.mark.parametrize(("source", "name", "sets"), [
    ("self.login = login\n", "login", True),
    ("self.login=login\n", "login", True),
    ("if self.login == 'x': pass\n", "login", True),  # the text `self.login =`, as before
    ("myself.login = 1\n", "login", True),
    ("self.login  = login\n", "login", False),  # two spaces: neither text
    ("self.login_name = x\nself.login.strip()\n", "login", False),
    ("return self.login\n", "login", False),
    ("self.sel.x\n", "sel", False),
    # `self.mysel` is found first inside `self.myself.mysel`, then the one that is set
    ("self.myself.mysel = 1\n", "mysel", True),
    ("self.myself.mysel.x = 1\n", "mysel", False),
    ("", "login", False),
])
def test_a_name_set_on_self_is_found_as_the_two_text_searches_find_it(source: str, name: str, sets: bool) -> None:
    from scanner.engine.analyzer import _sets_on_self

    assert _sets_on_self(source, name) is sets
    assert (f"self.{name} =" in source or f"self.{name}=" in source) is sets


@pytest.mark.parametrize(("symbol", "head"), [
    ("anthropic.AsyncAnthropic", "anthropic.AsyncAnthropic"),
    ("anthropic.AsyncAnthropic().messages.create", "anthropic.AsyncAnthropic"),
    ("anthropic.AsyncAnthropic(api_key).messages", "anthropic.AsyncAnthropic"),
    ("geopy.geocoders.google.GoogleV3().geocode", "geopy.geocoders.google.GoogleV3"),
    ("groq.Client.chat", "groq.Client"),
    ("groq", None),  # a first word of the aliases, but not itself aliased
    ("groq.Clients", None),
    ("django.db.models.Q", None),
    ("anthropicx.AsyncAnthropic", None),
    (".anthropic.AsyncAnthropic", None),
    ("(anthropic.AsyncAnthropic)", None),
    ("", None),
])
def test_an_aliased_prefix_is_found_as_without_the_aliases_first_words(symbol: str, head: str | None) -> None:
    from scanner.packs import aliased_prefix

    loaded = models()
    assert aliased_prefix(loaded.aliases, symbol, loaded.alias_heads) == head
    assert aliased_prefix(loaded.aliases, symbol) == head


@pytest.mark.parametrize(("name", "word"), [
    ("anthropic.AsyncAnthropic", "anthropic"),
    ("Client(key).send", "Client"),
    ("a.b(c)", "a"),
    ("a(b.c)", "a"),
    ("plain", "plain"),
    (".x", ""),
    ("", ""),
])
def test_a_names_first_word_ends_at_its_first_dot_or_parenthesis(name: str, word: str) -> None:
    from scanner.packs import _first_word

    assert _first_word(name) == word


@pytest.mark.parametrize("symbol", [
    "@request", "@request.form", "@requests", "@self:Form", "@class:Form", "@instance:Form", "@instance:Form.save",
    "@items:django.db.models.Model()", "@url:https://x", "@", "builtins.getattr", "builtins", "django.db.models.Q",
    "django.db.models.Manager().filter", "openai.OpenAI()", "Form", "form", "a.b(C).d", "a.B(c)", "", ".", "x.",
])
def test_a_symbols_flags_say_what_its_prefixes_do(symbol: str) -> None:
    from scanner.engine import analyzer
    from scanner.engine.values import REQUEST

    analyzer._SYMBOL_FLAGS.pop(symbol, None)
    for _ in range(2):  # computed, then read from the memo
        flags = analyzer.symbol_flags(symbol)
        assert flags[analyzer._AT] == symbol.startswith("@")
        assert flags[analyzer._AT_REQUEST] == symbol.startswith(REQUEST)
        assert flags[analyzer._AT_SELF] == symbol.startswith("@self:")
        assert flags[analyzer._AT_CLASS] == symbol.startswith("@class:")
        assert flags[analyzer._AT_INSTANCE] == symbol.startswith("@instance:")
        assert flags[analyzer._BUILTIN] == symbol.startswith("builtins.")
        assert flags[analyzer._CAPITAL] == analyzer._looks_like_class(symbol)
    assert analyzer.symbol_flags(None) == (False,) * 7


def test_the_symbol_flags_memo_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from scanner.engine import analyzer

    nothing = analyzer._NO_FLAGS
    monkeypatch.setattr(analyzer, "_SYMBOL_FLAGS", {None: nothing, "a": nothing, "b": nothing})
    monkeypatch.setattr(analyzer, "_SYMBOL_FLAGS_LIMIT", 3)
    flags = (True, False, True, False, False, False, False)  # its last part is "@self:X": no capital
    assert analyzer.symbol_flags("@self:X") == flags
    assert analyzer._SYMBOL_FLAGS == {None: nothing, "@self:X": flags}


def test_a_docstring_is_not_evaluated_and_a_bare_name_is() -> None:
    from scanner.engine import analyzer

    source = 'def f(request):\n    """A docstring."""\n    "another bare text"\n    request.form\n'
    seen: list[type] = []
    evaluated = analyzer.FileAnalyzer.eval

    def spy(self: FileAnalyzer, node: ast.expr | None, scope: Scope) -> Value:
        seen.append(type(node))
        return evaluated(self, node, scope)

    original, analyzer.FileAnalyzer.eval = analyzer.FileAnalyzer.eval, spy  # type: ignore[method-assign]
    try:
        analyzed = analyzer.analyze("app/views.py", source, models(), Classifier.load())
    finally:
        analyzer.FileAnalyzer.eval = original  # type: ignore[method-assign]
    assert analyzed.result.skip is None
    assert ast.Constant not in seen and ast.Attribute in seen  # the bare texts not, `request.form` yes


def test_the_schema_builder_memo_finds_what_the_patterns_match() -> None:
    from scanner.engine.sources import _NO_BUILDER, _schema_entries

    entries = models().dict_schemas
    builders, named, builder_of = _schema_entries(entries)
    assert _schema_entries(entries)[2] is builder_of  # one memo per tuple of entries
    assert builders == [e for e in entries if e.functions] and named == [e for e in entries if e.names]
    from scanner.engine.sources import _builder_named

    for name in ("default_user_schema", "UserSchema", "get_schema_for", "save", "schemata", "test_x"):
        expected = next((b for b in builders if b.names_function(name)), None)
        assert _builder_named(builders, builder_of, name) is expected
        assert builder_of.get(name, _NO_BUILDER) is expected


@pytest.mark.parametrize("symbol", ["app.svc.Service().send", "app.util.clean", "Client(key).send", "x"])
def test_a_called_symbols_tags_are_its_key_and_uses(symbol: str) -> None:
    from scanner.engine import analyzer
    from scanner.engine.summaries import USE_FUNCTION, USE_LOG_SITES, USE_PASSTHROUGH

    key = analyzer.callable_key(symbol)
    expected = (key, USE_FUNCTION + key, USE_PASSTHROUGH + key, USE_LOG_SITES + key)
    assert analyzer.callable_tags(symbol) == expected
    assert analyzer._CALLABLE_TAGS[symbol] == expected


@pytest.mark.parametrize("module", ["scanner/engine/sources.py", "scanner/engine/walk.py", "tests/test_engine_shortcuts.py"])
def test_walk_gives_the_nodes_of_ast_walk_in_its_order(module: str) -> None:
    from pathlib import Path

    from scanner.engine.walk import walk

    tree = ast.parse(Path(module).read_text(encoding="utf-8"))
    assert [id(node) for node in walk(tree)] == [id(node) for node in ast.walk(tree)]
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        assert [id(node) for node in walk(function)] == [id(node) for node in ast.walk(function)]


def test_walk_skips_a_field_left_unset_as_ast_walk_does() -> None:
    from scanner.engine.walk import walk

    built = ast.Call(func=ast.Name(id="f"), args=[ast.Constant(1)])  # no `keywords`, no positions
    assert [type(node) for node in walk(built)] == [type(node) for node in ast.walk(built)] \
        == [ast.Call, ast.Name, ast.Constant]  # a Name built without its `ctx` has none


def _own_nodes_by_iter_child_nodes(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    """`sources.own_nodes` as it was written with `ast.iter_child_nodes`: what it must still give."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(reversed(func.body))
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


@pytest.mark.parametrize("module", ["scanner/engine/sources.py", "scanner/engine/analyzer.py", "tests/test_engine_shortcuts.py"])
def test_own_nodes_gives_the_nodes_of_iter_child_nodes_in_its_order(module: str) -> None:
    # the fields read in place give the same nodes in the same order, nested definitions not entered
    from pathlib import Path

    from scanner.engine.sources import own_nodes

    tree = ast.parse(Path(module).read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert functions
    for function in functions:
        assert [id(node) for node in own_nodes(function)] == [id(node) for node in _own_nodes_by_iter_child_nodes(function)]


def _calls_on_by_recursion(node: ast.AST, lines: list[int]) -> list[ast.Call]:
    """`sources._calls_on` as it was written, a recursion of generators: what it must still give."""
    found: list[ast.Call] = []
    for child in ast.iter_child_nodes(node):
        start = getattr(child, "lineno", None)
        if start is not None:
            first = bisect.bisect_left(lines, start)
            if first == len(lines) or lines[first] > (getattr(child, "end_lineno", None) or start):
                continue
        if isinstance(child, ast.Call):
            found.append(child)
        found.extend(_calls_on_by_recursion(child, lines))
    return found


@pytest.mark.parametrize("module", ["scanner/engine/sources.py", "scanner/engine/analyzer.py", "tests/test_engine_shortcuts.py"])
def test_calls_on_gives_the_calls_of_the_recursion_in_its_order(module: str) -> None:
    from pathlib import Path

    from scanner.engine.sources import _calls_on

    source = Path(module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    count = source.count("\n") + 1
    for lines in ([], [1], list(range(1, count, 7)), list(range(1, count, 97)), list(range(1, count + 1))):
        assert [id(c) for c in _calls_on(tree, lines)] == [id(c) for c in _calls_on_by_recursion(tree, lines)]
    function = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and len(n.body) > 3)
    lines = list(range(function.lineno, (function.end_lineno or function.lineno) + 1, 3))
    assert [id(c) for c in _calls_on(function, lines)] == [id(c) for c in _calls_on_by_recursion(function, lines)]


@pytest.mark.parametrize("module", ["scanner/engine/sinks.py", "tests/test_engine_shortcuts.py"])
def test_statement_at_finds_the_statement_the_scan_of_both_lines_found(module: str) -> None:
    # the end line read first skips what ends before the line: the same first statement holding it
    from pathlib import Path

    from scanner.engine.sinks import _statement_at

    tree = ast.parse(Path(module).read_text(encoding="utf-8"))
    bodies = [tree.body, *(n.body for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef)))]
    last = max(getattr(n, "end_lineno", 0) or 0 for n in ast.walk(tree))
    for body in bodies:
        for line in range(1, last + 2):
            expected = next((stmt for stmt in body if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno)), None)
            assert _statement_at(body, line) is expected
    built = [ast.Pass(lineno=3, col_offset=0), ast.Pass(lineno=5, col_offset=0)]  # no end lines: the first line only
    assert [_statement_at(built, line) for line in (3, 4, 5)] == [built[0], None, built[1]]


def test_walk_reads_names_lists_and_missing_fields_as_ast_walk_does() -> None:
    # a name (`str`) and a missing value (None) are skipped before the node tests; a list of names too
    from scanner.engine.walk import push_children, walk

    tree = ast.parse("def f(a, *args, b=None, **kw) -> None:\n    global g, h\n    return {**kw, 'a': a}[a]\n")
    assert [id(node) for node in walk(tree)] == [id(node) for node in ast.walk(tree)]
    for node in ast.walk(tree):
        stack: list[ast.AST] = []
        push_children(node, stack)
        assert [id(child) for child in reversed(stack)] == [id(child) for child in ast.iter_child_nodes(node)]


def test_the_names_an_unannotated_parameter_is_read_by_are_every_one_parameter_value_tests() -> None:
    # a parameter with no annotation and none of these names skips those tests (`parameter_value`)
    from scanner.engine.sources import TORNADO_HANDLER_PARAMETERS, parameters_read_by_name

    loaded = models()
    read = parameters_read_by_name(loaded)
    request = loaded.request
    for names in (request.parameter_names, request.connection_names, request.event_parameters,
                  TORNADO_HANDLER_PARAMETERS, loaded.logger_names, {"environ"}):
        assert names <= read
    assert "request" in read and "environ" in read and "handler" in read and "user" not in read
