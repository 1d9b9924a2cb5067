"""Data category keys (fideslang's taxonomy) and how they cover each other.

Keys are hierarchical: a parent key (`user.contact`) covers all of its children
(`user.contact.email`). Deprecated keys stay valid and are treated as the key that
replaced them, so an inventory written with either spelling covers both.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from scanner.tomlpos import closest


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class Taxonomy:
    """The set of known category keys, with names and deprecations."""

    names: dict[str, str]
    replaced_by: dict[str, str]

    def __contains__(self, key: object) -> bool:
        return key in self.names

    def canonical(self, key: str) -> str:
        """Return the current key for `key`, following fideslang's `replaced_by`."""
        seen = {key}
        while key in self.replaced_by:
            key = self.replaced_by[key]
            if key in seen:  # a cycle in the data file; stop rather than loop
                break
            seen.add(key)
        return key

    def covers(self, declared: str, observed: str) -> bool:
        """True when declaring `declared` covers an observation of `observed`.

        Each key is compared both as written and as its current replacement, so
        `user.health_and_medical` and `user.health` cover each other's children.
        """
        for d in {declared, self.canonical(declared)}:
            for o in {observed, self.canonical(observed)}:
                if o == d or o.startswith(d + "."):
                    return True
        return False

    def suggest(self, key: str) -> str | None:
        """The closest known key to a misspelt one, for error messages."""
        return closest(key, self.names, cutoff=0.75)


@functools.cache
def load_taxonomy() -> Taxonomy:
    """Load the bundled key list (scanner/data/data_categories.csv) once per process."""
    try:  # beside this module, as installed or checked out (importlib.resources costs 7 ms to import)
        text = (Path(__file__).parent / "data" / "data_categories.csv").read_text(encoding="utf-8")
    except OSError:  # a package loaded some other way (from a zip file)
        from importlib import resources

        text = resources.files("scanner.data").joinpath("data_categories.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    names: dict[str, str] = {}
    replaced: dict[str, str] = {}
    for row in rows:
        names[row["key"]] = row["name"]
        if row["replaced_by"]:
            replaced[row["key"]] = row["replaced_by"]
    return Taxonomy(names=names, replaced_by=replaced)
