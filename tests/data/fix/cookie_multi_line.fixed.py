from flask import make_response


def login(token):
    resp = make_response("ok")
    resp.set_cookie(
        "session",
        token,  # signed by the auth service
        # the browser must not hand it to scripts
        httponly=True,
        secure=True,
        samesite="Lax",
    )
    return resp
