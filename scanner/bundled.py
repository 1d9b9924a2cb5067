"""Where the bundled rule packs are: the repository's rules/ folder, or the installed package.

pyproject.toml installs rules/ as the package `policyscan_rules`; a checkout that is run
without installing (python -m scanner from the repository) finds the folder beside scanner/.
"""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def rules_dir() -> Path:
    """Return the folder holding the bundled rule packs."""
    beside = Path(__file__).resolve().parent.parent / "rules"
    if (beside / "models").is_dir():
        return beside
    try:
        from importlib import resources

        installed = Path(str(resources.files("policyscan_rules")))
    except ModuleNotFoundError:  # neither installed nor in a checkout: a broken installation
        return beside
    return installed
