"""Annotated examples for frameworks.toml: personal data read from web requests (`collect`).

`# ruleid: RULE [CATEGORIES]` says an observation of RULE (with exactly those sorted
categories, when given) must start on the next code line; `# ok: RULE` says none may.
`# todoruleid:` / `# todook:` record what the engine misses or wrongly reports today.
tests/test_rule_examples.py checks every annotation, and that every observation in this file
is annotated. The file is analysed, never run.
"""

from __future__ import annotations

import copy
import email
import json
import re
import typing
from typing import Annotated, Any
from urllib.parse import unquote

import discord
import falcon
import telegram
from botbuilder.core import TurnContext
from botbuilder.schema import Activity
import socketio
from slack_bolt.async_app import AsyncApp
from lamson.routing import route as lamson_route, stateless
from asgiref.typing import ASGIReceiveEvent
import geoip2.database
from modernrpc.core import REQUEST_KEY, rpc_method
import httpx
import octoprint.plugin
from aiohttp import web
from autobahn.twisted.websocket import WebSocketServerProtocol
from twisted.internet import protocol as twisted_protocol
from twisted.web import resource as twisted_resource
from twisted.web.server import Request as TwistedRequest
from django import forms
from django.conf import settings
from django.utils.module_loading import import_string
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.test import RequestFactory
from django.views import View
from tastypie import resources as tastypie_resources
from django.views.generic.edit import FormView
import starlette.types
from fastapi import APIRouter, Body, Cookie, Depends, File, Form, Header, Query, Request, Security, UploadFile, WebSocket
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer, OAuth2PasswordRequestForm
from flask import Flask, g, jsonify
from flask import request as flask_request
from flask_restful import Resource, reqparse
from pydantic import BaseModel
from rest_framework.response import Response
from rest_framework.views import APIView
from pyramid import authentication as base_auth
from pyramid.events import NewRequest, subscriber
from pyramid.view import view_config
import tornado.web
from tornado.web import RequestHandler
from werkzeug.datastructures import CombinedMultiDict

from .common import CKANRequest, dict_of, transform, verify_captcha
from .db import get_db, save_profile, save_upload, search_datasets, store_upload
from .env import WEBUI_AUTH_TRUSTED_EMAIL_HEADER, WEBUI_AUTH_TRUSTED_GROUPS_HEADER, WEBUI_AUTH_TRUSTED_NAME_HEADER
from .schemas import JSONCodec, LogoutForm, ProfileForm, ProfileSchema, ProfileSerializer

app = Flask(__name__)
router = APIRouter()
geoip = geoip2.database.Reader("/usr/share/GeoIP/GeoLite2-City.mmdb")


# --- Flask ---------------------------------------------------------------------------------------

@app.route("/signup", methods=["POST"])
def flask_signup():
    # ruleid: python.request.field user.contact.email
    email = flask_request.form["email"]
    # ruleid: python.request.field user.contact.phone_number
    phone = flask_request.form.get("phone")
    # ruleid: python.request.field user.demographic.date_of_birth
    birthday = flask_request.args.get("date_of_birth")
    # ruleid: python.request.field user.name.first
    first_name = flask_request.values.get("first_name", "")
    # ok: python.request.field
    next_url = flask_request.args.get("next", "/")
    # ok: python.request.field
    page = int(flask_request.args.get("page", 1))
    # a query string carries no upload: its `file` is the id of one held already
    # ok: python.request.field
    file_id = int(flask_request.args["file"])
    # a posted one is the file's content
    # ruleid: python.request.field user.content
    attachment = flask_request.form.get("attachment")
    save_profile(email=email, phone=phone, birthday=birthday, first_name=first_name)
    return jsonify(next=next_url, page=page, file=file_id, attachment=attachment)


def start_auth_session(client_id, prompt=None):
    """A helper that only tests the OpenID Connect prompt it is given against an option."""
    return {"client_id": client_id, "prompt_login": prompt == "login"}


@app.route("/oauth/authorize", methods=["GET", "POST"])
def flask_authorize():
    # an OpenID Connect `prompt` and a consent form's button, only tested against options the code
    # names (by the read, through a local, through a helper's parameter): switches, not what the
    # person writes
    # ok: python.request.field
    if flask_request.values.get("prompt") == "none":
        return jsonify(error="consent_required")
    # whether it is sent at all: a presence test
    # ok: python.request.field
    if not flask_request.values.get("prompt"):
        return jsonify(error="invalid_request")
    # ok: python.request.field
    answer = flask_request.form["answer"]
    if answer.lower() in ("deny", "logout"):
        return jsonify(error="access_denied")
    # ok: python.request.field
    auth = start_auth_session(flask_request.values.get("client_id"), prompt=flask_request.values.get("prompt"))
    # in a step of signing in, a `prompt` kept is still OpenID Connect's (none, login, consent),
    # as allauth's `prompts = prompt.split()` is
    # ok: python.request.field
    prompts = (flask_request.args.get("prompt") or "").split()
    # a value tested and kept is taken; an empty string tests presence, not a choice
    # ruleid: python.request.field user.content
    comment = flask_request.form.get("comment")
    if comment != "none":
        save_profile(comment=comment, prompts=prompts)
    # ruleid: python.request.field user.content
    if flask_request.form.get("answer") != "":
        return jsonify(auth)
    # a gender is itself one of few options: testing it against one reads it
    # ruleid: python.request.field user.demographic.gender
    if flask_request.form.get("gender") == "female":
        return jsonify(auth)
    return jsonify(auth)


@app.route("/api/check", methods=["POST"])
def flask_checked_fields():
    """Tests of a value's type, of an attribute or of its emptiness take nothing of it, whatever its
    category (OctoPrint's API-key check, open-webui's websocket auth message, label-studio's browser test)."""
    # ok: python.request.field
    if len(flask_request.form["apikey"].strip()) > 0:
        # ruleid: python.request.field user.authorization.credentials
        return jsonify(key=flask_request.form["apikey"])
    # ok: python.request.field
    if not isinstance(flask_request.json.get("token"), str):
        return jsonify(error="auth required")
    # ok: python.request.device
    known = hasattr(flask_request.user_agent,
                    "browser")
    # a length measured against another number reads the value (the control values' rule)
    # ruleid: python.request.field user.content
    if len(flask_request.form["comment"]) > 3:
        return jsonify(error="too long")
    return jsonify(known=known)


@app.route("/profile/edit", methods=["GET", "POST"])
def flask_profile_edit():
    # the request's form and files combined and bound by a form (Flask-WTF's idiom): the form's
    # declared fields are what is collected
    form = ProfileForm()
    # ok: python.request.body
    form.process(CombinedMultiDict((flask_request.files, flask_request.form)) or None)
    # the two handed whole to something that is no form: taken whole, once
    # ruleid: python.request.body user.content
    save_profile(data=dict_of((flask_request.files, flask_request.form)))
    return jsonify(ok=form.validate())


def user_needed(view):
    """A project's decorator that passes the signed-in person to the view (`view(user=g.user)`)."""
    def decorated(*args, **kwargs):
        return view(*args, user=g.user, **kwargs)
    return decorated


@app.route("/consents")
@user_needed
def flask_consents(
    # a Flask view is called with its URL rule's variables only: `user` is the decorator's
    # ok: python.fastapi.query-parameter
    user,
):
    return jsonify(user.id)


@app.route("/login", methods=("GET", "POST"))
@app.route("/login/<username>", methods=("GET", "POST"))
def flask_login(
    # stacked URL rules each give the view their variables: `username` is a path segment
    # ok: python.fastapi.query-parameter
    username=None,
):
    return jsonify(username)


@app.route("/api/2/util/dataset/autocomplete")
def flask_autocomplete():
    # a key that says nothing, read straight into a name that does: the name says what it holds
    # ruleid: python.request.field user.behavior
    q = flask_request.args.get("incomplete", "")
    # ok: python.request.field
    limit = flask_request.args.get("limit", 10)
    # what an autocompletion widget sends (jQuery UI's `term`): what the person typed
    # ruleid: python.request.field user.behavior
    term = flask_request.args.get("term")
    # the text of a query the person types (askbot's question search by title)
    # ruleid: python.request.field user.behavior
    typed = flask_request.args.get("query_text", "").strip()
    # ok: python.request.field
    kind = flask_request.args.get("query_type")
    # an id that picks a user record refers to it, like a foreign key
    # ok: python.request.field
    user_id = flask_request.args.get("id")
    # not read into a name: nothing says what the key holds
    # ok: python.request.field
    found = search_datasets(flask_request.args.get("incomplete"), limit)
    return jsonify(q=q, user=user_id, found=found, typed=typed, kind=kind)


@app.post("/user/reset")
def flask_reset():
    # ruleid: python.request.field user.account.username
    username = flask_request.form.get("name")
    # a key that qualifies the name's own head word says what kind of token it is: none personal
    # ok: python.request.field
    old_token = flask_request.form.get("captcha_token")
    # the bare head word: the name says more than the key
    # ruleid: python.request.field user.account.username
    user_name = flask_request.form.get("name")
    # ruleid: python.request.field user.authorization.credentials
    recovery_code = flask_request.form.get("code")
    # a name of a reference to what the key names (its id, its hash) says what is picked: canaille's
    # WebAuthn key chosen for deletion, hyperkitty's message chosen by its hash
    # ok: python.request.field
    credential_id = flask_request.form.get("fido2-confirm-credential")
    # ok: python.request.field
    picked = get_db().messages.filter_by(message_id_hash=flask_request.args["message"]).first()
    # a name that means personal data itself, or one the key does not qualify, is no reference to it
    # ruleid: python.request.field user.authorization.credentials
    session_id = flask_request.form.get("session")
    # ruleid: python.request.field user.content
    request_id = flask_request.form.get("message")
    # a field read only to reach its id picks the record (chainlit's edited message); its text is read
    # ok: python.request.field
    if picked.id == flask_request.json["message"]["id"]:
        # ruleid: python.request.field user.content
        picked.content = flask_request.json["message"]["output"]
    return jsonify(username=username, refresh=old_token, user=user_name, code=recovery_code,
                   credential=credential_id, picked=picked, session=session_id, request=request_id)


@app.post("/api/messages")
def flask_message_keys():
    payload = flask_request.get_json()
    # a bare `message` is user content as a key of a request body
    # ruleid: python.request.field user.content
    text = payload["message"]
    # ruleid: python.request.field user.contact.email
    reply_to = payload.get("email")
    # ok: python.request.field
    channel = payload.get("channel")
    return jsonify(length=len(text), reply_to=bool(reply_to), channel=channel)


@app.post("/auth/profile/edit")
def flask_profile_keys():
    post_data = flask_request.get_json()
    # what a person writes about themselves, and where they say they are
    # ruleid: python.request.field user.content
    bio = post_data.get("bio")
    # ruleid: python.request.field user.location
    location = post_data.get("location")
    # the timezone a person picks or their browser sends is theirs
    # ruleid: python.request.field user.location.coarse
    timezone = post_data.get("timezone")
    # ok: python.request.field
    date_format = post_data.get("date_format")
    # ok: python.request.field
    use_dark_mode = post_data.get("use_dark_mode")
    # the timezone of a query string is a filter or a display option
    # ok: python.request.field
    shown_in = flask_request.args.get("timezone")
    return jsonify(bio=bio, location=location, timezone=timezone, date_format=date_format, dark=use_dark_mode,
                   shown_in=shown_in)


@app.post("/api/me")
def flask_literal_key_loop(user):
    """A loop over the code's own literal keys reads each of them from the request, written in the
    loop or bound to a name first (kiwitcms's `User.update`)."""
    for key in ("email", "phone"):
        # ruleid: python.request.field user.contact.email,user.contact.phone_number
        store(key, flask_request.form[key])
    editable = ("first_name", "last_name")
    for field in editable:
        # ruleid: python.request.field user.name.first,user.name.last
        setattr(user, field, flask_request.form.get(field))
    options = ("page", "sort")
    for option in options:
        # keys that name nothing read nothing
        # ok: python.request.field
        keep(flask_request.args.get(option))
    return jsonify(ok=True)


@app.post("/api/notes")
def flask_whole_body():
    # the body is bound and passed on whole: user content taken at the binding
    # ruleid: python.request.body user.content
    note = flask_request.get_json(silent=True)
    save_profile(note=note)
    # ruleid: python.request.body user.content
    save_profile(form=flask_request.form)
    # ruleid: python.request.field user.contact.phone_number
    phone = flask_request.json.get("phone")
    return jsonify(ok=bool(phone))


@app.post("/ajax/view")
def flask_iterated_body():
    # the body walked key by key (calibreweb's view settings): used whole, taken where it is bound;
    # its keys and the values read by them are no new reads
    # ruleid: python.request.body user.content
    to_save = flask_request.get_json()
    for element in to_save:
        for param in to_save[element]:
            save_profile(element=element, param=param, value=to_save[element][param])
    return ""


@app.post("/me")
def flask_profile_form():
    # keys read, and its items walked as well (`for key, __ in to_save.items()`): taken whole where bound
    # ruleid: python.request.body user.content
    to_save = flask_request.form.to_dict()
    # ruleid: python.request.field user.contact.email
    email = to_save.get("email")
    shown = sum(int(key[5:]) for key, __ in to_save.items() if key.startswith("show_"))
    for key, __ in to_save.items():
        shown += key.startswith("detail_")
    return jsonify(email=email, shown=shown)


@app.post("/register")
def flask_keys_only_form():
    # only read key by key: the reads are the observations, the binding is none (the body convention)
    # ok: python.request.body
    to_save = flask_request.form.to_dict()
    # ruleid: python.request.field user.contact.email
    email = to_save.get("email", "")
    # ruleid: python.request.field user.account.username
    name = to_save["username"]
    return jsonify(email=email, name=name)


class NoteSchema:
    """The project's own schema: what it declares is what is collected."""

    def load(self, data):
        return {"title": data.get("title", "")}


@app.post("/bot/events")
def flask_bot_activity():
    # a body handed to a validating method of a library's class (botbuilder's `Activity().deserialize`):
    # no field of it is declared in the project, so the body is taken whole where it is bound
    # ruleid: python.request.body user.content
    body = flask_request.get_json()
    activity = Activity().deserialize(body)
    # the project's own schema validates it field by field: not taken whole
    # ok: python.request.body
    note = NoteSchema().load(flask_request.get_json())
    # the query string parsed by a library's model (SCIM's `attributes`, `excludedAttributes`): the
    # request's options, none named here
    # ok: python.request.body
    shown = Activity.model_validate(flask_request.args.to_dict())
    return jsonify(kind=activity.type, title=note["title"], shown=shown)


@app.post("/webauthn/verify")
def flask_webauthn_verify():
    # a WebAuthn assertion read by key (canaille's): `rawId` is the credential's id under the
    # protocol's own name, posted by the browser
    # ruleid: python.request.body user.content
    credential_data = flask_request.get_json()
    # ruleid: python.request.field user.authorization.credentials
    raw_id = credential_data["rawId"]
    # the kind of credential ("public-key"), no secret
    # ok: python.request.field
    kind = credential_data["type"]
    return verify_authentication_response(credential=credential_data, raw_id=raw_id, kind=kind)


