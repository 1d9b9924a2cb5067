"""A model's relation holds an instance of the related class of the file, and an instance's methods
include those its class inherits (scanner/engine/sources.related_instances, FileAnalyzer._instance_method)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import Seen, observed, observed_tree

LOG = "python.logging.personal-data"
USERNAME = ("user.account.username",)
SOURCE = '''import logging
from django.db import models
from sqlalchemy.orm import relationship
logger = logging.getLogger(__name__)
class LoggerMixin:
    def log_info(self, msg, *args):
        return logger.info(msg, *args)
class Translation(models.Model, LoggerMixin):
    pass
class Change(models.Model):
    translation = {relation}
    def log_event(self, user):
        {call}
'''
WRAPPER = (7, "log", (), LOG, False)


@pytest.mark.parametrize(("relation", "call", "expected"), [
    # no relation: what the attribute holds is unknown
    ("None", "self.translation.log_info('%s', user.username)", [WRAPPER]),
    # an instance made in the code calls the method its class inherits; a class without it, nothing
    ("None", "Translation().log_info('%s', user.username)", [WRAPPER, (13, "log", USERNAME, LOG, False)]),
    ("None", "Change().log_info('%s', user.username)", [WRAPPER]),
])
def test_an_instance_calls_the_methods_its_class_inherits(relation: str, call: str, expected: list[Seen]) -> None:
    assert observed(SOURCE.format(relation=relation, call=call)) == expected


@pytest.mark.parametrize(("relation", "expected"), [
    # a relation to a class of the file, by the class or by its model label
    ("models.ForeignKey(Translation, on_delete=models.CASCADE)", [WRAPPER, (13, "log", USERNAME, LOG, False)]),
    ("models.ForeignKey('trans.Translation', on_delete=models.CASCADE)", [WRAPPER, (13, "log", USERNAME, LOG, False)]),
    ("models.OneToOneField('Translation', on_delete=models.CASCADE)", [WRAPPER, (13, "log", USERNAME, LOG, False)]),
    ("relationship('Translation')", [WRAPPER, (13, "log", USERNAME, LOG, False)]),
    # a class no file of it defines
    ("models.ForeignKey('lang.Language', on_delete=models.CASCADE)", [WRAPPER]),
])
def test_a_relation_holds_an_instance_of_the_related_class(relation: str, expected: list[Seen]) -> None:
    call = "self.translation.log_info('%s', user.username)"
    assert observed(SOURCE.format(relation=relation, call=call)) == expected


MIXIN = '''\
    import logging

    LOGGER = logging.getLogger(__name__)


    class LoggerMixin:
        def log_info(self, msg, *args):
            return LOGGER.info(f"{self.full_slug}: {msg}", *args)
    '''
TRANSLATION = '''\
    from django.db import models

    from app.mixins import LoggerMixin


    class Translation(models.Model, LoggerMixin):
        filename = models.CharField(max_length=400)

        def save_file(self):
            {call}
    '''
CHANGE = '''\
    from __future__ import annotations

    from typing import TYPE_CHECKING

    from django.db import models

    {imported}


    class Change(models.Model):
        translation = models.ForeignKey({related}, null=True, on_delete=models.CASCADE)

        def log_event(self, user):
            message = f"changed ({{user.username}})"
            self.translation.log_info("%s", message)
            self.translation.log_info("%s", "changed")
    '''
MIXIN_LOG = ("app/mixins.py", 8, "log", ())
CHANGE_LOG = ("app/models/change.py", 16, "log", USERNAME)
TYPE_CHECKED = "if TYPE_CHECKING:\n        from app.models import Translation"
IMPORTED = "import app\n    from app.models.translation import Translation"


@pytest.mark.parametrize(("call", "imported", "related", "expected"), [
    # Weblate's shape: a model of one module related by its label to a model of another (imported for
    # type checking only) whose logging method is a mixin's of a third, which the model's module calls
    ('self.log_info("saved %s", self.filename)', TYPE_CHECKED, '"app.Translation"', [MIXIN_LOG, CHANGE_LOG]),
    ('self.log_info("saved %s", self.filename)', IMPORTED, "Translation", [MIXIN_LOG, CHANGE_LOG]),
    # the related class not imported: which class the label names is not known
    ('self.log_info("saved %s", self.filename)', "import app\n    import os", '"app.Translation"', [MIXIN_LOG]),
    # the model's module never calls the inherited method: what its class inherits from the mixin's
    # module is not known there
    ("return self.filename", TYPE_CHECKED, '"app.Translation"', [MIXIN_LOG]),
])
def test_a_relation_to_another_modules_model_calls_what_it_inherits_from_a_third(
        tmp_path: Path, call: str, imported: str, related: str,
        expected: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    files = {
        "app/__init__.py": "",
        "app/mixins.py": MIXIN,
        "app/models/__init__.py": "from app.models.translation import Translation\nfrom app.models.change import Change\n",
        "app/models/translation.py": TRANSLATION.format(call=call),
        "app/models/change.py": CHANGE.format(imported=imported, related=related),
    }
    assert observed_tree(tmp_path, files) == expected
