"""The classifier's memos change no answer: `Classifier.name` answers a name from the identifier's and
the owner's memos before the (name, owner) memo when the owner cannot change the answer, and `_best`'s
result is memoised by the words, the owner's groups and only the owner modifiers a category excludes.
A classifier asked every pair once, warm, gives what a fresh classifier gives for each pair alone."""

from __future__ import annotations

import itertools

from scanner.classify import Classifier, _best, bundled_pack

IDENTIFIERS = (
    "content", "email", "name", "user_name_or_id", "address", "title", "status_message", "value", "key",
    "ip", "first_name", "x", "model", "phone_number", "api_key", "message", "text", "response", "body",
    "ops", "__init__", "EMAIL_SUBJECT", "X_FORWARDED_FOR", "weight", "raw_text", "reason", "city", "id",
)
OWNERS = (
    None, "SystemMessage", "AIMessageSchema", "ChatTitleForm", "UserStatus", "ApiKey", "ApiKeyValue",
    "IPAddress", "User", "Customer", "Queue", "ProxyServer", "PreSetReply", "ContentForm", "models.Model",
    "django.contrib.auth.models.User", "FidoRegisterSchema", "MessageUpdate", "person", "CreditCard",
    "CertificateUploadInputSchema", "SimplifiedAPIRequest", "ForumPost", "OpsQueue", "ModelAdmin",
)


def test_a_warm_classifier_answers_every_pair_as_a_fresh_one_does() -> None:
    warm = Classifier.load()
    pairs = list(itertools.product(IDENTIFIERS, OWNERS))
    # asked twice in two orders, so that each memo is read after another pair filled it
    for identifier, owner in (*pairs, *reversed(pairs)):
        assert warm.name(identifier, owner=owner) == Classifier.load().name(identifier, owner=owner), (identifier, owner)


def test_an_owner_that_cannot_change_the_answer_fills_no_pair_memo() -> None:
    classifier = Classifier.load()
    assert classifier.name("ops", owner="Connection") is None  # read first: through the pair memo
    assert classifier.name("ops", owner="Cursor") is None  # no pattern starts with it, no owner named for it
    assert ("ops", "Cursor") not in classifier._names
    assert classifier.name("__init__", owner="User") is None  # a dunder name: no owner's
    assert classifier.name("__init__", owner="Customer") is None
    assert ("__init__", "Customer") not in classifier._names


def test_the_modifiers_best_reads_are_those_a_category_excludes() -> None:
    pack = bundled_pack()
    classifier = Classifier.load()
    excluded = frozenset().union(*(category.exclude for category in pack.categories.values()))
    for owner in OWNERS[1:]:
        modifiers = classifier._owner_modifiers(owner)
        kept = tuple(word for word in modifiers if word in excluded)
        groups = classifier._owner_groups(owner) or frozenset()
        for identifier in IDENTIFIERS:
            words = pack.words(identifier)
            assert _best(pack, words, groups, kept) == _best(pack, words, groups, modifiers), (identifier, owner)
    # a modifier that cancels an owner's match is kept: a system message's content is not a person's
    assert classifier._owner_modifiers("SystemMessage") == ("system",)
    assert "system" in excluded
    assert classifier.name("content", owner="SystemMessage") is None