@app.post("/workouts")
def flask_post_workout():
    # a body read by key and passed on whole as well (fittrackee's workout routes): taken whole where
    # it is bound, its keys read beside
    # ruleid: python.request.body user.content
    workout_data = flask_request.get_json()
    if workout_data.get("sport_id") is None:
        return jsonify(error="no sport"), 400
    check_media_attachments(workout_data)
    return jsonify(ok=True)


@app.post("/objects")
def flask_post_object():
    # read by key, then handed to a helper whose result the name is bound to again (gramps-webapi's
    # object resource): taken whole where it was first bound, not where the helper's result is
    # ruleid: python.request.body user.content
    obj_dict = flask_request.json
    if "_class" not in obj_dict:
        obj_dict["_class"] = "Person"
    # ok: python.request.body
    obj_dict = fix_object_dict(obj_dict)
    return jsonify(saved=save_object(obj_dict))


@app.post("/users")
def flask_post_users():
    # a list of records gone through one by one (gramps-webapi's bulk user creation): the body is
    # used whole, and each record's keys are read as the body's own would be
    # ruleid: python.request.body user.content
    users = flask_request.json
    for user_dict in users:
        if user_dict.get("tree"):
            check_tree(user_dict["tree"])
    rows = [
        {
            # ruleid: python.request.field user.contact.email
            "email": user_dict.get("email"),
            # ruleid: python.request.field user.name
            "fullname": user_dict.get("full_name"),
        }
        for user_dict in users
    ]
    return jsonify(added=add_users(rows))


@app.post("/preferences")
def flask_edit_preferences():
    # read only by key: each key read is the collect, the bind is none (the contract's
    # `data = await request.json(); data["message"]`)
    # ok: python.request.body
    post_data = flask_request.get_json()
    if not post_data or "theme" not in post_data:
        return jsonify(error="invalid payload"), 400
    return jsonify(theme=post_data.get("theme"))


def parse_params(params, ignore_keys=None):
    """CKAN's shape: the submitted form copied key by key into a plain dict."""
    parsed = {}
    for key in params:
        if ignore_keys and key in ignore_keys:
            continue
        value = params.getlist(key)
        parsed[key] = value[0] if len(value) == 1 else value
    return parsed


def tuplize_dict(data_dict):
    tuplized = {}
    for key, value in data_dict.items():
        tuplized[tuple(key.split("__"))] = value
    ordered = {}
    for key in sorted(tuplized.keys()):
        ordered[key] = tuplized[key]
    return ordered


def clean_dict(data_dict):
    for value in data_dict.values():
        if isinstance(value, list):
            value[:] = [item for item in value if item]
    return data_dict


def first_value(params):
    """Not a rebuild: one value read out of the mapping."""
    for key in params:
        return params[key]
    return None


@app.post("/user/edit")
def flask_rebuilt_form():
    # helpers that give the form back rebuilt keep it the request's fields: its keys are collects,
    # and the form is taken whole once, where the innermost call reads it
    # ruleid: python.request.body user.content
    data_dict = clean_dict(tuplize_dict(parse_params(flask_request.form)))
    # ruleid: python.request.field user.contact.email
    email = data_dict["email"]
    # ruleid: python.request.field user.authorization.credentials
    changed = data_dict.get("password1") and data_dict.get("password2")
    # the form passed whole to a helper that reads one value out of it, not a rebuild
    # ruleid: python.request.body user.content
    first = first_value(flask_request.form)
    # ok: python.request.field
    return jsonify(email=email, changed=bool(changed), first=first["email"])


@app.post("/avatar")
def flask_upload():
    # ruleid: python.request.upload user.content
    avatar = flask_request.files["avatar"]
    # ruleid: python.request.upload user.content
    attachments = flask_request.files.getlist("attachments")
    store_upload(avatar, attachments)
    return "", 204


@app.get("/whoami")
def flask_metadata():
    # ruleid: python.request.client-ip user.device.ip_address
    ip = flask_request.remote_addr
    # ruleid: python.request.client-ip user.device.ip_address
    forwarded = flask_request.headers.get("X-Forwarded-For", ip)
    # ruleid: python.request.device user.device
    agent = flask_request.user_agent.string
    # ruleid: python.request.header user.device
    language = flask_request.headers.get("Accept-Language")
    # ok: python.request.header
    content_type = flask_request.headers.get("Content-Type")
    # ok: python.request.field
    # ok: python.request.header
    path = flask_request.path
    # ruleid: python.geoip.lookup user.location
    city = geoip.city(ip)
    return jsonify(ip=forwarded, agent=agent, language=language, type=content_type, path=path, city=city.city.name)


@app.get("/preferences")
def flask_cookies():
    # the application's own cookie (set below): reading it is not a collect
    # ok: python.request.cookie
    theme = flask_request.cookies.get("theme", "light")
    # a cookie of another party, read by the application: a collect of its identifier
    # ruleid: python.request.cookie user.device.cookie_id
    ga_cookie = flask_request.cookies.get("_ga")
    # a CSRF token set by a sign-in widget's script identifies no one
    # ok: python.request.cookie
    csrf_cookie = flask_request.cookies.get("g_csrf_token")
    response = jsonify(theme=theme, tracked=bool(ga_cookie), csrf=bool(csrf_cookie))
    # a colour scheme read back from the application's own cookie is no identifier
    # ruleid: python.cookie.set-cookie - cookie=theme
    response.set_cookie("theme", theme, max_age=86400, samesite="Lax")
    return response


# --- Django and Django REST framework ------------------------------------------------------------

def django_register(request):
    if request.method != "POST":
        return JsonResponse({}, status=405)
    # ruleid: python.request.field user.contact.email
    email = request.POST["email"]
    # ruleid: python.request.field user.name.last
    last_name = request.POST.get("last_name", "")
    # ruleid: python.request.field user.behavior.search_history
    query = request.GET.get("search_query")
    # ruleid: python.request.client-ip user.device.ip_address
    ip = request.META.get("REMOTE_ADDR")
    # ruleid: python.request.client-ip user.device.ip_address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0]
    # ruleid: python.request.header user.device
    agent = request.headers["User-Agent"]
    # ruleid: python.request.upload user.content
    resume = request.FILES["resume"]
    # ok: python.request.header
    host = request.META["HTTP_HOST"]
    # the logged-in user is data already held: not a collect
    # ok: python.request.field
    known_email = request.user.email
    save_profile(email=email, last_name=last_name, query=query, ip=ip or forwarded, agent=agent, host=host,
                 resume=resume, changed=email != known_email)
    return JsonResponse({"ok": True})


def django_json_body(request: HttpRequest):
    body = json.loads(request.body)
    # ruleid: python.request.field user.content
    comment = body["comment"]
    # ruleid: python.request.field user.contact.address.postal_code
    postcode = body.get("postal_code")
    return JsonResponse({"comment": comment[:10], "postcode": postcode})


def decode_and_loads(input_str):
    """utf-8 decodes the input, then runs json loads (askbot's own body parser)"""
    return json.loads(input_str.decode("utf-8"))


def django_json_body_parsed_by_a_helper(request: HttpRequest):
    # a function of the project that only returns its parameter parsed parses the body as
    # `json.loads(request.body)` does: the keys read are the collects, the body is not taken whole
    # ok: python.request.body
    post_data = decode_and_loads(request.body)
    # ruleid: python.request.field user.content
    comment = post_data["comment"]
    # ok: python.request.field
    tag_name = post_data["tag_name"]
    return JsonResponse({"comment": comment[:10], "tag": tag_name})


def django_json_body_parsed_and_kept(request: HttpRequest):
    # ... and a body so parsed and then used whole is taken whole where it was bound
    # ruleid: python.request.body user.content
    post_data = decode_and_loads(request.body)
    save_profile(**post_data)
    return JsonResponse({"ok": True})


def django_pick_by_posted_id(request: HttpRequest):
    post_data = json.loads(request.body)
    # a field given as a lookup's `pk=` or `id=` is the key of the record it picks, which refers to
    # the record as a foreign key does (askbot's moderation views pick a user and a reason by id)
    # ok: python.request.field
    user = get_object_or_404(User, pk=post_data["user"])
    # ok: python.request.field
    reason = Reason.objects.get(id=request.POST["reason"])
    # the same field given by another keyword is compared, not picked by its key
    # ruleid: python.request.field user.contact.email
    invited = User.objects.filter(email=post_data["email"]).first()
    # ruleid: python.request.field user.content
    reason.text = post_data["reason"]
    return JsonResponse({"user": user.pk, "invited": invited.pk, "reason": reason.pk})


def flask_edit_user_cell(user):
    # a field read by a key that says nothing (a table's edited cell, posted as `value`), given to a
    # function whose name says it takes a datum as it is, or to a parameter named for one: that datum
    # (calibreweb's user table, octoprint's change of password)
    vals = flask_request.form.to_dict()
    # ruleid: python.request.field user.account.username
    user.name = check_username(vals["value"])
    # ruleid: python.request.field user.contact.email
    user.kindle_mail = valid_email(vals["value"]) if vals["value"] else ""
    # ruleid: python.request.field user.authorization.credentials
    if not user_manager.check_password(user.name, vals["current"]):
        return jsonify(error="wrong password"), 403
    # ruleid: python.request.field user.contact.email
    invite(user, email=vals["value"])
    # a function that finds or sends by the value is not given the datum it names
    # ok: python.request.field
    found = get_user(vals["value"])
    # ok: python.request.field
    send_email(vals["value"])
    # nor is a parameter that refers to a user's record
    # ok: python.request.field
    update_user(user_id=vals["value"])
    return jsonify(found=found.id)


def flask_table_settings(user):
    # a body stored whole as an item of an object's attribute is stored, as it is assigned to the
    # attribute itself (calibreweb's table settings saved on the user's record)
    # ruleid: python.request.body user.content
    user.view_settings["table"] = json.loads(flask_request.data)
    # an item of the function's own dict says nothing yet; one field of the body is read by its key
    settings = {}
    # ok: python.request.body
    settings["table"] = flask_request.form
    # ok: python.request.field
    user.view_settings["sort"] = flask_request.form["sort"]
    return jsonify(sorted(settings))


@router.get("/files/{file_id}")
async def get_file(
    file_id: str,
    # a flag named for content does not carry content
    # ok: python.fastapi.form-field
    attachment: bool = Query(False),
    # ok: python.fastapi.form-field
    content: bool = Query(True),
):
    return {"id": file_id, "attachment": attachment, "content": content}


@router.post("/audio/speech")
async def speech_raw_json(request: Request):
    # a project's JSON codec (`JSONCodec.loads`, a class's static method) parses the body: its keys
    # are read by name, and the body bound whole is still taken whole
    # ruleid: python.request.body user.content
    body = await request.body()
    payload = JSONCodec.loads(body)
    # ruleid: python.request.field user.content
    text = payload.get("input")
    return {"text": text}


@router.post("/profile/import")
async def import_profile_schema(request: Request):
    # `loads` of a schema instance validates against the schema's declared fields: not a collect here
    # ok: python.request.body
    raw = await request.body()
    profile = ProfileSchema().loads(raw)
    return {"ok": bool(profile)}


def django_raw_body(request):
    # ruleid: python.request.body user.content
    store_upload(request.body)
    return JsonResponse({"ok": True})


class ProfileView(APIView):
    def post(self, request):
        # ruleid: python.request.field user.contact.email
        email = request.data.get("email")
        # ruleid: python.request.field user.contact.phone_number
        phone = request.query_params.get("phone")
        return Response({"email": email, "phone": phone})

    def put(self, request):
        # ok: python.request.body
        # (the body is handed to a serializer, whose declared fields are the collects;
        # the whole body is not taken as user content)
        serializer = ProfileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # fields that arrive through a serializer are collected where it declares them
        # ok: python.request.field
        email = serializer.validated_data["email"]
        return Response({"email": email})


# --- FastAPI and Starlette ---------------------------------------------------------------------

class SignupRequest(BaseModel):
    # ruleid: python.pydantic.field user.contact.email
    email: str
    # ruleid: python.pydantic.field user.authorization.credentials
    password: str


def check_captcha(request: CKANRequest) -> None:
    """A project's own request class (a LocalProxy subclass of another module): the request."""
    # ruleid: python.request.client-ip user.device.ip_address
    client_ip = request.environ.get("REMOTE_ADDR", "unknown")
    verify_captcha(client_ip, request.form.get("g-recaptcha-response", ""))


def signup_reply(request: SignupRequest) -> str:
    """A parameter named `request` whose type is a schema is that schema's instance."""
    # ok: python.request.field
    return f"welcome {request.email[:1]}"


@router.post("/chat")
async def chat(request: Request):
    data = await request.json()
    # ruleid: python.request.field user.content
    prompt = data["prompt"]
    # the detection contract's example
    # ruleid: python.request.field user.content
    message = data["message"]
    # ruleid: python.request.client-ip user.device.ip_address
    client_ip = request.client.host
    # ruleid: python.request.header user.device
    agent = request.headers.get("user-agent")
    # ok: python.request.header
    request_id = request.headers.get("x-request-id")
    return {"prompt": prompt[:20], "message": message[:20], "ip": client_ip, "agent": agent, "id": request_id}


@router.get("/auth/oauth/{provider_id}/callback")
# the code an OAuth callback is given is a credential; its state is the app's own nonce
# ruleid: python.fastapi.query-parameter user.authorization.credentials
async def oauth_callback(provider_id: str, code: str, state: str):
    return {"provider": provider_id, "ok": bool(code and state)}


async def validate_grant_request(
    # a dependency that reads an OAuth token request (it takes `grant_type`): the code beside it is the
    # authorization code being exchanged, whatever the function's name
    # ruleid: python.fastapi.form-field user.authorization.credentials
    code: str | None = Form(None),
    # ok: python.fastapi.form-field
    redirect_uri: str | None = Form(None),
    grant_type: str = Depends(get_grant_type),
):
    return code, redirect_uri, grant_type


async def validate_discount_request(
    # near-miss: no grant type beside it, a code is a voucher's
    # ok: python.fastapi.form-field
    code: str | None = Form(None),
    kind: str = Depends(get_grant_type),
):
    return code, kind


@router.get("/authorize")
async def authorize(
    # OpenID Connect's login hint: the identifier the client pre-fills, an e-mail address
    # ruleid: python.fastapi.form-field user.contact.email
    login_hint: str | None = Query(None),
    # ok: python.fastapi.form-field
    nonce: str | None = Query(None),
):
    return login_hint, nonce


class TrustedProxyMiddleware:
    """A pure ASGI middleware: the connection scope it is called with is the request's."""

    def __init__(self, app, trusted_hosts):
        self.app = app
        self.trusted_hosts = trusted_hosts

    async def __call__(self, scope: starlette.types.Scope, receive, send) -> None:
        # the client's (host, port)
        # ruleid: python.request.client-ip user.device.ip_address
        client_addr = scope.get("client")
        # the scope's other keys are the connection's own
        # ok: python.request.client-ip
        kind = scope["type"]
        if kind == "http" and client_addr and client_addr[0] in self.trusted_hosts:
            pass
        await self.app(scope, receive, send)


