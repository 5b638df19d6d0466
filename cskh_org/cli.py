"""The ``cskh-org`` command. Thin: parse arguments, call the library, format, exit.

Exit codes: 0 clean, 1 error-level findings (or warnings with ``--strict``), 2 unreadable
input or bad usage, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from cskh_org.collector import keep_loaded, paused_collector
from cskh_org.errors import CskhOrgError, DocumentInvalid, StaffingError, UsageError
from cskh_org.words import Said

# The findings and the console report (dataclasses, enums, did-you-mean) are imported by the
# commands that print them: `route --router FILE --ticket` answers without them.

if TYPE_CHECKING:
    import argparse
    import datetime

    from cskh_org.budget import Rollup, Variance
    from cskh_org.loading import Usable
    from cskh_org.loading.history import HistoryImport, ImportSummary, MappingResult
    from cskh_org.model import Department
    from cskh_org.model.history import HistoryMapping
    from cskh_org.model.workload import Workload
    from cskh_org.rosters import Roster
    from cskh_org.simulation.results import SimulationResult

__all__ = ["console", "main"]

Command = Callable[["argparse.Namespace", TextIO], int]


# -- commands ----------------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.loading import validate_documents
    from cskh_org.report.console import Style
    from cskh_org.report.findings import validation_json, validation_text

    checked = validate_documents(args.files, department=args.department, only=args.only)
    if args.format == "json":
        out.write(validation_json(checked, strict=args.strict))
    elif args.format in ("github", "sarif", "junit"):
        from cskh_org.report import ci

        if args.format == "github":
            out.write(ci.validation_github(checked, lang=args.lang or "en"))
        elif args.format == "sarif":
            out.write(ci.validation_sarif(checked))
        else:
            out.write(ci.validation_junit(checked, strict=args.strict))
    else:
        out.write(
            validation_text(
                checked, Style(out), strict=args.strict, verbose=args.verbose, lang=args.lang
            )
        )
    if any(file.result is None for file in checked):
        return 2
    return 0 if all(file.ok(strict=args.strict) for file in checked) else 1


def _usable(path: str, use: str, lang: str | None = None) -> Usable:
    """The department at ``path`` for a command that reads the sections ``use`` names in
    :data:`cskh_org.loading.USES`: :class:`DocumentInvalid` if one of them has errors (or the
    department cannot be built); the errors it tolerates and a note of the errors elsewhere
    are printed on stderr (in ``lang``, default English)."""
    from cskh_org.loading import validate
    from cskh_org.report.console import Style, usable_lines

    usable = validate(path).usable_for(use)
    _err(usable_lines(usable, path, Style(sys.stderr), lang))
    return usable


def _shown(usable: Usable, what: str) -> int:
    """Exit 1 (after the output) if the command showed errors it tolerates, else 0."""
    from cskh_org.report.console import shown_errors

    if not usable.shown:
        return 0
    _err([shown_errors(len(usable.shown), what)])
    return 1


def _err(lines: Iterable[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _cmd_route(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.report import routing as report
    from cskh_org.routing.stream import MAX_LINE_BYTES, parse_ticket, route_lines

    if args.explain and args.tickets:
        raise UsageError.of("error.cli.explain-tickets")
    department: report.RoutedDepartment
    if args.router is not None:  # the compiled router, refused if the documents changed
        from cskh_org.routing.compiled import load_router

        loaded = load_router(args.router, documents=args.file)
        department, router = loaded.view, loaded.router
    else:
        validated = _usable(args.file, "route", args.lang).department
        department, router = validated, validated.router()
    if args.ticket is not None:
        ticket = parse_ticket(args.ticket)
        json_out = args.format == "json"
        if args.explain:
            explanation = router.explain(ticket)
            if json_out:
                out.write(report.explanation_json(explanation))
            else:
                out.write(report.explanation_text(explanation, department, args.lang))
        else:
            decision = router.route(ticket)
            if json_out:
                out.write(report.decision_json(decision))
            else:
                out.write(report.decision_text(decision, department, args.lang))
        return 0
    from cskh_org.files import input_lines
    from cskh_org.report.console import problem_line, skipped_line, stopped_line

    name = "<stdin>" if args.tickets == "-" else args.tickets
    skipped = 0
    with input_lines(args.tickets, "tickets", MAX_LINE_BYTES) as lines:
        for routed in route_lines(router, lines):
            if routed.error is None:
                out.write(report.decision_line(routed))
                continue
            skipped += 1
            _err([problem_line(name, routed.line, routed.text(args.lang or "en"))])
            if args.fail_fast:
                _err([stopped_line(name, routed.line)])
                return 2
    if skipped:
        _err([skipped_line(name, skipped)])
        return 2
    return 0


def _cmd_compile(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import write_output
    from cskh_org.routing.compiled import department_router_json

    usable = _usable(args.file, "route", args.lang)
    text = department_router_json(usable.department, usable.files)
    write_output(args.output, text, force=args.force, inputs=usable.files, what="router")
    return _shown(usable, "the router routes around them")


def _cmd_sla(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.report import sla as report
    from cskh_org.report.console import warning_lines
    from cskh_org.routing.stream import parse_ticket
    from cskh_org.sla import SlaEngine, parse_instant, ticket_events

    department = _usable(args.file, "sla", args.lang).department
    engine = SlaEngine(department)
    ticket = parse_ticket(args.ticket)
    opened = parse_instant(args.opened, "--opened", department.timezone)
    json_out = args.format == "json"
    if args.events is None:
        decision = engine.deadlines(ticket, opened)
        _err(warning_lines(decision.warnings))
        if json_out:
            out.write(report.deadlines_json(decision))
        else:
            out.write(report.deadlines_text(decision, department, args.lang))
        return 0
    events = ticket_events(opened, args.events, "--events")
    now = parse_instant(args.now, "--now", department.timezone) if args.now else events[-1].at
    statuses = engine.status(ticket, events, now)
    _err(warning_lines(s.warning for s in statuses if s.warning))
    if json_out:
        out.write(report.statuses_json(statuses))
    else:
        out.write(report.statuses_text(statuses, department, args.lang))
    return 0


def _cmd_escalation(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.escalation import Escalator
    from cskh_org.report.escalation import paths_json, paths_text

    dept = _usable(args.file, "escalation", args.lang).department
    escalator = Escalator(dept)
    paths = escalator.paths(args.start)  # UnknownHolder (a UsageError) for a bad --from
    worst = escalator.worst_case_handoffs()
    follow_ups = escalator.follow_ups(args.start)
    if args.format == "json":
        out.write(
            paths_json(
                paths,
                file=args.file,
                start=args.start,
                worst=worst,
                max_handoffs=escalator.max_handoffs,
                follow_ups=follow_ups,
            )
        )
        return 0
    out.write(
        paths_text(
            paths,
            dept,
            start=args.start,
            worst=worst,
            max_handoffs=escalator.max_handoffs,
            lang=args.lang,
            follow_ups=follow_ups,
        )
    )
    return 0


def _cmd_budget(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.approval import replay
    from cskh_org.budget import MAX_ACTUALS_LINE_BYTES, ActualsResult, plan, read_actuals, variance
    from cskh_org.files import input_lines
    from cskh_org.report import budget as report
    from cskh_org.report.console import actuals_problems_line, problem_line

    usable = _usable(args.file, "budget", args.lang)  # over its caps: shown, not refused
    department = usable.department
    costed = plan(department)  # UsageError without a `budget` section
    budget = department.budget
    assert budget is not None
    by = tuple(args.by or ("category",))
    record = replay(budget.approval, budget.history) if budget.approval is not None else None
    actuals: ActualsResult | None = None
    table: Rollup | Variance
    if args.actuals is None:
        table = costed.rollup(by)
    else:
        name = "<stdin>" if args.actuals == "-" else args.actuals
        with input_lines(args.actuals, "actual spend", MAX_ACTUALS_LINE_BYTES) as lines:
            actuals = read_actuals(lines, costed)
        _err(problem_line(name, p.line, p.text(args.lang or "en")) for p in actuals.problems)
        table = variance(costed, actuals, by)
    if args.format == "json":
        out.write(
            report.budget_json(
                file=args.file,
                department=department.id,
                costed=costed,
                record=record,
                table=table,
                actuals=actuals,
                actuals_file=args.actuals,
            )
        )
    elif args.format == "csv":
        out.write(report.table_csv(table))
    else:
        header = report.budget_header(
            department, costed, record, actuals=actuals is not None, lang=args.lang
        )
        out.write(header)
        out.write(report.table_text(table, department, digits=costed.digits, lang=args.lang))
    if actuals is not None and actuals.problems:
        _err([actuals_problems_line(args.actuals, len(actuals.problems))])
        return 2
    return _shown(usable, "the plan is over its caps")


def _cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import check_output, write_output
    from cskh_org.render import output_format, render_all, render_built, render_pages
    from cskh_org.report.console import note_lines, wrote_lines

    if args.all:
        if not args.output:
            raise UsageError.of("error.cli.all-output")
        if args.view or args.unit or args.depth is not None or args.format or args.pages:
            raise UsageError.of("error.cli.all-alone")
        usable = _usable(args.file, "render:all", args.lang)
        written, notes = render_all(
            usable.department, args.output, lang=args.lang, force=args.force, inputs=usable.files
        )
        out.write(note_lines(notes) + wrote_lines(written))
        return _shown(usable, "the diagrams draw them")
    if args.pages:
        if not args.output:
            raise UsageError.of("error.cli.pages-output")
        view = args.view or "org"
        if view not in ("org", "routing") or args.unit or (view != "org" and args.depth):
            raise UsageError.of("error.cli.pages-org")
        usable = _usable(args.file, f"render:{view}", args.lang)
        written, notes = render_pages(
            usable.department,
            args.output,
            args.format or "svg",
            view=view,
            lang=args.lang,
            depth=args.depth,
            force=args.force,
            inputs=usable.files,
        )
        out.write(note_lines(notes[:1]) + wrote_lines(written))
        return _shown(usable, "the diagrams draw them")
    fmt = output_format(args.output, args.format) if args.output else args.format or "dot"
    if fmt in ("svg", "png", "pdf") and not args.output:
        raise UsageError.of("error.cli.binary-output", format=fmt)
    usable = _usable(args.file, f"render:{args.view or 'org'}", args.lang)
    if args.output:  # refused before the drawing is made
        check_output(args.output, force=args.force, inputs=usable.files, what="diagram")
    view, data = render_built(
        usable.department,
        args.view or "org",
        fmt,
        lang=args.lang,
        unit=args.unit,
        depth=args.depth,
    )
    if args.output:
        write_output(args.output, data, force=args.force, inputs=usable.files, what="diagram")
        out.write(note_lines([view.note] if view.note else []))
    else:
        out.write(data.decode("utf-8"))
        if view.note:
            _err([f"note: {view.note}"])
    return _shown(usable, "the diagram draws them")


def _cmd_simulate(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.report import simulation as report
    from cskh_org.report.console import ProgressBar, warning_lines
    from cskh_org.report.records import open_records
    from cskh_org.simulation.results import Comparison
    from cskh_org.simulation.rostered import simulate_roster
    from cskh_org.simulation.run import compare, simulate

    if (args.compare or args.compare_workload) and args.records:
        raise UsageError.of("error.cli.records-compare")
    if (args.compare or args.compare_workload) and args.roster:
        raise UsageError.of("error.cli.roster-compare")
    usable = _usable(args.file, "simulate", args.lang)
    department = usable.department
    workload = _load_workload(args.workload, department, args.lang)
    roster = _load_roster(args.roster) if args.roster else None
    progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    options: dict[str, Any] = {
        "days": args.days if args.days is not None or roster is not None else 7.0,
        "replications": args.replications,
        "seed": args.seed,
        "warmup": args.warmup,
        "progress": progress,
        "workers": args.workers,
    }
    result: SimulationResult | Comparison
    try:
        if args.compare or args.compare_workload:
            other = (
                _usable(args.compare, "simulate", args.lang).department
                if args.compare
                else department
            )
            other_workload = _load_workload(
                args.compare_workload or args.workload, other, args.lang
            )
            result = compare((department, workload), (other, other_workload), **options)
        elif args.records:
            inputs = (*usable.files, args.workload, *([args.roster] if roster else []))
            with open_records(args.records, force=args.force, inputs=inputs) as records:
                if roster is not None:
                    result = simulate_roster(
                        department, workload, roster, records=records, **options
                    )
                else:
                    result = simulate(department, workload, records=records, **options)
        elif roster is not None:
            result = simulate_roster(department, workload, roster, **options)
        else:
            result = simulate(department, workload, **options)
    finally:
        if progress is not None:
            progress.close()
    runs = (result.base, result.other) if isinstance(result, Comparison) else (result,)
    _err(warning_lines(w for run in runs for w in run.warnings))
    if args.format == "json":
        out.write(report.result_json(result))
    elif isinstance(result, Comparison):
        names = (
            f"{args.file} + {args.workload}",
            f"{args.compare or args.file} + {args.compare_workload or args.workload}",
        )
        out.write(report.comparison_text(result, lang=args.lang, names=names))
    else:
        out.write(report.result_text(result, lang=args.lang))
    return 0


def _load_roster(path: str) -> Roster:
    """The roster saved at ``path`` (``cskh-org roster --format json``)."""
    from cskh_org.loading.saved_roster import read_roster_data
    from cskh_org.rosters import Roster

    return Roster.from_json(read_roster_data(path))


def _load_workload(path: str, department: Department, lang: str | None = None) -> Workload:
    """The workload checked against ``department``: warnings on stderr, and
    :class:`DocumentInvalid` (every finding) if it has errors."""
    from cskh_org.findings import Severity
    from cskh_org.loading.workload import load_workload
    from cskh_org.report.console import Style, finding_line

    result = load_workload(path, department)
    if result.ok():
        style = Style(sys.stderr)
        warnings = (f for f in result.findings if f.severity is Severity.WARNING)
        _err(finding_line(f, style, lang) for f in warnings)
    return result.unwrap()


def _cmd_staff(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.report import staffing as report
    from cskh_org.staffing.analytic import analytic_staffing
    from cskh_org.staffing.targets import parse_target

    simulated = args.method == "simulation"
    if not simulated:
        for option in ("replications", "seed", "workers"):
            if getattr(args, option) is not None:
                raise StaffingError.of("error.staffing.simulation-option", option=f"--{option}")
    department = _usable(args.file, "staff", args.lang).department
    workload = _load_workload(args.workload, department, args.lang)
    options: dict[str, Any] = {
        "interval": args.interval,
        "targets": [parse_target(t) for t in args.target or ()],
        "sla_share": args.sla_share,
        "max_occupancy": args.max_occupancy,
    }
    if simulated:
        if args.per_channel:
            raise StaffingError.of("error.staffing.simulation-option-per-channel")
        plan = _simulated_plan(args, department, workload, options)
    else:
        plan = analytic_staffing(
            department,
            workload,
            method=args.method,
            per_channel=args.per_channel,
            by_skill=args.by_skill,
            **options,
        )
    if args.format == "json":
        out.write(report.staffing_json(plan))
    elif args.format == "csv":
        out.write(report.staffing_csv(plan))
    else:
        out.write(report.staffing_text(plan, department, workload.id, lang=args.lang))
    return 0


def _cmd_roster(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import write_output
    from cskh_org.loading import validate
    from cskh_org.loading.roster import load_requirement, load_rules
    from cskh_org.report import rosters as report
    from cskh_org.report.console import Style, usable_lines
    from cskh_org.rosters import RosterMarks, Status, build_roster

    if (args.workload is None) == (args.requirement is None):
        raise UsageError.of("error.roster.requirement-or-workload")
    loaded = validate(args.file)
    usable = loaded.usable_for("staff")
    _err(usable_lines(usable, args.file, Style(sys.stderr), args.lang))
    department = usable.department
    rules_loaded = load_rules(args.rules, department)
    rules = _checked_rules(rules_loaded, args.lang)
    if args.weeks is not None:
        rules = rules.model_copy(update={"weeks": args.weeks})
    interval = rules.interval if args.interval is None else args.interval
    if interval != rules.interval:
        rules = rules.model_copy(update={"interval": interval})
    if args.workload is not None:
        from cskh_org.rosters import requirement_of
        from cskh_org.staffing.analytic import analytic_staffing

        workload = _load_workload(args.workload, department, args.lang)
        plan = analytic_staffing(department, workload, interval=interval, method=args.method)
        requirement = requirement_of(plan, interval)
    else:
        from cskh_org.rosters.requirement import requirement_from_json

        requirement = requirement_from_json(load_requirement(args.requirement), interval)
    roster = build_roster(
        department,
        rules,
        requirement,
        marks=RosterMarks(rules=rules_loaded, department=loaded),
        time_limit=args.time_limit,
        seed=-1 if args.seed is None else args.seed,
    )
    if args.format == "json":
        text = report.roster_json(roster)
    elif args.format == "csv":
        text = report.roster_csv(roster)
    else:
        text = report.roster_text(roster, department, lang=args.lang)
    inputs = (*usable.files, args.rules, args.workload or args.requirement)
    if args.output:
        write_output(args.output, text, force=args.force, inputs=inputs, what="roster")
    else:
        out.write(text)
    solved = roster.status in (Status.OPTIMAL, Status.FEASIBLE)
    if args.ics and solved:
        from cskh_org.report.ical import write_calendars

        written = write_calendars(roster, args.ics, args.lang, force=args.force, inputs=inputs)
        _err([report.wrote_calendars(len(written), args.ics, lang=args.lang)])
    if args.cover_svg and solved:
        from cskh_org.render.cover import cover_svg

        svg = cover_svg(roster, args.lang)
        write_output(args.cover_svg, svg, force=args.force, inputs=inputs, what="diagram")
    if roster.status is Status.INFEASIBLE:
        if args.output or args.format != "table":
            _err([report.conflicts_text(roster, lang=args.lang).rstrip("\n")])
        return 1
    return 0 if roster.status is not Status.UNKNOWN else 1


def _checked_rules(result: Any, lang: str | None) -> Any:
    """Roster rules with no errors (their warnings on stderr), else :class:`DocumentInvalid`."""
    from cskh_org.findings import Severity
    from cskh_org.report.console import Style, finding_line

    if result.ok():
        style = Style(sys.stderr)
        _err(
            finding_line(f, style, lang) for f in result.findings if f.severity is Severity.WARNING
        )
    return result.unwrap()


def _cmd_history_import(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import check_output, output_file
    from cskh_org.loading.history import load_mapping, read_history
    from cskh_org.report import history as report
    from cskh_org.report.console import Style, finding_line

    usable = _usable(args.department, "history", args.lang)
    mapping = _checked(load_mapping(args.mapping, usable.department), args.lang)
    inputs = (*usable.files, args.export, args.mapping)
    check_output(args.output, force=args.force, inputs=inputs, what="history")
    imported = read_history(args.export, mapping, usable.department)
    with output_file(args.output, force=args.force, inputs=inputs, what="history") as stream:
        tally = report.write_tickets(imported.tickets(), stream)
    summary = imported.summary()
    if args.format == "json":
        out.write(report.import_json(summary, tally))
    else:
        _err(finding_line(f, Style(sys.stderr), args.lang) for f in summary.findings)
        out.write(report.import_text(summary, tally, output=args.output, lang=args.lang))
    return 0 if summary.ok else 1


def _cmd_forecast(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import output_file
    from cskh_org.history.forecast import forecast_arrivals
    from cskh_org.history.workload import forecast_workload
    from cskh_org.report import history as report

    department, imported, base, inputs = _history_inputs(args)
    forecast = forecast_arrivals(
        imported.tickets(),
        department,
        days=args.days,
        start=args.start,
        backtest_weeks=args.backtest_weeks,
        calendar=args.calendar,
    )
    summary = _history_findings(imported, args.lang)
    made = forecast_workload(forecast, department, base) if args.output else None
    if made is not None:
        text = report.forecast_yaml(made, forecast, source=args.history)
        with output_file(args.output, force=args.force, inputs=inputs, what="workload") as stream:
            stream.write(text)
    if args.format == "json":
        out.write(report.forecast_json(forecast))
    else:
        out.write(report.forecast_text(forecast, lang=args.lang or "en"))
        if made is not None:
            lang = args.lang or "en"
            out.write(report.wrote_workload(made, args.output, based=base is not None, lang=lang))
    return 0 if summary.ok else 1


def _cmd_calibrate(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import output_file
    from cskh_org.history.calibrate import calibrate
    from cskh_org.history.workload import calibrated_workload
    from cskh_org.report import history as report

    if args.output and not args.base:
        raise UsageError.of("error.cli.calibrate-base")
    department, imported, base, inputs = _history_inputs(args)
    if args.loop_weeks is not None:
        return _closed_loop(args, out, department, imported, base)
    calibration = calibrate(imported.tickets(), seed=args.seed)
    summary = _history_findings(imported, args.lang)
    made = calibrated_workload(calibration, base) if base is not None and args.output else None
    if made is not None:
        text = report.calibration_yaml(made, source=args.history, base=args.base)
        with output_file(args.output, force=args.force, inputs=inputs, what="workload") as stream:
            stream.write(text)
    lang = args.lang or "en"
    if args.format == "json":
        out.write(report.calibration_json(calibration))
    else:
        out.write(report.calibration_text(calibration, lang=lang))
        if made is not None:
            out.write(report.wrote_calibrated(made, args.output, lang=lang))
    return 0 if summary.ok else 1


def _closed_loop(
    args: argparse.Namespace,
    out: TextIO,
    department: Department,
    imported: HistoryImport,
    base: Workload | None,
) -> int:
    """`calibrate --loop-weeks N`: the calibrated department against its own history."""
    import json

    from cskh_org.history.loop import closed_loop
    from cskh_org.report import history as report

    if base is None:
        raise UsageError.of("error.cli.loop-base")
    result = closed_loop(
        imported.tickets(), department, base, weeks=args.loop_weeks, seed=args.seed
    )
    summary = _history_findings(imported, args.lang)
    lang = args.lang or "en"
    if args.format == "json":
        out.write(json.dumps(report.loop_json(result), indent=2) + "\n")
    else:
        out.write(report.calibration_text(result.calibration, lang=lang))
        out.write("\n" + report.loop_text(result, lang=lang))
    return 0 if summary.ok else 1


def _history_inputs(
    args: argparse.Namespace,
) -> tuple[Department, HistoryImport, Workload | None, tuple[str, ...]]:
    """The department, the history being read, the base workload and every input file of
    `forecast` or `calibrate`, the output checked before anything is read."""
    from cskh_org.files import check_output
    from cskh_org.loading.history import load_mapping, read_history

    usable = _usable(args.department, "history", args.lang)
    department = usable.department
    mapping = _checked(load_mapping(args.mapping, department), args.lang)
    base = _load_workload(args.base, department, args.lang) if args.base else None
    inputs = (*usable.files, args.history, args.mapping, *([args.base] if args.base else []))
    if args.output:
        check_output(args.output, force=args.force, inputs=inputs, what="workload")
    return department, read_history(args.history, mapping, department), base, inputs


def _history_findings(imported: HistoryImport, lang: str | None) -> ImportSummary:
    """The read history's summary, its findings printed on stderr if it had bad rows."""
    from cskh_org.report.console import Style, finding_line

    summary = imported.summary()
    if not summary.ok:
        _err(finding_line(f, Style(sys.stderr), lang) for f in summary.findings)
    return summary


