"""Shapes of a Flask app behind Tornado with its own plugin system (OctoPrint's, the fifteenth
session): a plugin hook handed the request body, Tornado's request summary, X-Forwarded-For read from
a header mapping, a header named by a parameter's default."""

from __future__ import annotations

from engine_support import models, observed

CREDENTIALS = "user.authorization.credentials"
DEVICE = "user.device"


def test_the_body_hooks_are_loaded_with_their_method_names() -> None:
    routes = models().routes
    assert "octoprint.plugin.SimpleApiPlugin.on_api_command" in routes.body_hooks
    assert "on_api_command" in routes.body_hook_methods


def test_a_plugin_hooks_body_is_read_key_by_key_and_not_collected_whole() -> None:
    assert observed("""
        import octoprint.plugin

        class P(octoprint.plugin.SimpleApiPlugin):
            def on_api_command(self, command, data):
                api_key = data.get("key")
                browser = data["payload"].get("os_name")
                self._logger.info(f"command {data}")
                return api_key, browser, command
    """) == [
        (6, "collect", (CREDENTIALS,), "python.request.field", False),
        (7, "collect", (DEVICE,), "python.request.field", False),
    ]


def test_the_hook_of_a_class_that_is_no_plugin_is_not_a_request() -> None:
    assert observed("""
        class P:
            def on_api_command(self, command, data):
                return data.get("api_key"), data.get("os_name")
    """) == []


def test_only_the_last_positional_parameter_is_the_body() -> None:
    assert observed("""
        import octoprint.plugin

        class P(octoprint.plugin.SimpleApiPlugin):
            def on_api_command(self, data, command):
                return data.get("api_key")
    """) == []


IP = "user.device.ip_address"


def test_a_tornado_handlers_request_summary_is_the_clients_address_and_its_loggers_log_it() -> None:
    assert observed("""
        import tornado.web

        class H(tornado.web.RequestHandler):
            def log_exception(self, typ, value, tb):
                tornado.web.app_log.error("Uncaught %s", self._request_summary())
                tornado.web.gen_log.info("handler %r", self._request_summary)
    """) == [
        (6, "collect", (IP,), "python.request.client-ip", False),
        (6, "log", (IP,), "python.logging.personal-data", False),
    ]


def test_the_proxies_address_header_read_from_headers_of_no_known_request_is_the_clients_address() -> None:
    assert observed("""
        def apply(self, headers, info, sent):
            a = headers.get("X-Forwarded-For")
            b = info.headers.get("X-Real-IP")
            c = headers.get("Authorization"), info.headers.get("X-Forwarded-Proto")
            d = sent.get("X-Forwarded-For"), info.response_headers.get("X-Forwarded-For")
            return a, b, c, d
    """) == [
        (3, "collect", (IP,), "python.request.client-ip", False),
        (4, "collect", (IP,), "python.request.client-ip", False),
    ]


def test_the_request_headers_header_is_read_once() -> None:
    assert observed("""
        from flask import request

        def view():
            return request.headers.get("X-Forwarded-For")
    """) == [(5, "collect", (IP,), "python.request.client-ip", False)]


def test_tornados_query_arguments_are_a_query_string_naming_files_held() -> None:
    assert observed("""
        import tornado.web

        class H(tornado.web.RequestHandler):
            def get(self):
                return self.request.query_arguments.get("files"), self.request.body_arguments.get("files")
    """) == [(6, "collect", ("user.content",), "python.request.field", False)]


def test_a_header_named_by_a_settings_key_path_is_read_as_the_setting_says() -> None:
    assert observed("""
        from flask import request

        def load(settings, config):
            a = request.headers.get(settings().get(["accessControl", "remoteUserHeader"]))
            b = request.headers.get(config.get("auth.trusted_email_header"))
            c = request.headers.get(settings().get(["server", "cacheHeader"]))
            d = request.headers.get(config["LOCALE_HEADER"])
            return a, b, c, d
    """) == [
        (5, "collect", ("user.account.username",), "python.request.header", False),
        (6, "collect", ("user.contact.email",), "python.request.header", False),
    ]
