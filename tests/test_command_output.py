"""A Django management command's `self.stdout.write(...)` / `self.stderr.write(...)` is its print:
`BaseCommand` gives its subclasses those stream wrappers (`[inherited]` in logging.toml) and
`self.style`, whose styles give back the text they colour (`[[passthrough]]`)."""

from __future__ import annotations

from pathlib import Path

from tests.engine_support import models, observed, pack_problems

PRINT = "python.print.personal-data"

COMMAND = '''
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        user = get_user_model().objects.create_superuser(options["username"], options["email"], "x")
        self.stdout.write("Superuser #%s has been created." % user.pk)
        self.stdout.write(self.style.SUCCESS(f"Created {user.email}"))
        self.stderr.write("Could not notify %s" % user.email)
        self.stdout.write("%d users" % get_user_model().objects.count())
        self.stdout.write(self.style.SUCCESS("Done"))
'''


def test_a_commands_writes_of_personal_data_are_prints() -> None:
    assert observed(COMMAND) == [
        (9, "log", ("user.unique_id",), PRINT, False),
        (10, "log", ("user.contact.email",), PRINT, False),
        (11, "log", ("user.contact.email",), PRINT, False),
    ]


def test_a_command_imported_from_the_package_and_through_a_base_of_the_file() -> None:
    source = '''
    from django.core.management import BaseCommand


    class ImportCommand(BaseCommand):
        pass


    class Command(ImportCommand):
        def handle(self, email, **options):
            self.stdout.write(email)
    '''
    assert observed(source) == [(11, "log", ("user.contact.email",), PRINT, False)]


def test_a_stream_the_class_binds_itself_or_a_class_that_is_no_command_is_no_print() -> None:
    source = '''
    import io

    from django.core.management.base import BaseCommand


    class Command(BaseCommand):
        def __init__(self):
            # an object the class binds itself is what `self.stdout` holds (here, text kept in memory)
            self.stdout = io.StringIO()

        def handle(self, email, **options):
            self.stdout.write(email)


    class Writer:
        def write_user(self, email):
            self.stdout.write(email)
    '''
    assert observed(source) == []


def test_the_inherited_table() -> None:
    given = dict(models().inherited["django.core.management.base.BaseCommand"])
    assert given == {"stderr": "django.core.management.base.OutputWrapper()",
                     "stdout": "django.core.management.base.OutputWrapper()",
                     "style": "django.core.management.color.Style()"}
    assert "django.core.management.BaseCommand" in models().inherited


def test_an_inherited_key_without_an_attribute_is_a_problem(tmp_path: Path) -> None:
    assert pack_problems(tmp_path, '[inherited]\n"BaseCommand" = "x.Y()"\n') == [
        "[inherited] keys are `Base.attribute` and values qualified names (strings)"]


def test_a_prompt_shown_by_a_function_that_reads_the_console_is_its_question() -> None:
    source = '''
    def prompt_nonempty(prompt):
        return input(prompt).strip()


    def get_nonempty(prompt, env_varname=None):
        if not env_varname:
            return prompt_nonempty(prompt)
        print(f"{prompt}[used environment variable: {env_varname}]")


    def ask(default=""):
        prompt = "[default: {}] >>> ".format(default) if default else ">>> "
        print(prompt, end="")
        return input()


    def show(prompt):
        print(prompt)
    '''
    # `show` reads nothing of the console: its prompt is a model's, content by its name
    assert observed(source) == [(19, "log", ("user.content",), PRINT, False)]
