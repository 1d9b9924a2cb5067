from flask import make_response


def login(token):
    resp = make_response("ok")
    resp.set_cookie("session", token, secure=False)  # the session cookie
    return resp
