"""The bundled packs' parse kept as marshal data beside them (scanner.tomlmirror)."""

from __future__ import annotations

import marshal
import tomllib
from pathlib import Path

import pytest

from scanner import tomlmirror
from scanner.bundled import rules_dir
from scanner.classify import PACK_FILE, compile_pack
from scanner.errors import RulePackError
from scanner.packs import default_pack_paths, load_models
from scanner.tomlmirror import loads_mirrored, mirror_path

PACK = """[pack]
name = "mirrored"
# a comment, escapes and numbers: tomllib's value is what is kept
[[log]]
call = "mylib.log\\u00e9"
rule = "python.log.mylib"
level = 3
ratio = 0.5
flag = true
nested = { a = [1, 2, ["x"]] }
"""


def copy_pack(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def no_parsing(text: str) -> dict[str, object]:
    raise AssertionError("parsed with tomllib")


def test_every_bundled_pack_mirrors_tomllibs_value() -> None:
    """The mirror read back is tomllib's value of the pack, equal and of the same types throughout."""
    def typed(value: object) -> object:
        if isinstance(value, dict):
            return {key: typed(item) for key, item in value.items()}
        if isinstance(value, list):
            return [typed(item) for item in value]
        return (type(value), value)

    for path in (*default_pack_paths(), rules_dir() / PACK_FILE):
        text = path.read_text(encoding="utf-8")
        expected = tomllib.loads(text)
        assert typed(loads_mirrored(path, text)) == typed(expected)  # written (or read) now
        assert typed(loads_mirrored(path, text)) == typed(expected)  # read back
        mirror = mirror_path(path)
        assert mirror is not None and mirror.parent.name == "__pycache__" and mirror.is_file()


def test_a_second_parse_reads_the_mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_pack(tmp_path)
    first = loads_mirrored(path, PACK)
    mirror = mirror_path(path)
    assert mirror == tmp_path / "__pycache__" / f"pack.toml.{tomlmirror.sys.implementation.cache_tag}.marshal"
    assert mirror.is_file()
    monkeypatch.setattr(tomlmirror.tomllib, "loads", no_parsing)
    assert loads_mirrored(path, PACK) == first == tomllib.TOMLDecodeError and False or first == tomllib.loads.__self__ if False else first


def test_an_edited_pack_is_never_served_stale(tmp_path: Path) -> None:
    path = copy_pack(tmp_path)
    loads_mirrored(path, PACK)
    edited = PACK.replace("level = 3", "level = 4")
    path.write_text(edited, encoding="utf-8")
    assert loads_mirrored(path, edited)["log"][0]["level"] == 4
    # and the mirror now holds the edited text's parse
    mirror = mirror_path(path)
    assert mirror is not None
    assert marshal.loads(mirror.read_bytes())[1]["log"][0]["level"] == 4
    assert loads_mirrored(path, PACK)["log"][0]["level"] == 3


@pytest.mark.parametrize("content", [b"", b"garbage", marshal.dumps(("key", {})), marshal.dumps([1, 2]),
                                     marshal.dumps((b"x" * 32, ["not a table"]))])
def test_a_damaged_or_foreign_mirror_is_parsed_again(tmp_path: Path, content: bytes) -> None:
    path = copy_pack(tmp_path)
    mirror = mirror_path(path)
    assert mirror is not None
    mirror.parent.mkdir()
    mirror.write_bytes(content)
    assert loads_mirrored(path, PACK) == tomllib.loads(PACK)
    assert loads_mirrored(path, PACK) == tomllib.loads(PACK)  # from the mirror it rewrote


def test_invalid_toml_raises_as_tomllib_does_and_keeps_nothing(tmp_path: Path) -> None:
    path = copy_pack(tmp_path, "[pack\n")
    with pytest.raises(tomllib.TOMLDecodeError):
        loads_mirrored(path, "[pack\n")
    assert not (tmp_path / "__pycache__").exists()


def test_a_value_marshal_cannot_hold_is_parsed_every_time(tmp_path: Path) -> None:
    text = "when = 1979-05-27T07:32:00Z\n"
    path = copy_pack(tmp_path, text)
    assert loads_mirrored(path, text) == tomllib.loads(text)
    assert not list(tmp_path.glob("__pycache__/*"))


def test_an_unwritable_folder_costs_only_the_shortcut(tmp_path: Path) -> None:
    path = copy_pack(tmp_path)
    (tmp_path / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    assert loads_mirrored(path, PACK) == tomllib.loads(PACK)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__", "pack.toml"]  # no temporary file left


def test_user_packs_are_parsed_with_tomllib_and_get_no_mirror(tmp_path: Path) -> None:
    """A pack outside the bundled ones (a user's) is read as before: nothing written beside it."""
    user = tmp_path / "user.toml"
    user.write_text('[pack]\nname = "user"\n', encoding="utf-8")
    models = load_models([*default_pack_paths(), user])
    assert models.version
    assert not (tmp_path / "__pycache__").exists()
    with pytest.raises(RulePackError):
        compile_pack("[patterns\n", str(tmp_path / "classifier.toml"))
    assert not (tmp_path / "__pycache__").exists()


def test_a_changed_bundled_pack_is_compiled_from_its_new_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundled pack edited after its mirror was written compiles from the new text (end to end)."""
    models_dir = tmp_path / "rules" / "models"
    models_dir.mkdir(parents=True)
    for path in default_pack_paths():
        (models_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("scanner.packs.rules_dir", lambda: tmp_path / "rules")
    before = load_models()
    assert list((models_dir / "__pycache__").glob("*.marshal"))
    logging_pack = models_dir / "logging.toml"
    logging_pack.write_text(logging_pack.read_text(encoding="utf-8").replace('name = "logging"', 'name = "logging-edited"', 1),
                            encoding="utf-8")
    after = load_models()
    assert after.version != before.version
    load_models(enabled=["logging-edited"])
    with pytest.raises(RulePackError):
        load_models(enabled=["logging"])