@router.get("/connection")
async def connection_info(request: Request):
    # Starlette's request.scope is that dict
    # ruleid: python.request.client-ip user.device.ip_address
    host, _port = request.scope["client"]
    # ok: python.request.client-ip
    path = request.scope.get("path")
    return {"host": host, "path": path}


@router.get("/discounts")
async def discount(code: str):
    """Elsewhere a `code` is a code: a voucher's, a country's."""
    return {"code": code}


# Paths named by module constants, alone or joined to literals (zenml's `@router.put(ACTIVATE)`,
# `@router.get("/{user_id}" + SESSIONS)`): routes all the same; the literal parts hold the path's parameters.
PHONE = "/api/phone"
SESSIONS = "/sessions"


@router.post(PHONE + "/verify")
# ruleid: python.fastapi.query-parameter user.authorization.credentials
async def verify_phone_otp(code: str):
    return {"ok": bool(code)}


@router.get("/users/{user_id}" + SESSIONS)
# a path parameter: it picks the record, nothing is received
# ok: python.fastapi.query-parameter
async def list_user_sessions(user_id: str):
    return {"user": user_id}


@router.post("/api/phone/verify")
# the code typed to finish a one-time-password step is a credential
# ruleid: python.fastapi.query-parameter user.authorization.credentials
async def verify_mobile_otp(code: str, client: str | None = None):
    return {"ok": bool(code), "client": client}


@router.delete("/api/tokens")
# the token a DELETE names is the record to remove: nothing is received
# ok: python.fastapi.query-parameter
async def delete_token(token: str):
    return {"deleted": token}


@router.delete("/users/{id}")
async def delete_account(
    id: str,
    # the password a person confirms the removal of their account with is received
    # ruleid: python.fastapi.form-field user.authorization.credentials
    password: str | None = Body(None, description="The user's current password"),
    # ok: python.fastapi.form-field
    delete_files: bool = Body(False),
):
    return {"deleted": id}


@router.post("/users")
async def create_account(
    # ruleid: python.fastapi.form-field user.contact.email
    email: str = Body(...),
    # a route that creates or updates the person its path ends with: a `name` posted there is theirs
    # ruleid: python.fastapi.form-field user.name
    name: str | None = Body(None),
    # ok: python.fastapi.form-field
    is_superuser: bool = Body(False),
):
    return {"email": email, "name": name}


@router.post("/users/{id}/api-keys")
async def create_account_api_key(
    id: str,
    # the path ends with the API key: the name is the key's label, not the person's
    # ok: python.fastapi.form-field
    name: str | None = Body(None),
):
    return {"id": id, "name": name}


@router.get("/users")
async def list_accounts(
    # a listing's filter picks records: read as the request's, where `name` says nothing
    # ok: python.fastapi.query-parameter
    name: str | None = None,
    # ok: python.fastapi.form-field
    ids: list[str] = Query([]),
):
    return {"name": name, "ids": ids}


@router.get("/end_user/info")
# the customer's id in the query picks the record to show, as a path segment would
# ok: python.fastapi.form-field
async def end_user_info(end_user_id: str = Query(description="End User ID in the request parameters")):
    return {"id": end_user_id}


@router.get("/end_user/daily/activity")
async def customer_daily_activity(
    # ids that pick whose activity to list, and whose to leave out
    # ok: python.fastapi.query-parameter
    end_user_ids: str | None = None,
    # ok: python.fastapi.query-parameter
    exclude_end_user_ids: str | None = None,
    # ruleid: python.fastapi.query-parameter user.contact.email
    email: str | None = None,
):
    return {"ids": end_user_ids, "exclude": exclude_end_user_ids, "email": email}


@router.post("/sso/link")
# an id an identity provider issued is the person's id there, taken in
# ruleid: python.fastapi.query-parameter user.unique_id
async def link_sso_account(sso_user_id: str):
    return {"linked": sso_user_id}


@router.post("/api/tokens/check")
# ruleid: python.fastapi.query-parameter user.authorization.credentials
async def check_token(token: str):
    return {"ok": bool(token)}


@router.patch("/api/chat/title")
async def set_conversation_title(
    # a conversation's title is what the person names it
    # ruleid: python.fastapi.query-parameter user.content
    title: str,
    # ok: python.fastapi.query-parameter
    conversation_id: str | None = None,
):
    return {"title": title, "id": conversation_id}


@router.patch("/api/books/title")
# a book's title is the catalogue's
# ok: python.fastapi.query-parameter
async def set_book_title(title: str, book_id: str):
    return {"title": title, "id": book_id}


@router.post("/api/automation")
async def post_automation(
    # ruleid: python.fastapi.query-parameter user.behavior
    q: str,
    # ruleid: python.fastapi.query-parameter user.contact.address.city
    city: str | None = None,
    # beside a city, where the person is: the region, country and timezone sent with it
    # ruleid: python.fastapi.query-parameter user.contact.address.state
    region: str | None = None,
    # ruleid: python.fastapi.query-parameter user.contact.address.country
    country: str | None = None,
    # ruleid: python.fastapi.query-parameter user.location.coarse
    timezone: str | None = None,
):
    return {"q": q, "where": (city, region, country, timezone)}


@router.get("/api/holidays")
async def holidays(
    # without a city, a region, a country and a timezone are a filter
    # ok: python.fastapi.query-parameter
    region: str | None = None,
    # ok: python.fastapi.query-parameter
    country: str | None = None,
    # ok: python.fastapi.query-parameter
    timezone: str = "UTC",
):
    return {"where": (region, country, timezone)}


@router.get("/search")
# ruleid: python.fastapi.query-parameter user.behavior
async def search(q: str, client: str | None = None):
    """A submitted `client` names the app a request comes from (web, desktop): not an address."""
    return {"q": q, "client": client}


@router.post("/feedback")
async def feedback(request: Request):
    # ruleid: python.request.body user.content
    form = await request.form()
    await save_profile(feedback=form)
    return {"ok": True}


@router.post("/profile")
async def update_profile(
    # ruleid: python.fastapi.form-field user.contact.email
    email: str = Form(...),
    # ruleid: python.fastapi.form-field user.name
    full_name: Annotated[str, Form()] = "",
    # ruleid: python.fastapi.upload user.content
    avatar: UploadFile = File(...),
    # ruleid: python.fastapi.header user.device
    user_agent: str | None = Header(None),
    # ruleid: python.fastapi.header user.device.ip_address
    forwarded_for: Annotated[str | None, Header(alias="X-Forwarded-For")] = None,
    # ok: python.fastapi.header
    x_request_id: str | None = Header(None),
    # ruleid: python.fastapi.query-parameter user.contact.phone_number
    phone: str | None = None,
    # ok: python.fastapi.query-parameter
    page: int = 1,
    # ok: python.fastapi.query-parameter
    db=Depends(get_db),
    # ok: python.fastapi.query-parameter
    session_id: str | None = Cookie(None),
):
    await save_profile(email=email, name=full_name, avatar=avatar, agent=user_agent, ip=forwarded_for,
                       phone=phone, page=page, db=db, session=session_id, request_id=x_request_id)
    return {"ok": True}


@router.api_route("/v1/{endpoint:path}", methods=["GET", "POST"])
async def relay_anything(request: Request, endpoint: str):
    # the raw body bound once and passed on as `body if body else None`: taken whole where bound,
    # not again where it is passed on
    # ruleid: python.request.body user.content
    body = await request.body()
    async with httpx.AsyncClient() as client:
        # ok: python.request.body
        response = await client.request(method=request.method, url=f"{settings.RELAY_BASE}/{endpoint}",
                                        content=body if body else None)
    return response.content


async def trace_request_headers(request: Request, span):
    # the headers a loop goes through, listed in the code: each is read (Letta's tracing middleware)
    header_attributes = {"user_id": "user.id", "x-project-id": "project.id", "user-agent": "client"}
    for header_key, span_key in header_attributes.items():
        # ruleid: python.request.header user.device,user.unique_id
        header_value = request.headers.get(header_key)
        if header_value:
            span.set_attribute(span_key, header_value)
    for key in ("x-request-id", "x-project-id"):
        # listed headers that name nothing personal
        # ok: python.request.header
        span.set_attribute(key, request.headers.get(key))


def acting_headers(
    # a custom header the table does not list is read by its name, as `request.headers.get(...)` is
    # (Letta's `get_headers` dependency: the user the caller acts as, its client's key)
    # ruleid: python.fastapi.header user.unique_id
    actor_id: str | None = Header(None, alias="user_id"),
    # ruleid: python.fastapi.header user.authorization.credentials
    provider_key: str | None = Header(None, alias="anthropic-api-key"),
    # ok: python.fastapi.header
    project_id: str | None = Header(None, alias="X-Project-Id"),
    # ok: python.fastapi.header
    sdk_version: str | None = Header(None, alias="X-Stainless-Package-Version"),
) -> dict[str, str | None]:
    return {"actor": actor_id, "key": provider_key, "project": project_id, "sdk": sdk_version}


@router.get("/search")
async def search_users(
    # ruleid: python.fastapi.form-field user.contact.email
    email: Annotated[str | None, Query(max_length=320)] = None,
    # the alias is the field's name in the request: a search query is behaviour
    # ruleid: python.fastapi.form-field user.behavior
    search_query: str = Query("", alias="q"),
    # ok: python.fastapi.form-field
    limit: int = Query(20, le=100),
):
    return {"email": email, "q": search_query, "limit": limit}


@router.get("/users/{user_id}")
async def get_user(user_id: int, db=Depends(get_db)):
    # a path segment and a dependency: nothing is collected (no annotation needed, none found)
    return await db.get(user_id)


@router.post("/signup")
async def signup(body: SignupRequest):
    # fields of a declared model are collected where the model declares them
    # ok: python.request.field
    email = body.email
    return {"email": email}


# --- aiohttp, Tornado, Falcon ----------------------------------------------------------------

async def aiohttp_subscribe(request: web.Request) -> web.Response:
    data = await request.post()
    # ruleid: python.request.field user.contact.email
    email = data["email"]
    # ruleid: python.request.client-ip user.device.ip_address
    peer = request.remote
    return web.json_response({"email": email, "peer": peer})


class ProvisioningAPI:
    """A helper that returns the body it parses (mautrix-telegram's `get_data`): the body is taken
    whole where it is returned, and again, by the helper rule, where a caller binds it."""

    @staticmethod
    async def get_data(request: web.Request) -> dict | None:
        try:
            # ruleid: python.request.body user.content
            return await request.json()
        except ValueError:
            return None

    @staticmethod
    def get_phone(request: web.Request) -> str:
        # one field returned: that field's read, not the body
        # ruleid: python.request.field user.contact.phone_number
        return request.query["phone"]

    @staticmethod
    def wants_json(request: web.Request) -> bool:
        # ok: python.request.body
        return request.content_type == "application/json"


class LoginProvisioningAPI:
    """A helper that returns the request's body as one item of a tuple, with the user it looks up and
    an error (mautrix-telegram's `get_user_request_info`): a caller that unpacks it holds the body under
    the name at that position, whose keys are field reads there; a body never used is not taken."""

    @staticmethod
    async def get_data(request: web.Request) -> dict | None:
        try:
            # ruleid: python.request.body user.content
            return await request.json()
        except ValueError:
            return None

    async def get_user_request_info(self, request: web.Request, want_data: bool = True):
        if not self.authorized(request):
            return None, None, web.json_response({}, status=401)
        data = None
        if want_data and request.method == "POST":
            # handed back inside a tuple display: taken whole where bound (the helper rule)
            # ruleid: python.request.body user.content
            data = await self.get_data(request)
        user = await self.lookup_user(request.match_info["mxid"])
        return data, user, None

    async def lookup_session(self, request: web.Request):
        # something else taken from the request (a session looked up by its id in the path): no body
        session = await self.sessions.get(request.match_info["session"])
        return session, None

    async def send_phone(self, request: web.Request) -> web.Response:
        # ok: python.request.body
        data, user, err = await self.get_user_request_info(request)
        if err is not None:
            return err
        # ruleid: python.request.field user.contact.phone_number
        return await user.request_code(data.get("phone"))

    async def send_password(self, request: web.Request) -> web.Response:
        data, user, err = await self.get_user_request_info(request)
        # ruleid: python.request.field user.authorization.credentials
        password = data.get("password", "")
        # a generic key stays what the classifier says it is
        # ok: python.request.field
        tag = data.get("value")
        return await user.sign_in(password, tag)

    async def logout(self, request: web.Request) -> web.Response:
        # the body is not wanted, bound to `_`: not taken
        # ok: python.request.body
        _, user, err = await self.get_user_request_info(request, want_data=False)
        return err or await user.log_out()

    async def forward(self, request: web.Request) -> web.Response:
        # the body handed on whole: taken whole where it is unpacked
        # ruleid: python.request.body user.content
        data, user, err = await self.get_user_request_info(request)
        return await user.relay(data)

    async def whoami(self, request: web.Request) -> web.Response:
        session, err = await self.lookup_session(request)
        # ok: python.request.field
        return web.json_response({"phone": session.get("phone")})


class TornadoSignupHandler(RequestHandler):
    def post(self):
        # ruleid: python.request.field user.contact.email
        email = self.get_argument("email")
        # ruleid: python.request.client-ip user.device.ip_address
        ip = self.request.remote_ip
        # ruleid: python.request.header user.device
        agent = self.request.headers.get("User-Agent")
        self.write({"email": email, "ip": ip, "agent": agent})


class SpawnOptionsHandler(RequestHandler):
    """A form copied value by value is the form taken whole (JupyterHub's spawn options form)."""

    def post(self):
        form_options = {}
        # ruleid: python.request.body user.content
        for key, byte_list in self.request.body_arguments.items():
            form_options[key] = [bs.decode("utf8") for bs in byte_list]
        # the names of the fields sent, not what was written in them
        # ok: python.request.body
        sent = [key for key in self.request.body_arguments.keys()]
        # ok: python.request.body
        for key in self.request.query_arguments:
            sent.append(key)
        return form_options, sent


class FormLoginHandler(RequestHandler):
    """Every field of the login form, read by the keys the person sent (JupyterHub's LoginHandler)."""

    async def post(self):
        data = {}
        for arg in self.request.body_arguments:
            if arg == "_xsrf":
                continue
            # ruleid: python.request.body user.content
            data[arg] = self.get_argument(arg, strip=arg == "username")
        # a key chosen from a list of the app's own: no field read by it
        for name in ("next", "lang"):
            # ok: python.request.field
            data[name] = self.get_argument(name, "")
        return data


class APIHandler(RequestHandler):
    """A project's base handler parses the body (JupyterHub's `APIHandler.get_json_body`); its
    subclasses call the method on `self`, here or in another module."""

    def get_json_body(self):
        if not self.request.body:
            return None
        # ruleid: python.request.body user.content
        body = self.request.body.strip().decode("utf-8", "replace")
        return json.loads(body)


class _GroupAPIHandler(APIHandler):
    pass


