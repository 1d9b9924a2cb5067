from flask import make_response


def login(token):
    resp = make_response("ok")
    resp.set_cookie("session", token, secure=True, httponly=True, samesite="Lax")  # the session cookie
    return resp
