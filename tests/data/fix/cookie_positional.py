from flask import make_response


def remember(choice):
    resp = make_response("ok")
    resp.set_cookie("prefs", choice, 3600, None, "/", None, False)
    return resp