class GroupUsersAPIHandler(_GroupAPIHandler):
    """`self.m()` of a method a base two classes up defines: what it returns, the request body."""

    def post(self, group_name):
        data = self.get_json_body()
        # ruleid: python.request.field user.contact.email
        return group_name, data["email"]

    def delete(self, group_name):
        """The names of existing users posted to a group's handler (its last parameter names the
        group) select the members to take out, as posted ids do: not a collect."""
        data = self.get_json_body()
        # ok: python.request.field
        for name in data["users"]:
            self.remove_member(group_name, name)


class UserListAPIHandler(APIHandler):
    """The same key posted to a handler of users, not of a group, names the users to create."""

    def post(self):
        data = self.get_json_body()
        # ruleid: python.request.field user.account.username
        usernames = data["users"]
        return usernames


class UserServerAPIHandler(APIHandler):
    """`super().m()` in an override reaches the base's method; `self.m()` reaches the override."""

    def get_json_body(self):
        body = super().get_json_body() or {}
        # ruleid: python.request.field user.account.username
        return body.get("username")


class NamedServerAPIHandler(APIHandler):
    """A handler of a server (its class's head word without Handler and API): the display name
    posted is the server's; a person's login name posted to it is still a collect (above)."""

    def put(self, user_name):
        body = self.get_json_body()
        # ok: python.request.field
        display_name = body.get("display_name")
        return user_name, display_name


class SpawnHandler(RequestHandler):
    """A handler whose last parameter names a server addresses that server."""

    def get(self, user_name=None, server_name=""):
        # ok: python.request.field
        display_name = self.request.arguments.get("display_name")
        return user_name, server_name, display_name


class UserAPIHandler(APIHandler):
    """A display name posted to a handler of a user is the person's."""

    def patch(self, user_name):
        body = self.get_json_body()
        # ruleid: python.request.field user.name
        return user_name, body["display_name"]


class ServiceAPIHandler(APIHandler):
    """An override that parses nothing wins over the base's method."""

    def get_json_body(self):
        return {"email": "hub@example.org"}

    def post(self):
        data = self.get_json_body()
        # ok: python.request.field
        return data["email"]


class HubAuth:
    """Header names the class gives as literals are what `self.<name>` reads in its methods."""

    auth_header_name = "Authorization"
    content_header_name = "Content-Type"

    def get_token(self, handler):
        # ruleid: python.request.header user.authorization.credentials
        token = handler.request.headers.get(self.auth_header_name, "")
        # ok: python.request.header
        kind = handler.request.headers.get(self.content_header_name, "")
        return token, kind


class PAMAuthenticator:
    """A Tornado app's hooks are handed the RequestHandler (JupyterHub's authenticators, its services' auth)."""

    def is_admin(self, handler, username):
        # ruleid: python.request.client-ip user.device.ip_address
        peer = handler.request.remote_ip
        # what was asked for, not who asked
        # ok: python.request.field
        method = handler.request.method
        return peer, method

    def get_token(self, handler):
        # ruleid: python.request.field user.authorization.credentials
        return handler.get_argument("token", "")


class FalconContactResource:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        # ruleid: python.request.field user.contact.phone_number
        phone = req.get_param("phone")
        # ruleid: python.request.field user.contact.email
        email = req.media.get("email")
        # ruleid: python.request.client-ip user.device.ip_address
        ip = req.remote_addr
        resp.media = {"phone": phone, "email": email, "ip": ip}


# --- Pyramid (WebOb's request) and its event subscribers --------------------------------------------

@view_config(route_name="signup", request_method="POST", renderer="json")
def pyramid_signup(request):
    # ruleid: python.request.field user.contact.email
    email = request.json_body["email"]
    # ruleid: python.request.field user.account.username
    username = request.params.get("username")
    # a URL path variable picks the record, like a foreign key
    # ok: python.request.field
    user_id = request.matchdict["user_id"]
    # ruleid: python.request.client-ip user.device.ip_address
    ip = request.client_addr
    return {"email": email, "username": username, "user_id": user_id, "ip": ip}


@view_config(route_name="records", request_method="POST", renderer="json")
def pyramid_create_record(request: Any):
    """A loosely typed request (`request: Any`, Kinto's views) is read by its name."""
    # ruleid: python.request.body user.content
    data = request.json_body
    save_profile(data)
    return {}


def extract_cstruct(request):
    """Cornice's validators take the body whole before a colander schema reads it, a form body as a
    dict of WebOb's MultiDict (`mixed()`)."""
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        # ruleid: python.request.body user.content
        body = request.POST.mixed()
    else:
        # ruleid: python.request.body user.content
        body = request.json_body
    return {"method": request.method, "path": request.matchdict, "body": body}


@subscriber(NewRequest)
def add_localizer(event):
    """Pyramid hands a subscriber the event; the request being handled is its `request`."""
    request = event.request
    # ruleid: python.request.attribute user.device
    request.locale_name = request.accept_language.lookup(["en", "fr"], default="en")


def on_new_request(event):
    """Registered by `config.add_subscriber(on_new_request, NewRequest)` (Kinto's request summary)."""
    request = event.request
    # ruleid: python.request.header user.device
    agent = request.headers.get("User-Agent")
    # a method the project adds to its request (`config.add_request_method`) is given the body whole
    # ruleid: python.request.body user.content
    request.log_context(agent=agent, body=request.body)
    # what was asked for, not who asked
    # ok: python.request.field
    path = event.request.path
    # the framework's own members keep what they are given
    # ok: python.request.body
    request.response.headers.update(request.POST)
    return path


def on_new_response(event: NewRequest):
    # ruleid: python.request.client-ip user.device.ip_address
    return event.request.remote_addr


class BasicAuthPolicy:
    """Pyramid's reader of the Authorization header's Basic credentials: the call is the collect."""

    def unauthenticated_userid(self, request):
        # ruleid: python.request.credentials user.account.username,user.authorization.credentials
        credentials = base_auth.extract_http_basic_credentials(request)
        if credentials:
            username, password = credentials
            return username
        return None


@view_config(route_name="openid_login", request_method="GET")
def openid_login(request):
    """An OpenID Connect authorization request: beside its `scope`, `prompt` is the protocol's own
    (none, login, consent), not a person's text."""
    scope = request.GET["scope"]
    # ok: python.request.field
    prompt = request.GET.get("prompt")
    return {"scope": scope, "prompt": prompt}


@view_config(route_name="generate", request_method="POST", renderer="json")
def generate(request):
    # ruleid: python.request.field user.content
    prompt = request.json_body["prompt"]
    return {"prompt": prompt}


# --- FastAPI security schemes and form classes ----------------------------------------------------

api_key_header = APIKeyHeader(name="x-api-key", auto_error=False)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/login")
security_router = APIRouter()


async def api_key_user(
    # ruleid: python.fastapi.credential user.authorization.credentials
    api_key: str | None = Security(api_key_header),
    # ruleid: python.fastapi.credential user.authorization.credentials
    token: str = Depends(oauth2_scheme),
    # a dependency that is not a security scheme
    # ok: python.fastapi.credential
    db=Depends(get_db),
):
    return api_key or token


async def api_key_annotated(
    # ruleid: python.fastapi.credential user.authorization.credentials
    query_key: Annotated[str | None, Security(api_key_header)],
):
    return query_key


class APIKeyAuthenticationBackend:
    """An authentication backend (Starlette's shape, argilla-server's): the scheme it holds reads the
    credential from the request it is given."""

    scheme = APIKeyHeader(name="X-Argilla-Api-Key", auto_error=False)
    # a scheme instance held but never called with a request: nothing read
    # ok: python.fastapi.credential
    fallback = api_key_header

    async def authenticate(self, request: Request):
        # ruleid: python.fastapi.credential user.authorization.credentials
        api_key: str = await self.scheme(request)
        # ok: python.fastapi.credential
        described = self.scheme.model  # the scheme's OpenAPI description, not a read
        return api_key, described


async def bearer_of(request: Request):
    # ruleid: python.fastapi.credential user.authorization.credentials
    token = await oauth2_scheme(request)
    # a scheme called without the request reads nothing
    # ok: python.fastapi.credential
    other = await oauth2_scheme(token)
    return token, other


async def current_user(
    request: Request,
    # the scheme of a backend class, as the dependency that documents it in OpenAPI
    # ruleid: python.fastapi.credential user.authorization.credentials
    _api_key: str | None = Depends(APIKeyAuthenticationBackend.scheme),
    # a class attribute that is not a scheme
    # ok: python.fastapi.credential
    db=Depends(APIKeyAuthenticationBackend.authenticate),
):
    return request, _api_key, db


@security_router.post("/login")
# ruleid: python.fastapi.form-class user.account.username,user.authorization.credentials
async def login(form_data: OAuth2PasswordRequestForm = Depends()):
    return {"username": form_data.username}


# --- request attributes that are personal data themselves --------------------------------------------

app_remote = Flask("remote")


@app_remote.get("/whoami")
def whoami():
    # ruleid: python.request.attribute user.account.username
    login_name = flask_request.remote_user
    # ruleid: python.request.attribute user.device
    languages = flask_request.accept_languages
    return jsonify(login=login_name, languages=str(languages))


def rate_limit_key(limit):
    """Flask-Limiter keyed by the login name the form posts (calibreweb's login route): the lambda
    reads the request wherever the limiter calls it, a read at its line."""
    # ruleid: python.request.field user.account.username
    return limit("3/minute", key_func=lambda: flask_request.form.get("username", "").lower())


def sort_key(rows):
    # a lambda that names no request reads none
    # ok: python.request.field
    return sorted(rows, key=lambda row: row.get("username", ""))


def negotiate_locale_of_browser(parse):
    """calibreweb's locale selector: each language the browser sent, logged when it cannot be parsed."""
    preferred = []
    # ruleid: python.request.attribute user.device
    for value in flask_request.accept_languages.values():
        try:
            preferred.append(parse(value))
        except ValueError as e:
            # all of the attribute (its `.values()`) is what was read: the browser's languages
            # ruleid: python.logging.personal-data user.device
            logger.debug('Could not parse locale "%s": %s', value, e)
    return preferred


# --- helpers that read the request for their callers ----------------------------------------------

def get_param(params, key, default=None):
    # the key is the caller's: the read is where the helper is called with a literal key
    if params and key in params:
        return params[key]
    return default


def unquote_values(data):
    return {key: unquote(value) for key, value in data.items()}


def get_all_params():
    """Every parameter of the request, wherever it was sent: its callers take the body whole."""
    # ruleid: python.request.body user.content
    params = unquote_values(flask_request.values)
    if flask_request.is_json:
        # ruleid: python.request.body user.content
        params.update(flask_request.json)
    return params


@app.before_request
def keep_request_data():
    # ruleid: python.request.body user.content
    g.request_data = get_all_params()
    # the parameters kept on the request for the views: they were taken whole on the line above
    # ok: python.request.body
    flask_request.all_data = copy.deepcopy(g.request_data)


@app.post("/auth")
def flask_auth():
    # a key of the request data kept on the request, read through the helper or directly
    # ruleid: python.request.field user.account.username
    username = get_param(flask_request.all_data, "username")
    # ruleid: python.request.field user.authorization.credentials
    password = flask_request.all_data.get("password")
    # a bare `user` submitted to a request names an account
    # ruleid: python.request.field user.account.username
    user = get_param(flask_request.all_data, "user")
    # ok: python.request.field
    realm = get_param(flask_request.all_data, "realm")
    # an id submitted to pick a user record refers to it, like a foreign key
    # ok: python.request.field
    user_id = get_param(flask_request.all_data, "userid")
    # handed on whole, the kept data is not collected again
    # ok: python.request.body
    save_profile(flask_request.all_data)
    return jsonify(ok=bool(username and password), user=user, realm=realm, user_id=user_id)


def get_request_param(request: HttpRequest, param, default=None):
    # ok: python.request.field
    return request.POST.get(param) or request.GET.get(param, default)


def django_oauth_callback(request):
    # ruleid: python.request.field user.device.device_id
    device_id = get_request_param(request, "device_id")
    # ok: python.request.field
    state = get_request_param(request, "state")
    return JsonResponse({"device": device_id, "state": state})


class ArgsMixin:
    """A resource mixin reading the request by a list of descriptors (zou's `get_args`): each
    descriptor names a field, as a string, a tuple whose first item is the name, or a dict's "name"."""

    def get_args(self, descriptors, location=None):
        # ok: python.request.field
        location = ["values", "json"] if flask_request.is_json else [location or "values"]
        sources = []
        for source_name in location:
            sources.append(getattr(flask_request, source_name))
        args = {}
        for descriptor in descriptors:
            default = None
            if isinstance(descriptor, (list, tuple)):
                name, default, *_ = descriptor
            elif isinstance(descriptor, dict):
                name = descriptor.get("name")
            else:
                name = descriptor
            args[name] = self._parse_arg(sources, name, default)
        return args

    @staticmethod
    def _parse_arg(sources, name, default):
        source = next((s for s in sources if name in s), None)
        return source.get(name) if source is not None else default


def column_labels(columns):
    # a list of descriptors the helper does not read the request by: column titles
    labels = {}
    for column in columns:
        name = column[0]
        labels[name] = column[1] if len(column) > 1 else name.title()
    return labels


def export_rows(rows, columns):
    # reads the request (its format), but the names it is given are keys of the rows
    # ok: python.request.field
    separator = flask_request.args.get("separator", ",")
    return [separator.join(str(row[column]) for column in columns) for row in rows]


def export_columns(rows, columns):
    lines = []
    for column in columns:
        lines.append(",".join(str(row[column]) for row in rows))
    return lines, flask_request.args.get("separator")


class EmailOTPResource(ArgsMixin):
    def get(self):
        # each descriptor naming personal data is a field read from the request, at its line
        args = self.get_args(
            [
                # ruleid: python.request.field user.contact.email
                ("email", None, True),
                # ok: python.request.field
                ("page", 1),
                # ok: python.request.field
                "project_id",
                # ruleid: python.request.field user.content
                {"name": "comments", "required": True, "default": []},
            ],
            location="values",
        )
        # ok: python.request.field
        labels = column_labels([("email", "E-mail"), ("phone", "Phone")])
        # ok: python.request.field
        rows = export_rows(get_db().people(), ["email", "phone"])
        # ok: python.request.field
        columns = export_columns(get_db().people(), ["email", "phone"])
        return jsonify(args=args, labels=labels, rows=rows, columns=columns)


def oauth_return(request):
    # a Django view routed from a separate urls module: its name says it is a step of signing in,
    # so the code the provider sends back is a credential; `state` is the app's own nonce
    # ok: python.request.field
    if request.GET.get("state") != request.session["oauth_state"]:
        return HttpResponseRedirect("/")
    # ruleid: python.request.field user.authorization.credentials
    return exchange_code(request.GET.get("code"))


class SSOLoginReturnView(FormView):
    def get(self, request, *args, **kwargs):
        # the class's name says it: a customer's SSO return
        # ruleid: python.request.field user.authorization.credentials
        profile = validate_authorization(request.GET.get("code"))

        def finish():
            # a nested function reads in its enclosing view's context
            # ruleid: python.request.field user.authorization.credentials
            return request.GET["code"]
        return JsonResponse({"profile": profile, "again": finish()})


