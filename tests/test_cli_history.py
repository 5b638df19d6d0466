"""`cskh-org history import`: the bundled export into the canonical CSV, the summary as text
and JSON, the exit code of a bad row, and clean refusals (a wrong mapping, a missing export,
an output that exists)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.conftest import EXAMPLES, RunCli

DEPT = str(EXAMPLES / "growing" / "department.yaml")
EXPORT = str(EXAMPLES / "growing" / "history" / "freshdesk-export.csv")
MAPPING = str(EXAMPLES / "growing" / "history" / "mapping.yaml")


def _import(run_cli: RunCli, out: Path, *more: str) -> tuple[int, str, str]:
    args = ["history", "import", EXPORT, "--mapping", MAPPING, "--department", DEPT]
    result = run_cli([*args, "-o", str(out), *more])
    return result.code, result.out, result.err


def test_the_bundled_export_imports_with_its_bad_row_said(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = _import(run_cli, tmp_path / "h.csv", "--lang", "en")
    assert code == 1  # one bad row
    assert "freshdesk-export.csv:9:62: error[history-bad-time]" in err
    assert "tickets imported 7; bad rows not imported 1" in out
    rows = list(csv.DictReader((tmp_path / "h.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["5001", "5002", "5003", "5004", "5005", "5006", "5007"]
    assert rows[0]["created"] == "2026-03-02T01:05:12+00:00"  # 08:05:12 in Hà Nội
    assert rows[0]["first_reply"] == "2026-03-02T01:26:12+00:00"  # 0.35 h later
    assert {r["unit"] for r in rows} == {"online_care", "support", "after_sales"}


def test_the_canonical_file_reads_back_as_it_was_written(run_cli: RunCli, tmp_path: Path) -> None:
    _import(run_cli, tmp_path / "h.csv")
    again = run_cli(
        [
            "history",
            "import",
            str(tmp_path / "h.csv"),
            "--mapping",
            "canonical",
            "--department",
            DEPT,
            "-o",
            str(tmp_path / "h2.csv"),
        ]
    )
    assert again.code == 0, again.err
    assert (tmp_path / "h.csv").read_text("utf-8") == (tmp_path / "h2.csv").read_text("utf-8")


def test_the_summary_as_json(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, _ = _import(run_cli, tmp_path / "h.csv", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert (doc["rows"], doc["imported"], doc["bad_rows"]) == (8, 7, 1)
    assert doc["by_unit"] == {"after_sales": 1, "online_care": 4, "support": 2}
    (finding,) = doc["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (9, 62, "history-bad-time")
    assert finding["message_vi"] != finding["message"]


def test_an_existing_output_is_kept_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = _import(run_cli, out)
    assert code == 2
    assert "Traceback" not in err
    assert out.read_text("utf-8") == "mine\n"
    code, _, _ = _import(run_cli, out, "--force")
    assert code == 1
    assert out.read_text("utf-8").startswith("id,created,")


def test_refusals_are_clean(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text("format: csv\ncolumns: {created: a}\nvalues:\n  team: {X: nowhere}\n", "utf-8")
    base = ["history", "import", EXPORT, "--department", DEPT, "-o", str(tmp_path / "o.csv")]
    wrong = run_cli([*base, "--mapping", str(bad)])
    assert wrong.code == 1
    assert "m.yaml:4:" in wrong.err
    assert "history-mapping-value" in wrong.err
    assert not (tmp_path / "o.csv").exists()
    missing = run_cli([*base[:2], str(tmp_path / "none.csv"), *base[3:], "--mapping", "zendesk"])
    assert missing.code == 2
    assert "none.csv" in missing.err
    assert "Traceback" not in missing.err
    unknown = run_cli([*base, "--mapping", "jira"])
    assert unknown.code == 2
    assert "jira" in unknown.err
    for result in (wrong, missing, unknown):
        assert "internal error" not in result.err


# -- cskh-org forecast ---------------------------------------------------------------------------


def _history(tmp_path: Path) -> Path:
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_history

    path = tmp_path / "export.csv"
    make_history.write(path, seed=2, days=120)
    return path


def test_forecast_prints_and_writes_a_workload(run_cli: RunCli, tmp_path: Path) -> None:
    export = _history(tmp_path)
    base = ["forecast", str(export), "--mapping", MAPPING, "--department", DEPT]
    out = tmp_path / "w.yaml"
    result = run_cli([*base, "--base", str(EXAMPLES / "growing" / "workload.yaml"), "-o", str(out)])
    assert result.code == 0, result.err
    assert "Arrivals forecast by channel: 2026-06-29 to 2026-07-05 (7 days)" in result.out
    assert "Kept as they were in the base workload: online_messages" in result.out
    assert out.read_text("utf-8").startswith("# Written by `cskh-org forecast`")
    checked = run_cli(["validate", str(out), "--department", DEPT])
    assert checked.code == 0, checked.out + checked.err
    as_json = run_cli([*base, "--format", "json", "--days", "3", "--start", "2026-07-01"])
    doc = json.loads(as_json.out)
    assert doc["start"] == "2026-07-01"
    assert {s["key"] for s in doc["streams"]} == {"phone", "email", "chat", "app"}
    assert all(len(s["days"]) == 3 and len(s["hourly"]) == 72 for s in doc["streams"])
    alone = run_cli([*base, "-o", str(tmp_path / "alone.yaml")])
    assert alone.code == 0
    assert "arrivals only" in alone.out


def test_forecast_refusals_are_clean(run_cli: RunCli, tmp_path: Path) -> None:
    short = tmp_path / "short.csv"
    short.write_text("id,created\n1,2026-03-02T01:00:00+00:00\n", "utf-8")
    small = tmp_path / "m.yaml"
    small.write_text("format: csv\ncolumns: {id: id, created: created}\n", "utf-8")
    result = run_cli(["forecast", str(short), "--mapping", str(small), "--department", DEPT])
    assert result.code == 2
    assert "no ticket with a `channel`" in result.err
    export = _history(tmp_path)
    late = run_cli(
        [
            "forecast",
            str(export),
            "--mapping",
            MAPPING,
            "--department",
            DEPT,
            "--start",
            "2026-05-01",
        ]
    )
    assert late.code == 2
    assert "not after the history's last day" in late.err
    bad = run_cli(["forecast", str(export), "--department", DEPT, "--start", "May"])
    assert bad.code == 2
    assert "2027-03-01" in bad.err
    for r in (result, late, bad):
        assert "Traceback" not in r.err
        assert "internal error" not in r.err


# -- cskh-org calibrate --------------------------------------------------------------------------


def test_calibrate_prints_and_writes_the_base_with_the_fits(
    run_cli: RunCli, tmp_path: Path
) -> None:
    export = _history(tmp_path)
    args = ["calibrate", str(export), "--mapping", MAPPING, "--department", DEPT]
    out = tmp_path / "cal.yaml"
    base = str(EXAMPLES / "growing" / "workload.yaml")
    result = run_cli([*args, "--base", base, "-o", str(out)])
    assert result.code == 0, result.err
    assert "support/phone/question" in result.out
    assert "patience phone" in result.out
    text = out.read_text("utf-8")
    assert text.startswith("# Written by `cskh-org calibrate`")
    checked = run_cli(["validate", str(out), "--department", DEPT])
    assert checked.code == 0, checked.out + checked.err
    doc = json.loads(run_cli([*args, "--format", "json"]).out)
    phone = next(p for p in doc["patience"] if p["channel"] == "phone")
    assert phone["mean_ci"][0] <= 90 <= phone["mean_ci"][1]
    refused = run_cli([*args, "-o", str(tmp_path / "x.yaml")])
    assert refused.code == 2
    assert "--base" in refused.err
    assert not (tmp_path / "x.yaml").exists()


def test_calibrate_closes_the_loop(run_cli: RunCli, tmp_path: Path) -> None:
    export = _history(tmp_path)
    args = ["calibrate", str(export), "--mapping", MAPPING, "--department", DEPT]
    base = str(EXAMPLES / "growing" / "workload.yaml")
    result = run_cli([*args, "--base", base, "--loop-weeks", "2"])
    assert result.code == 0, result.err
    assert "The loop closed" in result.out
    assert "tickets_per_day" in result.out
    doc = json.loads(run_cli([*args, "--base", base, "--loop-weeks", "2", "--format", "json"]).out)
    assert {f["kpi"] for f in doc["figures"]} >= {"tickets_per_day", "abandonment"}
    refused = run_cli([*args, "--loop-weeks", "2"])
    assert refused.code == 2
    assert "--base" in refused.err
