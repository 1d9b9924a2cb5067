"""Properties and string forms one import further: a module passes on those of the classes it imports
by name and reads itself (`jupyterhub/user.py` imports `LocalProcessSpawner` and logs
`spawner._log_name`), so a module importing it reads them of an object whose class it cannot know
(`apihandlers/users.py` logging `spawner._log_name`), and no module further."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.config import Config
from scanner.runner import run

FILES = {
    "app/__init__.py": "",
    "app/spawner.py": '''class Spawner:
    def __init__(self, user):
        self.user = user

    @property
    def _log_name(self):
        return f"{self.user.email}:server"
''',
    "app/user.py": '''import logging

from app.spawner import Spawner

log = logging.getLogger(__name__)


class User:
    spawner_class = Spawner

    def stop(self, name):
        spawner = self.spawners[name]
        log.info("stopping %s", spawner._log_name)
''',
    # imports the module that imports the class: one import further
    "app/handlers.py": '''import logging

from app.user import User

log = logging.getLogger(__name__)


def delete(user: User, name):
    spawner = user.spawners[name]
    log.info("deleting %s", spawner._log_name)
    log.info("deleting %s", spawner.host)
''',
    # two imports further: handlers imports no spawner class, and passes nothing on
    "app/views.py": '''import logging

from app.handlers import delete

log = logging.getLogger(__name__)


def view(spawner):
    log.info("viewing %s", spawner._log_name)
    return delete
''',
}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_property_is_read_one_import_further_and_no_further(tmp_path: Path, jobs: int) -> None:
    for relpath, text in FILES.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text)
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs)
    assert [(o.path, o.span.start_line, o.kind.value, o.categories) for o in result.observations] == [
        ("app/handlers.py", 10, "log", ("user.contact.email",)),
        ("app/user.py", 13, "log", ("user.contact.email",)),
    ]