def _checked(result: MappingResult, lang: str | None) -> HistoryMapping:
    """A mapping with no errors (its warnings on stderr), else :class:`DocumentInvalid`."""
    from cskh_org.findings import Severity
    from cskh_org.report.console import Style, finding_line

    if result.ok():
        style = Style(sys.stderr)
        _err(
            finding_line(f, style, lang) for f in result.findings if f.severity is Severity.WARNING
        )
    return result.unwrap()


def _simulated_plan(
    args: argparse.Namespace, department: Any, workload: Any, options: dict[str, Any]
) -> Any:
    """``staff --method simulation``: a progress bar on a terminal's stderr only."""
    from cskh_org.report.console import ProgressBar
    from cskh_org.staffing.simulated import simulated_staffing

    progress = ProgressBar(sys.stderr, "staffing") if sys.stderr.isatty() else None
    try:
        return simulated_staffing(
            department,
            workload,
            replications=8 if args.replications is None else args.replications,
            seed=0 if args.seed is None else args.seed,
            workers=1 if args.workers is None else args.workers,
            progress=progress,
            **options,
        )
    finally:
        if progress is not None:
            progress.close()


def _interval(text: str) -> int:
    """``--interval``: 15m, 30m or 60m (or 1h), checked before any work is done."""
    minutes = {"15m": 15, "30m": 30, "60m": 60, "1h": 60, "15": 15, "30": 30, "60": 60}
    found = minutes.get(text.strip().lower())
    if found is None:
        raise _bad(f"must be 15m, 30m or 60m, not {text[:40]}")
    return found


