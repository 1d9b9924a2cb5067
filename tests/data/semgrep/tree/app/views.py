import sentry_sdk


def greet(user, response):
    greeting = "Grüße, 世界"; print(greeting, user.email)
    response.set_cookie("session", user.session_id, httponly=True)
    print(user.email)  # nosemgrep
    return response


sentry_sdk.init(send_default_pii=True)
