"""Shapes askbot's misses and false hits taught (the nineteenth session): field classes a module
derives from Django's flag and choice fields, a project's own body parser, OpenID identifiers and
the posts of a question-and-answer forum, a mail router's handlers."""

from __future__ import annotations

from pathlib import Path

from engine_support import observed, observed_tree

FORMS = "from django import forms\n"
FORM = "python.django.form-field"
CONTENT = "user.content"


def test_a_field_class_of_the_module_derived_from_a_flag_field_is_a_flag() -> None:
    source = FORMS + (
        "class SuppressEmailField(forms.BooleanField):\n"
        "    def __init__(self):\n"
        "        super().__init__(required=False)\n"
        "class QuietField(SuppressEmailField):\n"
        "    pass\n"
        "class EditCommentForm(forms.Form):\n"
        "    comment = forms.CharField()\n"
        "    suppress_email = SuppressEmailField()\n"
        "    quiet_email = QuietField()\n"
        "    def __init__(self, *args, **kwargs):\n"
        "        super().__init__(*args, **kwargs)\n"
        "        self.fields['notify_email'] = SuppressEmailField()\n"
    )
    assert observed(source) == [(8, "collect", (CONTENT,), FORM, False)]


def test_a_field_class_of_the_module_derived_from_a_text_field_keeps_its_reading() -> None:
    # only the types that hold no data of their own are read through the module's classes
    source = FORMS + (
        "class UserEmailField(forms.CharField):\n"
        "    pass\n"
        "class EditUserForm(forms.Form):\n"
        "    email = UserEmailField()\n"
    )
    assert observed(source) == [(5, "collect", ("user.contact.email",), FORM, False)]


def test_a_choice_field_holds_no_written_content() -> None:
    source = FORMS + (
        "class CloseForm(forms.Form):\n"
        "    kind = forms.TypedChoiceField(choices=(('a', 'A'),))\n"
        "    message = forms.CharField()\n"
        "    def __init__(self, *args, reasons=(), **kwargs):\n"
        "        super().__init__(*args, **kwargs)\n"
        "        self.fields['reason'] = forms.ChoiceField(choices=reasons)\n"
        "        self.fields['comment'] = forms.CharField()\n"
    )
    assert observed(source) == [(4, "collect", (CONTENT,), FORM, False),
                                (8, "collect", (CONTENT,), FORM, False)]


def test_a_choice_field_of_a_personal_datum_is_still_read() -> None:
    # a country picked from a list is still where the person lives
    source = FORMS + (
        "class ProfileForm(forms.Form):\n"
        "    country = forms.ChoiceField(choices=(('fr', 'France'),))\n"
    )
    assert [s[2] for s in observed(source)] == [("user.contact.address.country",)]


PARSER = (
    "import json\n"
    "def decode_and_loads(input_str):\n"
    "    return json.loads(input_str.decode('utf-8'))\n"
)


def test_a_project_parser_in_another_module_parses_the_body_it_is_given(tmp_path: Path) -> None:
    seen = observed_tree(tmp_path, {
        "app/__init__.py": "",
        "app/functions.py": PARSER,
        "app/views.py": (
            "from django.http import JsonResponse\n"
            "from app.functions import decode_and_loads\n"
            "def mark_tag(request):\n"
            "    post_data = decode_and_loads(request.body)\n"
            "    email = post_data['email']\n"
            "    tag_name = post_data['tag_name']\n"
            "    return JsonResponse({'email': email, 'tag': tag_name})\n"
            "def merge(request):\n"
            "    post_data = decode_and_loads(request.body)\n"
            "    save_all(post_data)\n"
        ),
    })
    assert seen == [("app/views.py", 5, "collect", ("user.contact.email",)),
                    ("app/views.py", 9, "collect", (CONTENT,))]