def _date(text: str) -> datetime.date:
    """A date written ``2027-03-01``."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip()) if len(text) <= 40 else dt.date.fromisoformat("")
    except ValueError:
        raise _bad(f"must be a date such as 2027-03-01, not {text[:40]}") from None


def _share(text: str) -> float:
    """A share more than 0 and at most 1 (``0.8``) or a percentage (``80%``)."""
    import math

    written = text.strip()
    try:
        value = float(written.removesuffix("%")) if len(written) <= 40 else math.nan
    except ValueError:
        value = math.nan
    if written.endswith("%"):
        value /= 100
    if not 0 < value <= 1:
        raise _bad(f"must be a share from 0 to 1 or a percentage, not {text[:40]}")
    return value


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.diff import review
    from cskh_org.files import output_file
    from cskh_org.loading.versions import load_version
    from cskh_org.report import diff as report

    old, new = load_version(args.old), load_version(args.new)
    for version in (old, new):
        if version.result.department is None:
            raise DocumentInvalid(version.findings)
    assert old.result.department is not None
    assert new.result.department is not None
    workload = (
        _load_workload(args.workload, new.result.department, args.lang) if args.workload else None
    )
    answer = review(
        old.result.department,
        new.result.department,
        old_name=args.old,
        new_name=args.new,
        old_findings=old.findings,
        new_findings=new.findings,
        workload=workload,
        fail_on=[g.strip() for g in (args.fail_on or "").split(",") if g.strip()],
        simulate=not args.no_simulate,
        days=args.days,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
    )
    lang = args.lang or "en"
    if args.format == "json":
        text = report.diff_json(answer, old_at=old.at, new_at=new.at)
    elif args.format == "markdown":
        text = report.diff_markdown(answer, lang=lang, old_at=old.at, new_at=new.at)
    else:
        text = report.diff_text(answer, lang=lang, old_at=old.at, new_at=new.at)
    inputs = [*old.result.files, *new.result.files]
    if args.chart:
        from cskh_org.render.changes import write_change_chart

        write_change_chart(
            old.result.department,
            new.result.department,
            answer.unit_states(),
            args.chart,
            lang=args.lang,
            depth=args.depth,
            force=args.force,
            inputs=inputs,
        )
    if args.output:
        with output_file(args.output, force=args.force, inputs=inputs, what="review") as stream:
            stream.write(text)
    else:
        out.write(text)
    return 1 if answer.failed else 0


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import check_output, output_file
    from cskh_org.loading.versions import load_version
    from cskh_org.loading.workload import load_workload
    from cskh_org.report.html.facts import RunOptions, report_facts
    from cskh_org.report.html.page import report_page
    from cskh_org.words import display

    current = load_version(args.file)
    usable = current.result.usable_for("report")  # DocumentInvalid: errors it cannot show
    department = usable.department
    lang = display(args.lang, department.languages)
    compare = load_version(args.compare) if args.compare else None
    if compare is not None:
        compare.result.usable_for("report")
    inputs = [*current.result.files, *(compare.result.files if compare else ())]
    workload = None
    workload_findings: tuple[Any, ...] = ()
    if args.workload:
        loaded = load_workload(args.workload, department)
        workload, workload_findings = loaded.unwrap(), loaded.findings
        inputs.append(Path(args.workload))
    actuals = _report_actuals(args, department) if args.actuals else None
    if args.actuals:
        inputs.append(Path(args.actuals))
    for path, what in ((args.output, "report"), (args.json, "report data")):
        if path:  # refused before the figures are worked out
            check_output(path, force=args.force, inputs=inputs, what=what)
    facts = report_facts(
        current,
        lang=lang,
        workload=workload,
        workload_file=args.workload,
        workload_findings=workload_findings,
        compare=compare,
        actuals=actuals,
        actuals_file=args.actuals,
        run=RunOptions(
            simulate=not args.no_simulate,
            days=args.days,
            replications=args.replications,
            seed=args.seed,
            workers=args.workers,
        ),
    )
    page = report_page(facts, lang=lang)
    if args.json:
        with output_file(args.json, force=args.force, inputs=inputs, what="report data") as f:
            f.write(facts.json_text())
    if args.output:
        with output_file(args.output, force=args.force, inputs=inputs, what="report") as f:
            f.write(page)
    else:
        out.write(page)
    return 0


def _report_actuals(args: argparse.Namespace, department: Department) -> Any:
    """The actual spend ``report --actuals`` compares the plan with (its bad rows on stderr
    and exit 2, as ``budget --actuals``)."""
    from cskh_org.budget import MAX_ACTUALS_LINE_BYTES, plan, read_actuals
    from cskh_org.errors import SourceError
    from cskh_org.files import input_lines
    from cskh_org.report.console import problem_line

    with input_lines(args.actuals, "actual spend", MAX_ACTUALS_LINE_BYTES) as lines:
        actuals = read_actuals(lines, plan(department))
    if actuals.problems:
        _err(
            problem_line(args.actuals, p.line, p.text(args.lang or "en")) for p in actuals.problems
        )
        raise SourceError.of("error.report.actuals", file=args.actuals, n=len(actuals.problems))
    return actuals


def _cmd_sweep(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.errors import DocumentInvalid
    from cskh_org.files import output_file
    from cskh_org.loading.sweep import load_sweep
    from cskh_org.report import sweeps as report
    from cskh_org.report.console import ProgressBar, Style, finding_line
    from cskh_org.sweeps.executor import DaskExecutor, LocalExecutor
    from cskh_org.sweeps.run import parse_select, run_sweep
    from cskh_org.sweeps.store import ResultStore
    from cskh_org.sweeps.variants import expand

    usable = _usable(args.file, "simulate", args.lang)
    department = usable.department
    workload = _load_workload(args.workload, department, args.lang)
    loaded = load_sweep(args.variants)
    sweep = loaded.unwrap()
    if args.select is not None:
        sweep = sweep.model_copy(update={"select": parse_select(args.select, sweep.select)})
    variants, findings = expand(sweep, department, workload, located=loaded.locate)
    if any(f.severity.value == "error" for f in findings):
        raise DocumentInvalid(findings)
    style = Style(sys.stderr)  # the variants' warnings (their notes are the base's, repeated)
    _err(finding_line(f, style, args.lang) for f in findings if f.severity.value == "warning")
    if args.scheduler or args.dask:
        executor: Any = DaskExecutor(args.scheduler, workers=args.workers if args.dask else None)
    else:
        executor = LocalExecutor(args.workers)
    store = ResultStore(args.store) if args.store else None
    progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        outcome = run_sweep(
            sweep,
            variants,
            executor=executor,
            store=store,
            select=not args.no_select,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()
        close = getattr(executor, "close", None)
        if close is not None:
            close()
    text = (
        report.sweep_json(outcome)
        if args.format == "json"
        else report.sweep_text(outcome, lang=args.lang or "en")
    )
    if args.output:
        inputs = [*usable.files, args.workload, args.variants]
        with output_file(args.output, force=args.force, inputs=inputs, what="sweep") as stream:
            stream.write(text)
    else:
        out.write(text)
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.files import write_output
    from cskh_org.serialize import schema_text_of

    text = schema_text_of(args.kind)
    if args.output:
        write_output(args.output, text, force=args.force, what="schema")
    else:
        out.write(text)
    return 0


def _cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.loading import DEPARTMENT_FILE
    from cskh_org.report.console import next_validate_line, wrote_lines
    from cskh_org.starter import WORKLOAD_FILE, write_starter

    target = Path(args.output)
    out.write(wrote_lines(write_starter(args.size, target, force=args.force)))
    department = None if target.name == DEPARTMENT_FILE else target
    out.write(next_validate_line(target, target.parent / WORKLOAD_FILE, department))
    return 0


def _cmd_checks(args: argparse.Namespace, out: TextIO) -> int:
    from cskh_org.checks import REGISTRY, load_builtin_checks
    from cskh_org.report.console import checks_text

    load_builtin_checks()
    out.write(checks_text(REGISTRY.values()))
    return 0


# -- parser ------------------------------------------------------------------------------------


def _bad(message: str) -> Exception:
    """An argument type's refusal (only the parser calls the types: argparse is loaded)."""
    import argparse

    return argparse.ArgumentTypeError(message)


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, checked (by its length
    first) while the arguments are parsed, before any work is done."""

    def parse(text: str) -> int:
        written = text.strip().replace("_", "")
        bare = written.lstrip("+-")
        if (
            not (bare.isascii() and bare.isdigit())
            or len(bare) > 40
            or len(written) > len(bare) + 1
        ):
            raise _bad(f"{text[:40]!r} is not a whole number; give one from {low:,} to {high:,}")
        value = int(written)
        if not low <= value <= high:
            raise _bad(f"must be from {low:,} to {high:,}, not {text[:40]}")
        return value

    return parse


def _days(text: str) -> float:
    """``--days``: a number of days more than 0 and at most 3650 (ten years), e.g. ``7`` or
    ``0.5``; ``nan``, ``inf`` and more than 40 characters are refused before any work."""
    import math

    try:
        value = float(text) if len(text) <= 40 else math.nan
    except ValueError:
        value = math.nan
    if not 0 < value <= 3650:
        raise _bad(f"must be more than 0 and at most 3650 (days), not {text[:40]}")
    return value


def _span(text: str) -> datetime.timedelta:
    """``--warmup``: a span such as ``1d`` or ``12h``, checked before any work is done."""
    import datetime

    from cskh_org.model.workload import parse_span

    try:
        span = parse_span(text)
    except ValueError as exc:  # pydantic's error is a ValueError
        raise _bad(f"{text[:40]!r}: {exc}") from None
    assert isinstance(span, datetime.timedelta)  # text always parses to a span or fails
    return span


def _history_options(parser: argparse.ArgumentParser, base: str, output: str) -> None:
    """What `forecast` and `calibrate` share: the history, how to read it, the department,
    the base workload and where to write the new one."""
    parser.add_argument("history", metavar="HISTORY")
    parser.add_argument(
        "--department", required=True, metavar="DEPT", help="the department the tickets are of"
    )
    parser.add_argument(
        "--mapping", default="canonical", metavar="MAPPING", help="default: canonical"
    )
    parser.add_argument("--base", metavar="WORKLOAD", help=base)
    parser.add_argument("-o", "--output", metavar="WORKLOAD.yaml", help=output)
    parser.add_argument("--force", action="store_true", help="overwrite an existing OUTPUT")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    _lang_option(parser)


def _run_options(parser: argparse.ArgumentParser, when: str = "") -> None:
    """What every simulating command takes: replications, processes and the seed (``when``
    says when they apply, at the start of each help)."""
    parser.add_argument(
        "--replications",
        type=_whole(1, 10_000),  # cskh_org.simulation.run.MAX_REPLICATIONS
        default=5,
        metavar="R",
        help=f"{when}independent runs, the same seeds in every version (5; from 1 to 10,000)",
    )
    parser.add_argument(
        "--workers",
        type=_whole(1, 32),  # cskh_org.simulation.run.MAX_WORKERS
        default=1,
        metavar="N",
        help=f"{when}run replications in N processes (1; at most 32); the results are the same",
    )
    parser.add_argument(
        "--seed",
        type=_whole(-(10**18 - 1), 10**18 - 1),  # cskh_org.simulation.run.MAX_SEED
        default=0,
        metavar="S",
        help=f"{when}random seed (0; at most 18 digits)",
    )


# -- the helpdesk: import, export, replay ------------------------------------------------------


def _sidecar_path(department: str) -> Path:
    """``dept.yaml`` → ``dept.helpdesk.json``, beside it."""
    path = Path(department)
    return path.with_name(f"{path.stem}.helpdesk.json")


def _sidecar(department: str, vendor: str) -> Any:
    from cskh_org.helpdesk import SIDECAR_FORMAT
    from cskh_org.loading.vendor_json import read_sidecar

    data = read_sidecar(os.fspath(_sidecar_path(department)), SIDECAR_FORMAT)
    if data.get("vendor") != vendor:
        raise UsageError.of("error.helpdesk.vendor", found=str(data.get("vendor")), wanted=vendor)
    return data


def _vendor_place(vendor_path: str, location: Any) -> str:
    """``file:line:col: $.json.path`` where the part was read from a file, else the path."""
    if location is None:
        return vendor_path
    return f"{location}: {vendor_path.partition(':')[2] or vendor_path}"


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    import json

    import yaml

    from cskh_org.files import check_output, output_file
    from cskh_org.helpdesk import import_set
    from cskh_org.loading import validate_text
    from cskh_org.loading.vendor_json import read_vendor_files
    from cskh_org.words import both, say

    lang = args.lang or "en"
    files = read_vendor_files(args.files)
    sidecar = _sidecar_path(args.output)
    inputs = tuple(args.files)
    check_output(args.output, force=args.force, inputs=inputs, what="department")
    check_output(sidecar, force=args.force, inputs=inputs, what="helpdesk")
    imported = import_set(args.vendor, files.documents, files.locate)
    text = yaml.safe_dump(dict(imported.department), sort_keys=False, allow_unicode=True, width=100)
    loaded = validate_text(text, name=args.output)
    errors = [f for f in loaded.findings if f.severity.is_error]
    with output_file(args.output, force=args.force, inputs=inputs, what="department") as stream:
        stream.write(text)
    with output_file(sidecar, force=args.force, inputs=inputs, what="helpdesk") as stream:
        stream.write(
            json.dumps(imported.sidecar, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        )
    lines = [
        say(
            "helpdesk.not-imported.line",
            lang,
            path=_vendor_place(n.path, files.locate(n.path)),
            reason=both(n.reason_key, detail=n.detail),
        )
        for n in imported.not_imported
    ]
    lines += [v.line(lang) for v in imported.verdicts]
    lines += [f.format(lang) for f in errors]
    if args.format == "json":
        out.write(
            json.dumps(
                {
                    "not_imported": [
                        {
                            "path": n.path,
                            "location": str(where) if (where := files.locate(n.path)) else None,
                            "reason": n.reason_key,
                            "detail": n.detail,
                        }
                        for n in imported.not_imported
                    ],
                    "findings": [
                        {
                            **v.finding.to_dict(),
                            "vendor_path": v.vendor_path,
                            "yaml_path": v.yaml_path,
                        }
                        for v in imported.verdicts
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        out.writelines(f"{line}\n" for line in lines)
    department = imported.department
    routing = department.get("routing") or {}
    sla = department.get("sla") or {}
    summary = say(
        "helpdesk.summary.import",
        lang,
        rules=len(routing.get("rules") or []),
        units=len(department.get("units") or []),
        calendars=len(department.get("calendars") or []),
        policies=len(sla.get("policies") or []),
        skipped=len(imported.not_imported),
        findings=len(imported.verdicts),
    )
    print(summary, file=sys.stderr if args.format == "json" else out)
    failed = errors or imported.short or any(v.finding.severity.is_error for v in imported.verdicts)
    return 1 if failed else 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from cskh_org.files import check_output, output_file
    from cskh_org.helpdesk import export_set
    from cskh_org.loading import validate
    from cskh_org.words import both, say

    lang = args.lang or "en"
    department = validate(args.department).unwrap()
    sidecar = _sidecar(args.department, args.vendor)
    data = department.model_dump(mode="json", by_alias=True, exclude_none=True)
    exported = export_set(args.vendor, data, sidecar)
    folder = Path(args.output)
    targets = {name: folder / name for name in sorted(exported.documents)}
    for target in targets.values():
        check_output(target, force=args.force, inputs=(args.department,), what="helpdesk")
    for name, target in targets.items():
        with output_file(
            target, force=args.force, inputs=(args.department,), what="helpdesk", make_folders=True
        ) as stream:
            stream.write(json.dumps(exported.documents[name], indent=2, ensure_ascii=False) + "\n")
    for d in exported.differences:
        out.write(f"{d.path}: {both(d.reason).text(lang)}\n")
    print(
        say(
            "helpdesk.summary.export",
            lang,
            files=len(targets),
            folder=os.fspath(folder),
            differences=len(exported.differences),
        ),
        file=out,
    )
    return 0


def _rule_set(vendor: str, source: str) -> Any:
    """A vendor set from a folder of its files, a sidecar, or a department (its export)."""
    from cskh_org.helpdesk import export_set, read_vendor_set
    from cskh_org.loading import validate
    from cskh_org.loading.vendor_json import read_json, read_vendor_files

    path = Path(source)
    if path.is_dir():
        return read_vendor_set(vendor, read_vendor_files([source]).documents)  # type: ignore[arg-type]
    if path.name.endswith(".helpdesk.json"):
        data = read_json(source, "helpdesk")
        documents = data.get("documents") if isinstance(data, dict) else None
        return read_vendor_set(vendor, documents if isinstance(documents, dict) else {})  # type: ignore[arg-type]
    department = validate(source).unwrap()
    sidecar = _sidecar(source, vendor)
    data = department.model_dump(mode="json", by_alias=True, exclude_none=True)
    exported = export_set(vendor, data, sidecar)  # type: ignore[arg-type]
    return read_vendor_set(vendor, exported.documents)  # type: ignore[arg-type]


def _cmd_replay(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from cskh_org.helpdesk import replay
    from cskh_org.loading.history import load_mapping, read_history
    from cskh_org.report.console import Style, finding_line
    from cskh_org.words import say

    lang = args.lang or "en"
    usable = _usable(args.department, "history", args.lang)
    mapping = _checked(load_mapping(args.mapping, usable.department), args.lang)
    before = _rule_set(args.vendor, args.before or os.fspath(_sidecar_path(args.department)))
    after = _rule_set(args.vendor, args.after or args.department)
    imported = read_history(args.history, mapping, usable.department)
    result = replay(imported.tickets(), before, after)
    summary = imported.summary()
    _err(finding_line(f, Style(sys.stderr), args.lang) for f in summary.findings)
    if args.format == "json":
        out.write(
            json.dumps(
                {
                    "tickets": result.tickets,
                    "differ": result.differ,
                    "moves": [
                        {"before": a, "after": b, "tickets": n}
                        for (a, b), n in sorted(result.moves.items())
                    ],
                    "changes": [
                        {
                            "ticket": c.ticket,
                            "group_before": c.group_before,
                            "group_after": c.group_after,
                            "fired_before": list(c.fired_before),
                            "fired_after": list(c.fired_after),
                            "fields": list(c.fields),
                        }
                        for c in result.changes[: args.limit]
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        names = {str(g.id): g.name for g in (*before.groups, *after.groups)}

        def group(gid: str) -> str:
            return f"{names[gid]} ({gid})" if gid in names else gid or "-"

        for (a, b), n in sorted(result.moves.items()):
            out.write(f"{group(a)} -> {group(b)}: {n}\n")
        for c in result.changes[: args.limit]:
            moved = f"{group(c.group_before)} -> {group(c.group_after)}"
            out.write(f"{c.ticket}: {moved} ({', '.join(c.fields)})\n")
        print(
            say("helpdesk.summary.replay", lang, tickets=result.tickets, differ=result.differ),
            file=out,
        )
    return 0 if summary.ok else 1


def _helpdesk_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import a helpdesk's rule set (Zendesk, Freshdesk) as a department",
        description="Read the vendor's API JSON (FILEs, or folders of them: groups.json, "
        "triggers.json, … for Zendesk; groups.json, dispatch_rules.json, … for Freshdesk), verify "
        "the rules with the vendor's semantics, and write the department to OUTPUT with the "
        "vendor's ids and documents in OUTPUT's sidecar (NAME.helpdesk.json). Every part not "
        "imported is listed with its JSON path; exit 1 on an error-level finding.",
    )
    p.add_argument("vendor", choices=("zendesk", "freshdesk"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="DEPT.yaml")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT and its sidecar")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _lang_option(p)
    p.set_defaults(run=_cmd_import)

    p = sub.add_parser(
        "export",
        help="export a department imported from a helpdesk back to the vendor's JSON",
        description="Write the vendor's JSON files for DEPT (groups and routing rules from the "
        "YAML, the rest from its sidecar) into DIR, and list every difference from the import.",
    )
    p.add_argument("vendor", choices=("zendesk", "freshdesk"))
    p.add_argument("department", metavar="DEPT.yaml")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--force", action="store_true", help="overwrite DIR's files")
    _lang_option(p)
    p.set_defaults(run=_cmd_export)

    p = sub.add_parser(
        "replay",
        help="run a ticket history through two helpdesk rule sets and list what differs",
        description="Run HISTORY (read with --mapping, default canonical) through the BEFORE "
        "and AFTER rule sets with the vendor's semantics (each a folder of vendor JSON, a "
        "sidecar, or a department: its export; default: DEPT's sidecar and DEPT itself).",
    )
    p.add_argument("vendor", choices=("zendesk", "freshdesk"))
    p.add_argument("history", metavar="HISTORY")
    p.add_argument("--department", required=True, metavar="DEPT")
    p.add_argument("--mapping", default="canonical", metavar="MAPPING")
    p.add_argument("--before", metavar="BEFORE")
    p.add_argument("--after", metavar="AFTER")
    p.add_argument("--limit", type=int, default=50, help="tickets listed (all are counted)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _lang_option(p)
    p.set_defaults(run=_cmd_replay)


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        type=_lang,
        metavar="LANG",
        help="display language: vi or en (default: the document's first)",
    )


def _lang(text: str) -> str:
    """``--lang``: one of the display languages, checked before any work is done."""
    from cskh_org.languages import display_language

    try:
        return display_language(text) or text
    except UsageError as exc:
        raise _bad(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    import argparse  # here: `route --router --ticket` is parsed without it (_route_args)

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            usage = " ".join(self.format_usage().split())  # one line, whatever the terminal width
            # argparse's own English: --lang is not known before the arguments parse
            raise UsageError(f"{message}\n{usage}")

    class _Version(argparse.Action):
        """``--version``: the installed distribution's version, looked up only when asked for."""

        def __init__(
            self, option_strings: Sequence[str], dest: str, help: str | None = None
        ) -> None:
            super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

        def __call__(
            self,
            parser: argparse.ArgumentParser,
            namespace: argparse.Namespace,
            values: str | Sequence[Any] | None,
            option_string: str | None = None,
        ) -> None:
            from cskh_org import __version__

            print(f"{parser.prog} {__version__}")  # stdout, like argparse's own version action
            parser.exit()

    parser = _Parser(
        prog="cskh-org",
        description="Plan a customer-care department as code: validate, route, render.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "validate",
        help="check department and workload documents and report every finding",
        description="Check each FILE and report every finding. A workload (recognised by its "
        "keys: `start`, `streams`…) is checked against its department: --department FILE, "
        "else department.yaml beside the workload.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--department", metavar="DEPT", help="the department a workload FILE is written for"
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif", "junit"),
        default="text",
        help="github: workflow annotations; sarif: SARIF 2.1.0 for code scanning; junit: XML",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail validation too")
    p.add_argument(
        "--only",
        choices=("routing",),
        help="check only this section of each department FILE, and what it needs (the ticket "
        "schema, the units its rules send tickets to…), as cskh_org.load_routing loads it",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="show notes (info findings)")
    p.add_argument(
        "--lang",
        type=_lang,
        default="en",
        metavar="LANG",
        help="language of the messages in text output: vi or en (default en); JSON has both",
    )
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser(
        "route",
        help="route tickets with a department's rules",
        description="Route one ticket (--ticket) or a JSONL stream (--tickets, one decision "
        "per line out; invalid lines are reported on stderr with their number and skipped).",
    )
    p.add_argument("file", metavar="FILE")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--ticket", metavar="JSON", help='one ticket: \'{"channel": "email"}\'')
    which.add_argument("--tickets", metavar="FILE.jsonl", help="one ticket per line; - is stdin")
    p.add_argument("--explain", action="store_true", help="say why each rule matched or not")
    p.add_argument("--format", choices=("text", "json"), default="text", help="with --ticket")
    p.add_argument("--fail-fast", action="store_true", help="stop at the first invalid line")
    p.add_argument(
        "--router",
        metavar="ROUTER.json",
        help="route with this compiled router (cskh-org compile) instead of validating FILE; "
        "refused if FILE changed since",
    )
    _lang_option(p)
    p.set_defaults(run=_cmd_route)

    p = sub.add_parser(
        "compile",
        help="save a department's compiled router as JSON, for apps that only route",
        description="Validate FILE and write its compiled router (the ticket schema, the "
        "rules and their tables, the sha256 of FILE and the files it includes) to -o, a JSON "
        "file `cskh-org route FILE --router` and `Router.load` read without compiling again.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="ROUTER.json", required=True)
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    _lang_option(p)
    p.set_defaults(run=_cmd_compile)

    p = sub.add_parser(
        "sla",
        help="a ticket's SLA deadlines, or the status of its targets given its history",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--ticket", metavar="JSON", required=True, help='\'{"channel": "email"}\'')
    p.add_argument("--opened", metavar="INSTANT", required=True, help="2027-02-03T16:50+07:00")
    p.add_argument(
        "--events",
        metavar="JSON",
        help='history after opening: \'[{"at": "...", "kind": "replied"}, ...]\'',
    )
    p.add_argument("--now", metavar="INSTANT", help="with --events: when to judge (default: last)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _lang_option(p)
    p.set_defaults(run=_cmd_sla)

    p = sub.add_parser(
        "escalation",
        help="list every escalation path and its handoffs",
        description="Print every escalation path from the holders that receive routed "
        "tickets (or from one holder, --from), each with its number of handoffs, and the "
        "worst case per ticket, routing included.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--from", dest="start", metavar="HOLDER", help="start at this unit or external party"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    _lang_option(p)
    p.set_defaults(run=_cmd_escalation)

    p = sub.add_parser(
        "render",
        help="draw the org chart, routing, escalation or approval view",
        description="Draw one view as DOT, Mermaid, SVG, PNG or PDF (SVG/PNG/PDF need "
        "Graphviz's `dot`), or every view in every format with --all -o DIR. Without -o, "
        "DOT and Mermaid text go to standard output.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--view", choices=("org", "routing", "escalation", "approval"))
    p.add_argument("--unit", metavar="ID", help="org view: draw this unit and what is below it")
    p.add_argument("--depth", type=int, metavar="N", help="org view: levels below the top")
    _lang_option(p)
    p.add_argument("--format", choices=("svg", "png", "pdf", "dot", "mermaid"))
    p.add_argument("--all", action="store_true", help="every view in every format, into -o DIR")
    p.add_argument(
        "--pages",
        action="store_true",
        help="org view: the overview and a page per collapsed subtree (org-UNIT); routing view: "
        "100 rules a page (routing-1, routing-2…); into -o DIR",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT, in the format its suffix names (.svg .png .pdf .dot .mmd)",
    )
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(run=_cmd_render)

    p = sub.add_parser(
        "budget",
        help="the costed budget plan: roll-ups, approval state, variance against actual spend",
        description="Roll the budget plan up by one or two of unit, function, category and "
        "month (default: category), with its approval state; with --actuals, compare it with "
        "actual spend from a CSV (date,unit,category,amount): bad lines are reported on stderr "
        "with their number and skipped (exit 2).",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--by",
        action="append",
        choices=("unit", "function", "category", "month"),
        help="group by this dimension; give it twice to cross two (default: category)",
    )
    p.add_argument("--actuals", metavar="FILE.csv", help="actual spend to compare; - is stdin")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _lang_option(p)
    p.set_defaults(run=_cmd_budget)

    p = sub.add_parser(
        "simulate",
        help="simulate tickets through the department: waits, SLA, load, cost; what-if",
        description="Run a discrete-event simulation of the department (its own router, SLA "
        "policies, calendars and escalation paths) under a workload, and print the KPIs with "
        "95 % confidence intervals across replications. With --compare (another department) "
        "and/or --compare-workload, run both versions with the same seeds and print each "
        "KPI's difference.",
    )
    p.add_argument("file", metavar="FILE", help="the department document")
    p.add_argument("--workload", metavar="W", required=True, help="the workload document")
    p.add_argument(
        "--days",
        type=_days,  # at most cskh_org.simulation.plan.MAX_DAYS
        default=None,
        metavar="N",
        help="days to simulate (7, or the roster's weeks with --roster; at most 3650)",
    )
    _run_options(p)
    p.add_argument(
        "--warmup",
        type=_span,
        metavar="SPAN",
        help="not counted at the start, e.g. 1d (the workload's)",
    )
    p.add_argument(
        "--roster",
        metavar="ROSTER.json",
        help="put the agents of a roster (`cskh-org roster --format json`) on duty in place of "
        "its units' staff lines, over its weeks from its first Monday",
    )
    p.add_argument("--records", metavar="OUT", help="write every ticket to OUT.jsonl or OUT.csv")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--compare", metavar="OTHER", help="another version of the department")
    p.add_argument("--compare-workload", metavar="W2", help="the workload of the other version")
    _lang_option(p)
    p.set_defaults(run=_cmd_simulate)

    p = sub.add_parser(
        "staff",
        help="how many agents each unit needs, interval by interval (Erlang C and A)",
        description="Work out, for each unit the workload's tickets reach, each channel's "
        "queue and each interval of the week, the fewest agents on duty that meet the targets "
        "(by default each ticket's SLA first-response target, met by --sla-share of the "
        "tickets), by Erlang A where the workload gives the channel a patience and Erlang C "
        "elsewhere; then the agents to schedule after shrinkage, the FTE needed against the "
        "staff lines' FTE and its cost, and the intervals today's shifts leave short. "
        "--method simulation starts from that answer and corrects it by simulating the "
        "department's own routing, escalations and duty hours.",
    )
    p.add_argument("file", metavar="FILE", help="the department document")
    p.add_argument("--workload", metavar="W", required=True, help="the workload document")
    p.add_argument(
        "--interval", type=_interval, default=30, metavar="LEN", help="15m, 30m (default) or 60m"
    )
    p.add_argument(
        "--target",
        action="append",
        metavar="T",
        help="instead of the SLA: 80/20 (80 %% within 20 s), asa:15s, abandon:5%% (repeatable)",
    )
    p.add_argument(
        "--sla-share",
        type=_share,
        default=0.8,
        metavar="S",
        help="share of tickets that must meet their SLA first response (0.8 or 80%%)",
    )
    p.add_argument(
        "--max-occupancy", type=_share, metavar="S", help="the busiest agents may be (e.g. 85%%)"
    )
    p.add_argument(
        "--method",
        choices=("auto", "erlang-c", "erlang-a", "simulation"),
        default="auto",
        help="simulation: the Erlang answer verified and adjusted by simulating the department",
    )
    p.add_argument(
        "--replications",
        type=int,
        metavar="N",
        help="with --method simulation: replications per candidate staffing (default 8)",
    )
    p.add_argument(
        "--seed", type=int, metavar="S", help="with --method simulation: the seed (default 0)"
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="K",
        help="with --method simulation: processes replications run in (default 1)",
    )
    p.add_argument(
        "--per-channel",
        action="store_true",
        help="each channel its own queue and agents (default: a unit's agents take them all)",
    )
    p.add_argument(
        "--by-skill",
        action="store_true",
        help="in a unit whose tickets ask for skills some of its people lack, each skill "
        "group its own queue and agents (--method simulation always does)",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _lang_option(p)
    p.set_defaults(run=_cmd_staff)

    p = sub.add_parser(
        "roster",
        help="who works which shift on which day: a roster covering the staffing requirement",
        description="Build a roster of the department's agents over one to six weeks, by the "
        "rules of the roster file (the shifts each unit may use, days off, the working-time "
        "limits, fairness): OR-Tools CP-SAT covers each interval's requirement (from "
        "--workload through Erlang staffing, or what `cskh-org staff --format json` wrote), "
        "minimising under-cover first and paid hours second, and says the gap it proved. "
        "When the rules cannot all hold, it names the rules that clash, with their places, "
        "and exits 1.",
    )
    p.add_argument("file", metavar="FILE", help="the department document")
    p.add_argument("--rules", metavar="R", required=True, help="the roster rules (roster.yaml)")
    p.add_argument("--workload", metavar="W", help="the workload: staff it first (Erlang)")
    p.add_argument(
        "--requirement",
        metavar="STAFF.json",
        help="what `cskh-org staff --format json` wrote (its `scheduled` agents, rounded up)",
    )
    p.add_argument(
        "--method",
        choices=("auto", "erlang-c", "erlang-a"),
        default="auto",
        help="with --workload: how staffing works out the requirement",
    )
    p.add_argument(
        "--interval", type=_interval, metavar="LEN", help="15m, 30m or 60m (default: the rules')"
    )
    p.add_argument(
        "--weeks",
        type=int,
        choices=range(1, 7),
        metavar="N",
        help="weeks rostered, 1 to 6 (default: the rules')",
    )
    p.add_argument(
        "--time-limit", type=float, metavar="S", help="seconds of search (default: the rules')"
    )
    p.add_argument(
        "--seed", type=int, metavar="N", help="the search's seed (default: the rules', 0)"
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the roster here")
    p.add_argument(
        "--ics", metavar="DIR", help="write an iCalendar file per agent with shifts into DIR"
    )
    p.add_argument(
        "--cover-svg",
        metavar="FILE.svg",
        help="draw the cover (required against rostered, per interval) as an SVG heat map",
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE, DIR's files, FILE.svg")
    _lang_option(p)
    p.set_defaults(run=_cmd_roster)

    p = sub.add_parser("history", help="import ticket history from a helpdesk export")
    history = p.add_subparsers(dest="history_command", required=True, parser_class=_Parser)
    p = history.add_parser(
        "import",
        help="read a helpdesk export (CSV or JSON lines) into the canonical history CSV",
        description="Read EXPORT with a column mapping (a YAML file, or a ready one: zendesk, "
        "freshdesk, canonical), check every row against the department's ticket schema and "
        "units, and write the good rows to OUTPUT (the canonical CSV, times in UTC). Every bad "
        "row is reported with its line and reason and counted; exit 1 if there was one.",
    )
    p.add_argument("export", metavar="EXPORT")
    p.add_argument("--mapping", required=True, metavar="MAPPING", help="a mapping file or name")
    p.add_argument(
        "--department", required=True, metavar="DEPT", help="the department the tickets are of"
    )
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT.csv")
    p.add_argument("--force", action="store_true", help="overwrite an existing OUTPUT")
    p.add_argument("--format", choices=("text", "json"), default="text", help="the summary's")
    _lang_option(p)
    p.set_defaults(run=_cmd_history_import)

    p = sub.add_parser(
        "forecast",
        help="forecast arrivals from a ticket history, and write them as a workload",
        description="Read HISTORY (the canonical CSV of `cskh-org history import`, or an export "
        "with --mapping), choose per channel the forecast method with the lowest back-test "
        "error (seasonal naive, 4- and 8-week averages, Holt-Winters), forecast the days after "
        "the history with the calendar's special days apart, and print the forecast; -o writes "
        "it as a workload (with --base, the handling times and the rest of that workload).",
    )
    p.add_argument("--days", type=int, default=7, help="the horizon in days (default 7)")
    p.add_argument("--start", type=_date, metavar="DATE", help="the horizon's first date")
    p.add_argument("--backtest-weeks", type=int, default=8, metavar="N", help="default 8")
    p.add_argument("--calendar", metavar="ID", help="the calendar whose holidays are special")
    _history_options(p, "the workload to take the rest from", "write the workload here")
    p.set_defaults(run=_cmd_forecast)

    p = sub.add_parser(
        "calibrate",
        help="fit handling times, patience and reopenings from a ticket history",
        description="Read HISTORY (the canonical CSV of `cskh-org history import`, or an export "
        "with --mapping) and fit per unit, channel and category the handling times (lognormal "
        "or gamma by AIC, else the times observed), per channel the patience (censored "
        "maximum likelihood) and per unit the reopen share, with 95% intervals; with --base "
        "and -o, write that workload with the fitted sections.",
    )
    p.add_argument("--seed", type=int, default=0, help="the bootstrap's seed (default 0)")
    p.add_argument(
        "--loop-weeks",
        type=int,
        metavar="N",
        help="simulate the calibrated department (--base) over the history's last N whole "
        "weeks and compare it with what was observed",
    )
    _history_options(p, "the workload the fits go into", "write it here (needs --base)")
    p.set_defaults(run=_cmd_calibrate)

    p = sub.add_parser(
        "diff",
        help="what changed between two versions: changes, tickets that move, cost, findings",
        description="Compare two versions of a department (files, or git:REV:path for a "
        "file at a git revision): every change with its place in both, the tickets whose "
        "routing changes (exactly, weighted by --workload's mix), staff cost, budget against "
        "its cap, and the findings the change introduces or clears. Exits 1 when a --fail-on "
        "gate trips.",
    )
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument(
        "--workload",
        metavar="W",
        help="weigh the moved tickets by this workload, and simulate both versions with it",
    )
    p.add_argument(
        "--no-simulate", action="store_true", help="with --workload: weigh, do not simulate"
    )
    p.add_argument(
        "--days", type=_days, default=7.0, metavar="N", help="with --workload: days simulated (7)"
    )
    _run_options(p, "with --workload: ")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument(
        "--fail-on",
        metavar="GATES",
        help="comma-separated: error, warning, cost, cap, moves, or finding codes",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the review to FILE")
    p.add_argument(
        "--chart",
        metavar="OUT",
        help="draw the new org chart with the change on it, in the format OUT's suffix names "
        "(.svg .png .pdf .dot .mmd)",
    )
    p.add_argument("--depth", type=int, metavar="N", help="--chart: levels below the top")
    p.add_argument("--force", action="store_true", help="overwrite an existing FILE or OUT")
    _lang_option(p)
    p.set_defaults(run=_cmd_diff)

    p = sub.add_parser(
        "report",
        help="one self-contained HTML report for a review meeting",
        description="Write one HTML file that opens anywhere, offline: the org chart (search "
        "and collapse), every finding, routing and its analysis, SLA attainability, the "
        "budget against its caps (and --actuals), and with --workload the staffing needed "
        "and the simulated KPIs, with charts; --compare NEW adds the review of the change. "
        "Every number names its place in the JSON document --json writes.",
    )
    p.add_argument("file", metavar="FILE", help="the department (a path or git:REV:path)")
    p.add_argument("--workload", metavar="W", help="staff, check and simulate this workload")
    p.add_argument(
        "--compare", metavar="NEW", help="review the change to NEW (a path or git:REV:path)"
    )
    p.add_argument("--actuals", metavar="CSV", help="actual spend to set against the plan")
    p.add_argument(
        "--no-simulate", action="store_true", help="with --workload: staff, do not simulate"
    )
    p.add_argument(
        "--days", type=_days, default=7.0, metavar="N", help="with --workload: days simulated (7)"
    )
    _run_options(p, "with --workload: ")
    p.add_argument("-o", "--output", metavar="FILE", help="write the HTML to FILE (.html)")
    p.add_argument("--json", metavar="FILE", help="write the report's figures as JSON to FILE")
    p.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    _lang_option(p)
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser(
        "sweep",
        help="simulate many variants with common random numbers and pick the best",
        description="Simulate every variant a sweep file names (a grid of parameters and "
        "listed patches of the department and the workload, each validated first), with "
        "common random numbers, on local processes or a Dask cluster; with the file's "
        "`select`, find the best variant under its constraints by a sequential procedure "
        "(KN with feasibility checks) at the stated confidence.",
    )
    p.add_argument("file", metavar="FILE", help="the department")
    p.add_argument("--workload", metavar="W", required=True, help="the workload to simulate")
    p.add_argument("--variants", metavar="V", required=True, help="the sweep file")
    choose = p.add_mutually_exclusive_group()
    choose.add_argument(
        "--select",
        metavar="GOAL",
        help="select by this goal instead of the file's (its other settings kept): "
        "'min staff_cost_month; overall/sla.first_response >= 0.8; "
        "overall/abandonment <= 0.05'",
    )
    choose.add_argument(
        "--no-select", action="store_true", help="run every variant; ignore the file's select"
    )
    p.add_argument(
        "--workers",
        type=_whole(1, 1024),
        default=1,
        metavar="N",
        help="local processes (1), or with --dask the workers of a local Dask cluster",
    )
    p.add_argument(
        "--scheduler", metavar="ADDR", help="a Dask scheduler to run on (tcp://host:8786)"
    )
    p.add_argument("--dask", action="store_true", help="start a local Dask cluster of --workers")
    p.add_argument(
        "--store",
        metavar="FILE",
        help="keep each replication's results in FILE (JSON lines) as they arrive; a run "
        "started again with the same FILE does not redo them",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the answer to FILE")
    p.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    _lang_option(p)
    p.set_defaults(run=_cmd_sweep)

    _helpdesk_parsers(sub)

    p = sub.add_parser("schema", help="print the JSON Schema of department documents")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument(
        "--kind",
        choices=("department", "workload", "fragment", "mapping", "roster", "sweep"),
        default="department",
        help="which document: a department, a workload, a file a department includes, a "
        "history mapping (cskh-org history import --mapping), or roster rules (cskh-org "
        "roster --rules)",
    )
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser(
        "init",
        help="write a starter department, its workload and their JSON Schemas",
        description="Write a starter department document (routing, SLA, escalation and "
        "budget included) to FILE, and workload.yaml beside it for `simulate`; "
        "never overwrite either without --force.",
    )
    p.add_argument("--size", choices=("small", "growing", "large"), default="small")
    p.add_argument("-o", "--output", default="department.yaml", metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(run=_cmd_init)

    p = sub.add_parser("checks", help="list every check and the codes it reports")
    p.set_defaults(run=_cmd_checks)
    for name, command in [*sub.choices.items(), *history.choices.items()]:
        if name not in ("schema", "init", "checks", "history"):  # these read no document
            _limits_option(command)
    return parser


def _limits_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-nodes",
        type=_whole(1, MAX_NODES_GIVEN),
        metavar="N",
        help=f"most YAML nodes a document may hold with its included files (default "
        f"{DEFAULT_MAX_NODES:,}, which bounds a hostile file); a national department of 5,000 "
        "units holds about 800,000",
    )


DEFAULT_MAX_NODES: Final = 250_000
"""``Limits().max_nodes``, written here so that parsing the arguments loads no model (a test
checks the two agree)."""


MAX_NODES_GIVEN: Final = 20_000_000
"""The most ``--max-nodes`` takes: a 20 MiB document (``Limits.max_bytes``) writes at most
about ten million nodes (``[0,0,…]``), and aliases may add as many again."""


_ROUTE_OPTIONS = {
    "--router": "router",
    "--ticket": "ticket",
    "--format": "format",
    "--lang": "lang",
}


def _route_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """``route FILE --router R --ticket JSON`` (with ``--format``, ``--lang``, ``--explain``),
    parsed without argparse, which costs a cold process more than routing the ticket: the
    arguments ``_parser`` would give, or ``None`` for anything else (help, another spelling,
    a bad value), which ``_parser`` then parses and reports."""
    from types import SimpleNamespace

    if len(argv) < 6 or argv[0] != "route":
        return None
    found: dict[str, Any] = {}
    files: list[str] = []
    rest = iter(argv[1:])
    for arg in rest:
        dest = "explain" if arg == "--explain" else _ROUTE_OPTIONS.get(arg)
        if dest is None:
            if arg.startswith("-") or files:
                return None
            files.append(arg)
            continue
        if dest in found:
            return None  # given twice: argparse keeps the last
        if dest == "explain":
            found[dest] = True
            continue
        value = next(rest, None)
        if value is None or value.startswith("-"):
            return None  # no value, or an option argparse may read otherwise
        found[dest] = value
    if not files or "router" not in found or "ticket" not in found:
        return None
    found.setdefault("explain", False)
    if found.setdefault("format", "text") not in ("text", "json"):
        return None
    if found.setdefault("lang", None) is not None:
        from cskh_org.languages import display_language

        try:
            found["lang"] = display_language(found["lang"]) or found["lang"]
        except UsageError:
            return None
    args: Any = SimpleNamespace(
        command="route",
        file=files[0],
        tickets=None,
        fail_fast=False,
        max_nodes=None,  # no YAML is read: the router file is JSON
        run=_cmd_route,
        **found,
    )
    return args  # type: ignore[no-any-return]


def console() -> int:
    """The ``cskh-org`` command (and ``python -m cskh_org``): :func:`main` on the process's
    arguments, in a process that keeps what it loads until it exits
    (:func:`cskh_org.collector.keep_loaded`)."""
    keep_loaded()
    return main()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    out = out or sys.stdout
    lang = "en"  # the language findings are printed in: a command's --lang, if it has one
    try:
        one_ticket = _route_args(sys.argv[1:] if argv is None else argv)
        args = one_ticket or _parser().parse_args(argv)
        lang = getattr(args, "lang", None) or "en"
        run: Command = args.run
        # one ticket from a router file: bounded work, the collector paused (cskh_org.collector)
        with (
            paused_collector() if one_ticket is not None else contextlib.nullcontext(),
            _limits(getattr(args, "max_nodes", None)),
        ):
            code = run(args, out)
        out.flush()  # a full disk or a closed pipe shows here, not after the exit code
        return code
    except DocumentInvalid as exc:
        from cskh_org.report.console import Style, findings_invalid

        _err(findings_invalid(exc.findings, Style(sys.stderr), lang))
        return exc.exit_code
    except CskhOrgError as exc:
        print(f"cskh-org: error: {exc.text(lang)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        _discard(out)
        return 0
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
            return _internal(exc)
        print(f"cskh-org: error: {_stdout_error(exc).text(lang)}", file=sys.stderr)
        _discard(out)
        return 2
    except Exception as exc:  # a bug: say so in one line, full traceback only when asked
        return _internal(exc)


def _limits(max_nodes: int | None) -> contextlib.AbstractContextManager[object]:
    """The command's loads with ``--max-nodes`` (:func:`cskh_org.loading.source.using_limits`),
    or unchanged."""
    if max_nodes is None:
        return contextlib.nullcontext()
    from dataclasses import replace

    from cskh_org.loading.source import current_limits, using_limits

    return using_limits(replace(current_limits(), max_nodes=max_nodes))


def _stdout_error(exc: OSError) -> CskhOrgError:
    """Writing standard output failed (a full disk, /dev/full): why, in both languages (the
    English the OS's own words)."""
    from cskh_org.files import reason

    why = Said(vi=reason(exc).vi, en=f"{exc.strerror}")
    return CskhOrgError.of("error.cli.stdout", reason=why)


def _internal(exc: Exception) -> int:
    if os.environ.get("CSKH_ORG_DEBUG"):
        raise exc
    print(
        f"cskh-org: internal error ({type(exc).__name__}: {exc}); this is a bug in cskh_org, "
        "rerun with CSKH_ORG_DEBUG=1 and report the traceback",
        file=sys.stderr,
    )
    return 3


def _output_errors() -> frozenset[int]:
    import errno

    names = ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EPIPE", "EROFS", "ENXIO")
    return frozenset(getattr(errno, n) for n in names if hasattr(errno, n))


_OUTPUT_ERRORS = _output_errors()
"""What writing standard output can fail with (a full disk, /dev/full, a quota): an error of
the output, exit 2, not a bug. Errors with a file name come from elsewhere."""


def _discard(out: TextIO) -> None:
    """Point standard output at the null device, so what is still buffered is dropped at exit
    instead of failing again there (Python's advice for a closed pipe)."""
    try:
        fd = out.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (a test's StringIO)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
