import sentry_sdk

sentry_sdk.init(send_default_pii=True)
