"""Collects decided by a field's or a parameter's shape, not its name alone: flags, configurations
kept per person, routes that delete, routes about a conversation, location parts beside a city."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import Seen, observed, observed_tree

from scanner.classify import tagged_field

DJANGO = "from django.db import models\nfrom django.contrib.auth.models import AbstractUser\n"
FASTAPI = "from fastapi import APIRouter\nrouter = APIRouter()\n"
SQLALCHEMY = ("import sqlalchemy as sa\nfrom sqlalchemy import Column\nfrom sqlalchemy.orm import DeclarativeBase\n"
              "class Base(DeclarativeBase):\n    pass\n")
FIELD = "python.django.model-field"
QUERY = "python.fastapi.query-parameter"
CREDENTIALS = "user.authorization.credentials"


SMOREST = ("from http import HTTPStatus\nfrom flask_smorest import Blueprint\nfrom marshmallow import Schema, fields\n"
           "bp = Blueprint('users', __name__)\nclass U(Schema):\n    email = fields.Str()\n")
MARSHMALLOW = "python.marshmallow.field"
FLASK = "from flask import Blueprint, Flask\nbp = Blueprint('auth', __name__)\napp = Flask(__name__)\n"


@pytest.mark.parametrize(("source", "expected"), [
    # a Blueprint's or an app's view gets its URL rule's variables only: another parameter is a decorator's
    (FLASK + "@bp.route('/users')\n@user_needed('manage_users')\ndef users(user, email):\n    return user\n", []),
    (FLASK + "@app.route('/users')\n@user_needed('manage_users')\ndef users(user):\n    return user\n", []),
    # stacked rules each give their variables
    (FLASK + "@bp.route('/login')\n@bp.route('/login/<username>')\ndef login(username=None):\n    return 1\n", []),
    # FastAPI's parameters that are not path segments are query fields, stacked rules or not
    (FASTAPI + "@router.get('/users')\ndef users(email: str):\n    return 1\n",
     [(4, "collect", ("user.contact.email",), QUERY, False)]),
    (FASTAPI + "@router.get('/login')\n@router.get('/login/{username}')\ndef login(email: str, username: str = ''):\n"
     "    return 1\n", [(5, "collect", ("user.contact.email",), QUERY, False)]),
    # a router that is neither (an unknown object's `.route`) keeps FastAPI's reading
    ("from x import router\n@router.route('/users')\ndef users(email):\n    return 1\n",
     [(3, "collect", ("user.contact.email",), QUERY, False)]),
])
def test_a_flask_views_parameters_are_its_url_rules_variables_or_a_decorators(
        source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("package", "expected"), [
    # a blueprint the package defines, imported by the module of its views (a cycle: the package
    # imports its views at its end): its views get their URL rule's variables only
    ("from flask import Blueprint\n\nbp = Blueprint('auth', __name__)\n\nfrom . import views  # noqa\n", []),
    # a router that is no blueprint keeps FastAPI's reading
    ("from fastapi import APIRouter\n\nbp = APIRouter()\n\nfrom . import views  # noqa\n",
     [("auth/views.py", 5, "collect", ("user.contact.email",))]),
])
def test_a_blueprint_imported_from_another_module_is_told_apart(
        tmp_path: Path, package: str, expected: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    views = "from . import bp\n\n\n@bp.route('/profile/<user:edited_user>/auth')\ndef profile(email, edited_user):\n    return 1\n"
    assert observed_tree(tmp_path, {"auth/__init__.py": package, "auth/views.py": views}) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a boolean field named for a datum holds a flag about it
    (DJANGO + "class U(AbstractUser):\n    verified_email = models.BooleanField(default=False)\n", []),
    (DJANGO + "class U(AbstractUser):\n    verified_email = models.EmailField(null=True)\n",
     [(4, "collect", ("user.contact.email",), FIELD, True)]),
    (SQLALCHEMY + "class User(Base):\n    __tablename__ = 'u'\n"
     + "    verified_email = Column(sa.Boolean)\n    email = Column(sa.String)\n",
     [(9, "collect", ("user.contact.email",), "python.sqlalchemy.column", True)]),
    # a configuration kept per person holds their token; the service's own holds none of theirs
    (DJANGO + "class NotionConfig(models.Model):\n    token = models.CharField(max_length=200)\n"
     "    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n",
     [(4, "collect", (CREDENTIALS,), FIELD, True)]),
    (DJANGO + "class NotionConfig(models.Model):\n    token = models.CharField(max_length=200)\n"
     "    workspace = models.CharField(max_length=200)\n", []),
    # the long text of a person's rows kept with its embedding is their text; without the person, not
    (DJANGO + "from pgvector.django import VectorField\nclass Entry(models.Model):\n"
     + "    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n    embeddings = VectorField()\n"
     + "    raw = models.TextField()\n    file_type = models.CharField(max_length=30)\n",
     [(7, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "from pgvector.django import VectorField\nclass Entry(models.Model):\n"
     + "    embeddings = VectorField()\n    raw = models.TextField()\n", []),
    # the name kept beside a key to a person copies their login: Django's user model, a person's
    # model by label, SQLAlchemy's key column to a person's table; not a key to anything else, nor a
    # field of another kind or another last word
    (DJANGO + "from django.conf import settings\nclass Post(models.Model):\n"
     + "    poster = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
     + "    poster_name = models.CharField(max_length=255)\n    poster_slug = models.SlugField()\n"
     + "    poster_on = models.DateTimeField()\n    poster_url = models.URLField()\n"
     + "    poster_title = models.CharField(max_length=9)\n",
     [(6, "collect", ("user.account.username",), FIELD, True), (7, "collect", ("user.account.username",), FIELD, True)]),
    (DJANGO + "from django.contrib.auth import get_user_model\nclass Like(models.Model):\n"
     + "    liker = models.OneToOneField(get_user_model(), on_delete=models.CASCADE)\n"
     + "    liker_username = models.CharField(max_length=255)\n"
     + "    hidden_by = models.ForeignKey('accounts.Member', on_delete=models.CASCADE)\n"
     + "    hidden_by_name = models.CharField(max_length=255)\n",
     [(6, "collect", ("user.account.username",), FIELD, True)]),
    (DJANGO + "class Line(models.Model):\n    partner = models.ForeignKey('partner.Partner', on_delete=models.CASCADE)\n"
     + "    partner_name = models.CharField(max_length=128)\n", []),
    (SQLALCHEMY + "from sqlalchemy import ForeignKey\nclass Topic(Base):\n    __tablename__ = 't'\n"
     + "    starter_id = Column(sa.Integer, ForeignKey('users.id'))\n    starter_name = Column(sa.String)\n"
     + "    forum_id = Column(sa.Integer, ForeignKey('forums.id'))\n    forum_name = Column(sa.String)\n",
     [(10, "collect", ("user.account.username",), "python.sqlalchemy.column", True)]),
    # the field a user model names as its login is the username, whatever its name
    (DJANGO + "class U(AbstractUser):\n    slug = models.CharField(max_length=30)\n"
     + "    handle_key = models.CharField(max_length=30)\n    USERNAME_FIELD = 'slug'\n",
     [(4, "collect", ("user.account.username",), FIELD, True)]),
    (DJANGO + "class U(AbstractUser):\n    slug = models.CharField(max_length=30)\n", []),
    # the long text of a post or message tied to a person is what they wrote; of one tied to nobody,
    # or of a record that is not a post, not; a rendered copy of a person's text is their text
    (DJANGO + "class Post(models.Model):\n    poster = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    original = models.TextField()\n    checksum = models.CharField(max_length=64)\n",
     [(5, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "class Post(models.Model):\n    original = models.TextField()\n", []),
    # where on a page or in a text a comment sits (its field path, its position, an offset) is no text
    # of its writer; a copy of the text under another name still is
    (DJANGO + "class Comment(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    contentpath = models.TextField()\n    position = models.TextField()\n    text_offset = models.TextField()\n"
     + "    rendered = models.TextField()\n",
     [(8, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "class Change(models.Model):\n    author = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    path = models.TextField()\n    target = models.TextField()\n",
     [(6, "collect", ("user.content",), FIELD, True)]),
    # a message's mail headers that hold message ids (its thread) are not text its writer wrote
    (DJANGO + "class ScheduledMessage(models.Model):\n    account = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    references = models.TextField()\n    body = models.TextField()\n",
     [(6, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "class Suggestion(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    target = models.TextField()\n", [(5, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "class Suggestion(models.Model):\n    target = models.TextField()\n", []),
    # only its long text: a suggestion's other fields keep their names' reading
    (DJANGO + "class SearchSuggestion(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    title = models.CharField(max_length=100)\n", []),
    # and of a record of its edits; not of a version of something else
    (SQLALCHEMY + "from sqlalchemy import ForeignKey\nclass NoteRevision(Base):\n    __tablename__ = 'r'\n"
     + "    user_id = Column(sa.Integer, ForeignKey('users.id'))\n    source = Column(sa.Text)\n",
     [(10, "collect", ("user.content",), "python.sqlalchemy.column", True)]),
    (SQLALCHEMY + "from sqlalchemy import ForeignKey\nclass SchemaVersion(Base):\n    __tablename__ = 'r'\n"
     + "    user_id = Column(sa.Integer, ForeignKey('users.id'))\n    source = Column(sa.Text)\n", []),
    (DJANGO + "class Grant(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    scopes = models.TextField()\n", []),
    # the long text of any row tied to a person, named for what people write in their own words, is
    # theirs; not a text the service writes, nor such a row tied to nobody (its description: below)
    (DJANGO + "class FileObject(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    raw_text = models.TextField()\n    change_message = models.TextField()\n"
     + "    notes = models.TextField()\n    file_name = models.CharField(max_length=400)\n",
     [(5, "collect", ("user.content",), FIELD, True), (7, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "class FileObject(models.Model):\n    raw_text = models.TextField()\n", []),
    # what a person writes about a thing of their own (a row with a relation named for a person in one
    # word) is theirs, in any text field; not a group's, nor a row tied to a person in a role, nor a
    # choice
    (DJANGO + "class Photo(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    description = models.CharField(max_length=80)\n    caption = models.TextField()\n",
     [(5, "collect", ("user.content",), FIELD, True), (6, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "class Group(models.Model):\n    owner = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    description = models.TextField()\n", []),
    (DJANGO + "class Forum(models.Model):\n    last_post_user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    description = models.TextField()\n", []),
    (DJANGO + "class Photo(models.Model):\n    description = models.TextField()\n", []),
    (DJANGO + "class Photo(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    description = models.IntegerField(choices=[(1, 'a')])\n", []),
    # beside a street and a city, a record's name is the addressee's; a place's (a gym's) is its own
    (DJANGO + "class Recipient(models.Model):\n    name = models.CharField(max_length=60)\n"
     + "    street = models.CharField(max_length=30)\n",
     [(4, "collect", ("user.name",), FIELD, True), (5, "collect", ("user.contact.address.street",), FIELD, True)]),
    (DJANGO + "class Gym(models.Model):\n    name = models.CharField(max_length=60)\n"
     + "    street = models.CharField(max_length=30)\n",
     [(5, "collect", ("user.contact.address.street",), FIELD, True)]),
    # a row tied to a person and named for the one thing it records holds that of the person; not a
    # row tied to nobody, nor a field named for the row's head (an entry's `entry`)
    (DJANGO + "class WeightEntry(models.Model):\n    weight = models.DecimalField(max_digits=5, decimal_places=2)\n"
     + "    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n",
     [(4, "collect", ("user.health_and_medical",), FIELD, True)]),
    (DJANGO + "class WeightEntry(models.Model):\n    weight = models.DecimalField(max_digits=5, decimal_places=2)\n", []),
    (DJANGO + "class SortWeight(models.Model):\n    weight = models.IntegerField()\n"
     + "    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n", []),
    (DJANGO + "class Server(models.Model):\n    user = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    notes = models.TextField()\n", []),
    # a row whose relation names a person its author holds their text in its long text, whatever its
    # name; not in a short one, nor a row a person only owns
    (DJANGO + "class Change(models.Model):\n    author = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    old = models.TextField()\n    action = models.CharField(max_length=20)\n",
     [(5, "collect", ("user.content",), FIELD, True)]),
    (SQLALCHEMY + "from sqlalchemy import ForeignKey\nclass Edit(Base):\n    __tablename__ = 'e'\n"
     + "    author_id = Column(sa.Integer, ForeignKey('users.id'))\n    before = Column(sa.Text)\n",
     [(10, "collect", ("user.content",), "python.sqlalchemy.column", True)]),
    (DJANGO + "class Change(models.Model):\n    owner = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    old = models.TextField()\n", []),
    (DJANGO + "class Section(models.Model):\n    last_poster = models.ForeignKey(AbstractUser, on_delete=models.CASCADE)\n"
     + "    rules = models.TextField()\n", []),
    # long text is no flag, though its name begins with a flag's word; a flag or a short code is
    (DJANGO + "class User(AbstractUser):\n    is_active_staff_message = models.TextField(null=True)\n"
     + "    has_message = models.CharField(max_length=1)\n    is_message = models.BooleanField()\n",
     [(4, "collect", ("user.content",), FIELD, True)]),
    (DJANGO + "from django import forms\nclass UserStatusForm(forms.Form):\n"
     + "    is_active_staff_message = forms.CharField(widget=forms.Textarea)\n    is_staff_message = forms.CharField()\n",
     [(5, "collect", ("user.content",), "python.django.form-field", False)]),
    # a stored field is no function: a verb's word before its name is a noun (langflow's store);
    # a received field keeps the verb's reading
    (DJANGO + "class User(AbstractUser):\n    store_api_key = models.CharField(max_length=200)\n",
     [(4, "collect", (CREDENTIALS,), FIELD, True)]),
    (DJANGO + "from django import forms\nclass KeyForm(forms.Form):\n    store_api_key = forms.CharField()\n", []),
    # `Meta.fields` naming a field a base form of the file declares (its base's base too) takes that
    # declaration, not the model's column; a base of another module is not known, nor is a column
    (DJANGO + "from django import forms\nclass EmailForm(forms.ModelForm):\n    email = forms.EmailField()\n"
     + "class NameForm(EmailForm):\n    pass\nclass InfoForm(NameForm):\n    class Meta:\n        model = AbstractUser\n"
     + "        fields = ('first_name', 'email')\n",
     [(5, "collect", ("user.contact.email",), "python.django.form-field", False),
      (11, "collect", ("user.name.first",), "python.django.form-field", False)]),
    (DJANGO + "from django import forms\nfrom app.forms import EmailForm\nclass InfoForm(EmailForm, forms.ModelForm):\n"
     + "    class Meta:\n        model = AbstractUser\n        fields = ('first_name', 'email')\n",
     [(8, "collect", ("user.contact.email", "user.name.first"), "python.django.form-field", False)]),
    # a string column of no length is as long as a text column; one of a length is not
    (SQLALCHEMY + "from sqlalchemy import ForeignKey\nclass ReportAction(Base):\n    __tablename__ = 'r'\n"
     + "    moderator_id = Column(sa.Integer, ForeignKey('users.id'))\n    reason = Column(sa.String())\n"
     + "    comment = Column(sa.String(50))\n",
     [(10, "collect", ("user.content",), "python.sqlalchemy.column", True)]),
    (DJANGO + "class UserProfile(models.Model):\n    signature_parsed = models.TextField()\n    bio_html = models.TextField()\n"
     + "    signature_key = models.TextField()\n",
     [(4, "collect", ("user.content",), FIELD, True), (5, "collect", ("user.content",), FIELD, True)]),
    # a count of a thread's replies or comments is a number, whichever integer field keeps it; the
    # reply's text is what a person wrote
    (DJANGO + "class Thread(models.Model):\n    replies = models.PositiveIntegerField(default=0)\n"
     + "    comments = models.BigIntegerField(default=0)\n    comment = models.TextField()\n",
     [(6, "collect", ("user.content",), FIELD, True)]),
    (SQLALCHEMY + "class Thread(Base):\n    __tablename__ = 't'\n    replies = Column(sa.SmallInteger)\n", []),
    # a DELETE route's fields select the record to remove
    (FASTAPI + "@router.delete('/token')\nasync def delete_token(token: str):\n    return token\n", []),
    (FASTAPI + "@router.post('/token')\nasync def check_token(token: str):\n    return token\n",
     [(4, "collect", (CREDENTIALS,), QUERY, False)]),
    # a user's id in a route's query picks the record, as a path segment does; one an identity
    # provider issued is the person's id there, taken in
    (FASTAPI + "@router.get('/end_user/info')\nasync def info(end_user_id: str, exclude_user_ids: str = ''):\n"
     "    return end_user_id\n", []),
    (FASTAPI + "@router.post('/sso/link')\nasync def link(\n    sso_user_id: str,\n    external_user_id: str,\n"
     "    invited_by_user_id: str,\n):\n    return 1\n",
     [(5, "collect", ("user.unique_id",), QUERY, False), (6, "collect", ("user.unique_id",), QUERY, False)]),
    # a model a route answers with sends what it holds, unless a route of the module also decodes a
    # body into it (a create endpoint answering with the record); one a dependency hands it does not
    (FASTAPI + "from fastapi import Body\nfrom pydantic import BaseModel\nclass U(BaseModel):\n    userName: str\n"
     "@router.post('/u', response_model=U)\nasync def create(user: U = Body(...)):\n    return user\n",
     [(6, "collect", ("user.account.username",), "python.pydantic.field", False)]),
    (FASTAPI + "from fastapi import Depends\nfrom pydantic import BaseModel\nclass U(BaseModel):\n    userName: str\n"
     "@router.get('/me', response_model=U)\nasync def me(user: U = Depends(current)):\n    return user\n", []),
    (FASTAPI + "from pydantic import BaseModel\nclass U(BaseModel):\n    userName: str\n"
     "@router.get('/u/{name}', response_model=U)\nasync def show(name: str):\n    return name\n", []),
    # a marshmallow schema a view's response decorator names (flask-smorest's `response` after a status
    # code, or with `schema=`; apiflask's `output`) answers; one a view of the module reads a request
    # with (`arguments`, `input`, `use_args`) is taken in, answered with or not
    (SMOREST + "@bp.response(HTTPStatus.OK, U)\ndef show():\n    return 1\n", []),
    (SMOREST + "@bp.response('201', U(many=True))\ndef show():\n    return 1\n", []),
    (SMOREST + "@bp.alt_response(404, schema=U)\ndef show():\n    return 1\n", []),
    (SMOREST + "@app.output(U)\ndef show():\n    return 1\n", []),
    (SMOREST + "@bp.response(200, U)\ndef show():\n    return 1\n@use_args(U())\ndef edit(args):\n    return 1\n",
     [(6, "collect", ("user.contact.email",), MARSHMALLOW, False)]),
    (SMOREST + "@app.input(U)\n@app.output(U)\ndef edit(args):\n    return 1\n",
     [(6, "collect", ("user.contact.email",), MARSHMALLOW, False)]),
    # a `response` whose first argument is no status is not flask-smorest's
    (SMOREST + "@cache.response('users', U)\ndef show():\n    return 1\n",
     [(6, "collect", ("user.contact.email",), MARSHMALLOW, False)]),
    # a display name in a body is a person's, but a group's or a team's names that group
    (FASTAPI + "from pydantic import BaseModel\nclass Manager(BaseModel):\n    displayName: str\n"
     "class Group(BaseModel):\n    displayName: str\nclass TeamRequest(BaseModel):\n    display_name: str\n"
     "@router.post('/g')\nasync def create(group: Group, team: TeamRequest, manager: Manager):\n    return group\n",
     [(5, "collect", ("user.name",), "python.pydantic.field", False)]),
    # a body parameter typed by a model is that body, not a field named for the parameter
    (FASTAPI + "from fastapi import Body\nfrom pydantic import BaseModel\nclass U(BaseModel):\n    userName: str\n"
     "@router.post('/u')\nasync def create(user: U = Body(...)):\n    return user\n",
     [(6, "collect", ("user.account.username",), "python.pydantic.field", False)]),
    (FASTAPI + "from fastapi import Body\n@router.post('/u')\nasync def create(user_name: str = Body(...)):\n"
     "    return user_name\n",
     [(5, "collect", ("user.account.username",), "python.fastapi.form-field", False)]),
    # a route about a conversation: its title is what the person names it
    (FASTAPI + "@router.patch('/title')\nasync def set_conversation_title(title: str):\n    return title\n",
     [(4, "collect", ("user.content",), QUERY, False)]),
    (FASTAPI + "@router.patch('/title')\nasync def set_book_title(title: str):\n    return title\n", []),
    # a one-time-password step: its code is a credential
    (FASTAPI + "@router.post('/verify')\nasync def verify_mobile_otp(code: str):\n    return code\n",
     [(4, "collect", (CREDENTIALS,), QUERY, False)]),
    # region, country and timezone beside a city are where the person is
    (FASTAPI + "@router.post('/a')\nasync def a(city: str, region: str, country: str, timezone: str):\n    return 1\n",
     [(4, "collect", ("user.contact.address.city", "user.contact.address.country", "user.contact.address.state",
                      "user.location.coarse"), QUERY, False)]),
    (FASTAPI + "@router.get('/h')\nasync def h(region: str, country: str, timezone: str):\n    return 1\n", []),
])
def test_a_field_or_parameter_is_read_by_its_shape(source: str, expected: list[Seen]) -> None:
    assert [seen for seen in observed(source) if seen[1] == "collect"] == expected


DRF = "from rest_framework import serializers\n"
DRF_FIELD = "python.drf.serializer-field"
EMAIL = "user.contact.email"


@pytest.mark.parametrize(("source", "expected"), [
    # a list field's items are of its child's type (DRF `child=`, Django's `ArrayField(base_field=)`)
    (DRF + "class A(serializers.Serializer):\n    recipients = serializers.ListField(child=serializers.EmailField())\n",
     [(3, "collect", (EMAIL,), DRF_FIELD, False)]),
    (DRF + "class A(serializers.Serializer):\n    recipients = serializers.ListField(child=serializers.CharField())\n", []),
    (DJANGO + "from django.contrib.postgres.fields import ArrayField\nclass A(models.Model):\n"
     "    forwards = ArrayField(base_field=models.EmailField())\n",
     [(5, "collect", (EMAIL,), FIELD, True)]),
    # a project's field type tagged after its `Field` is the type before the tag
    (DRF + "class DRFEmailFieldUTF8(serializers.CharField):\n    pass\n"
     "class A(serializers.Serializer):\n    target = DRFEmailFieldUTF8()\n",
     [(5, "collect", (EMAIL,), DRF_FIELD, False)]),
    (DRF + "class SizeFieldMB(serializers.CharField):\n    pass\n"
     "class A(serializers.Serializer):\n    quota = SizeFieldMB()\n", []),
    # a bare address typed as an e-mail or an IP address is one; untyped it is a postal address
    (DRF + "class A(serializers.Serializer):\n    address = serializers.EmailField()\n",
     [(3, "collect", (EMAIL,), DRF_FIELD, False)]),
    (DRF + "class Contact(serializers.Serializer):\n    address = serializers.IPAddressField()\n",
     [(3, "collect", ("user.device.ip_address",), DRF_FIELD, False)]),
    (DRF + "class Contact(serializers.Serializer):\n    address = serializers.CharField()\n",
     [(3, "collect", ("user.contact.address",), DRF_FIELD, False)]),
    # an address whose default is written in the code is the service's own
    (DRF + "class A(serializers.Serializer):\n    sender_address = serializers.EmailField(default='noreply@x.test')\n", []),
    (DRF + "class A(serializers.Serializer):\n    sender_address = serializers.EmailField(default='')\n",
     [(3, "collect", (EMAIL,), DRF_FIELD, False)]),
    # a primary key of a person's address is that address; any other primary key is generated
    (DJANGO + "class Quota(models.Model):\n    username = models.EmailField(primary_key=True)\n",
     [(4, "collect", (EMAIL,), FIELD, True)]),
    (DJANGO + "class Quota(models.Model):\n    username = models.CharField(primary_key=True, max_length=40)\n", []),
    # a login whose widget takes only an e-mail address holds one (ephios's OIDC login form); a text input says nothing
    (DJANGO + "from django import forms\nfrom django.contrib.auth.forms import UsernameField\n"
     + "class LoginForm(forms.Form):\n    username = UsernameField(widget=forms.EmailInput(attrs={'autofocus': True}))\n"
     + "    nickname = forms.CharField(widget=forms.TextInput)\n",
     [(6, "collect", (EMAIL,), "python.django.form-field", False),
      (7, "collect", ("user.name",), "python.django.form-field", False)]),
    (SQLALCHEMY + "from sqlalchemy_utils import EmailType\nclass Q(Base):\n    __tablename__ = 'q'\n"
     "    address = Column(EmailType, primary_key=True)\n    email = Column(sa.Integer, primary_key=True)\n",
     [(9, "collect", (EMAIL,), "python.sqlalchemy.column", True)]),
    # an upload type holds a person's content, unless the field or its class names a brand's logo
    (DRF + "class A(serializers.Serializer):\n    screenshot = serializers.ImageField()\n",
     [(3, "collect", ("user.content",), DRF_FIELD, False)]),
    (DRF + "class ThemeLogoUploadSerializer(serializers.Serializer):\n    image = serializers.ImageField()\n", []),
    (DJANGO + "class Company(models.Model):\n    logo = models.ImageField()\n    favicon = models.FileField()\n", []),
    # a counter field keeps a number, whatever relation its argument names (djblets' RelationCounterField)
    (DJANGO + "from djblets.db.fields import RelationCounterField\nclass History(models.Model):\n"
     "    latest_revision = RelationCounterField('file_attachments')\n"
     "    attachments_count = RelationCounterField('file_attachments', verbose_name='attachments')\n"
     "    comments = CounterField(initializer=0)\n", []),
    (DJANGO + "class History(models.Model):\n    file_attachment = models.FileField()\n",
     [(4, "collect", ("user.content",), FIELD, True)]),
])
def test_a_field_s_declared_type_says_what_it_holds(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("name", "tagged"), [
    ("DRFEmailFieldUTF8", True), ("DRFEmailFieldUTF8AndEmptyUser", True), ("EmailFieldV2", True),
    ("EmailField", False), ("Fieldset", False), ("CustomEmailFieldUserManager", False), ("ImageFieldFile", False),
])
def test_a_field_type_tagged_after_its_field_is_known_by_the_tag_s_shape(name: str, tagged: bool) -> None:
    assert tagged_field(name) is tagged


DJANGO_USER = "from django.conf import settings\nfrom django.db import models\n"
SOCIAL_URL = ("user.contact.social_url",)


@pytest.mark.parametrize(("relation", "expected"), [
    # one person's own record: the links on it are theirs
    ("models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
     [(5, "collect", SOCIAL_URL, FIELD, True)]),
    ("models.OneToOneField('auth.User', on_delete=models.CASCADE)", [(5, "collect", SOCIAL_URL, FIELD, True)]),
    ("models.ForeignKey(settings.AUTH_USER_MODEL, unique=True, on_delete=models.CASCADE)",
     [(5, "collect", SOCIAL_URL, FIELD, True)]),
    ("models.ForeignKey(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE)",
     [(5, "collect", SOCIAL_URL, FIELD, True)]),
    # many rows per person (a bookmark, a webhook), or one per thing that is no person
    ("models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)", []),
    ("models.ForeignKey(settings.AUTH_USER_MODEL, unique=False, on_delete=models.CASCADE)", []),
    ("models.OneToOneField('trans.Project', on_delete=models.CASCADE)", []),
])
def test_a_url_on_a_persons_own_record_is_their_link(relation: str, expected: list[Seen]) -> None:
    source = f"{DJANGO_USER}class Settings(models.Model):\n    owner = {relation}\n    codesite = models.URLField(blank=True)\n"
    assert observed(source) == expected


@pytest.mark.parametrize(("column", "expected"), [
    ("Column(sa.ForeignKey('users.id'), primary_key=True)", [(10, "collect", SOCIAL_URL, "python.sqlalchemy.column", True)]),
    ("Column(sa.ForeignKey('users.id'), unique=True)", [(10, "collect", SOCIAL_URL, "python.sqlalchemy.column", True)]),
    ("Column(sa.ForeignKey('users.id'))", []),
])
def test_a_url_column_of_a_row_keyed_by_one_person_is_their_link(column: str, expected: list[Seen]) -> None:
    source = (f"{SQLALCHEMY}from sqlalchemy_utils import URLType\nclass Settings(Base):\n    __tablename__ = 's'\n"
              f"    user_id = {column}\n    codesite = Column(URLType)\n")
    assert observed(source) == expected


USERNAME = ("user.account.username",)


@pytest.mark.parametrize(("relation", "field", "expected"), [
    # a person's own record: the label of a text field says what it holds
    ("models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
     'models.SlugField(verbose_name=_("GitHub username"), blank=True)', [(6, "collect", USERNAME, FIELD, True)]),
    ("models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
     'models.CharField(verbose_name="X username", max_length=15)', [(6, "collect", USERNAME, FIELD, True)]),
    # a label that names nothing personal, a label of a number, and the labels of a record that is not
    # one person's own
    ("models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
     'models.CharField(verbose_name=_("Colour scheme"), max_length=10)', []),
    ("models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
     'models.IntegerField(verbose_name=_("GitHub username"))', []),
    ("models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
     'models.SlugField(verbose_name=_("GitHub username"), blank=True)', []),
    ("models.OneToOneField('trans.Project', on_delete=models.CASCADE)",
     'models.SlugField(verbose_name=_("GitHub username"), blank=True)', []),
])
def test_a_label_on_a_persons_own_record_says_what_a_field_holds(relation: str, field: str, expected: list[Seen]) -> None:
    source = (f"{DJANGO_USER}from django.utils.translation import gettext_lazy as _\nclass Profile(models.Model):\n"
              f"    user = {relation}\n    github = {field}\n")
    assert observed(source) == expected


HAYSTACK = "from haystack import indexes\n"
HAYSTACK_FIELD = "python.haystack.field"


@pytest.mark.parametrize(("source", "expected"), [
    # a search index's fields are stored copies of its model's values, owned by the model it names
    (HAYSTACK + "class ReviewRequestIndex(BaseSearchIndex, indexes.Indexable):\n    model = ReviewRequest\n"
     "    summary = indexes.CharField(model_attr='summary')\n    username = indexes.CharField(model_attr='submitter__username')\n"
     "    last_updated = indexes.DateTimeField(model_attr='last_updated')\n",
     [(4, "collect", ("user.content",), HAYSTACK_FIELD, True),
      (5, "collect", ("user.account.username",), HAYSTACK_FIELD, True)]),
    # without its model, a summary is nobody's
    (HAYSTACK + "class ReviewRequestIndex(indexes.SearchIndex):\n    summary = indexes.CharField(model_attr='summary')\n", []),
    # a class that is no index: its `model` attribute and fields are not read
    ("class ReviewRequestIndex:\n    model = ReviewRequest\n    summary = CharField(model_attr='summary')\n", []),
])
def test_a_search_index_stores_its_models_values(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


PYDANTIC = "from pydantic import BaseModel\n"
MARSHMALLOW = "import marshmallow\nfrom marshmallow import fields\n"
DRF = "from rest_framework import serializers\n"
SQLA_ORM = SQLALCHEMY + "from sqlalchemy.orm import Mapped, relationship\n"
PYDANTIC_FIELD = "python.pydantic.field"


@pytest.mark.parametrize(("source", "expected"), [
    # a field typed by another schema class holds that schema's records: a collect by its own name
    (PYDANTIC + "class Email(BaseModel):\n    primary: bool\nclass UserIn(BaseModel):\n    emails: list[Email]\n",
     [(5, "collect", ("user.contact.email",), PYDANTIC_FIELD, False)]),
    (PYDANTIC + "class Name(BaseModel):\n    primary: bool\nclass UserIn(BaseModel):\n    name: Name | None = None\n",
     [(5, "collect", ("user.name",), PYDANTIC_FIELD, False)]),
    # a container named for nothing personal is none
    (PYDANTIC + "class Meta(BaseModel):\n    primary: bool\nclass UserIn(BaseModel):\n    meta: Meta\n", []),
    # marshmallow's Nested, alone or listed; one only sent back (dump_only) takes nothing in
    (MARSHMALLOW + "class A(marshmallow.Schema):\n    kind = fields.Str()\nclass PersonSchema(marshmallow.Schema):\n"
     "    addresses = fields.Nested(A, many=True)\n    phone_numbers = fields.List(fields.Nested(A))\n"
     "    emails = fields.Nested(A, dump_only=True)\n    items = fields.Nested(A)\n",
     [(6, "collect", ("user.contact.address",), "python.marshmallow.field", False),
      (7, "collect", ("user.contact.phone_number",), "python.marshmallow.field", False)]),
    # DRF's nested serializer, written by the serializer's own create(); a read-only one is sent back only
    (DRF + "class P(serializers.Serializer):\n    kind = serializers.CharField()\n"
     "class ContactSerializer(serializers.Serializer):\n    phone_numbers = P(many=True)\n    emails = P(many=True, read_only=True)\n"
     "    def create(self, validated_data):\n        return validated_data\n",
     [(5, "collect", ("user.contact.phone_number",), "python.drf.serializer-field", False)]),
    # written by a base of the module
    (DRF + "class P(serializers.Serializer):\n    kind = serializers.CharField()\n"
     "class Base(serializers.Serializer):\n    def update(self, instance, validated_data):\n        return instance\n"
     "class ContactSerializer(Base):\n    phone_numbers = P(many=True)\n",
     [(8, "collect", ("user.contact.phone_number",), "python.drf.serializer-field", False)]),
    # DRF's nested serializers are read-only unless the serializer writes them: one that never does
    # renders them (a message's recipients shown)
    (DRF + "class P(serializers.Serializer):\n    kind = serializers.CharField()\n"
     "class MessageSerializer(serializers.Serializer):\n    emails = P(many=True)\n", []),
    # a relation to another stored record refers to it, as a foreign key does: no container
    (SQLA_ORM + "class Address(Base):\n    __tablename__ = 'a'\n    id = Column(sa.Integer, primary_key=True)\n"
     "class Person(Base):\n    __tablename__ = 'p'\n    id = Column(sa.Integer, primary_key=True)\n"
     "    addresses: Mapped[list[Address]] = relationship()\n", []),
])
def test_a_container_of_nested_records_is_a_collect_by_its_own_name(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


def test_a_nested_schema_of_another_module_is_a_container_too(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/parts.py": "from pydantic import BaseModel\n\n\nclass Email(BaseModel):\n    primary: bool\n",
        "app/api.py": "from pydantic import BaseModel\n\nfrom app.parts import Email\n\n\n"
                      "class UserIn(BaseModel):\n    emails: list[Email]\n    meta: Email | None = None\n",
    }
    assert observed_tree(tmp_path, files) == [("app/api.py", 7, "collect", ("user.contact.email",))]
