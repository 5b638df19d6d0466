"""A ticket history import as files and as a person reads it: the canonical CSV (one ticket per
row, times in UTC, read back with the ready mapping ``canonical``), the import's summary as
text and as JSON."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterable
from typing import IO, Any

from cskh_org.history import Tally
from cskh_org.history.calibrate import Calibration, Interval
from cskh_org.history.forecast import ArrivalForecast
from cskh_org.history.loop import LoopResult
from cskh_org.history.workload import CalibratedWorkload, ForecastWorkload
from cskh_org.loading.history import ImportSummary
from cskh_org.model.history import PastTicket
from cskh_org.terminal import printable
from cskh_org.words import Voice
from cskh_org.words.formats import percent_text

__all__ = [
    "CANONICAL_HEADER",
    "calibration_json",
    "calibration_text",
    "calibration_yaml",
    "forecast_json",
    "forecast_text",
    "forecast_yaml",
    "import_json",
    "import_text",
    "loop_json",
    "loop_text",
    "write_tickets",
    "wrote_calibrated",
    "wrote_workload",
]

CANONICAL_HEADER = (
    "id",
    "created",
    "first_reply",
    "solved",
    "channel",
    "category",
    "priority",
    "tier",
    "unit",
    "agent",
    "reopened",
    "satisfaction",
    "abandoned",
    "handling",
    "groups",
    "path",
)
"""The canonical CSV's columns (what the ready mapping ``canonical`` reads)."""


def write_tickets(tickets: Iterable[PastTicket], stream: IO[str]) -> Tally:
    """Write ``tickets`` as the canonical CSV to ``stream``, a row at a time; their tally."""
    tally = Tally()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CANONICAL_HEADER)
    for t in tickets:
        tally.add(t)
        writer.writerow(
            (
                t.id or "",
                t.created.isoformat(),
                "" if t.first_reply is None else t.first_reply.isoformat(),
                "" if t.solved is None else t.solved.isoformat(),
                t.channel or "",
                t.category or "",
                t.priority or "",
                t.tier or "",
                t.unit or "",
                t.agent or "",
                "" if t.reopened is None else t.reopened,
                "" if t.satisfaction is None else repr(t.satisfaction),
                "" if t.abandoned is None else t.abandoned.isoformat(),
                "" if t.handling is None else repr(t.handling),
                "" if t.groups is None else t.groups,
                "" if t.path is None else " > ".join(t.path),
            )
        )
    return tally


class _Say(Voice):
    def __call__(self, key: str, **fields: object) -> str:
        return self.say(f"history.{key}", **fields)


def import_text(
    summary: ImportSummary, tally: Tally, *, output: str | None = None, lang: str = "en"
) -> str:
    """The summary a person reads after an import (the findings are printed apart), and
    where the tickets were written (``output``)."""
    say = _Say(lang)
    lines = [
        say(
            "summary",
            name=printable(summary.name),
            rows=say.number(summary.rows),
            imported=say.number(summary.imported),
            bad=say.number(summary.bad),
        )
    ]
    if tally.first is not None and tally.last is not None:
        lines.append(say("period", first=tally.first.isoformat(), last=tally.last.isoformat()))
    tables = (
        ("by-code", summary.by_code),
        ("by-channel", tally.by_channel),
        ("by-unit", tally.by_unit),
    )
    for title, counts in tables:
        lines.append(say(title))
        shown = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        lines += [f"  {printable(str(k)) if k else say('none')}: {say.number(n)}" for k, n in shown]
        if not shown:
            lines.append(f"  {say('none')}")
    if output is not None:
        lines.append(say("wrote", n=say.number(tally.tickets), path=printable(output)))
    return "\n".join(lines) + "\n"


