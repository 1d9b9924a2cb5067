"""The rule packs compiled once and kept in the cache folder for the next run.

Parsing and checking the bundled TOML packs and the classifier pack takes about 70 ms, a quarter
of a pre-commit run; unpickling their compiled form takes 6 ms. The kept copy is keyed by the
analysis code (scanner.cache.engine_digest), the packs enabled and the bytes of every file
compiling reads (packs, classifier pack, taxonomy): an edited pack or engine never reuses it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from scanner.bundled import rules_dir
from scanner.cache import engine_digest, files_digest
from scanner.classify import PACK_FILE, RulePack, bundled_pack
from scanner.kept import read_kept, write_kept
from scanner.packs import Models, default_pack_paths, load_models

COMPILED_FILE = "compiled-packs.pickle"
# what compiling reads besides the packs and the engine digest's files: the taxonomy and its reader
_TAXONOMY = (Path(__file__).parent / "data" / "data_categories.csv", Path(__file__).parent / "taxonomy.py")


def compiled_packs(directory: Path | None, enabled: tuple[str, ...] | None) -> tuple[Models, RulePack]:
    """The bundled model packs (those named in `enabled`, or all) and the classifier pack, compiled.

    From `directory` (the cache folder) when it keeps them compiled from these very files by this
    very code; else compiled now, and kept there when a directory is given. Raises RulePackError as
    load_models and bundled_pack do (a broken pack is never kept).
    """
    if directory is None:
        return load_models(enabled=enabled), bundled_pack()
    key = _key(enabled)
    kept = read_kept(directory / COMPILED_FILE, key)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], Models) and isinstance(kept[1], RulePack):
        return kept[0], kept[1]
    models, pack = load_models(enabled=enabled), bundled_pack()
    write_kept(directory / COMPILED_FILE, key, (models, pack))
    return models, pack


def _key(enabled: tuple[str, ...] | None) -> str:
    digest = hashlib.sha256(engine_digest().encode())
    digest.update(repr(sorted(enabled) if enabled is not None else None).encode())
    files_digest(digest, (*default_pack_paths(), rules_dir() / PACK_FILE, *_TAXONOMY))
    return digest.hexdigest()
