"""The SARIF renderer: exact structure, consumer checks (both schemas + checklist), determinism."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest
import sarif_om  # type: ignore[import-untyped]
from report_fixtures import COOKIE, F_LOG, F_SHARE, LOG, SHARE
from sarif_check import assert_valid_sarif

from scanner.catalog import (
    ALL_RULES,
    COOKIE_ATTRIBUTES,
    UNDECLARED_COLLECTION,
    UNUSED_DECLARATION,
)
from scanner.model import (
    AstralLine,
    Finding,
    Fix,
    InventoryRef,
    Kind,
    Level,
    Notice,
    NoticeLevel,
    Observation,
    Replacement,
    RunResult,
    Skip,
    SkipReason,
    Span,
    Suppression,
)
from scanner.report import Format, render
from scanner.report.sarif import render_sarif, to_json

INVENTORY = "privacy-inventory.toml"

COLLECT = Observation(
    kind=Kind.COLLECT,
    path="app/models.py",
    span=Span(12, 5, 12, 40),
    categories=("user.contact.email",),
    rule="python.django.model-field",
    message="EmailField `email` stores user.contact.email",
    stored=True,
)

F_COLLECT = Finding(
    rule_id="PS101",
    level=Level.WARNING,
    message="user.contact.email is collected but not declared.",
    path="app/models.py",
    span=Span(12, 5, 12, 40),
    categories=("user.contact.email",),
    identity="PS101:app/models.py:collect:user.contact.email",
    observation=COLLECT,
    declaration=InventoryRef(INVENTORY, None, ""),
    line_hash="a7f2ff13bc495cf2:1",
)
F_COOKIE = Finding(
    rule_id="PS302",
    level=Level.WARNING,
    message="Cookie tracking_id is set without secure, which the inventory requires.",
    path="app/views.py",
    span=Span(30, 5, 30, 71),
    categories=("user.device.cookie_id",),
    identity="PS302:app/views.py:cookie:tracking_id",
    cookie="tracking_id",
    observation=COOKIE,
    declaration=InventoryRef(INVENTORY, 30, "[[cookies]] tracking_id"),
    line_hash="e9496ae3ebfced30:1",
)
F_UNUSED = Finding(
    rule_id="PS901",
    level=Level.NOTE,
    message="user.name is declared but never collected.",
    path=INVENTORY,
    span=Span(7, 1, 7, 31),
    categories=("user.name",),
    identity="PS901:collect:user.name",
    declaration=InventoryRef(INVENTORY, 7, "[[collect]] user.name"),
    line_hash="ce8ba1a563dcdaca:1",
)
F_SUPPRESSED = Finding(
    rule_id="PS101",
    level=Level.WARNING,
    message="user.name is collected but not declared.",
    path="app/models.py",
    span=Span(13, 5, 13, 44),
    categories=("user.name",),
    identity="PS101:app/models.py:collect:user.name",
    line_hash="e20e36e16fcb0cc8:1",
    suppression=Suppression(13, ("PS101",), "display name only, reviewed in PRIV-7"),
)
SKIP = Skip("app/broken.py", SkipReason.SYNTAX_ERROR, "invalid syntax", line=3, column=7)
NOTICE = Notice(
    NoticeLevel.WARNING, "unused suppression of PS201", path="app/views.py", line=5, code="unused-suppression"
)
NOTICE_NO_PATH = Notice(NoticeLevel.NOTE, "semgrep packs are disabled")

# In Finding.sort_key order: by path, line, column.
FINDINGS = (F_SHARE, F_LOG, F_COLLECT, F_SUPPRESSED, F_COOKIE, F_UNUSED)


def make_run(**changes: Any) -> RunResult:
    """A scan run with every kind of result; `changes` replace fields."""
    run = RunResult(
        root="/home/dev/my app",
        tool_version="0.3.1",
        command="scan",
        observations=(COLLECT, SHARE, COOKIE, LOG),
        findings=FINDINGS,
        skips=(SKIP,),
        notices=(NOTICE, NOTICE_NO_PATH),
        rules=ALL_RULES,
        inventory_path=INVENTORY,
        files_scanned=6,
    )
    return dataclasses.replace(run, **changes)


EMPTY_RUN = RunResult(
    root="/srv/repo",
    tool_version="0.3.1",
    command="scan",
    observations=(),
    findings=(),
    skips=(),
    notices=(),
    rules=ALL_RULES,
    inventory_path=INVENTORY,
    files_scanned=0,
)


def sarif(run: RunResult, **kwargs: str) -> dict[str, Any]:
    return assert_valid_sarif(render_sarif(run, **kwargs))


def results_by_rule(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for result in doc["runs"][0]["results"]:
        out.setdefault(result["ruleId"], []).append(result)
    return out


@pytest.mark.parametrize(
    ("run", "mode"),
    [
        (make_run(), "include"),
        (make_run(), "omit"),
        (EMPTY_RUN, "include"),
        (make_run(command="observe", findings=(), inventory_path=None), "include"),
        (make_run(rules=(UNDECLARED_COLLECTION,), findings=(F_COLLECT, F_SUPPRESSED)), "include"),
    ],
    ids=["full", "full-omit", "empty", "observe", "one-rule"],
)
def test_every_log_passes_both_schemas_and_the_checklist(run: RunResult, mode: str) -> None:
    sarif(run, suppressed=mode)


def test_log_header_and_single_run() -> None:
    doc = sarif(make_run())
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    assert sorted(run) == [
        "automationDetails",
        "columnKind",
        "invocations",
        "originalUriBaseIds",
        "results",
        "tool",
    ]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["automationDetails"] == {"id": "policyscan/"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///home/dev/my%20app/"}}


@pytest.mark.parametrize(
    ("root", "uri"),
    [
        ("/srv/repo", "file:///srv/repo/"),
        ("/srv/repo/", "file:///srv/repo/"),
        ("/", "file:///"),
        ("/home/dev/ünï côde#1", "file:///home/dev/%C3%BCn%C3%AF%20c%C3%B4de%231/"),
    ],
)
def test_source_root_uri_is_percent_encoded_and_ends_with_slash(root: str, uri: str) -> None:
    doc = sarif(dataclasses.replace(EMPTY_RUN, root=root))
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"] == {"uri": uri}


def test_driver_lists_every_enabled_rule_in_order_even_unfired() -> None:
    driver = sarif(EMPTY_RUN)["runs"][0]["tool"]["driver"]
    assert {k: v for k, v in driver.items() if k != "rules"} == {
        "name": "policyscan",
        "version": "0.3.1",
        "semanticVersion": "0.3.1",
        "informationUri": "https://github.com/policyscan/policyscan",
    }
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in ALL_RULES]


def test_rule_descriptor_of_a_privacy_rule() -> None:
    rules = sarif(EMPTY_RUN)["runs"][0]["tool"]["driver"]["rules"]
    uri = "https://github.com/policyscan/policyscan/blob/main/docs/rules.md#ps101-undeclared-collection"
    assert rules[0] == {
        "id": "PS101",
        "name": "undeclared-collection",
        "shortDescription": {"text": UNDECLARED_COLLECTION.short},
        "fullDescription": {"text": UNDECLARED_COLLECTION.full, "markdown": UNDECLARED_COLLECTION.full},
        "help": {
            "text": f"{UNDECLARED_COLLECTION.help} See {uri}",
            "markdown": f"{UNDECLARED_COLLECTION.help}\n\n[PS101 undeclared-collection]({uri})",
        },
        "helpUri": uri,
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["privacy", "collect"], "precision": "high", "problem.severity": "warning"},
    }


@pytest.mark.parametrize(
    ("level", "severity"),
    [(Level.ERROR, "error"), (Level.WARNING, "warning"), (Level.NOTE, "recommendation")],
)
def test_problem_severity_follows_the_rule_level(level: Level, severity: str) -> None:
    rule = dataclasses.replace(UNUSED_DECLARATION, level=level)
    descriptor = sarif(dataclasses.replace(EMPTY_RUN, rules=(rule,)))["runs"][0]["tool"]["driver"]["rules"][0]
    assert descriptor["defaultConfiguration"] == {"level": level.value}
    assert descriptor["properties"]["problem.severity"] == severity
    assert "security-severity" not in descriptor["properties"]


def test_security_rule_has_security_severity_and_tag_instead_of_problem_severity() -> None:
    rules = {r["id"]: r for r in sarif(EMPTY_RUN)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PS302"]["properties"] == {
        "tags": ["privacy", "cookie", "security"],
        "precision": "high",
        "security-severity": "4.0",
    }
    # The "security" tag is added when the rule lacks it: GitHub needs it to show the score.
    untagged = dataclasses.replace(COOKIE_ATTRIBUTES, tags=("privacy", "cookie"))
    descriptor = sarif(dataclasses.replace(EMPTY_RUN, rules=(untagged,)))["runs"][0]["tool"]["driver"][
        "rules"
    ][0]
    assert descriptor["properties"]["tags"] == ["privacy", "cookie", "security"]


def test_results_follow_finding_order_with_explicit_level_and_right_rule_index() -> None:
    results = sarif(make_run())["runs"][0]["results"]
    rule_ids = [rule.id for rule in ALL_RULES]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("PS201", rule_ids.index("PS201"), "error"),
        ("PS401", rule_ids.index("PS401"), "error"),
        ("PS101", 0, "warning"),
        ("PS101", 0, "warning"),
        ("PS302", rule_ids.index("PS302"), "warning"),
        ("PS901", rule_ids.index("PS901"), "note"),
    ]


def test_result_with_declaration_line_and_code_flow() -> None:
    (result,) = results_by_rule(sarif(make_run()))["PS401"]
    region = {"startLine": 41, "startColumn": 9, "endLine": 43, "endColumn": 10}
    assert result == {
        "ruleId": "PS401",
        "ruleIndex": 6,
        "level": "error",
        "message": {"text": "user.content is written to a log. [declared in privacy-inventory.toml:15:1](1)"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "app/chat.py", "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "relatedLocations": [
            {
                "id": 1,
                "message": {"text": "[logging]"},
                "physicalLocation": {
                    "artifactLocation": {"uri": "privacy-inventory.toml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 15, "startColumn": 1},
                },
            }
        ],
        "partialFingerprints": {
            "primaryLocationLineHash": "fb7c023a8b9ccb3f:1",
            "policyscan/v1": "PS401:app/chat.py:log:user.content",
        },
        "properties": {
            "categories": ["user.content"],
            "kind": "log",
            "observationRule": "python.logging.personal-data",
        },
        "codeFlows": [
            {
                "threadFlows": [
                    {
                        "locations": [
                            {
                                "nestingLevel": 1,
                                "location": {
                                    "message": {"text": "prompt read from the request body"},
                                    "physicalLocation": {
                                        "artifactLocation": {"uri": "app/chat.py", "uriBaseId": "%SRCROOT%"},
                                        "region": {
                                            "startLine": 38,
                                            "startColumn": 5,
                                            "endLine": 38,
                                            "endColumn": 36,
                                        },
                                    },
                                },
                            },
                            {
                                "nestingLevel": 1,
                                "location": {
                                    "message": {"text": "prompt passed to logger.info"},
                                    "physicalLocation": {
                                        "artifactLocation": {"uri": "app/chat.py", "uriBaseId": "%SRCROOT%"},
                                        "region": region,
                                    },
                                },
                            },
                        ]
                    }
                ]
            }
        ],
        "suppressions": [],
    }


def test_result_with_recipient_and_no_declaration() -> None:
    (result,) = results_by_rule(sarif(make_run()))["PS201"]
    assert result["message"] == {"text": "Data is sent to Segment, which is not a declared recipient."}
    assert "relatedLocations" not in result
    # The observation has no flow: no codeFlows at all, rather than an empty one.
    assert "codeFlows" not in result
    assert result["properties"] == {
        "categories": ["user.contact.email", "user.unique_id"],
        "kind": "share",
        "recipient": "Segment",
        "observationRule": "python.segment.track",
    }


def test_result_with_cookie() -> None:
    (result,) = results_by_rule(sarif(make_run()))["PS302"]
    assert result["message"]["text"] == (
        "Cookie tracking_id is set without secure, which the inventory requires. "
        "[declared in privacy-inventory.toml:30](1)"
    )
    assert result["properties"] == {
        "categories": ["user.device.cookie_id"],
        "kind": "cookie",
        "cookie": "tracking_id",
        "observationRule": "python.django.set-cookie",
    }


def test_declaration_without_line_links_to_the_inventory_file() -> None:
    collect = [r for r in results_by_rule(sarif(make_run()))["PS101"] if not r["suppressions"]]
    (result,) = collect
    assert (
        result["message"]["text"]
        == "user.contact.email is collected but not declared. [see privacy-inventory.toml](1)"
    )
    assert result["relatedLocations"] == [
        {
            "id": 1,
            "message": {"text": "the policy inventory"},
            "physicalLocation": {
                "artifactLocation": {"uri": "privacy-inventory.toml", "uriBaseId": "%SRCROOT%"}
            },
        }
    ]


def test_finding_located_in_the_inventory() -> None:
    (result,) = results_by_rule(sarif(make_run()))["PS901"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "privacy-inventory.toml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 31},
    }
    assert (
        result["message"]["text"]
        == "user.name is declared but never collected. [declared in privacy-inventory.toml:7](1)"
    )
    assert "kind" not in result["properties"]


def test_inventory_outside_the_root_is_a_file_uri_without_base() -> None:
    outside = "/etc/policy dir/privacy-inventory.toml"
    finding = dataclasses.replace(F_LOG, declaration=InventoryRef(outside, 15, "[logging]"))
    (result,) = sarif(make_run(findings=(finding,), inventory_path=outside))["runs"][0]["results"]
    assert result["message"]["text"] == (
        "user.content is written to a log. [declared in /etc/policy dir/privacy-inventory.toml:15](1)"
    )
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///etc/policy%20dir/privacy-inventory.toml"
    }


def test_every_message_link_resolves_to_a_related_location() -> None:
    link = re.compile(r"(?<!\\)\[[^\]]*\]\((\d+)\)")
    checked = 0
    for result in sarif(make_run())["runs"][0]["results"]:
        ids = [loc["id"] for loc in result.get("relatedLocations", [])]
        for ref in link.findall(result["message"]["text"]):
            assert int(ref) in ids
            checked += 1
    assert checked == 4


def test_literal_brackets_in_a_message_are_escaped() -> None:
    with_link = dataclasses.replace(F_LOG, message='request.form["prompt"] is written to a log.')
    looks_like_link = dataclasses.replace(F_SHARE, message="Sends [email](2) to Segment.")
    doc = sarif(make_run(findings=(looks_like_link, with_link)))
    assert [r["message"]["text"] for r in doc["runs"][0]["results"]] == [
        "Sends \\[email\\](2) to Segment.",
        'request.form\\["prompt"\\] is written to a log. [declared in privacy-inventory.toml:15:1](1)',
    ]


def test_missing_line_hash_leaves_the_key_out() -> None:
    finding = dataclasses.replace(F_SHARE, line_hash=None)
    (result,) = json.loads(render_sarif(make_run(findings=(finding,))))["runs"][0]["results"]
    assert result["partialFingerprints"] == {"policyscan/v1": "PS201:app/analytics.py:share:Segment"}


def test_suppressions_are_on_every_result_when_included() -> None:
    results = sarif(make_run())["runs"][0]["results"]
    assert [r["suppressions"] for r in results] == [
        [],
        [],
        [],
        [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": "display name only, reviewed in PRIV-7",
            }
        ],
        [],
        [],
    ]


def test_suppression_without_justification_has_no_empty_justification() -> None:
    finding = dataclasses.replace(F_SUPPRESSED, suppression=Suppression(13, ("PS101",), ""))
    (result,) = sarif(make_run(findings=(finding,)))["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted"}]


def test_omit_drops_suppressed_results_and_keeps_the_rest() -> None:
    results = sarif(make_run(), suppressed="omit")["runs"][0]["results"]
    assert [r["partialFingerprints"]["policyscan/v1"] for r in results] == [
        f.identity for f in FINDINGS if f.suppression is None
    ]
    assert all(r["suppressions"] == [] for r in results)


def test_invocation_reports_skips_and_notices() -> None:
    (invocation,) = sarif(make_run())["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": "could not analyse app/broken.py: syntax-error: invalid syntax"},
                "descriptor": {"id": "syntax-error"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": "app/broken.py", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 3, "startColumn": 7},
                        }
                    }
                ],
            },
            {
                "level": "warning",
                "message": {"text": "unused suppression of PS201"},
                "descriptor": {"id": "unused-suppression"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 5},
                        }
                    }
                ],
            },
            {"level": "note", "message": {"text": "semgrep packs are disabled"}},
        ],
    }


def test_skip_without_line_is_located_at_the_file() -> None:
    skip = Skip("data/blob.py", SkipReason.NULL_BYTES, "file contains null bytes")
    (invocation,) = sarif(make_run(skips=(skip,), notices=()))["runs"][0]["invocations"]
    assert invocation["toolExecutionNotifications"][0]["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "data/blob.py", "uriBaseId": "%SRCROOT%"}}}
    ]


def test_a_file_analysed_in_part_is_said_so() -> None:
    # a statement too deep was left out and the rest analysed: not "could not analyse"
    skip = Skip("app/deep.py", SkipReason.STATEMENT_TOO_DEEP, "a statement nested too deeply to analyse was left out;"
                " the rest of the file is analysed", 13)
    (invocation,) = sarif(make_run(skips=(skip,), notices=()))["runs"][0]["invocations"]
    assert invocation["toolExecutionNotifications"][0]["message"] == {
        "text": "could analyse only in part app/deep.py: statement-too-deeply-nested: a statement nested too deeply"
                " to analyse was left out; the rest of the file is analysed"}


def test_error_notice_makes_execution_unsuccessful() -> None:
    notice = Notice(NoticeLevel.ERROR, "semgrep failed: exit 7")
    (invocation,) = sarif(make_run(skips=(), notices=(notice,)))["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": "semgrep failed: exit 7"}}],
    }


def test_empty_run() -> None:
    run = sarif(EMPTY_RUN)["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert len(run["tool"]["driver"]["rules"]) == len(ALL_RULES)


def test_equal_runs_give_identical_bytes_whatever_the_finding_order() -> None:
    first = render_sarif(make_run())
    assert render_sarif(make_run()) == first
    assert render_sarif(make_run(findings=tuple(reversed(FINDINGS)))) == first
    assert first.endswith("}\n")
    # Sorted keys, two-space indent: the text is what json.dumps gives for the parsed log.
    assert first == json.dumps(json.loads(first), sort_keys=True, indent=2) + "\n"


def test_unknown_suppressed_mode_is_an_error() -> None:
    with pytest.raises(ValueError, match="suppressed must be one of include, omit, got 'hide'"):
        render_sarif(EMPTY_RUN, suppressed="hide")


def test_finding_of_a_rule_that_is_not_enabled_is_an_error() -> None:
    with pytest.raises(ValueError, match="has rule PS201, which is not enabled"):
        render_sarif(make_run(rules=(UNDECLARED_COLLECTION,), findings=(F_SHARE,)))


def test_to_json_renames_and_drops_defaults_but_keeps_level() -> None:
    result = sarif_om.Result(
        message=sarif_om.Message(text="m"),
        level="warning",  # equal to sarif_om's default, written anyway
        kind="fail",  # equal to the default, dropped
        rule_index=0,  # 0 is not the default -1
        rank=-1.0,
        suppressions=[],
        properties={"recipient": None, "secure": False},
    )
    assert to_json(result) == {
        "message": {"text": "m"},
        "level": "warning",
        "ruleIndex": 0,
        "suppressions": [],
        "properties": {"secure": False},
    }
    # A factory default (a list) is recognised as well.
    run = sarif_om.Run(
        tool=sarif_om.Tool(driver=sarif_om.ToolComponent(name="x")), newline_sequences=["\r\n", "\n"]
    )
    assert to_json(run) == {"tool": {"driver": {"name": "x"}}}


def test_to_json_rejects_values_json_cannot_hold() -> None:
    with pytest.raises(TypeError, match="cannot write object to SARIF"):
        to_json({"x": object()})


def test_render_dispatches_to_sarif() -> None:
    assert render(make_run(), Format.SARIF, sarif_suppressed="omit") == render_sarif(
        make_run(), suppressed="omit"
    )
    assert render(make_run(), Format("sarif")) == render_sarif(make_run())


def test_render_rejects_an_unknown_suppressed_mode_for_every_format() -> None:
    for fmt in Format:
        with pytest.raises(ValueError, match="sarif_suppressed must be one of include, omit"):
            render(EMPTY_RUN, fmt, sarif_suppressed="drop")


# Lines holding characters beyond the BMP, as the runner notes them: the PS401 finding's start
# (an emoji at offset 0) and end lines, its first flow step's line, the declaration's line and the
# skip's line.
ASTRAL = (
    AstralLine("app/broken.py", 3, (1, 2)),
    AstralLine("app/chat.py", 38, (2,)),
    AstralLine("app/chat.py", 41, (0, 30)),
    AstralLine("app/chat.py", 43, (3, 4, 9)),
    AstralLine("privacy-inventory.toml", 15, (0,)),
)


def test_columns_on_lines_with_astral_characters_count_utf16_code_units() -> None:
    doc = sarif(make_run(astral_lines=ASTRAL))
    (result,) = results_by_rule(doc)["PS401"]
    # 9 moves by the one character before it (offset 0; 30 is after it), the exclusive end 10 on line
    # 43 by the two before it (offset 9 is the character just after the region)
    region = {"startLine": 41, "startColumn": 10, "endLine": 43, "endColumn": 12}
    assert result["locations"][0]["physicalLocation"]["region"] == region
    steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["physicalLocation"]["region"] for step in steps] == [
        {"startLine": 38, "startColumn": 6, "endLine": 38, "endColumn": 37},
        region,
    ]
    # the declaration starts at the astral character itself: column 1 stays 1
    assert result["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 15, "startColumn": 1}
    # the line hash is GitHub's of the line, whatever the columns
    assert result["partialFingerprints"]["primaryLocationLineHash"] == "fb7c023a8b9ccb3f:1"
    skip = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert skip["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 9}


def test_fix_regions_count_utf16_code_units() -> None:
    fix = Fix("Pass secure=True", (Replacement("app/chat.py", Span(41, 40, 41, 45), "True"),))
    finding = dataclasses.replace(F_LOG, fixes=(fix,))
    doc = sarif(make_run(findings=(finding,), astral_lines=ASTRAL))
    (result,) = doc["runs"][0]["results"]
    [change] = result["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["deletedRegion"] == {
        "startLine": 41, "startColumn": 42, "endLine": 41, "endColumn": 47,
    }


def test_astral_lines_no_region_is_on_change_nothing() -> None:
    elsewhere = (AstralLine("app/other.py", 41, (0,)), AstralLine("app/chat.py", 40, (0,)))
    assert render_sarif(make_run(astral_lines=elsewhere)) == render_sarif(make_run())


def test_text_and_json_keep_code_point_columns() -> None:
    run = make_run(astral_lines=ASTRAL)
    for fmt in (Format.TEXT, Format.JSON, Format.GITHUB, Format.MARKDOWN):
        assert render(run, fmt) == render(make_run(), fmt), fmt