class FetchAccessToken(View):
    def get(self, request):
        # a view of any name that exchanges the code for tokens itself (`grant_type=authorization_code`:
        # Tendenci's Stripe Connect return) is an OAuth callback: the code is a credential
        # ruleid: python.request.field user.authorization.credentials
        code = request.GET.get("code")
        # ok: python.request.field
        state = request.GET.get("state")
        return exchange_token({"grant_type": "authorization_code", "code": code, "state": state})


def voucher_redeem(request):
    # no step of signing in: a voucher's `code` is the shop's own
    # ok: python.request.field
    return JsonResponse({"code": request.GET.get("code")})


def int_from_request(params, key, default):
    # a helper converting one parameter of the container it is given: read where it is called
    value = params.get(key, default)
    if isinstance(value, str):
        return int(value)
    return value


def django_paginate(request: HttpRequest, objects):
    # the container handed to the helper is read by one key, not taken whole
    # ok: python.request.body
    page = int_from_request(request.GET, "page", 1)
    # ruleid: python.request.field user.demographic.date_of_birth
    age = int_from_request(request.GET, "birth_year", 0)
    # given to a helper that reads more than one key, the container is taken whole
    # ruleid: python.request.body user.content
    filters = unquote_values(request.GET)
    return objects[page:page + age], filters


class Paging:
    """alerta-server's paging helper: it reads only the paging options of the query string it is given."""

    def __init__(self, page: int, page_size: int, items: int) -> None:
        self.page, self.page_size, self.items = page, page_size, items

    @staticmethod
    def from_params(params, items):
        page = params.get("page", 1, int)
        page_size = params.get("page-size", 0, int) if "page-size" in params else params["limit"]
        return Paging(page, page_size, items)


def parse_owner(params):
    # reads a key naming a person's data: a container given here is taken whole at the call
    return {"owner": params.get("email"), "page": params.get("page")}


def filter_params(params):
    # passes the container on: not a reader of options alone
    return {"page": params.get("page"), "filters": dict(params)}


def flask_paginated_list(total):
    # the query string handed to a helper that reads only options of it (page, page size): the page's
    # options, not the query string taken whole
    # ok: python.request.body
    paging = Paging.from_params(flask_request.args, total)
    args = flask_request.args
    # ok: python.request.body
    again = Paging.from_params(args, items=total)
    # a helper that also reads a personal key: taken whole, as before
    # ruleid: python.request.body user.content
    owner = parse_owner(flask_request.args)
    # a helper that passes it on: taken whole
    # ruleid: python.request.body user.content
    filters = filter_params(flask_request.args)
    # a body (not the query string) handed to the same helper: the body convention's body passed on
    # ruleid: python.request.body user.content
    posted = Paging.from_params(flask_request.json, total)
    return jsonify(page=paging.page, again=again.page, owner=owner, filters=filters, posted=posted.page)


def django_client_ip(request: HttpRequest):
    # a header named in the settings, by a name that says what it carries
    trusted_client_ip_header = settings.TRUSTED_CLIENT_IP_HEADER
    if trusted_client_ip_header:
        # ruleid: python.request.client-ip user.device.ip_address
        return request.headers.get(trusted_client_ip_header)
    # ok: python.request.header
    token = request.headers.get(settings.CSRF_HEADER_NAME)
    return token


# the header an authenticating proxy sends, named by a literal: read by the literal
PROXY_EMAIL_HEADER = "X-Auth-Request-Email"


@router.post("/auths/signin")
async def trusted_header_signin(request: Request):
    """Headers a trusted proxy sets, named in environment settings: read by the setting's name."""
    if WEBUI_AUTH_TRUSTED_EMAIL_HEADER:
        if WEBUI_AUTH_TRUSTED_EMAIL_HEADER not in request.headers:
            raise ValueError("missing trusted header")
        # ruleid: python.request.header user.contact.email
        email = request.headers[WEBUI_AUTH_TRUSTED_EMAIL_HEADER].lower()
        name = email
        if WEBUI_AUTH_TRUSTED_NAME_HEADER:
            # the proxy's `name` is the signed-in user's
            # ruleid: python.request.header user.name
            name = unquote(request.headers.get(WEBUI_AUTH_TRUSTED_NAME_HEADER, email))
        # ok: python.request.header
        groups = request.headers.get(WEBUI_AUTH_TRUSTED_GROUPS_HEADER, "").split(",")
        return {"email": email, "name": name, "groups": groups}
    # ruleid: python.request.header user.contact.email
    return {"email": request.headers.get(PROXY_EMAIL_HEADER)}


# --- request bodies taken whole into other values -------------------------------------------------

def django_authorize_redirect(request):
    # ruleid: python.request.body user.content
    return HttpResponseRedirect(f"/authorize?{request.POST.urlencode()}")


def django_serialize_request(request: HttpRequest) -> str:
    return json.dumps({
        "path": request.path,
        # ruleid: python.request.body user.content
        "POST": request.POST.urlencode(),
    })


def kb_category(request: HttpRequest, slug: str):
    # A listing's query string re-encoded into its page links (the page number popped) sends the
    # person's own filters back to them: not taken whole.
    qparams = request.GET.copy()
    qparams.pop("page", None)
    return render(request, "kb_category.html", {
        # ok: python.request.body
        "query_param_string": qparams.urlencode(),
    })


def get_next_url(request: HttpRequest):
    # pretalx's helper: the `next` link with the rest of the query string re-encoded after it
    params = request.GET.copy()
    if not (url := params.pop("next", [""])[0]):
        return None
    # ok: python.request.body
    return f"{url}?{params.urlencode()}" if params else url


class NextLoginView(FormView):
    def get_success_url(self):
        params = self.request.GET.copy()
        params.pop("next", None)
        # ok: python.request.body
        return "/" + (("?" + params.urlencode()) if params else "")

    def form_valid(self, form):
        # the helpers return a link built on the re-encoded query, not the request's fields: the
        # redirect to it takes no body whole
        # ok: python.request.body
        return redirect(self.get_success_url())


def logout_then_next(request: HttpRequest):
    # ok: python.request.body
    return redirect(get_next_url(request) or "/")


def body_link(request: HttpRequest):
    # ruleid: python.request.body user.content
    return f"/next?{request.POST.urlencode()}"


def forward_filters(request: HttpRequest):
    # a helper that returns the submitted body re-encoded hands its callers the body, as before
    # ruleid: python.request.body user.content
    return redirect(body_link(request))


def bulk_decide(request: HttpRequest):
    # pretalx's bulk review: the ticks and decisions of a listing, keyed "s-<code>", whose values
    # are only told apart from the code's own literals: no value a person wrote is read
    decided = {}
    # ok: python.request.body
    for key, value in request.POST.items():
        if not key.startswith("s-") or value not in ("accept", "reject"):
            continue
        # narrowed to the literals above: the value is one of the code's own words
        decided[key.strip("s-")] = "submission." + value + "_submission"
    # ok: python.request.body
    ticked = [key.strip("s-") for key, value in request.POST.items() if key.startswith("s-") and value == "on"]
    return render(request, "decided.html", {"decided": decided, "ticked": ticked})


def copy_fields(request: HttpRequest):
    kept = {}
    # a value kept, not only compared: every field is read
    # ruleid: python.request.body user.content
    for key, value in request.POST.items():
        if value != "":
            kept[key] = value
    return render(request, "kept.html", kept)


def public_ticket(request: HttpRequest, ticket_id: int):
    # the address a submitter types to find their own ticket
    return Ticket.objects.get(
        id=ticket_id,
        # ruleid: python.request.field user.contact.email
        submitter_email__iexact=request.POST.get("mail"),
        # ok: python.request.field
        secret_key__iexact=request.POST.get("key"),
    )


def ticket_list(request: HttpRequest):
    FILTERS = {"queue", "assigned_to", "status", "sort"}
    # only the names of the parameters sent: a set method takes a mapping's keys
    # ok: python.request.body
    filters_applied = FILTERS.intersection(request.GET)
    return render(request, "ticket_list.html", {"filters": filters_applied})


@csrf_exempt
def payment_webhook(request: HttpRequest):
    # A webhook event nests its object under "data": reading the wrappers reads no field, and
    # the body is not taken whole (its keys are read); its named fields are collected.
    # ok: python.request.body
    event_json = json.loads(request.body.decode("utf-8"))
    # ok: python.request.field
    if event_json["data"]["object"]["object"] == "charge":
        # ok: python.request.field
        objid = event_json["data"]["object"]["id"]
        # ruleid: python.request.field user.contact.email
        receipt_email = event_json["data"]["object"].get("receipt_email")
        return JsonResponse({"id": objid, "receipt": bool(receipt_email)})
    # a nested part whose keys are never read is taken whole
    # ruleid: python.request.body user.content
    attributes = json.loads(request.body)["attributes"]
    return JsonResponse({"keys": len(attributes)})


class ContextLog:
    """A telemetry record built as a dict display: the request data in it is collected where it is read."""

    def send(self, request: HttpRequest, response):
        # the record carries the query string as one of its entries: the caller does not take a body
        # ok: python.request.body
        payload = self.create_payload(request, response)
        return json.dumps(payload)

    def create_payload(self, request: HttpRequest, response):
        # ruleid: python.request.body user.content
        values = request.GET.dict()
        payload = {
            "view_name": request.resolver_match.view_name,
            "values": values,
            "status_code": response.status_code,
        }
        return payload


def track_request(response):
    """A page-view beacon read from the WSGI input stream, past the framework's parsing."""
    if flask_request.environ.get("PATH_INFO") == "/_tracking":
        # ruleid: python.request.body user.content
        payload = flask_request.environ["wsgi.input"].read().decode()
        return payload.split("&")
    # other keys of the environ are headers and server variables
    # ok: python.request.body
    length = flask_request.environ.get("CONTENT_LENGTH")
    return response, length


class ContextLogMiddleware:
    """A body parsed, with a fallback to its raw text: each binding takes it whole where it is made."""

    def __call__(self, request: HttpRequest):
        body = None
        try:
            # ruleid: python.request.body user.content
            body = json.loads(request.body)
        except ValueError:
            # ruleid: python.request.body user.content
            body = request.body.decode("utf-8")
        return self.get_response(request, body=body)


def django_profile_update(request: HttpRequest):
    # the same name bound to either body, then read by key: neither is taken whole
    if request.content_type == "application/json":
        # ok: python.request.body
        data = json.loads(request.body)
    else:
        # ok: python.request.body
        data = request.POST
    # ruleid: python.request.field user.contact.email
    return JsonResponse({"email": data.get("email")})


async def capture_request(message: ASGIReceiveEvent, chunks: list[bytes]) -> bool:
    """An ASGI middleware's hook given each message its app receives: a chunk of the request body."""
    if message["type"] == "http.request":
        # ruleid: python.request.field user.content
        chunks.append(message.get("body", b""))
    # ok: python.request.field
    return message.get("more_body", False)


def import_uploads(request: HttpRequest):
    names = []
    # every uploaded file is read
    # ruleid: python.request.body user.content
    for filename, upload in request.FILES.items():
        names.append(save_upload(filename, upload))
    return JsonResponse({"files": names})


class AccessLogMiddleware:
    """A WSGI middleware (PEP 3333; gramps-webapi's access logger): `__call__(environ, start_response)`
    is given the request's environ, and so is the method it hands it to."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        self.write_log(environ)
        return self.application(environ, start_response)

    def write_log(self, environ):
        # ruleid: python.request.client-ip user.device.ip_address
        remote_addr = environ.get("REMOTE_ADDR", "-")
        # ruleid: python.request.header user.account.username
        remote_user = environ.get("REMOTE_USER") or "-"
        # ruleid: python.request.header user.device
        agent = environ.get("HTTP_USER_AGENT", "-")
        return remote_addr, remote_user, agent


class ProcessSettings:
    def apply(self, environ):
        # an `environ` of a class that is no WSGI callable: the process's environment, not a request's
        # ok: python.request.client-ip
        return environ.get("REMOTE_ADDR")


def wsgi_app(environ, start_response):
    # ruleid: python.request.header user.device
    agent = environ.get("HTTP_USER_AGENT", "")
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [agent.encode()]


sio = socketio.AsyncServer(async_mode="asgi")


@sio.on("connect")
async def socket_connect(sid, environ, auth):
    """python-socketio's connect handler: the connecting request's environ and the client's credentials."""
    # ruleid: python.request.header user.device
    agent = environ.get("HTTP_USER_AGENT")
    # ruleid: python.request.field user.authorization.credentials
    token = auth["token"]
    return bool(agent and token)


