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
