"""The rule packs compiled once and kept for the next run.

Parsing and checking the bundled TOML packs and the classifier pack takes about 70 ms, a quarter
of a pre-commit run; unpickling their compiled form takes 6 ms. The kept copy is keyed by the
analysis code (scanner.cache.engine_digest), the packs enabled, the bytes of every file
compiling reads (packs, classifier pack, taxonomy) and the taxonomy this process loaded: an edited
pack or engine never reuses it, and a copy is kept only when the files were the same after compiling
as before (an edit meanwhile would key one text's compiled form by another's bytes).

It is kept in two places: the cache folder, and beside the bundled packs
(`rules/__pycache__/compiled-packs.TAG.pickle`, as Python keeps bytecode), so that a run with
a new cache folder or with `--no-cache` (every run of CI, the benchmark's full scans) does not
compile them again either. `--no-cache` reads and writes only the copy beside the packs: like
a `.pyc` it holds no result of analysing any file, only what the code makes of the packs' bytes,
under a key that changes with either. A folder that cannot be written only costs the shortcut.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from scanner.bundled import rules_dir
from scanner.cache import engine_digest, files_digest
from scanner.classify import PACK_FILE, RulePack, bundled_pack
from scanner.kept import read_kept, write_kept
from scanner.packs import Models, default_pack_paths, load_models
from scanner.taxonomy import load_taxonomy

COMPILED_FILE = "compiled-packs.pickle"
# what compiling reads besides the packs and the engine digest's files: the taxonomy and its reader,
# and the reader of the packs' kept parse
_TAXONOMY = (Path(__file__).parent / "data" / "data_categories.csv", Path(__file__).parent / "taxonomy.py",
             Path(__file__).parent / "tomlmirror.py")


def compiled_packs(directory: Path | None, enabled: tuple[str, ...] | None) -> tuple[Models, RulePack]:
    """The bundled model packs (those named in `enabled`, or all) and the classifier pack, compiled.

    From `directory` (the cache folder, None for `--no-cache`) or from beside the bundled packs,
    the first that keeps them compiled from these very files by this very code (a copy found
    beside the packs is not copied into the folder: the next run finds it there as well); else
    compiled now, and kept in both. Raises RulePackError as load_models and bundled_pack do (a broken pack is
    never kept).
    """
    places = [] if directory is None else [directory / COMPILED_FILE]
    beside = beside_packs()
    if beside is not None:
        places.append(beside)
    key = _key(enabled)
    for place in places:
        kept = read_kept(place, key)
        if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], Models) and isinstance(kept[1], RulePack):
            return kept[0], kept[1]
    models, pack = load_models(enabled=enabled), bundled_pack()
    if _key(enabled) != key:  # a file changed while it was compiled: which text was read is not known
        return models, pack
    for place in places:
        write_kept(place, key, (models, pack), ignore=place is not beside)
    return models, pack


def beside_packs() -> Path | None:
    """Where the compiled packs are kept beside the bundled packs, one file per interpreter as
    bytecode is (its cache tag), or None for an interpreter without one."""
    tag = sys.implementation.cache_tag
    return None if tag is None else rules_dir() / "__pycache__" / f"compiled-packs.{tag}.pickle"


def _key(enabled: tuple[str, ...] | None) -> str:
    digest = hashlib.sha256(engine_digest().encode())
    digest.update(repr(sorted(enabled) if enabled is not None else None).encode())
    files_digest(digest, (*default_pack_paths(), rules_dir() / PACK_FILE, *_TAXONOMY))
    # the taxonomy as this process loaded it (once: scanner.taxonomy), which checking the packs reads,
    # whatever its file holds now
    taxonomy = load_taxonomy()
    digest.update(repr((sorted(taxonomy.names.items()), sorted(taxonomy.replaced_by.items()))).encode())
    return digest.hexdigest()