class ReverseProxied:
    """A WSGI middleware (PEP 3333: `__call__(self, environ, start_response)`, calibreweb's
    reverse-proxy fix): the environ it is given is the request's, its keys the headers and the
    client's address."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        # ruleid: python.request.client-ip user.device.ip_address
        if not trusted_source(environ.get("REMOTE_ADDR")):
            # ruleid: python.logging.personal-data user.device.ip_address
            logger.warning("untrusted proxy source: %s",
                           # ruleid: python.request.client-ip user.device.ip_address
                           environ.get("REMOTE_ADDR"))
        # ruleid: python.request.header user.device
        agent = environ.get("HTTP_USER_AGENT")
        return self.app(environ, start_response)


def render_page(environ, template):
    """Near-miss: a parameter named `environ` of no WSGI callable (a template environment, a
    settings mapping) is no request."""
    # ok: python.request.client-ip
    return template.render(environ.get("REMOTE_ADDR"))


@sio.on("client_message")
# what a client sends over the socket is untyped data: taken whole where it arrives, its keys are fields
# ruleid: python.request.body user.content
async def socket_message(sid, payload: dict):
    # ruleid: python.request.field user.content
    text = payload["message"]
    return text


@sio.on("chat_settings_change")
# ruleid: python.request.body user.content
async def change_settings(sid, settings: dict):
    """A message collected whole where it arrives: copying all of it is no second collect."""
    kept = {}
    # ok: python.request.body
    for key, value in settings.items():
        kept[key] = value
    for key in settings:
        # ok: python.request.body
        kept[key] = settings[key]
    return kept


@sio.event
async def disconnect(sid):
    # ok: python.request.body
    return sid


# --- messages chat platforms deliver to bots ---------------------------------------------------

bot = discord.Client(intents=discord.Intents.default())


@bot.event
async def on_message(message: discord.Message):
    # ruleid: python.request.inbound user.content
    text = message.content.strip()
    # ruleid: python.request.inbound user.content
    files = message.attachments
    # the author is read on the way to their id: who they are, then their id
    # ruleid: python.request.inbound user.account.username,user.unique_id
    author_id = message.author.id
    # the channel and the message's own id are the platform's
    # ok: python.request.inbound
    await message.channel.send(f"{len(text)} {len(files)} {author_id} {message.id}")


async def on_teams_message(turn_context: TurnContext):
    # the message is the context's activity
    # ruleid: python.request.inbound user.content
    text = turn_context.activity.text
    # ruleid: python.request.inbound user.name
    person = turn_context.activity.from_property.name
    # ok: python.request.inbound
    await turn_context.send_activity(f"{person}: {text[:10]}")


async def on_telegram_update(update: telegram.Update, context):
    # ruleid: python.request.inbound user.contact.phone_number
    phone = update.message.contact
    # ok: python.request.inbound
    chat_id = update.message.chat_id
    return phone, chat_id


slack_app = AsyncApp(token="xoxb-example", signing_secret="example")


async def add_reaction(event, emoji: str = "eyes"):
    # a helper the handler hands the event to: the channel and timestamp are Slack's own ids
    # ok: python.request.inbound
    await slack_app.client.reactions_add(channel=event["channel"], timestamp=event["ts"], name=emoji)


async def process_slack_message(event, say, thread_ts: str | None = None):
    await add_reaction(event)
    # the person's id at Slack, then what they wrote and attached
    # ruleid: python.request.inbound user.unique_id
    slack_user_id = event.get("user")
    # ok: python.request.inbound
    channel_id = event["channel"]
    # ruleid: python.request.inbound user.content
    text = event.get("text")
    # ruleid: python.request.inbound user.content
    slack_files = event.get("files", [])
    await say(f"{slack_user_id} {channel_id} {len(text)} {len(slack_files)}", thread_ts=thread_ts)


@slack_app.event("app_mention")
async def handle_app_mentions(event, say):
    # ok: python.request.inbound
    thread_ts = event.get("thread_ts", event["ts"])
    await process_slack_message(event, say, thread_ts=thread_ts)


@slack_app.event("message")
async def handle_message(message, say):
    # ok: python.request.inbound
    if message.get("bot_id") or message.get("subtype") == "bot_message":
        return
    await process_slack_message(event=message, say=say)


async def handle_other_dict(event, say):
    # not a Slack handler and never handed one's event: an `event` dict of something else
    # ok: python.request.inbound
    return event.get("text")


@lamson_route("(address)@(host)", address=".+")
@stateless
def ASK(message, host=None, address=None):
    # a mail router's handler: the server calls it with each message received for the address
    parts = get_mail_parts(message)
    # ruleid: python.request.inbound user.contact.email
    from_address = message.From
    # ruleid: python.request.inbound user.content
    subject = message["Subject"].strip("\n\t ")
    # the application's own address the message was sent to
    # ok: python.request.inbound
    to = message["To"]
    return from_address, subject, parts, to


def get_mail_parts(message):
    # a function of the module the handler hands the message to reads it too
    # ruleid: python.request.inbound user.content
    return [message.body()]


def not_a_mail_handler(message):
    # a `message` of something else
    # ok: python.request.inbound
    return message.From


def django_json_text(request: HttpRequest):
    # ruleid: python.request.body user.content
    data = json.loads(request.body.decode("utf8"))
    return JsonResponse({"keys": len(data)})


class LogoutView(FormView):
    form_class = LogoutForm

    def get(self, request):
        # the view's form bound to the query: the form's declared fields are the collects
        # ok: python.request.body
        form = self.form_class(request.GET)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)


def django_login(request: HttpRequest):
    # a form class chosen in the settings, held by a name that says so: its fields are the collects
    login_form = import_string(settings.USER_LOGIN_FORM)
    # ok: python.request.body
    form = login_form(request.POST)
    # a function whose name only ends in "form" is no form
    # ruleid: python.request.body user.content
    cleaned = transform(request.POST)
    return JsonResponse({"ok": form.is_valid(), "cleaned": cleaned})


class ProfileBaseForm(forms.ModelForm):
    @classmethod
    def from_request(cls, request):
        # the form class builds itself from the posted data (weblate's `from_request`): its declared
        # fields are the collects, as `ProfileBaseForm(request.POST)` would be
        if request.method == "POST":
            # ok: python.request.body
            return cls(request.POST, instance=request.user.profile)
        return cls(instance=request.user.profile)


class WebhookEvent:
    @classmethod
    def from_request(cls, request):
        # a class that is no form: its constructor takes the submitted fields whole
        # ruleid: python.request.body user.content
        return cls(request.POST, received=timezone.now())


class PostingMiddleware:
    def get_serializer(self):
        # a serializer class picked at run time, held by a name that says so: its declared fields
        # are the collects (misago's posting endpoint)
        if self.mode == "start":
            serializer = StartThreadSerializer
        else:
            serializer = ReplySerializer
        # ok: python.request.body
        return serializer(data=self.request.data, context=self.kwargs)

    def preview(self):
        # a name that only ends in "serializer" without the underscore is no serializer
        # ruleid: python.request.body user.content
        return jsonserializer(self.request.data)


def get_disposition_formset(form):
    return forms.modelformset_factory(model=Participation, form=form, extra=0)


class DispositionView(View):
    def get_formset(self):
        # a formset class built at run time and bound to a name written as a class's (ephios's
        # disposition view): it reads the posted data field by field, and what it returns is the bound
        # formset, not the submitted fields its callers would take whole
        DispositionFormset = get_disposition_formset(self.form_class)
        # ok: python.request.body
        formset = DispositionFormset(self.request.POST or None, prefix="participations")
        return formset

    def post(self, request, *args, **kwargs):
        # ok: python.request.body
        formset = self.get_formset()
        if not formset.is_valid():
            return self.get(request, formset=formset)
        formset.save()
        return redirect("/")

    def get_context_data(self, **kwargs):
        # ok: python.request.body
        kwargs.setdefault("formset", self.get_formset())
        return kwargs

    def relay(self):
        # a name written in lower case bound at run time is no class: it takes the fields whole
        handler = get_handler(self.kind)
        # ruleid: python.request.body user.content
        return handler(self.request.POST)


class AccountAuthView(FormView):
    def get_login_form_kwargs(self, bind_data=False):
        kwargs = {"prefix": "login", "initial": {}}
        if bind_data and self.request.method in ("POST", "PUT"):
            # a form's arguments: the form's declared fields are the collects
            kwargs.update(
                {
                    # ok: python.request.body
                    "data": self.request.POST,
                    # ok: python.request.body
                    "files": self.request.FILES,
                }
            )
        return kwargs

    def audit_entry(self):
        # kept under another key, or the files under the fields' key, the request's data is taken whole
        # ruleid: python.request.body user.content
        entry = {"body": self.request.POST, "path": self.request.path}
        # ruleid: python.request.body user.content
        mixed = {"data": self.request.FILES}
        return entry, mixed


# --- websockets and security schemes of the project's own ------------------------------------------

async def websocket_api_key(websocket: WebSocket):
    api_key = (
        # ruleid: python.request.field user.authorization.credentials
        websocket.query_params.get("api_key")
        # a header name written with `_`, as clients send it
        # ruleid: python.request.header user.authorization.credentials
        or websocket.headers.get("api_key")
    )
    return api_key


async def handle_websocket_communication(websocket, manager):
    """An unannotated `websocket` in a module that imports FastAPI (gpt-researcher's handler, given the
    connection its route accepted): the framework's WebSocket, whose messages are what a person sends."""
    while True:
        # ruleid: python.request.body user.content
        data = await websocket.receive_text()
        # a preview of the same message or the message itself: used whole, reported where it was bound
        # ok: python.request.body
        # ruleid: python.print.personal-data user.content
        print(f"Received: {data[:50]}..." if len(data) > 50 else data)
        if data == "ping":
            await websocket.send_text("pong")
        await manager.broadcast(data)


class OAuth2PasswordBearerCookie(OAuth2PasswordBearer):
    async def __call__(self, request: Request) -> str | None:
        return await super().__call__(request)


oauth2_login = OAuth2PasswordBearerCookie(tokenUrl="api/v1/login", auto_error=False)


async def cookie_or_bearer_user(
    # ruleid: python.fastapi.credential user.authorization.credentials
    token: Annotated[str | None, Security(oauth2_login)],
):
    return token


# --- a mail server's handler object: aiosmtpd calls its hooks with the envelope ---------------------


class LMTPHandler:
    """GNU Mailman's LMTP server: a plain class whose hooks aiosmtpd's LMTP server calls."""

    async def handle_RCPT(self, server, session, envelope, to, rcpt_options):
        # the server's own addresses (a list's): not a person's
        # ok: python.request.inbound
        envelope.rcpt_tos.append(to)
        return "250 Ok"

    async def handle_DATA(self, server, session, envelope):
        return self._handle_DATA(server, session, envelope)

    def _handle_DATA(self, server, session, envelope):
        # the message a person posts, taken whole
        # ruleid: python.request.inbound user.content
        msg = email.message_from_bytes(envelope.content)
        # the envelope sender (MAIL FROM), each time it is read
        # ruleid: python.request.inbound user.contact.email
        msg.set_unixfrom(envelope.mail_from)
        # ruleid: python.request.inbound user.contact.email
        msg["X-MailFrom"] = envelope.mail_from
        return self._queue(msg, envelope.rcpt_tos)

    def _queue(self, msg, envelope):
        # given the recipients, not the envelope: a parameter of the same name holds nothing of it
        # ok: python.request.inbound
        return envelope.content


class DataArchive:
    """Not a hook: a method named otherwise, given an `envelope` of its own."""

    def store(self, envelope):
        # ok: python.request.inbound
        return envelope.content


# --- a mail importer reads the messages people sent to a mailbox ------------------------------------


def pop3_sync(queue, logger, server):
    """A help desk's importer, given the connection by its caller: POP3 `retr` takes a message whole."""
    messages_info = server.list()[1]
    for msg_raw in messages_info:
        msg_num = msg_raw.decode("utf-8").split(" ")[0]
        # ruleid: python.request.inbound user.content
        raw_content = server.retr(msg_num)[1]
        full_message = "\n".join(line.decode("utf-8") for line in raw_content)
        import_message(full_message, queue)
        # ok: python.request.inbound
        server.dele(msg_num)


def imap_sync(queue, server):
    status, data = server.search(None, "NOT", "DELETED")
    for num in data[0].split():
        # the whole message: RFC822, BODY[] or BODY.PEEK[]
        # ruleid: python.request.inbound user.content
        data = server.fetch(num, "(RFC822)")[1]
        import_message(data[0][1], queue)
        # only the flags and the headers: not the message
        # ok: python.request.inbound
        flags = server.fetch(num, "(FLAGS)")
        # ok: python.request.inbound
        headers = server.uid("fetch", num, "(BODY.PEEK[HEADER])")
        # ruleid: python.request.inbound user.content
        body = server.uid("fetch", num, "(BODY.PEEK[])")
        archive(flags, headers, body)


def import_message(message, queue):
    return queue.tickets.create(raw=message)


# --- a query string's keys, and the keys alone (Flask-AppBuilder's urltools) ---------------------------

def get_page_args():
    """Every `page_<view>` key of the query string: a page number per list view, not data."""
    pages = {}
    for arg in flask_request.args:
        re_match = re.findall("page_(.*)", arg)
        if re_match:
            # ok: python.request.body
            pages[re_match[0]] = int(flask_request.args.get(arg))
    return pages


def get_filter_args(filters):
    # the names of the keys sent, not what was written in them
    # ok: python.request.body
    request_args = set(flask_request.args)
    # ok: python.request.body
    posted = sorted(flask_request.form)
    return request_args, posted


def copy_posted_form():
    """Every field of a posted form, read by the keys the person sent: the form taken whole."""
    data = {}
    for arg in flask_request.form:
        # ruleid: python.request.body user.content
        data[arg] = flask_request.form.get(arg)
    # a list of the form's values, not of its keys
    # ruleid: python.request.body user.content
    values = list(flask_request.form.values())
    return data, values


class UserInfoEditView:
    """A view whose form class refreshes itself from the posted form (Flask-AppBuilder's DynamicForm):
    the form's declared fields are the collects, not the form data taken whole."""

    def form_post(self, form):
        # ok: python.request.body
        form = self.form.refresh(flask_request.form)
        # ok: python.request.body
        bound = self.login_form.bind(flask_request.form)
        # a helper of the view's own, not a form: it takes the fields whole
        # ruleid: python.request.body user.content
        self.remember(flask_request.form)
        return form, bound


class AuthRemoteUserView:
    """The name a front server signed the person in with, read from the WSGI environ key the
    application's configuration names (Flask-AppBuilder's AUTH_REMOTE_USER_ENV_VAR)."""

    def login(self):
        # ruleid: python.request.header user.account.username
        username = flask_request.environ.get(self.appbuilder.sm.auth_remote_user_env_var)
        # ok: python.request.header
        script = flask_request.environ.get(self.config.script_name_env_var)
        return username, script


class ModelResource:
    """A generic create route (Kitsu's CRUD base): the body, bound once, handed back by a method that
    drops the keys a client may not set, then stored whole."""

    protected_fields = ("id", "created_at")

    def update_data(self, data):
        for field in self.protected_fields:
            data.pop(field, None)
        return data

    def post(self):
        # ruleid: python.request.body user.content
        data = flask_request.json
        # the same body, bound back to its name: taken once, where it was first bound
        # ok: python.request.body
        data = self.update_data(data)
        self.model.create(**data)
        # another body bound to another name is another take
        # ruleid: python.request.body user.content
        extra = self.update_data(flask_request.form)
        return data, extra


def saml_acs():
    """A SAML assertion consumer: the identity provider's signed response, posted by the browser."""
    # ruleid: python.request.field user.authorization.credentials
    saml_response = flask_request.form["SAMLResponse"]
    # ok: python.request.field
    relay_state = flask_request.form.get("RelayState")
    return saml_response, relay_state


def first_run_admin():
    """A first-run wizard's admin account (OctoPrint's corewizard): the password posted as `pass1`
    and its confirmation `pass2`, compared, then stored."""
    data = flask_request.get_json(silent=True)
    if (
        # ruleid: python.request.field user.authorization.credentials
        data["pass1"] == data["pass2"]
    ):
        # ruleid: python.request.field user.account.username
        username = data["user"]
        # ruleid: python.request.field user.authorization.credentials
        return username, data["pass1"]
    # a pass as a test's or a compiler's count is not a password
    # ok: python.request.field
    return data["passes"]


class RevokePlugin(octoprint.plugin.SimpleApiPlugin):
    """An OctoPrint API plugin: the framework parses the posted JSON command and hands it to
    `on_api_command` as `data`; its keys are what the client sent."""

    def on_api_command(self, command, data):
        # the command's name is the framework's dispatch, not a field
        if command != "revoke":
            return None
        # ruleid: python.request.field user.authorization.credentials
        api_key = data.get("key")
        payload = data.get("payload", {})
        # ruleid: python.request.field user.device
        browser = payload.get("browser_name")
        # the command logged whole is the command, not what a person wrote
        # ok: python.logging.personal-data
        self._logger.debug(f"Queuing {data}")
        return api_key, browser


class CommandHandler:
    """The same method in a class that is no plugin of the framework: its `data` is the caller's."""

    def on_api_command(self, command, data):
        # ok: python.request.field
        return data.get("key"), data.get("browser_name")


