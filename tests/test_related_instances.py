"""A model's relation holds an instance of the related class of the file, and an instance's methods
include those its class inherits (scanner/engine/sources.related_instances, FileAnalyzer._instance_method)."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

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
