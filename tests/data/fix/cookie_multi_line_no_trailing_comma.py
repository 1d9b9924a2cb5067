from flask import make_response


class Views:
    def login(self, token):
        resp = make_response("ok")
        if token:
            resp.set_cookie(
                "session",
                token,
                samesite="None"  # weaker than the declared Lax
            )
        return resp
