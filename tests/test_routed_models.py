"""litellm routes a call by its model's name: a model named in the code says which provider receives
the call (`litellm.transcription(model="whisper-1", ...)`, aider's voice input, is sent to OpenAI), so
the call is a share to that provider; a model from configuration, or one of no listed provider, names
no recipient the code shows and the call is not reported (mem0's rule). `[[sdk]] models` in a pack."""

from __future__ import annotations

from pathlib import Path

from engine_support import analyze_source, models, observed_tree, pack_problems

from scanner.classify import Classifier

SOURCE = '''
import litellm
from litellm import completion


def send(messages, history, audio, settings):
    litellm.transcription(model="whisper-1", file=audio, prompt=history)
    completion(model="gpt-4o", messages=messages)
    litellm.completion(model="anthropic/claude-3-5-sonnet", messages=messages)
    litellm.completion("Claude-3-haiku", messages)
    litellm.completion(model="gemini/gemini-1.5-pro", messages=messages)
    litellm.completion(model=settings.MODEL, messages=messages)
    litellm.completion(model="ollama/llama3", messages=messages)
    litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": "ping"}])
'''


def test_a_literal_model_routes_the_share_to_its_provider() -> None:
    result = analyze_source("app/llm.py", SOURCE, models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind.value == "share"]
    # by keyword and positionally, bare names and provider prefixes (any case); not a configured
    # model (12), not a model of no listed provider (13), not a call sending only literals (14)
    assert shares == [
        (7, "OpenAI", ("user.content",)),
        (8, "OpenAI", ("user.content",)),
        (9, "Anthropic", ("user.content",)),
        (10, "Anthropic", ("user.content",)),
        (11, "Google Gemini", ("user.content",)),
    ]


def test_a_models_table_must_name_recipients(tmp_path: Path) -> None:
    text = '[[sdk]]\nrule = "python.share.x"\ncalls = ["x.send"]\nmodels = { "x-" = 3 }\n'
    # (without a valid table, the entry needs its recipient)
    assert pack_problems(tmp_path, text) == ["'models' must be a table of model-name prefix = recipient",
                                             "'recipient' must be a non-empty string"]


LAZY = '''
import importlib


class LazyLiteLLM:
    _lazy_module = None

    def __getattr__(self, name):
        if name == "_lazy_module":
            return super()
        self._load_litellm()
        return getattr(self._lazy_module, name)

    def _load_litellm(self):
        if self._lazy_module is None:
            self._lazy_module = importlib.import_module("litellm")


litellm = LazyLiteLLM()
'''

VOICE = '''
from app.llm import litellm


def transcribe(fh, history):
    return litellm.transcription(model="whisper-1", file=fh, prompt=history)
'''


def test_a_lazily_loaded_module_is_called_through_its_proxy(tmp_path: Path) -> None:
    # aider's `litellm = LazyLiteLLM()`: a class whose `__getattr__` hands out the attributes of the
    # module it loads with `importlib.import_module("litellm")`; its importers call that module
    assert observed_tree(tmp_path, {"app/__init__.py": "", "app/llm.py": LAZY, "app/voice.py": VOICE}) == [
        ("app/voice.py", 6, "share", ("user.content",)),
    ]


def test_a_class_that_loads_no_literal_module_stands_for_none(tmp_path: Path) -> None:
    loader = LAZY.replace('importlib.import_module("litellm")', "importlib.import_module(self.name)")
    assert observed_tree(tmp_path, {"app/__init__.py": "", "app/llm.py": loader, "app/voice.py": VOICE}) == []
