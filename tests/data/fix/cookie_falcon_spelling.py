import falcon


class Login:
    def on_post(self, req, resp):
        resp.set_cookie("session", req.media["token"], http_only=True, same_site="none")