class QuietErrorsHandler(tornado.web.RequestHandler):
    """A Tornado handler that logs its errors without the request (OctoPrint's
    `RequestlessExceptionLoggingMixin`): `_request_summary()` is "METHOD URI (remote_ip)"."""

    def log_exception(self, typ, value, tb):
        if isinstance(value, tornado.web.HTTPError):
            # ruleid: python.request.client-ip user.device.ip_address
            args = [value.status_code, self._request_summary()] + list(value.args)
            # ruleid: python.logging.personal-data user.device.ip_address
            tornado.web.gen_log.warning("%d %s: " + value.log_message, *args)
        else:
            # ruleid: python.logging.personal-data user.device.ip_address
            tornado.web.app_log.error(
                "Uncaught exception %s",
                # ruleid: python.request.client-ip user.device.ip_address
                self._request_summary(),
                exc_info=(typ, value, tb),
            )
        # the method itself, not called, reads nothing; the handler's logger writes no address
        # ok: python.logging.personal-data
        tornado.web.app_log.error("Summariser %r of %s", self._request_summary, self.__class__.__name__)


def patched_apply_xheaders(self, headers: "tornado.httputil.HTTPHeaders") -> None:
    """A patched Tornado request context (OctoPrint's `fix_tornado_xheader_handling`): the headers it
    is given are the request's, and the proxies' header says so."""
    # ruleid: python.request.client-ip user.device.ip_address
    forwarded = headers.get("X-Forwarded-For")
    # a header that does not say whose headers they are
    # ok: python.request.header
    proto = headers.get("X-Forwarded-Proto")
    # ok: python.request.header
    auth = headers.get("Authorization")
    self.remote_ip = forwarded or self.remote_ip
    return proto, auth


def connection_address(info):
    """A websocket library's connection info (SockJS's `ConnectionInfo`) carries the request's headers."""
    # ruleid: python.request.client-ip user.device.ip_address
    return info.ip, info.headers.get("X-Real-IP")


def outgoing_headers(client_ip):
    """Headers the code builds to send are not read from a client, and a mapping not named `headers`
    says nothing of whose it is."""
    sent = {"X-Forwarded-For": client_ip}
    # ok: python.request.client-ip
    return sent.get("X-Forwarded-For")


class ZipDownloadHandler(tornado.web.RequestHandler):
    """A Tornado download of files already held, named in the query string (OctoPrint's
    `DownloadZipHandler`): a query string carries no file, only a reference to one."""

    def get(self):
        # ok: python.request.field
        files = self.request.query_arguments.get("files", [])
        # a query's other keys are read as in any query string
        # ruleid: python.request.field user.contact.email
        email = self.request.query_arguments.get("email")
        return files, email


def remote_user_login(settings, config):
    """A reverse proxy's login header, named by a setting looked up by its key path (OctoPrint's
    `remoteUserHeader`) or by its name in a config mapping."""
    # ruleid: python.request.header user.account.username
    user = flask_request.headers.get(settings().get(["accessControl", "remoteUserHeader"]))
    # ruleid: python.request.header user.contact.email
    email = flask_request.headers.get(config["TRUSTED_EMAIL_HEADER"])
    # a setting's key that says nothing personal
    # ok: python.request.header
    cached = flask_request.headers.get(settings().get(["server", "cacheHeader"]))
    return user, email, cached


def reverse_proxy_login(config):
    """The same header's name bound to a local first (calibreweb's `load_user_from_reverse_proxy_header`):
    the local says only that it holds a header's name; the setting it is bound to says whose."""
    rp_header_name = config.config_reverse_proxy_login_header_name
    if rp_header_name:
        # ruleid: python.request.header user.account.username
        return flask_request.headers.get(rp_header_name)
    cache_header = config.cache_header_name
    # ok: python.request.header
    return flask_request.headers.get(cache_header)


def user_for_authorization_header(request, header: str = "Authorization"):
    """A helper reading the header its caller names, or its default's (OctoPrint's
    `get_user_for_authorization_header`): the default is read here, for the callers that give none;
    a caller's literal is read at its call."""
    # ruleid: python.request.header user.authorization.credentials
    return request.headers.get(header)


def cache_tag(request, header="X-Cache-Tag"):
    # a default that names nothing personal
    # ok: python.request.header
    return request.headers.get(header)


def get_locale(default_language):
    """A web UI's locale selector (OctoPrint's `_get_locale`): the languages the client asks for in
    its own header, as Accept-Language gives them."""
    # a presence test reads nothing
    # ok: python.request.header
    if "X-Locale" in flask_request.headers:
        # ruleid: python.request.header user.device
        return flask_request.headers["X-Locale"].split(",")
    # ok: python.request.header
    return flask_request.headers.get("X-Locale-Fallback", default_language)


def keyboard_shortcuts(context):
    """A Django template tag with `takes_context=True`: the context carries the request under the
    key "request" (wagtail's keyboard-shortcut dialog reads the User-Agent to tell Mac users)."""
    request = context.get("request")
    # ruleid: python.request.header user.device
    user_agent = request.headers.get("User-Agent", "") if request else ""
    # the signed-in user is data already held, not a collect
    # ok: python.request.field
    name = context["request"].user.get_full_name()
    # another key of the context is the template's own value, not the request
    # ok: python.request.field
    query = context.get("query")
    return user_agent, name, query


class SignupSerializerWithContext:
    """A DRF serializer's `self.context["request"]` is the view's request."""

    def validate(self, attrs):
        # ruleid: python.request.client-ip user.device.ip_address
        attrs["ip"] = self.context["request"].META.get("REMOTE_ADDR")
        # a context of another name (a click command's `ctx`) is not one a request is passed in
        # ok: python.request.client-ip
        attrs["origin"] = self.ctx["request"].META.get("REMOTE_ADDR")
        return attrs


# ------------------------------------------------------------------ three small rules (fifteenth session)
async def prepare_forwarded_headers(request: Request, skip: set[str]):
    """A proxy copies the request's headers before relaying them (letta's `prepare_headers`): a copy
    of the request's headers, whole or item by item (some left out), is still its headers."""
    copied = dict(request.headers)
    # ruleid: python.request.header user.device
    agent = copied.get("user-agent")
    kept = {}
    for key, value in request.headers.items():
        if key.lower() not in skip:
            kept[key] = value
    # a presence test reads nothing
    # ok: python.request.header
    if "x-api-key" in kept:
        # ruleid: python.request.header user.authorization.credentials
        api_key = kept["x-api-key"]
    lowered = {key.lower(): value for key, value in request.headers.items()}
    # ruleid: python.request.header user.device
    language = lowered.get("accept-language")
    return agent, api_key, language


def own_headers(request: Request, defaults: dict[str, str]):
    """Near-misses: a mapping copied from the code's own defaults, and one whose values are made from
    the request's rather than copied, are not the request's headers."""
    sent = {}
    for key, value in defaults.items():
        sent[key] = value
    # ok: python.request.header
    agent = sent.get("user-agent")
    lengths = {}
    for key, value in request.headers.items():
        lengths[key] = len(value)
    # ok: python.request.header
    return agent, lengths.get("user-agent")


def flask_basic_auth(check):
    """werkzeug's parsed Authorization header (`request.authorization`): reading it takes the
    header's credentials, as `request.headers["Authorization"]` does; the Basic login name read from
    it directly is a username."""
    # a presence test reads nothing
    # ok: python.request.attribute
    if not flask_request.authorization:
        return None
    # ruleid: python.request.attribute user.authorization.credentials
    auth = flask_request.authorization
    # parts of the header taken where it was bound: no second read
    # ok: python.request.attribute
    return check(auth.username, auth.password, auth.token)


def opds_rate_limit_key():
    """The Basic login name as a rate limiter's key (calibre-web's OPDS `limiter.limit` key_func)."""
    # ruleid: python.request.attribute user.account.username,user.authorization.credentials
    return flask_request.authorization.username


@view_config(route_name="login")
def pyramid_basic_auth(request):
    """WebOb's (Pyramid's) `request.authorization`: the header's scheme and parameters."""
    # ruleid: python.request.attribute user.authorization.credentials
    scheme, params = request.authorization
    return scheme, params


def build_subrequest(request, data):
    """A helper that makes a subrequest of what it is given (Kinto's `build_request`)."""
    return data


def default_bucket_relay(request):
    """A body bound, read by key, and then put whole into a dict handed on (Kinto's default bucket
    view): copied into another structure, it is used whole (the body convention)."""
    # ruleid: python.request.body user.content
    body = flask_request.get_json()
    # ruleid: python.request.field user.contact.email
    email = body.get("email")
    return build_subrequest(request, {"method": "PUT", "body": body, "email": email})


def sized_relay(request):
    """Near-miss: only the body's size goes into the dict: the body is read key by key only."""
    # ok: python.request.body
    body = flask_request.get_json()
    # ruleid: python.request.field user.contact.email
    email = body.get("email")
    return build_subrequest(request, {"size": len(body), "email": email})


def fallback_relay(request):
    """A body bound in a `try` (read by key there) and bound again in its `except`: what uses the name
    afterwards may hold either, so a whole use takes both where they were bound."""
    try:
        # ruleid: python.request.body user.content
        body = flask_request.json
        # ruleid: python.request.field user.contact.email
        body["email"] = body.get("email", "").lower()
    except ValueError:
        # ruleid: python.request.body user.content
        body = flask_request.data or b"{}"
    return build_subrequest(request, {"body": body})


def fallback_read_by_key(save):
    """Near-misses: the fallback's name only read by key afterwards takes neither whole; a body bound
    again after the `try` statement replaces the first."""
    try:
        # ok: python.request.body
        body = flask_request.json
    except ValueError:
        # ok: python.request.body
        body = flask_request.form
    # ruleid: python.request.field user.contact.phone_number
    phone = body.get("phone")
    # ok: python.request.body
    data = flask_request.json
    # ruleid: python.request.field user.contact.email
    email = data["email"]
    # ruleid: python.request.body user.content
    data = flask_request.form
    save(data)
    return phone, email


# ------------------------------------------------------------------ Flask shapes (sixteenth session)
def save_server(save_connection):
    """pgAdmin's views bind the body from the form, or else from the raw JSON, in one statement over
    two lines: two members read, each taken whole at its own line (a read inside a longer statement
    is located at its own line), when the body is then used whole."""
    # ruleid: python.request.body user.content
    data = flask_request.form if flask_request.form else json.loads(
        # ruleid: python.request.body user.content
        flask_request.data
    )
    return save_connection(data)


def save_setting(store):
    """Near-misses: the two reads on one line are one place; a body bound from either and then read
    only by key is observed at the key reads."""
    # ruleid: python.request.body user.content
    data = flask_request.form if flask_request.form else json.loads(flask_request.data)
    store(data)
    # ok: python.request.body
    other = flask_request.args or (
        # ok: python.request.body
        flask_request.form)
    return other["layout"]


def verify_cloud_credentials(session_store):
    """A body whose fields are grouped (pgAdmin's cloud wizards post `{"secret": {"access_key": ...,
    "region": ...}}`): the nested key says what is read, the group's name does not (the secret's
    region is no secret); a group tested for a key is no read of it."""
    data = json.loads(flask_request.data)
    # ruleid: python.request.field user.authorization.credentials
    session_token = data["secret"]["session_token"] if \
        "session_token" in data["secret"] else None
    # ok: python.request.field
    region = data["secret"]["region"]
    # ok: python.request.field
    tenant = data.get("secret", {}).get("tenant_id")
    # ruleid: python.request.field user.contact.email
    email = data["user"]["email"]
    # the group taken whole is read by its own name
    # ruleid: python.request.field user.authorization.credentials
    session_store["secret"] = data["secret"]
    # a test of the value is a read of it
    # ruleid: python.request.field user.contact.email
    if "@" in data["email"]:
        return session_token, region, tenant, email
    return None


def edit_message():
    """Near-miss: a message's parts are its text, whatever their keys (chainlit's socket payload
    `payload["message"]["output"]`): a group that means what a person wrote is read by its own name."""
    body = flask_request.get_json()
    # ruleid: python.request.field user.content
    return body["message"]["output"]


def log_heartbeat(log_server_heartbeat):
    """pgAdmin's heartbeat: whether the raw body is still bytes is a test of its type, no use of it;
    the decoded body handed on whole is taken where it is bound. (A bound body given to `hasattr`
    stays a whole use, as before.)"""
    data = None
    # ok: python.request.body
    if hasattr(flask_request.data, "decode"):
        # ruleid: python.request.body user.content
        data = flask_request.data.decode("utf-8")
    if data != "":
        data = json.loads(data)
    return log_server_heartbeat(data)


# --- Django: the submitted fields written whole into a text (PayPal's IPN posted back for validation) ----


def paypal_ipn(request):
    # ruleid: python.request.body user.content
    data = "cmd=_notify-validate&%s" % request.POST.urlencode()
    # a link's query string re-encoded is no body taken whole
    # ok: python.request.body
    back = "/donations/?" + request.GET.urlencode()
    return data, back


# --- Django: a request attribute the module fills itself (Tendenci's mobile middleware) -------------------


def agent_of(request):
    # ok: python.request.header
    if "HTTP_USER_AGENT" in request.META:
        # ruleid: python.request.header user.device
        return request.META["HTTP_USER_AGENT"].lower()
    return None


def is_mobile_browser(request):
    # the module's own copy of what it read above, kept on the request by its middleware: no new read
    # ok: python.request.device
    return bool(request.user_agent) and "iphone" in request.user_agent


class MobileMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user_agent = agent_of(request)
        request.mobile_browser = is_mobile_browser(request)
        return self.get_response(request)


# --- Django: the environ of a request the analysis does not see as one (Tendenci's event log) -------------


class EventLogManager:
    def log(self, **kwargs):
        request = kwargs["request"]
        # ruleid: python.request.client-ip user.device.ip_address
        ip = request.META.get("HTTP_X_FORWARDED_FOR", request.META.get("REMOTE_ADDR", ""))
        # ruleid: python.request.header user.device
        agent = request.META["HTTP_USER_AGENT"]
        # the request's method is no one's data
        # ok: python.request.header
        method = request.META.get("REQUEST_METHOD", "")
        # an environ-like mapping of something that is no request says nothing of whose it is
        # ok: python.request.header
        probe = self.runner.META.get("HTTP_USER_AGENT")
        return ip, agent, method, probe


def test_environ():
    # a request a test builds is no client's
    request = RequestFactory().get("/path/")
    # ok: python.request.client-ip
    return request.META.get("REMOTE_ADDR"), request.META["HTTP_COOKIE"]


# --- Tastypie: a resource's hooks are handed a bundle of the request, its `data` the posted body ----------


class UserResource(tastypie_resources.ModelResource):
    def obj_create(self, bundle, **kwargs):
        # the framework's own method returns the bundle it is given
        bundle = super().obj_create(bundle, **kwargs)
        # ruleid: python.request.field user.authorization.credentials
        bundle.obj.set_password(bundle.data.get("password"))
        # ok: python.request.field
        bundle.obj.save(update_fields=bundle.data.get("fields"))
        return bundle

    def dehydrate(self, bundle):
        # no hook of the request: the bundle going out, written
        # ok: python.request.field
        bundle.data["username"] = bundle.obj.username
        return bundle


