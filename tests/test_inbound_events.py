"""Events a chat platform hands its handlers as plain dicts (Slack Bolt): the keys that carry what a
person wrote or who they are are collects, in the handler and in the module's functions it hands
the event to."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed_tree as observed
from engine_support import pack_problems

HANDLERS = """\
    from app.bot import slack_app


    def process(event, say, note=None):
        return reply(say, event), event.get("user"), event["channel"]


    def reply(say, body):
        return say(body["text"])


    @slack_app.event("message")
    async def on_message(message, say):
        if message.get("bot_id"):
            return None
        return process(message, say), message.get("files", [])


    @slack_app.event("reaction_added")
    async def on_reaction(event, say):
        return process(event=event, say=say, note=event["item"])


    def unrelated(event):
        return event.get("text")
    """


@pytest.mark.parametrize(
    ("bot", "expected"),
    [
        # the app bound in another module of the project, sync or async; the helpers read the event
        # two calls down, by position or by keyword; the platform's own ids are not collected
        ("from slack_bolt import App\n\nslack_app = App()\n",
         [("app/handlers.py", 5, "collect", ("user.unique_id",)), ("app/handlers.py", 9, "collect", ("user.content",)),
          ("app/handlers.py", 16, "collect", ("user.content",))]),
        ("from slack_bolt.async_app import AsyncApp\n\nslack_app = AsyncApp()\n",
         [("app/handlers.py", 5, "collect", ("user.unique_id",)), ("app/handlers.py", 9, "collect", ("user.content",)),
          ("app/handlers.py", 16, "collect", ("user.content",))]),
        # another object's `event`: no handler, no event
        ("class Bus:\n    def event(self, name):\n        return lambda f: f\n\n\nslack_app = Bus()\n", []),
    ],
)
def test_a_slack_event_is_read_key_by_key(
        tmp_path: Path, bot: str, expected: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    files = {"app/__init__.py": "", "app/bot.py": bot, "app/handlers.py": HANDLERS}
    assert observed(tmp_path, files) == expected


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        # a handler's decorator needs the parameters that hold the event; types are then optional
        ('[[inbound]]\nplatform = "Chat"\ndecorators = ["chat.App().event"]\nfields = { text = "user.content" }\n',
         ["'parameters' is required and must be a non-empty list of strings"]),
        ('[[inbound]]\nplatform = "Chat"\ndecorators = ["chat.App().event"]\nparameters = "event"\nfields = {}\n',
         ["'parameters' must be a list of strings"]),
        (('[[inbound]]\nplatform = "Chat"\ndecorators = ["chat.App().event"]\nparameters = ["event"]\n'
          'fields = { text = "user.words" }\n'),
         ["unknown data category 'user.words' in 'fields'"]),
    ],
)
def test_a_broken_inbound_handler_entry_is_a_rule_pack_error(tmp_path: Path, text: str, problems: list[str]) -> None:
    assert pack_problems(tmp_path, text) == problems


SMTP_HANDLER = """\
    import email


    class LMTPHandler:
        async def handle_DATA(self, server, session, envelope):
            return self._handle_DATA(server, session, envelope=envelope)

        def _handle_DATA(self, server, session, envelope):
            msg = email.message_from_bytes(envelope.content)
            msg.set_unixfrom(envelope.mail_from)
            return self._queue(msg, envelope.rcpt_tos), envelope.rcpt_tos

        def _queue(self, msg, envelope):
            return envelope.content


    def handle_DATA(server, session, envelope):
        return envelope.content
    """


def test_a_mail_servers_hook_methods_are_given_the_envelope(tmp_path: Path) -> None:
    # the hook and the method it passes the envelope to (by keyword) read the posted message and its
    # sender; the recipients are the server's own; a method given another value under that name, and
    # a module function of the hook's name, hold no envelope
    files = {"app/__init__.py": "", "app/lmtp.py": SMTP_HANDLER}
    assert observed(tmp_path, files) == [
        ("app/lmtp.py", 9, "collect", ("user.content",)),
        ("app/lmtp.py", 10, "collect", ("user.contact.email",)),
    ]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ('[[inbound]]\nplatform = "Mail"\nmethods = ["handle_DATA"]\nparameters = ["envelope"]\nfields = {}\n',
         ["'types' is required and must be a non-empty list of strings",
          "an [[inbound]] entry with `methods` needs `types` and `parameters`"]),
        ('[[inbound]]\nplatform = "Mail"\ntypes = ["mail.Envelope"]\nmethods = "handle_DATA"\nparameters = ["envelope"]\n'
         'fields = {}\n',
         ["'methods' must be a list of strings"]),
        ('[[inbound]]\nplatform = "Mail"\ntypes = ["mail.Envelope"]\nmethods = ["handle_DATA"]\nfields = {}\n',
         ["an [[inbound]] entry with `methods` needs `types` and `parameters`"]),
    ],
)
def test_a_broken_inbound_methods_entry_is_a_rule_pack_error(tmp_path: Path, text: str, problems: list[str]) -> None:
    assert pack_problems(tmp_path, text) == problems
