"""The catalogue's words for staffing tables, in Vietnamese and English."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        "staff.title": Said(
            vi="Nhu cầu nhân viên: {department} với {workload} (khoảng {interval} phút)",
            en="Staffing: {department} under {workload} ({interval}-minute intervals)",
        ),
        "staff.basis": Said(
            vi="Chỉ tính lượt đầu; mỗi kênh một hàng đợi ổn định trong từng khoảng, có người "
            "riêng (nên là mức trên khi một người nhận nhiều kênh); Erlang A cho kênh có độ kiên "
            "nhẫn, Erlang C cho kênh khác; FTE = giờ cần xếp ca ÷ {hours} giờ một tuần.",
            en="First visits only; each channel one queue in steady state within each interval, "
            "with agents of its own (an upper bound where agents take several channels); Erlang "
            "A for channels with a patience, Erlang C for the others; FTE = scheduled hours ÷ "
            "{hours} hours a week.",
        ),
        "staff.basis-pooled": Said(
            vi="Chỉ tính lượt đầu; mỗi đơn vị một hàng đợi ổn định trong từng khoảng, mọi người "
            "nhận mọi kênh của đơn vị; Erlang A khi mọi kênh có độ kiên nhẫn, Erlang C khi "
            "không; FTE = giờ cần xếp ca ÷ {hours} giờ một tuần.",
            en="First visits only; each unit one queue in steady state within each interval, "
            "every agent taking every channel of the unit; Erlang A where every channel has a "
            "patience, Erlang C otherwise; FTE = scheduled hours ÷ {hours} hours a week.",
        ),
        "staff.unit": Said("đơn vị", "unit"),
        "staff.peak": Said("trực cao nhất", "peak on duty"),
        "staff.fte-needed": Said("FTE cần", "FTE needed"),
        "staff.fte-today": Said("FTE hiện có", "FTE today"),
        "staff.gap": Said("chênh lệch", "gap"),
        "staff.gap-cost": Said("chi phí chênh lệch/tháng", "gap cost/month"),
        "staff.short": Said("khoảng thiếu người", "short intervals"),
        "staff.none": Said("không", "none"),
        "staff.queue": Said(
            vi="  {channel}: {method}{patience}{concurrency}, mục tiêu {targets}; trực cao nhất "
            "{peak}; {closed} phiếu/tuần đến lúc đóng cửa",
            en="  {channel}: {method}{patience}{concurrency}, targets {targets}; peak on duty "
            "{peak}; {closed} tickets a week arrive while closed",
        ),
        "staff.patience": Said(", kiên nhẫn {span}", ", patience {span}"),
        "staff.concurrency": Said(", {n} phiếu cùng lúc", ", {n} at once"),
        "staff.no-target": Said("(không có)", "(none)"),
        "staff.grid": Said(
            vi="{unit}: số người cần trực trong mỗi khoảng (* = hiện có ít hơn)",
            en="{unit}: agents needed on duty per interval (* = fewer on duty today)",
        ),
        "staff.left-out": Said(
            vi="Bỏ qua {n} luồng có quá nhiều tổ hợp thuộc tính: {streams}",
            en="Left out {n} streams with too many attribute combinations: {streams}",
        ),
        "staff.target.sl": Said("{share} trong {span}", "{share} within {span}"),
        "staff.target.asa": Said("ASA ≤ {span}", "ASA ≤ {span}"),
        "staff.target.abandon": Said("bỏ cuộc ≤ {share}", "abandonment ≤ {share}"),
        "staff.day.mon": Said("T2", "mon"),
        "staff.day.tue": Said("T3", "tue"),
        "staff.day.wed": Said("T4", "wed"),
        "staff.day.thu": Said("T5", "thu"),
        "staff.day.fri": Said("T6", "fri"),
        "staff.day.sat": Said("T7", "sat"),
        "staff.day.sun": Said("CN", "sun"),
    }
)