class Exporter:
    def obj_create(self, bundle, **kwargs):
        # a class that is no resource: its `bundle` is anything
        # ok: python.request.field
        return bundle.data.get("password")


class Login(Resource):
    """Flask-RESTful's request parser (Lemur's login and SSO views): each argument is a request field
    read by its name where it is declared; `parse_args()` and the reads of its result take nothing new."""

    def __init__(self):
        self.reqparse = reqparse.RequestParser()
        super().__init__()

    def post(self):
        # ruleid: python.request.field user.account.username
        self.reqparse.add_argument("username", type=str, required=True, location="json")
        # ruleid: python.request.field user.authorization.credentials
        self.reqparse.add_argument("password", type=str, required=True, location="json")
        args = self.reqparse.parse_args()
        return authenticate(args["username"], args["password"])


class OAuthCallback(Resource):
    """A sign-in view's authorization code is a credential; the client's id and redirect URI are not."""

    def __init__(self):
        self.reqparse = reqparse.RequestParser()

    def post(self):
        # ok: python.request.field
        self.reqparse.add_argument("clientId", type=str, required=True, location="json")
        # ok: python.request.field
        self.reqparse.add_argument("redirectUri", type=str, required=True, location="json")
        # ruleid: python.request.field user.authorization.credentials
        self.reqparse.add_argument("code", type=str, required=True, location="json")
        args = self.reqparse.parse_args()
        return exchange_code(args["code"], args["redirectUri"])


@app.route("/auth/cas", methods=["POST"])
def cas_login():
    """alerta-server's CAS login: the service ticket it validates is a one-time login credential, as an
    OAuth code is; the service URL is not."""
    # ruleid: python.request.field user.authorization.credentials
    ticket = flask_request.json.get("ticket")
    # ok: python.request.field
    service = flask_request.json.get("service")
    return validate_cas_ticket(ticket, service)


@app.route("/support/reply", methods=["POST"])
def support_reply():
    """Near-miss: a helpdesk's ticket, outside any step of signing in, is a record's number."""
    # ok: python.request.field
    ticket = flask_request.json.get("ticket")
    return jsonify(ticket=ticket)


def list_certificates():
    """Near-miss: query arguments that filter a list name nothing personal."""
    parser = reqparse.RequestParser()
    # ok: python.request.field
    parser.add_argument("owner", type=str, location="args")
    # ok: python.request.field
    parser.add_argument("page", type=int, location="args")
    return find_all(parser.parse_args())


# Twisted: a server protocol's transport is the connection the client came in on, and a `twisted.web`
# resource's `render_*` methods are given the request (evennia's telnet, websocket and web servers).
class TelnetProtocol(twisted_protocol.Protocol):
    def connectionMade(self):
        # ruleid: python.request.client-ip user.device.ip_address
        client_address = self.transport.client
        self.init_session("telnet", client_address[0] if client_address else None)
        # a client protocol's peer is the server it connected to: `getPeer()` is not read
        # ok: python.request.client-ip
        peer = self.transport.getPeer()
        self.transport.write(b"Welcome")
        return peer

    def getClientAddress(self):
        # a conch session's terminal transport is the SSH connection's
        # ruleid: python.request.client-ip user.device.ip_address
        return self.terminal.transport.client

    def announce(self):
        # the class's own method: what it gives is its body's, read there
        # ok: python.request.client-ip
        address = self.getClientAddress()
        return address


class WebSocketClient(WebSocketServerProtocol):
    def onOpen(self):
        # an Autobahn websocket's handshake headers; a presence test reads nothing
        # ok: python.request.client-ip
        if "x-forwarded-for" in self.http_headers:
            # ruleid: python.request.client-ip user.device.ip_address
            forwarded = self.http_headers["x-forwarded-for"].split(",")
            return forwarded[0]
        return None


class AjaxResource(twisted_resource.Resource):
    def render_POST(self, request):
        # `twisted.web` keys a request's arguments by bytes
        # ruleid: python.request.field user.device
        browser = request.args[b"browser_str"][0].decode("utf-8")
        # ruleid: python.request.client-ip user.device.ip_address
        remote_addr = request.getClientIP()
        # ruleid: python.request.client-ip user.device.ip_address
        address = request.getClientAddress().host
        # ruleid: python.request.client-ip user.device.ip_address
        forwarded = request.getHeader("x-forwarded-for")
        # it names headers by bytes, as it keys arguments, in its `Headers` object too
        # ruleid: python.request.header user.device
        agent = request.getHeader(b"User-Agent")
        # ruleid: python.request.client-ip user.device.ip_address
        proxies = request.requestHeaders.getRawHeaders(b"x-forwarded-for")
        # a header that names nothing personal is no collect
        # ok: python.request.header
        length = request.getHeader(b"Content-Length")
        # a page id the browser makes up names nothing
        # ok: python.request.field
        page = request.args[b"page"][0]
        return json.dumps([browser, remote_addr, address, forwarded, agent, proxies, length, page]).encode()


class ReverseProxyResource(twisted_resource.Resource):
    def render(self, request):
        # `twisted.web`'s request body, a file read whole and forwarded (where Twisted is imported:
        # an httpx request's `content` elsewhere is what a client sends)
        # ruleid: python.request.body user.content
        body = request.content.read()
        return self.forward(request.uri, body)


# A project's strict JSON decoder kept at module level (matrix-synapse's `json_decoder =
# json.JSONDecoder(parse_constant=...)`): its `decode` parses a request body as `json.loads` does, so
# the body's keys read from the result are the collects, not the body taken whole at the parse.
strict_json_decoder = json.JSONDecoder(parse_constant=float)


class JsonBodyResource(twisted_resource.Resource):
    def render_POST(self, request):
        # ok: python.request.body
        body = strict_json_decoder.decode(request.content.read().decode("utf-8"))
        # ruleid: python.request.field user.contact.email
        email = body["email"]
        # a decoder's other method is no parser: what it is handed is taken whole
        # ruleid: python.request.body user.content
        rest = strict_json_decoder.raw_decode(request.content.read().decode("utf-8"))
        return self.register(email, rest)


# A project's query-argument helpers (matrix-synapse's `parse_string(request, name)` calling
# `parse_string_from_args(request.args, name)`, which decodes `args[name.encode()]` item by item
# through `_parse_string_value`): each call names the argument it reads, and that argument is the
# collect there, not the request's arguments taken whole.
def _checked_query_value(value, allowed_values, encoding):
    text = value.decode(encoding)
    if allowed_values is not None and text not in allowed_values:
        raise ValueError(text)
    return text


def query_strings_from_args(args, name, allowed_values=None, encoding="ascii"):
    name_bytes = name.encode("ascii")
    if name_bytes not in args:
        return None
    return [_checked_query_value(value, allowed_values, encoding) for value in args[name_bytes]]


def query_string_from_args(args, name, allowed_values=None, encoding="ascii"):
    strings = query_strings_from_args(args, name, allowed_values=allowed_values, encoding=encoding)
    return strings[0] if strings else None


def query_string(request, name, allowed_values=None, encoding="ascii"):
    args = request.args
    return query_string_from_args(args, name, allowed_values=allowed_values, encoding=encoding)


def stripped_query_value(args, name):
    return args[name].strip()


class UsernameAvailableResource(twisted_resource.Resource):
    def render_GET(self, request):
        # ruleid: python.request.field user.account.username
        username = query_string(request, "username")
        # ruleid: python.request.field user.contact.email
        emails = query_strings_from_args(request.args, "email")
        # an argument that names nothing personal is no collect
        # ok: python.request.field
        direction = query_string(request, "dir", allowed_values=["f", "b"])
        # ruleid: python.request.field user.contact.phone_number
        phone = stripped_query_value(request.args, "phone_number")
        return self.check(username, emails, direction, phone)


class InviteResource(twisted_resource.Resource):
    def render_GET(self, request):
        # the helper below is overloaded and defined after this caller: its implementation's summary
        # (a key read its callers name) applies, not its first `@overload` stub's
        # ruleid: python.request.field user.contact.email
        email = overloaded_query_value(request.args, "email")
        return self.validate(email)


@typing.overload
def overloaded_query_value(args, name: str, default: str) -> str: ...


@typing.overload
def overloaded_query_value(args, name: str, default: None = None) -> str | None: ...


def overloaded_query_value(args, name, default=None):
    return args.get(name, default)


class RegisterResource(twisted_resource.Resource):
    def render_POST(self, request):
        body = json.loads(request.content.read())
        # a key read with a boolean default is a switch the client turns on (issue a refresh token),
        # named for what it asks for, not the datum its name names
        # ok: python.request.field
        wants_refresh_token = body.get("refresh_token", False)
        # ruleid: python.request.field user.authorization.credentials
        token = body.get("refresh_token", None)
        return self.register(wants_refresh_token, token)


# A helper that parses the body from the request object it is given (`content =
# parse_json_object_from_request(request)`, the helper above's shape), the body then passed on whole:
# taken whole where it is bound, as a body parsed in place is. A checker that only tests the presence of
# required keys in it (matrix-synapse's `assert_params_in_dict(body, required)`) neither reads nor
# passes it on: the keys read after it are the collects.
def parsed_json_body(request):
    return json.loads(request.content.read())


def require_keys(body, required):
    absent = [key for key in required if key not in body]
    if absent:
        raise ValueError(f"missing: {absent}")


class MembershipResource(twisted_resource.Resource):
    async def render_PUT(self, request):
        # ruleid: python.request.body user.content
        content = parsed_json_body(request)
        membership = content.get("membership", None)
        return await self.update_membership(action=membership, content=content)

    async def render_POST(self, request):
        # ok: python.request.body
        body = parsed_json_body(request)
        require_keys(body, ["email", "send_attempt"])
        # ruleid: python.request.field user.contact.email
        return await self.request_token(body["email"], body["send_attempt"])


class ThirdPartyUserResource(twisted_resource.Resource):
    async def render_GET(self, request):
        # the query string passed on whole, its access token dropped first: the drop reads nothing
        # ruleid: python.request.body user.content
        fields = request.args
        # ok: python.request.field
        fields.pop(b"access_token", None)
        return await self.query_third_party_users(fields)

    def render_POST(self, request):
        # a key popped for its value is read
        # ruleid: python.request.field user.authorization.credentials
        token = request.args.pop(b"access_token", None)
        return self.check(token)


class PusherResource(twisted_resource.Resource):
    async def render_POST(self, request):
        # the body's nested fields (`content["data"]`, one level down) passed on whole are the body
        # taken whole, where it is bound
        # ruleid: python.request.body user.content
        content = json.loads(request.content.read())
        # ok: python.request.body
        return await self.add_pusher(kind=content["kind"], data=content["data"])


# A project's validating helper (matrix-synapse's `validate_json_object(content, model_type)`, which
# calls `model_type.model_validate(content)`) called with the request's body by another helper
# (`parse_and_validate_json_object_from_request(request, model_type)`): the class a route passes
# there, here a model nested in its resource and named through `self`, is what the body is decoded
# into, as a FastAPI route's body model is. Not a class the helper builds from a stored row. The
# classes that receive data are read before a module's functions are analysed, so a route in the
# helpers' own module is missed (todo below); one in another module, as in matrix-synapse, is seen
# (tests/test_synapse_shapes.py).
def validated_object(content, model_type):
    return model_type.model_validate(content)


def parsed_and_validated(request, model_type):
    # ruleid: python.request.body user.content
    content = parsed_json_body(request)
    return validated_object(content, model_type)


class PasswordResource(twisted_resource.Resource):
    class PostBody(BaseModel):
        # todoruleid: python.pydantic.field user.authorization.credentials
        new_password: str | None = None
        logout_devices: bool = True

    def render_POST(self, request):
        body = parsed_and_validated(request, self.PostBody)
        return self.change_password(body)


class StoredPreferences(BaseModel):
    # ok: python.pydantic.field
    email: str


def load_preferences(row):
    return validated_object(row, StoredPreferences)


# A subclass of `twisted.web`'s request class (matrix-synapse's `SynapseRequest`, and its
# `XForwardedForRequest`): in its methods `self` is the request, for who sent it: its client's address
# and its headers. Its body is its own machinery (buffered, measured, checked), not read here.
class LimitedRequest(TwistedRequest):
    def _validate_content_length(self):
        # ok: python.request.body
        size = self.content.tell()
        # ruleid: python.request.client-ip user.device.ip_address
        self.reject(self.client, size)


class ForwardedRequest(LimitedRequest):
    def _process_forwarded_headers(self):
        # ruleid: python.request.client-ip user.device.ip_address
        return self.requestHeaders.getRawHeaders(b"x-forwarded-for")


# --- JSON-RPC / XML-RPC: a registered procedure is called with the parameters a client sent ----------
# (django-modernrpc's `@rpc_method`, Kiwi TCMS's API: each parameter is a request field read by its name)


@rpc_method(name="Auth.login")
def rpc_login(
    # ruleid: python.fastapi.query-parameter user.account.username,user.authorization.credentials
    username, password, **kwargs
):
    request = kwargs.get(REQUEST_KEY)
    return authenticate(request, username=username, password=password)


@rpc_method(name="TestCase.add_comment")
# ruleid: python.fastapi.query-parameter user.content
def rpc_add_comment(case_id, comment, **kwargs):
    return add_comment(case_id, comment, kwargs.get(REQUEST_KEY).user)


@rpc_method(name="TestCase.add_attachment")
# a file's content sent encoded in base64, as a JSON-RPC call must: the upload taken whole
# ruleid: python.fastapi.query-parameter user.content
def rpc_add_attachment(case_id, filename, b64content, **kwargs):
    return add_attachment(case_id, filename, b64content)


@rpc_method(name="TestCase.add_notification_cc")
# ruleid: python.fastapi.query-parameter user.contact.email
def rpc_add_notification_cc(case_id, cc_list):
    return case_emailing(case_id).add_cc(cc_list)


@rpc_method(name="User.update")
def rpc_update_user(values, user_id=None, **kwargs):
    """A parameter no name classifies holds a struct the client sent: its keys are fields."""
    user = kwargs.get(REQUEST_KEY).user
    # ruleid: python.request.field user.authorization.credentials
    if not user.check_password(values.get("old_password")):
        raise PermissionError("Password is incorrect")
    # ruleid: python.request.field user.authorization.credentials
    user.set_password(values["password"])
    # ok: python.request.field
    user.save(update_fields=values.get("fields"))


@rpc_method(name="Build.filter")
# near-miss: field lookups spread into an ORM filter are no search text a person typed
# ok: python.fastapi.query-parameter
def rpc_filter_builds(query=None):
    return list(Build.objects.filter(**query).values("id", "name"))


@rpc_method(name="User.join_group")
# near-miss: the account a call names is the one it acts on (a path segment's role), not one received
# ok: python.fastapi.query-parameter
def rpc_join_group(username, groupname):
    User.objects.get(username=username).groups.add(Group.objects.get(name=groupname))


# near-miss: a function no RPC registry names is called by the code, with what it holds
# ok: python.fastapi.query-parameter
def not_registered(username, comment, b64content):
    return username, comment, b64content
