"""The coverage notice: a run names the web frameworks it does not model that the code imports (issue 3)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from cli_support import cli
from sarif_check import assert_valid_sarif

from scanner.bundled import rules_dir
from scanner.coverage import CODE, UNMODELLED, framework_notices, own_names, unmodelled_frameworks
from scanner.model import Notice, NoticeLevel

# A CherryPy application: the request is `cherrypy.request` and the exposed method's keyword
# arguments are the form's fields; nothing of it is modelled, and nothing of it is observed.
CONTROLLER = """\
import cherrypy


class Api:
    @cherrypy.expose
    def login(self, login=None, password=None):
        return cherrypy.request.headers.get("Host")
"""

# The other places an import statement can be: in a function, under `try`, in a class body,
# under `if TYPE_CHECKING:`, after a `return` (never run, still the module's dependency).
ELSEWHERE = {
    "app/pages.py": "def view():\n    from cherrypy.lib import sessions\n    return sessions\n",
    "app/compat.py": "try:\n    import ujson as json\nexcept ImportError:\n    import json\n\n\n"
                     "def f():\n    return 1\n    import os, cherrypy.process as process\n",
    "app/typing_only.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from cherrypy import Tool\n",
    "app/tools.py": "class Tools:\n    import cherrypy\n",
}

# Relative imports are the project's own modules, whatever their names.
RELATIVE = "from . import cherrypy\nfrom .web import render\n"

NOTE = ("cherrypy (CherryPy) is imported by 5 files (app/compat.py, app/controller.py, app/pages.py and 2 more): "
        "policyscan does not model this web framework, so request data read through cherrypy.request or an exposed "
        "method's arguments is not observed")

INVENTORY = 'version = 1\npolicy = "Test policy"\n'


def cherrypy_project(root: Path) -> Path:
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "controller.py").write_text(CONTROLLER)
    for path, text in ELSEWHERE.items():
        (root / path).write_text(text)
    (root / "app" / "relative.py").write_text(RELATIVE)
    (root / "privacy-inventory.toml").write_text(INVENTORY)
    return root


def test_a_cherrypy_project_gets_exactly_one_note_in_text_json_and_sarif(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = cherrypy_project(tmp_path / "shop")
    code, out, err = cli(["scan", str(root), "--no-cache"], capsys)
    # a note is not a finding: the exit code is a clean scan's, even with --fail-on note
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"app/compat.py:9: note: {NOTE}"
    assert out.count("unmodelled") == 0 and out.count("CherryPy") == 1  # said once, concise
    assert cli(["scan", str(root), "--no-cache", "--fail-on", "note"], capsys)[0] == 0
    doc = json.loads(cli(["scan", str(root), "--no-cache", "--format", "json"], capsys)[1])
    assert doc["notices"] == [{"code": CODE, "level": "note", "line": 9, "message": NOTE, "path": "app/compat.py"}]
    sarif = assert_valid_sarif(cli(["scan", str(root), "--no-cache", "--format", "sarif"], capsys)[1])
    [invocation] = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [{
        "descriptor": {"id": CODE},
        "level": "note",
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/compat.py", "uriBaseId": "%SRCROOT%"},
                                            "region": {"startLine": 9}}}],
        "message": {"text": NOTE},
    }]
    github = cli(["scan", str(root), "--no-cache", "--format", "github"], capsys)
    assert github[0] == 0
    assert f"::notice file=app/compat.py,line=9,title=policyscan {CODE}::{NOTE}" in github[1].splitlines()


def test_the_note_is_the_same_bytes_cached_or_not_and_with_one_worker_or_two(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = cherrypy_project(tmp_path / "shop")
    outputs = [cli(["scan", str(root), "--no-cache", "-j", "1", "--format", "json"], capsys),
               cli(["scan", str(root), "--no-cache", "-j", "2", "--format", "json"], capsys),
               cli(["scan", str(root), "--format", "json"], capsys),  # fills the cache
               cli(["scan", str(root), "--format", "json"], capsys)]  # every result from it
    assert (root / ".policyscan_cache").is_dir()
    assert all(output == outputs[0] for output in outputs)
    assert json.loads(outputs[0][1])["notices"][0]["message"] == NOTE


def test_a_flask_project_gets_no_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "shop"
    (root / "app").mkdir(parents=True)
    (root / "app" / "views.py").write_text("from flask import Flask, request\nfrom werkzeug.utils import secure_filename\n")
    (root / "privacy-inventory.toml").write_text(INVENTORY)
    doc = json.loads(cli(["scan", str(root), "--no-cache", "--format", "json"], capsys)[1])
    assert doc["notices"] == []


def test_an_import_in_a_folder_the_scan_excludes_gives_no_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "shop"
    (root / "app").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "app" / "views.py").write_text("from flask import request\n")
    (root / "tests" / "test_server.py").write_text("import cherrypy\n")
    (root / "privacy-inventory.toml").write_text(INVENTORY)
    (root / "pyproject.toml").write_text('[tool.policyscan]\nexclude = ["tests/"]\n')
    doc = json.loads(cli(["scan", str(root), "--no-cache", "--format", "json"], capsys)[1])
    assert doc["notices"] == []
    (root / "pyproject.toml").unlink()  # scanned, the test's import is said
    doc = json.loads(cli(["scan", str(root), "--no-cache", "--format", "json"], capsys)[1])
    assert [n["path"] for n in doc["notices"]] == ["tests/test_server.py"]


def test_a_changed_files_run_names_the_importing_files_it_reports_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = cherrypy_project(tmp_path / "shop")
    doc = json.loads(cli(["scan", str(root / "app" / "pages.py"), "--root", str(root), "--no-cache", "--format", "json"],
                         capsys)[1])
    assert [(n["path"], n["line"], n["message"].split(":")[0]) for n in doc["notices"]] == [
        ("app/pages.py", 2, "cherrypy (CherryPy) is imported by 1 file (app/pages.py)")]
    doc = json.loads(cli(["scan", str(root / "app" / "relative.py"), "--root", str(root), "--no-cache",
                          "--format", "json"], capsys)[1])
    assert doc["notices"] == []


def test_notices_count_files_name_the_first_three_and_leave_out_the_projects_own_packages() -> None:
    imports = [("b.py", (("cherrypy", 4), ("web", 1))), ("a.py", (("cherrypy", 7),)), ("c.py", (("cherrypy", 1),)),
               ("d.py", (("cherrypy", 2),)), ("e.py", (("hug", 3),))]
    tail = ": policyscan does not model this web framework, so request data read through"
    assert framework_notices(imports, own_names(["web/__init__.py", "a.py"])) == [
        Notice(NoticeLevel.NOTE, f"cherrypy (CherryPy) is imported by 4 files (a.py, b.py, c.py and 1 more){tail}"
               " cherrypy.request or an exposed method's arguments is not observed", path="a.py", line=7, code=CODE),
        Notice(NoticeLevel.NOTE, f"hug is imported by 1 file (e.py){tail} a handler's typed arguments is not observed",
               path="e.py", line=3, code=CODE),
    ]
    assert framework_notices(list(reversed(imports)), {"web", "a"}) == framework_notices(imports, {"web", "a"})
    assert own_names(["src/shop/web.py", "manage.py"]) == {"src", "shop", "web", "manage"}
    assert own_names(["typings/web.pyi"]) == {"typings", "web"}


def test_the_first_import_of_a_framework_in_a_file_is_recorded_by_the_engine(tmp_path: Path) -> None:
    from scanner.engine.analyzer import analyze
    from scanner.classify import Classifier
    from scanner.compiled import compiled_packs

    models, classifier_pack = compiled_packs(None, None)
    source = textwrap.dedent("""\
        def late():
            import pecan.rest
        import os, cherrypy
        from tg import expose
        import cherrypy.lib
        from pecan import request
        from .web import page
        import webob, werkzeug
    """)
    analyzed = analyze("app/views.py", source, models, Classifier(classifier_pack))
    assert analyzed.frameworks == (("cherrypy", 3), ("pecan", 2), ("tg", 4))


def test_the_list_names_web_frameworks_no_pack_or_engine_table_models() -> None:
    frameworks = unmodelled_frameworks()
    assert UNMODELLED == frozenset(frameworks) and len(frameworks) == 9
    for package, framework in frameworks.items():
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", package), package
        assert framework.name and framework.unread and framework.docs.startswith("https://"), package
    # the top-level package of every qualified name the packs and the engine's request sources
    # (scanner/engine/sources.py) write (`"flask.request"`, `"tornado"`): where a framework is modelled
    modelled: set[str] = set()
    texts = [p.read_text(encoding="utf-8") for p in sorted((rules_dir() / "models").glob("*.toml"))]
    texts.append((Path(__file__).resolve().parents[1] / "scanner" / "engine" / "sources.py").read_text(encoding="utf-8"))
    for text in texts:
        modelled.update(re.findall(r"""["'\[ ]([a-z_][a-z0-9_]*)(?:\.[A-Za-z_]|["'])""", text))
    assert {"flask", "django", "tornado", "pyramid", "falcon", "bottle", "sanic", "werkzeug"} <= modelled
    assert sorted(UNMODELLED & modelled) == []


def test_a_draft_inventory_says_on_stderr_which_frameworks_it_could_not_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # what a CherryPy handler collects is in no draft: the user is told why, where they read the draft's message
    root = cherrypy_project(tmp_path / "shop")
    (root / "privacy-inventory.toml").unlink()
    code, out, err = cli(["inventory", "init", str(root), "--no-cache", "-o", str(tmp_path / "draft.toml")], capsys)
    assert (code, err) == (0, f"app/compat.py:9: note: {NOTE}\n")


# Frameworks left out of the list: their handlers get the request as a parameter named `request`,
# read by that name (a twisted.web request in Klein, WebOb in Morepath, Robyn's own): what the
# handler reads is observed, and a note saying it is not would be untrue.
READ_BY_NAME = {
    "klein_app.py": 'from klein import route\n\n\n@route("/")\ndef home(request):\n    return request.args.get(b"email")\n',
    "morepath_app.py": "import morepath\n\n\nclass App(morepath.App):\n    pass\n\n\n"
                       '@App.json(model=object, request_method="POST")\ndef view(self, request):\n'
                       '    return request.json["email"]\n',
    "robyn_app.py": "from robyn import Request, Robyn\n\napp = Robyn(__file__)\n\n\n"
                    '@app.post("/")\nasync def h(request: Request):\n    return request.json()["email"]\n',
}


def test_frameworks_whose_request_parameter_is_read_by_its_name_are_not_listed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "apps"
    root.mkdir()
    for path, text in READ_BY_NAME.items():
        (root / path).write_text(text)
    assert not {"klein", "morepath", "robyn"} & UNMODELLED
    code, out, err = cli(["observe", str(root), "--no-cache"], capsys)
    assert (code, err) == (0, "")
    assert [line.split(" (")[0] for line in out.splitlines() if " collect " in line] == [
        "klein_app.py:6:12: collect user.contact.email", "morepath_app.py:10:12: collect user.contact.email",
        "robyn_app.py:8:12: collect user.contact.email"]
    assert "note:" not in out
