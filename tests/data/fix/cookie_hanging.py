from flask import make_response


def login(token):
    resp = make_response('ok')
    resp.set_cookie('session', token,
                    httponly=True)
    return resp