def import_json(summary: ImportSummary, tally: Tally) -> str:
    """The import as a JSON document: counts, period, findings."""
    document: dict[str, Any] = {
        "source": summary.name,
        "rows": summary.rows,
        "imported": summary.imported,
        "bad_rows": summary.bad,
        "bad_rows_by_code": dict(sorted(summary.by_code.items())),
        "first_created": None if tally.first is None else tally.first.isoformat(),
        "last_created": None if tally.last is None else tally.last.isoformat(),
        "answered": tally.answered,
        "solved": tally.solved,
        "reopened": tally.reopened,
        "by_channel": {str(k or ""): n for k, n in sorted(tally.by_channel.items(), key=_key)},
        "by_unit": {str(k or ""): n for k, n in sorted(tally.by_unit.items(), key=_key)},
        "findings": [f.to_dict() for f in summary.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _key(item: tuple[str | None, int]) -> str:
    return item[0] or ""


# -- forecasts ---------------------------------------------------------------------------------


def forecast_text(forecast: ArrivalForecast, *, lang: str = "en", shown_days: int = 14) -> str:
    """The forecast as a person reads it: per stream the chosen method, its back-test error
    and the horizon's total; the back-test of every method; the days (the first
    ``shown_days``); the special-day factors."""
    say = _Say(lang)
    last = forecast.start.toordinal() + forecast.days - 1
    lines = [
        say.say(
            "forecast.title",
            attribute=forecast.attribute,
            first=forecast.start.isoformat(),
            last=type(forecast.start).fromordinal(last).isoformat(),
            days=forecast.days,
            tickets=say.number(sum(s.history_tickets for s in forecast.streams)),
            since=forecast.history_first.isoformat(),
            until=forecast.history_last.isoformat(),
        ),
        say.say("forecast.special", calendar=forecast.calendar)
        if forecast.calendar
        else say.say("forecast.no-special"),
    ]
    if forecast.left_out:
        lines.append(
            say.say(
                "forecast.left-out", n=say.number(forecast.left_out), attribute=forecast.attribute
            )
        )

    def pct(share: float) -> str:
        return percent_text(share, lang, digits=1)

    header = [say.say(f"forecast.{k}") for k in ("stream", "method", "total", "interval")]
    rows = [[*header, "WAPE", "bias"]]
    for s in forecast.streams:
        total = sum(d.expected for d in s.days)
        low, high = sum(d.low for d in s.days), sum(d.high for d in s.days)
        rows.append(
            [
                printable(s.key),
                s.method,
                say.number(round(total)),
                f"{say.number(round(low))}–{say.number(round(high))}",
                pct(s.chosen.wape),
                pct(s.chosen.bias),
            ]
        )
    lines += ["", *_table(rows), "", say.say("forecast.backtest", weeks=forecast.backtest_weeks)]
    methods = [score.method for score in forecast.streams[0].scores]
    rows = [[say.say("forecast.stream"), *methods]]
    for s in forecast.streams:
        cells = [printable(s.key)]
        for score in s.scores:
            if score.note is not None:
                cells.append(say.say("forecast.not-tried"))
            else:
                mark = "*" if score.method == s.method else ""
                cells.append(f"{pct(score.wape)} ({pct(score.bias)}){mark}")
        rows.append(cells)
    lines += _table(rows)
    lines += ["", say.say("forecast.days")]
    rows = [[say.say("forecast.date"), *(printable(s.key) for s in forecast.streams), ""]]
    for i, day in enumerate(forecast.streams[0].days[:shown_days]):
        cells = [day.date.isoformat()]
        cells += [say.number(round(s.days[i].expected, 1)) for s in forecast.streams]
        cells.append(day.special or "")
        rows.append(cells)
    lines += _table(rows)
    lines += ["", say.say("forecast.factors")]
    for s in forecast.streams:
        measured = ", ".join(f"{k} {v:.2f} ({n})" for k, (v, n) in s.factors.items())
        lines.append(f"  {printable(s.key)}: {measured or say('none')}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]


def forecast_json(forecast: ArrivalForecast) -> str:
    """The forecast as a JSON document: every stream, its back-test, days and hours."""
    document: dict[str, Any] = {
        "attribute": forecast.attribute,
        "calendar": forecast.calendar,
        "time_zone": forecast.zone,
        "history": {
            "first": forecast.history_first.isoformat(),
            "last": forecast.history_last.isoformat(),
            "left_out": forecast.left_out,
        },
        "start": forecast.start.isoformat(),
        "days": forecast.days,
        "backtest_weeks": forecast.backtest_weeks,
        "streams": [
            {
                "key": s.key,
                "method": s.method,
                "history_tickets": s.history_tickets,
                "backtest": [
                    {
                        "method": b.method,
                        "wape": None if b.note else b.wape,
                        "bias": None if b.note else b.bias,
                        "days": b.days,
                        "note": b.note,
                    }
                    for b in s.scores
                ],
                "days": [
                    {
                        "date": d.date.isoformat(),
                        "expected": d.expected,
                        "low": d.low,
                        "high": d.high,
                        "special": d.special,
                        "factor": d.factor,
                    }
                    for d in s.days
                ],
                "hourly": list(s.hourly),
                "special_factors": {
                    k: {"factor": v, "dates": n} for k, (v, n) in s.factors.items()
                },
                "mix": {k: dict(v) for k, v in s.mix.items()},
            }
            for s in forecast.streams
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def wrote_workload(made: ForecastWorkload, path: str, *, based: bool, lang: str = "en") -> str:
    """The lines that say where the workload was written, the base streams kept as they
    were, and what a workload without a base lacks."""
    say = _Say(lang)
    lines = [say.say("forecast.wrote", path=printable(path))]
    if made.kept:
        lines.append(say.say("forecast.kept", streams=", ".join(made.kept)))
    if not based:
        lines.append(say.say("forecast.arrivals-only"))
    return "\n".join(lines) + "\n"


def forecast_yaml(made: ForecastWorkload, forecast: ArrivalForecast, *, source: str) -> str:
    """The workload as YAML, its provenance in the comments above it: the history, the
    period, each stream's method and back-test error."""
    from cskh_org.serialize import dump_workload

    last = type(forecast.start).fromordinal(forecast.start.toordinal() + forecast.days - 1)
    lines = [
        "# Written by `cskh-org forecast`: the arrivals forecast from a ticket history.",
        f"# source: {printable(source)}",
        f"# history: {forecast.history_first} to {forecast.history_last} "
        f"({sum(s.history_tickets for s in forecast.streams):,} tickets by {forecast.attribute})",
        f"# horizon: {forecast.start} to {last}; special days: "
        + (
            f"holidays of `{forecast.calendar}` and the days around them"
            if forecast.calendar
            else "none"
        ),
        f"# back-test: rolling origin over the last {forecast.backtest_weeks} weeks, ordinary days",
    ]
    for s in forecast.streams:
        lines.append(
            f"#   {printable(s.key)}: {s.method}, WAPE {s.chosen.wape:.1%}, "
            f"bias {s.chosen.bias:+.1%}"
        )
    if made.kept:
        lines.append(f"# kept from the base workload as they were: {', '.join(made.kept)}")
    if made.empty:
        lines.append(f"# left out (nothing expected): {', '.join(made.empty)}")
    return "\n".join(lines) + "\n" + dump_workload(made.workload)


# -- calibration -------------------------------------------------------------------------------


def _span(seconds: float) -> str:
    """``45s``, ``4m05s``, ``2h10m``: readable at a glance."""
    if seconds < 100:
        return f"{seconds:.0f}s"
    if seconds < 6000:
        return f"{int(seconds // 60)}m{int(seconds % 60):02d}s"
    return f"{int(seconds // 3600)}h{int(seconds % 3600 // 60):02d}m"


def _ci(interval: Interval) -> str:
    return f"[{_span(interval.low)}, {_span(interval.high)}]"


def calibration_text(calibration: Calibration, *, lang: str = "en") -> str:
    """The fits as a person reads them."""
    say = _Say(lang)
    lines = [say.say("calibrate.title", tickets=say.number(calibration.tickets)), ""]
    lines.append(say.say("calibrate.service"))
    rows = [["group", "kind", "n", "mean", "95%", "sd", "95%", "KS p"]]
    for s in calibration.service:
        f = s.fit
        rows.append(
            [
                "/".join(printable(x) if x else "*" for x in (s.unit, s.channel, s.category)),
                f.kind,
                say.number(f.n),
                _span(f.mean),
                _ci(f.mean_ci),
                _span(f.sd),
                _ci(f.sd_ci),
                f"{f.ks_p:.3f}",
            ]
        )
    lines += _table(rows) if len(rows) > 1 else [say.say("calibrate.none")]
    lines += ["", say.say("calibrate.patience")]
    rows = [["channel", "waited", "gave up", "mean", "95%", "KM median"]]
    for p in calibration.patience:
        rows.append(
            [
                printable(p.channel),
                say.number(p.waited),
                say.number(p.gave_up),
                _span(p.mean),
                _ci(p.mean_ci),
                "-" if p.km_median is None else _span(p.km_median),
            ]
        )
    lines += _table(rows) if len(rows) > 1 else [say.say("calibrate.none")]
    lines += ["", say.say("calibrate.handoffs")]
    rows = [["unit", "tickets", "groups", "95%", "handed on"]]
    for h in calibration.handoffs:
        rows.append(
            [
                printable(h.unit),
                say.number(h.tickets),
                f"{h.mean_groups:.2f}",
                f"[{h.ci.low:.2f}, {h.ci.high:.2f}]",
                percent_text(h.handed_on, lang, digits=1),
            ]
        )
    lines += _table(rows) if len(rows) > 1 else [say.say("calibrate.none")]
    lines += ["", say.say("calibrate.holders")]
    rows = [["holder", "visits", "handed on", "share", "95%"]]
    for held in calibration.holders:
        rows.append(
            [
                printable(held.holder),
                say.number(held.visits),
                say.number(held.handed_on),
                percent_text(held.probability, lang, digits=1),
                f"[{percent_text(held.ci.low, lang, digits=1)}, "
                f"{percent_text(held.ci.high, lang, digits=1)}]",
            ]
        )
    lines += _table(rows) if len(rows) > 1 else [say.say("calibrate.none")]
    lines += ["", say.say("calibrate.reopen")]
    rows = [["unit", "solved", "reopened", "share", "95%"]]
    for r in calibration.reopen:
        rows.append(
            [
                printable(r.unit),
                say.number(r.solved),
                say.number(r.reopened),
                percent_text(r.probability, lang, digits=1),
                f"[{percent_text(r.ci.low, lang, digits=1)}, "
                f"{percent_text(r.ci.high, lang, digits=1)}]",
            ]
        )
    lines += _table(rows) if len(rows) > 1 else [say.say("calibrate.none")]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def calibration_json(calibration: Calibration) -> str:
    """The fits as a JSON document (durations in seconds)."""

    def interval(i: Interval) -> list[float]:
        return [i.low, i.high]

    document = {
        "tickets": calibration.tickets,
        "service": [
            {
                "unit": s.unit,
                "channel": s.channel,
                "category": s.category,
                "kind": s.fit.kind,
                "n": s.fit.n,
                "mean": s.fit.mean,
                "mean_ci": interval(s.fit.mean_ci),
                "sd": s.fit.sd,
                "sd_ci": interval(s.fit.sd_ci),
                "aic": s.fit.aic,
                "ks_p": s.fit.ks_p,
            }
            for s in calibration.service
        ],
        "patience": [
            {
                "channel": p.channel,
                "waited": p.waited,
                "gave_up": p.gave_up,
                "mean": p.mean,
                "mean_ci": interval(p.mean_ci),
                "km_median": p.km_median,
            }
            for p in calibration.patience
        ],
        "handoffs": [
            {
                "unit": h.unit,
                "tickets": h.tickets,
                "mean_groups": h.mean_groups,
                "ci": interval(h.ci),
                "handed_on": h.handed_on,
            }
            for h in calibration.handoffs
        ],
        "holders": [
            {
                "holder": f.holder,
                "visits": f.visits,
                "handed_on": f.handed_on,
                "probability": f.probability,
                "ci": interval(f.ci),
            }
            for f in calibration.holders
        ],
        "reopen": [
            {
                "unit": r.unit,
                "solved": r.solved,
                "reopened": r.reopened,
                "probability": r.probability,
                "ci": interval(r.ci),
            }
            for r in calibration.reopen
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def calibration_yaml(made: CalibratedWorkload, *, source: str, base: str) -> str:
    """The calibrated workload as YAML, with what was fitted in the comments above it."""
    from cskh_org.serialize import dump_workload

    lines = [
        "# Written by `cskh-org calibrate`: the base workload with distributions fitted from a",
        f"# ticket history. source: {printable(source)}; base: {printable(base)}",
        f"# fitted: {', '.join(made.replaced) or 'nothing'}",
    ]
    if made.thinned:
        lines.append(
            f"# empirical times written as evenly spaced quantiles: {'; '.join(made.thinned)}"
        )
    return "\n".join(lines) + "\n" + dump_workload(made.workload)


def wrote_calibrated(made: CalibratedWorkload, path: str, *, lang: str = "en") -> str:
    say = _Say(lang)
    return (
        say.say("calibrate.wrote", path=printable(path), replaced=", ".join(made.replaced)) + "\n"
    )


# -- the closed loop -----------------------------------------------------------------------------


def loop_text(result: LoopResult, *, lang: str = "en") -> str:
    """Simulated against observed, per channel and figure."""
    say = _Say(lang)
    lines = [
        say.say(
            "loop.title",
            first=result.first.isoformat(),
            last=result.last.isoformat(),
            replications=result.replications,
        )
    ]
    rows = [["channel", "figure", "observed", "simulated", "±95%", "error"]]
    for f in result.figures:
        shown = _loop_value(f.kpi, lang)
        rows.append(
            [
                printable(f.channel),
                f.kpi,
                shown(f.observed),
                shown(f.simulated),
                shown(f.half_width),
                "-" if math.isnan(f.error) else percent_text(f.error, lang, digits=0),
            ]
        )
    lines += _table(rows)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _loop_value(kpi: str, lang: str) -> Callable[[float], str]:
    def shown(value: float) -> str:
        if math.isnan(value):
            return "-"
        if kpi == "abandonment":
            return percent_text(value, lang, digits=1)
        if kpi == "tickets_per_day":
            return f"{value:.1f}"
        if kpi == "handoffs":
            return f"{value:.2f}"
        return _span(value)

    return shown


def loop_json(result: LoopResult) -> dict[str, Any]:
    """The loop's figures as JSON data (NaN as null)."""

    def num(x: float) -> float | None:
        return None if math.isnan(x) else x

    return {
        "first": result.first.isoformat(),
        "last": result.last.isoformat(),
        "replications": result.replications,
        "figures": [
            {
                "channel": f.channel,
                "kpi": f.kpi,
                "observed": num(f.observed),
                "simulated": num(f.simulated),
                "half_width": num(f.half_width),
                "error": num(f.error),
            }
            for f in result.figures
        ],
    }
