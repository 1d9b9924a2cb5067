"""Logs whose data comes from another module's callers: the callers' data carried back to the log call.

The contract locates a log inside a project's own logging wrapper at the wrapper's log call, and
a function that logs a parameter on the side of its work logs at its own log call; the personal
data there is what its callers pass. A file's analysis sees only its own calls: it records each
call that passes personal data into a parameter of another module's function that reaches a log
call there (`RelayedLog`, kept with the file's result and cached with it). Once every file is
analysed (from the cache or not), `relayed_logs` turns those records into one `log` at each log
call reached. A pure function of the records and the observations: the same whatever the workers,
and whatever the files a run reports on (the runner filters after).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scanner.engine.sinks import describe, is_are
from scanner.engine.summaries import LogSite, RelayedLog
from scanner.model import FlowStep, Kind, Observation

RULE = "python.logging.given-by-callers"
"""The rule of a log call reported for what its callers in other modules pass to it."""

# How many callers a message names; the flow lists them all.
_NAMED = 3


def relayed_logs(records: Iterable[RelayedLog], observations: Sequence[Observation]) -> list[Observation]:
    """One `log` observation per log call `records` reach, sorted: categories the union of its
    callers', a flow step at each caller (sorted by place) and a last one at the log call.

    A log call that already has a `log` observation on its line (its own data, or a wrapper's log
    of its callers' `*args`) gets nothing: nothing is merged into it and nothing added.
    """
    logged = {(o.path, o.span.start_line) for o in observations if o.kind is Kind.LOG}
    by_site: dict[LogSite, list[RelayedLog]] = {}
    for record in records:
        site = record.site
        if (site.path, site.span.start_line) not in logged:
            by_site.setdefault(site, []).append(record)
    found = [_observation(site, callers) for site, callers in by_site.items()]
    return sorted(found, key=lambda o: (o.sort_key, o.message))


def _observation(site: LogSite, records: list[RelayedLog]) -> Observation:
    """The log at `site` for what `records` (its callers' calls, at least one) pass to it."""
    categories = sorted({c for record in records for c in record.categories})
    callers = sorted({(r.path, r.span, r.callee, r.categories) for r in records})
    places: dict[str, list[str]] = {}
    given: dict[str, set[str]] = {}
    for path, span, callee, passed in callers:
        place = f"{path}:{span.start_line}"
        named = places.setdefault(callee, [])
        if place not in named:
            named.append(place)
        given.setdefault(callee, set()).update(passed)
    parts = []
    for callee, named in sorted(places.items()):
        more = f" and {len(named) - _NAMED} more" if len(named) > _NAMED else ""
        pronoun = "it" if len(given[callee]) == 1 else "them"
        parts.append(f"{callee}() is given {pronoun} at {', '.join(named[:_NAMED])}{more}")
    message = f"{describe(categories)} {is_are(categories)} written to a log here: {'; '.join(parts)}"
    flow = tuple(FlowStep(path, span, f"{describe(passed)} {is_are(passed)} passed to {callee}() here")
                 for path, span, callee, passed in callers)
    flow += (FlowStep(site.path, site.span, f"written to a log by {site.via} in {site.function}()"),)
    return Observation(
        kind=Kind.LOG,
        path=site.path,
        span=site.span,
        categories=tuple(categories),
        rule=RULE,
        message=message,
        flow=flow,
        reasons=(f"{site.function}() writes what its callers pass to it to a log by {site.via}",),
    )
