"""The coverage notice: a run names the web frameworks it does not model that the code imports (issue 3)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from scanner.bundled import rules_dir
from scanner.coverage import CODE, UNMODELLED, framework_notices, own_names, unmodelled_frameworks
from scanner.model import Notice, NoticeLevel


def test_notices_count_files_name_the_first_three_and_leave_out_the_projects_own_packages() -> None:
    imports = [("b.py", (("cherrypy", 4), ("web", 1))), ("a.py", (("cherrypy", 7),)), ("c.py", (("cherrypy", 1),)),
               ("d.py", (("cherrypy", 2),)), ("e.py", (("hug", 3),))]
    tail = ": policyscan does not model this web framework's requests, so request data read through it is not observed"
    assert framework_notices(imports, own_names(["web/__init__.py", "a.py"])) == [
        Notice(NoticeLevel.NOTE, f"cherrypy (CherryPy) is imported by 4 files (a.py, b.py, c.py and 1 more){tail}",
               path="a.py", line=7, code=CODE),
        Notice(NoticeLevel.NOTE, f"hug is imported by 1 file (e.py){tail}", path="e.py", line=3, code=CODE),
    ]
    assert framework_notices(list(reversed(imports)), {"web", "a"}) == framework_notices(imports, {"web", "a"})
    assert own_names(["src/shop/web.py", "manage.py"]) == {"src", "shop", "web", "manage"}


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
    assert UNMODELLED == frozenset(frameworks) and len(frameworks) >= 10
    for package, framework in frameworks.items():
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", package), package
        assert framework.name and framework.docs.startswith("https://"), package
    # the top-level package of every qualified name the packs and the engine's request sources
    # (scanner/engine/sources.py) write (`"flask.request"`, `"tornado"`): where a framework is modelled
    modelled: set[str] = set()
    texts = [p.read_text(encoding="utf-8") for p in sorted((rules_dir() / "models").glob("*.toml"))]
    texts.append((Path(__file__).resolve().parents[1] / "scanner" / "engine" / "sources.py").read_text(encoding="utf-8"))
    for text in texts:
        modelled.update(re.findall(r"""["'\[ ]([a-z_][a-z0-9_]*)(?:\.[A-Za-z_]|["'])""", text))
    assert {"flask", "django", "tornado", "pyramid", "falcon", "bottle", "sanic", "werkzeug"} <= modelled
    assert sorted(UNMODELLED & modelled) == []