"""The fixtures are exact specifications: their `# expect:` and `# finding:` comments (fixtures/README.md)
list every observation and every finding a scan must report, and nothing else."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from scanner.config import load_config
from scanner.model import Kind, RunResult
from scanner.runner import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MISMATCH = sorted(p for p in (FIXTURES / "mismatch").iterdir() if p.is_dir())

Expected = tuple[str, int, str, str, str]  # path, line, kind, recipient-or-cookie, categories


def _comment_blocks(lines: list[tuple[int, str]], total: int, code_lines: set[int]) -> dict[int, list[str]]:
    """Map each annotated code line to the annotation comments of the block just before it."""
    blocks: dict[int, list[str]] = {}
    pending: list[str] = []
    comment_lines = dict(lines)
    for number in range(1, total + 1):
        if number in comment_lines and number not in code_lines:
            text = comment_lines[number]
            if text.startswith(("expect", "finding")):
                pending.append(text)
            continue
        if number in code_lines and pending:
            blocks[number] = pending
            pending = []
    return blocks


def _python_annotations(path: Path) -> dict[int, list[str]]:
    source = path.read_text(encoding="utf-8")
    comments: list[tuple[int, str]] = []
    code_lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments.append((token.start[0], token.string.lstrip("#").strip()))
        elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
            code_lines.update(range(token.start[0], token.end[0] + 1))
    return _comment_blocks(comments, len(source.splitlines()), code_lines)


def _toml_annotations(path: Path) -> dict[int, list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [(i, line.strip().lstrip("#").strip()) for i, line in enumerate(lines, 1) if line.strip().startswith("#")]
    code = {i for i, line in enumerate(lines, 1) if line.strip() and not line.strip().startswith("#")}
    return _comment_blocks(comments, len(lines), code)


def expected(root: Path) -> tuple[set[Expected], set[tuple[str, int, str]]]:
    """The observations and findings the annotations under `root` call for."""
    observations: set[Expected] = set()
    findings: set[tuple[str, int, str]] = set()
    files = [(p, _python_annotations(p)) for p in sorted(root.rglob("*.py")) if _decodes(p)]
    files += [(p, _toml_annotations(p)) for p in sorted(root.rglob("*.toml"))]
    for path, blocks in files:
        rel = path.relative_to(root).as_posix()
        for line, written in blocks.items():
            for text in written:
                if text.startswith("finding:"):
                    for rule in re.split(r"[,\s]+", text[len("finding:"):].strip()):
                        if rule:
                            findings.add((rel, line, rule))
                elif text.startswith("expect:"):
                    words = text[len("expect:"):].split()
                    kind = words[0]
                    if kind == "cookie":
                        observations.add((rel, line, kind, words[1], ""))
                    elif kind == "share":
                        observations.add((rel, line, kind, " ".join(words[1:-1]), words[-1]))
                    else:
                        observations.add((rel, line, kind, "", words[1] if len(words) > 1 else ""))
    return observations, findings


def _decodes(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text and _parses(text)


def _parses(text: str) -> bool:
    try:
        compile(text, "<fixture>", "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
    except SyntaxError:
        return False
    return True


def actual(result: RunResult) -> tuple[set[Expected], set[tuple[str, int, str]]]:
    observations: set[Expected] = set()
    for obs in result.observations:
        if obs.kind is Kind.COOKIE:
            observations.add((obs.path, obs.span.start_line, "cookie", obs.cookie.name if obs.cookie and obs.cookie.name else "", ""))
        else:
            observations.add((obs.path, obs.span.start_line, obs.kind.value, obs.recipient or "", ",".join(obs.categories)))
    findings = {(f.path, f.span.start_line, f.rule_id) for f in result.findings}
    return observations, findings


def scan(root: Path) -> RunResult:
    return run(root, config=load_config(root), command="scan", jobs=1)


@pytest.mark.parametrize("case", MISMATCH, ids=[p.name for p in MISMATCH])
def test_mismatch_cases_report_exactly_their_annotations(case: Path) -> None:
    result = scan(case)
    want_obs, want_findings = expected(case)
    got_obs, got_findings = actual(result)
    assert sorted(got_obs - want_obs) == [], "observations not annotated"
    assert sorted(want_obs - got_obs) == [], "annotated observations not reported"
    assert sorted(got_findings - want_findings) == [], "findings not annotated"
    assert sorted(want_findings - got_findings) == [], "annotated findings not reported"
    assert result.complete


def test_each_mismatch_case_shows_its_rule() -> None:
    for case in MISMATCH:
        if case.name == "clean":
            assert {f.rule_id for f in scan(case).findings} == set()
            continue
        rule = case.name.split("_", 1)[0]
        assert rule in {f.rule_id for f in scan(case).findings}, case.name


def test_example_service_observations_match_its_annotations() -> None:
    root = FIXTURES / "example_service"
    result = scan(root)
    want_obs, _ = expected(root)
    got_obs, _ = actual(result)
    assert sorted(got_obs - want_obs) == [], "observations not annotated"
    assert sorted(want_obs - got_obs) == [], "annotated observations not reported"
    assert {kind for (_, _, kind, _, _) in got_obs} == {"collect", "share", "cookie", "log"}


def test_example_service_findings() -> None:
    result = scan(FIXTURES / "example_service")
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.rule_id] = counts.get(finding.rule_id, 0) + 1
    # The demo's point: the API services log prompts (DPA 4(b)), recipients the policy does not name,
    # an email address in a log; the declared cookies and Google Analytics match their declarations.
    assert {k: v for k, v in counts.items() if k != "PS901"} == {"PS501": 1, "PS201": 4, "PS401": 1}
    scope = [f for f in result.findings if f.rule_id == "PS501"]
    assert [(f.path, f.categories) for f in scope] == [("app/api/completions.py", ("user.content",))]
    assert sorted({f.recipient for f in result.findings if f.rule_id == "PS201"}) == ["OpenAI", "PostHog", "Sentry"]


def test_broken_files_are_reported_and_never_stop_the_scan() -> None:
    root = FIXTURES / "broken"
    result = run(root, config=load_config(root), command="observe", jobs=1)
    assert not result.complete
    assert sorted((s.path, s.reason.value, s.line) for s in result.skips) == [
        ("latin1.py", "decode-error", 1),
        ("nul_byte.py", "null-bytes", 3),
        ("syntax_error.py", "syntax-error", 8),
    ]
    want_obs, _ = expected(root)
    got_obs, _ = actual(result)
    assert got_obs == want_obs and got_obs
