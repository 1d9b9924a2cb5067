"""Annotated examples for cookies.toml: cookies set through responses, headers and cookie jars.

`# ruleid: RULE [CATEGORIES] [FIELD=VALUE ...]` says an observation of RULE must start on the
next code line (with exactly those sorted categories and, for cookies, what the observation
says about the cookie: `cookie=NAME max_age= expires= secure= httponly= samesite= dynamic=`,
`none` for absent); `# ok: RULE` says none may. `# todoruleid:` / `# todook:` record what the
engine misses or wrongly reports today. tests/test_rule_examples.py checks every annotation,
and that every observation in this file is annotated. The file is analysed, never run.
"""

from __future__ import annotations

import datetime as dt
import secrets
from datetime import timedelta
from http.cookies import SimpleCookie

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from flask import Flask, jsonify, make_response, redirect, request
from flask_jwt_extended import create_access_token, create_refresh_token, get_jwt_identity, unset_jwt_cookies
from flask_jwt_extended import set_access_cookies, set_refresh_cookies
import flask_jwt_extended
from starlette.responses import RedirectResponse, Response
from tornado.web import RequestHandler

app = Flask(__name__)

SESSION_COOKIE = "sid"
REMEMBER_COOKIE = "remember_token"
ONE_YEAR = 60 * 60 * 24 * 365


# --- Flask / Werkzeug ---------------------------------------------------------------------------

