from flask import make_response


def remember(choice):
    resp = make_response("ok")
    resp.set_cookie("prefs", choice, max_age = 3600, samesite = None)
    return resp