def test_a_function_that_does_more_than_parse_is_no_parser() -> None:
    # it returns a key of what it parsed, or parses one of two parameters by turns: not a parser
    source = (
        "import json\n"
        "def first_tag(input_str):\n"
        "    return json.loads(input_str)['tag']\n"
        "def either(a, b):\n"
        "    if a:\n"
        "        return json.loads(a)\n"
        "    return json.loads(b)\n"
        "def view(request):\n"
        "    tag = first_tag(request.body)\n"
        "    data = either(request.body, None)\n"
        "    return tag, data['email']\n"
    )
    assert [(line, kind, categories) for line, kind, categories, _, _ in observed(source)] == [
        (9, "collect", (CONTENT,)), (10, "collect", (CONTENT,))]


def test_an_openid_identifier_is_a_unique_id() -> None:
    source = FORMS + (
        "class OpenidSigninForm(forms.Form):\n"
        "    openid_url = forms.CharField(max_length=255)\n"
        "class AskForm(forms.Form):\n"
        "    openid = forms.CharField(required=False)\n"
        "    open_id = forms.CharField(required=False)\n"
        "    openid_configuration_url = forms.URLField()\n"
    )
    assert [(s[0], s[2]) for s in observed(source)] == [
        (3, ("user.unique_id",)), (5, ("user.unique_id",)), (6, ("user.unique_id",))]


def test_the_question_a_person_asks_is_content() -> None:
    source = FORMS + (
        "class AskForm(forms.Form):\n"
        "    def __init__(self, *args, **kwargs):\n"
        "        super().__init__(*args, **kwargs)\n"
        "        self.fields['title'] = forms.CharField()\n"
        "class TaskForm(forms.Form):\n"
        "    title = forms.CharField()\n"
        "class PageForm(forms.Form):\n"
        "    draft_title = forms.CharField()\n"
    )
    assert [(s[0], s[2]) for s in observed(source)] == [(5, (CONTENT,))]


LAMSON = (
    "import sys\n"
    "try:\n"
    "    from lamson.routing import route, stateless\n"
    "except ImportError:\n"
    "    pass\n"
)
INBOUND = "python.request.inbound"


def test_a_mail_routers_handler_is_given_the_received_message() -> None:
    source = LAMSON + (
        "@route('(addr)@(host)', addr='.+')\n"
        "@stateless\n"
        "def ASK(message, host=None, addr=None):\n"
        "    from_address = message.From\n"
        "    subject = message['Subject'].strip()\n"
        "    to = message['To']\n"
        "    sys.stderr.write(('Received email from %s' % from_address).encode('utf-8'))\n"
        "    return subject, to, parts_of(message)\n"
        "def parts_of(message):\n"
        "    return message.body(), message.To\n"
        "def other(message):\n"
        "    return message.From\n"
    )
    assert observed(source) == [
        (9, "collect", ("user.contact.email",), INBOUND, False),
        (10, "collect", (CONTENT,), INBOUND, False),
        (12, "log", ("user.contact.email",), "python.print.personal-data", False),
        (15, "collect", (CONTENT,), INBOUND, False),
    ]


def test_a_route_decorator_of_another_library_gives_no_message() -> None:
    source = (
        "from myapp.routing import route\n"
        "@route('(addr)@(host)')\n"
        "def ASK(message, host=None):\n"
        "    return message.From, message['Subject']\n"
    )
    assert observed(source) == []


def test_the_console_streams_write_is_a_print() -> None:
    source = (
        "import sys\n"
        "def report(user):\n"
        "    sys.stdout.write('user %s\\n' % user.email)\n"
        "    sys.stderr.write(user.email)\n"
        "    sys.stderr.write('done\\n')\n"
        "    with open('out.txt', 'w') as out:\n"
        "        out.write(user.email)\n"
    )
    assert [(s[0], s[1], s[3]) for s in observed(source)] == [
        (3, "log", "python.print.personal-data"), (4, "log", "python.print.personal-data")]


def test_a_persons_website_url_is_their_link() -> None:
    source = (
        "from django.db import models\n"
        "class User(models.Model):\n"
        "    website_url = models.URLField()\n"
        "class PostHistory(models.Model):\n"
        "    user_website_url = models.URLField()\n"
        "class Company(models.Model):\n"
        "    website_url = models.URLField()\n"
    )
    assert [(s[0], s[2]) for s in observed(source)] == [
        (3, ("user.contact.social_url",)), (5, ("user.contact.social_url",))]