@app.post("/login")
def flask_login():
    session_id = secrets.token_urlsafe(32)
    response = make_response(redirect("/"))
    # ruleid: python.cookie.set-cookie cookie=sid max_age=3600 expires=false secure=true httponly=true samesite=Lax dynamic=
    response.set_cookie(SESSION_COOKIE, session_id, max_age=3600, secure=True, httponly=True, samesite="Lax")
    # ruleid: python.cookie.set-cookie cookie=remember_token max_age=2592000 expires=false secure=true httponly=true samesite=Strict
    response.set_cookie(
        key=REMEMBER_COOKIE,
        value=secrets.token_hex(16),
        max_age=timedelta(days=30),
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    # ruleid: python.cookie.set-cookie cookie=lang max_age=31536000 secure=none httponly=none samesite=none dynamic=
    response.set_cookie("lang", "en", ONE_YEAR)
    # ruleid: python.cookie.set-cookie cookie=seen_banner max_age=none expires=true secure=none
    response.set_cookie("seen_banner", "1", expires=dt.datetime.now(dt.timezone.utc) + timedelta(days=7))
    return response


@app.get("/logout")
def flask_logout():
    response = make_response(redirect("/"))
    # ok: python.cookie.set-cookie
    response.delete_cookie(SESSION_COOKIE)
    # ok: python.cookie.set-cookie
    response.delete_cookie(REMEMBER_COOKIE, path="/", domain=None)
    return response


@app.get("/me")
def flask_me():
    # ok: python.request.cookie
    session_id = request.cookies.get(SESSION_COOKIE)
    # ruleid: python.request.cookie user.device.cookie_id
    ga_client = request.cookies.get("_ga")
    return {"session": bool(session_id), "ga": bool(ga_client)}


def remember_email(response, user):
    # ruleid: python.cookie.set-cookie user.contact.email,user.device.cookie_id cookie=last_email secure=true httponly=none
    response.set_cookie("last_email", user.email, secure=True)


def cookie_from_options(response, options):
    # ruleid: python.cookie.set-cookie cookie=none max_age=none secure=none dynamic=
    response.set_cookie(**options)


# --- flask-jwt-extended: the JWT cookies are named by the app's settings (JWT_ACCESS_COOKIE_NAME) --

@app.post("/auth/login")
def jwt_login():
    user = load_signed_in_user()
    response = jsonify({"status": "success"})
    access_token = create_access_token(identity=str(user.id))
    # ruleid: python.cookie.set-cookie user.authorization.credentials,user.device.cookie_id cookie=none max_age=none
    set_access_cookies(response, access_token)
    # ruleid: python.cookie.set-cookie user.authorization.credentials,user.device.cookie_id cookie=none max_age=3600
    set_refresh_cookies(response, create_refresh_token(identity=str(user.id)), max_age=3600)
    return response


@app.after_request
def refresh_expiring_jwts(response):
    new_token = flask_jwt_extended.create_access_token(identity=get_jwt_identity())
    # ruleid: python.cookie.set-cookie user.authorization.credentials,user.device.cookie_id cookie=none
    flask_jwt_extended.set_access_cookies(response, encoded_access_token=new_token)
    return response


@app.post("/auth/logout")
def jwt_logout():
    response = jsonify({"status": "success"})
    # ok: python.cookie.set-cookie
    unset_jwt_cookies(response)
    return response


def set_access_cookies_for(response, token, cookies):
    # ok: python.cookie.set-cookie
    cookies.set_access_cookies(response, token)  # a method of another object: not the library's function
    return response


# --- Django ---------------------------------------------------------------------------------------

def django_login(request, user):
    response = JsonResponse({"ok": True})
    # a session id is a credential (the detection contract's list)
    # ruleid: python.cookie.set-cookie user.authorization.credentials,user.device.cookie_id cookie=sessionid max_age=1209600 secure=none httponly=true samesite=Lax dynamic=secure
    response.set_cookie(
        "sessionid",
        request.session.session_key,
        max_age=int(timedelta(weeks=2).total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    # ruleid: python.cookie.set-cookie user.device.cookie_id,user.unique_id cookie=remember max_age=604800 dynamic=
    response.set_signed_cookie("remember", user.pk, salt="remember-me", max_age=7 * 24 * 3600)
    # ruleid: python.cookie.set-cookie user.device.cookie_id,user.unique_id cookie=remember max_age=none dynamic=
    # (Django's set_signed_cookie(key, value, salt='', **kwargs) takes the salt third, not max_age)
    response.set_signed_cookie("remember", user.pk, "remember-me")
    # ruleid: python.cookie.cookies-assignment cookie=theme
    response.cookies["theme"] = "dark"
    # ok: python.cookie.cookies-assignment
    response.cookies["theme"]["samesite"] = "Lax"
    # ok: python.cookie.set-cookie
    response.delete_cookie("sessionid")
    return response


# A cookie wrapper: a function whose job is to set a cookie and that takes set_cookie's arguments.
# Its own set_cookie sets what its callers pass (no categories of its own, no name); each call of
# it sets a cookie, with the name and the data of what that call passes.
def set_cookie_without_samesite(request, response, key, *args, **kwargs):
    assert "samesite" not in kwargs
    # ruleid: python.cookie.set-cookie cookie=none
    response.set_cookie(key, *args, **kwargs)
    if not request.is_secure():
        # ok: python.cookie.cookies-assignment
        response.cookies[key]["samesite"] = "None"


def add_cookie(response, name, value, max_age=None):
    # ruleid: python.cookie.set-cookie cookie=none max_age=none dynamic=max_age
    response.set_cookie(name, value, max_age=max_age, httponly=True)


def session_middleware(request, response):
    # ruleid: python.cookie.set-cookie user.authorization.credentials,user.device.cookie_id cookie=none max_age=1209600 secure=true
    set_cookie_without_samesite(request, response, settings.SESSION_COOKIE_NAME, request.session.session_key,
                                max_age=1209600, secure=True)
    # ruleid: python.cookie.set-cookie cookie=site_lang max_age=31536000
    set_cookie_without_samesite(request, response, "site_lang", "de", max_age=365 * 24 * 3600)
    # ruleid: python.cookie.set-cookie user.device.cookie_id,user.unique_id cookie=uid max_age=3600
    add_cookie(response, "uid", request.user.pk, max_age=3600)
    return response


# Near-miss: a helper that sets one named cookie is the cookie where it calls set_cookie; its
# callers do not set another one.
def set_theme_cookie(response, theme):
    # ruleid: python.cookie.set-cookie user.device.cookie_id cookie=theme
    response.set_cookie("theme", theme)


def preferences(request):
    response = HttpResponse("ok")
    # ok: python.cookie.set-cookie
    set_theme_cookie(response, request.GET.get("theme", "light"))
    return response


def django_read_only(request):
    # ok: python.request.cookie
    session_key = request.COOKIES.get("sessionid")
    response = HttpResponse(status=204)
    # ok: python.cookie.set-cookie-header
    response.headers["Cache-Control"] = "no-store"
    response["X-Session-Known"] = "1" if session_key else "0"
    return response


# --- Starlette / FastAPI ------------------------------------------------------------------------

def starlette_refresh(refresh_token: str) -> Response:
    response = RedirectResponse("/app", status_code=303)
    # ruleid: python.cookie.set-cookie user.authorization.credentials,user.device.cookie_id cookie=refresh_token max_age=none secure=true httponly=true samesite=strict
    response.set_cookie(
        key="refresh_token",
        value=refresh_token,
        httponly=True,
        secure=True,
        samesite="strict",
        path="/auth",
    )
    # ruleid: python.cookie.set-cookie-header cookie=consent max_age=31536000 expires=false secure=true httponly=none samesite=Lax
    response.headers["Set-Cookie"] = "consent=1; Max-Age=31536000; Path=/; Secure; SameSite=Lax"
    # ruleid: python.cookie.set-cookie-header cookie=csrf max_age=none secure=none
    response.headers.append("set-cookie", f"csrf={secrets.token_hex(8)}; Path=/")
    # ok: python.cookie.set-cookie-header
    response.headers.append("Vary", "Cookie")
    return response


# --- Tornado -------------------------------------------------------------------------------------

class LoginHandler(RequestHandler):
    def post(self):
        # ruleid: python.cookie.set-cookie user.device.cookie_id,user.unique_id cookie=user max_age=2592000 dynamic=
        self.set_secure_cookie("user", str(self.current_user.id), expires_days=30)
        # ruleid: python.cookie.set-cookie-header cookie=tz max_age=none httponly=true
        self.add_header("Set-Cookie", "tz=UTC; HttpOnly")
        # ok: python.cookie.set-cookie
        self.clear_cookie("legacy")


# --- WSGI and http.cookies -----------------------------------------------------------------------

def wsgi_app(environ, start_response):
    jar = SimpleCookie()
    # ruleid: python.cookie.simple-cookie cookie=visitor
    jar["visitor"] = secrets.token_hex(8)
    # ok: python.cookie.simple-cookie
    jar["visitor"]["httponly"] = True
    jar["visitor"]["max-age"] = ONE_YEAR
    headers = [
        ("Content-Type", "text/plain"),
        # ruleid: python.cookie.set-cookie-header cookie=none
        ("Set-Cookie", jar["visitor"].OutputString()),
        # ruleid: python.cookie.set-cookie-header cookie=flash max_age=0
        ("Set-Cookie", "flash=; Max-Age=0; Path=/"),
    ]
    start_response("200 OK", headers)
    return [b"ok"]


def parse_incoming(environ):
    incoming = SimpleCookie()
    # ok: python.cookie.simple-cookie
    incoming.load(environ.get("HTTP_COOKIE", ""))
    visitor = incoming.get("visitor")
    return visitor.value if visitor else None


def outgoing_request(session, url, token):
    # ok: python.cookie.set-cookie
    # ok: python.cookie.cookies-assignment
    session.cookies.set("sid", token, domain="partner.example")
    # ok: python.cookie.set-cookie-header
    return session.get(url, cookies={"sid": token}, headers={"Cookie": f"sid={token}"})


# --- Twisted (twisted.web) ----------------------------------------------------------------------

class TwistedLoginPage:
    """A `twisted.web` resource: its `render_*` methods are given the request, which is also the
    response they write, so the request's `addCookie` sets a cookie (its name may be bytes)."""

    def render_POST(self, request):
        session_key = secrets.token_urlsafe(32)
        # ruleid: python.cookie.set-cookie cookie=csessid max_age=3600 secure=true httponly=true samesite=none
        request.addCookie(b"csessid", session_key, max_age=3600, secure=True, httpOnly=True)
        # reading the application's own cookie back sets nothing
        # ok: python.cookie.set-cookie
        previous = request.getCookie(b"csessid")
        # a request's other cookie setters are not asked: its cookies are read
        # ok: python.cookie.set-cookie
        request.set_cookie("theme", "dark")
        return previous
