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
        "staff.skill-group": Said(vi=", người có kỹ năng {skills}", en=", agents with {skills}"),
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
        "staff.basis-simulation": Said(
            vi="Xuất phát từ Erlang (mỗi đơn vị một hàng đợi, mọi người nhận mọi kênh; đơn vị có "
            "yêu cầu cần kỹ năng mà một số người không có: mỗi nhóm kỹ năng một hàng đợi), rồi mô "
            "phỏng chính bộ định tuyến, SLA, chuyển cấp và ca trực của phòng: thêm người ở khoảng "
            "chưa đạt, bớt người ở khoảng vẫn đạt khi bớt; mỗi khoảng mà thêm người có ích "
            "đạt mục tiêu với độ tin cậy {confidence} ({replications} lần lặp, seed {seed}, "
            "{runs} lượt mô phỏng{unsettled}); FTE = giờ cần xếp ca ÷ {hours} giờ một tuần.",
            en="Started from Erlang (each unit one queue, every agent taking every channel; a unit "
            "whose tickets ask for skills some of its people lack: one queue per skill group), "
            "then simulated with the department's own router, SLA, escalations and duty hours: "
            "agents added where an interval missed, taken away where it still met without them; "
            "every interval where an agent more helps meets its targets with {confidence} "
            "confidence ({replications} replications, seed {seed}, {runs} runs{unsettled}); "
            "FTE = scheduled hours ÷ {hours} hours a week.",
        ),
        "staff.unsettled": Said(
            vi=", dừng vì hết số lượt: chưa chắc là ít nhất",
            en=", stopped at the most runs: perhaps not the fewest",
        ),
        "staff.measured": Said(
            vi="  mô phỏng: mức phục vụ thấp nhất trong các khoảng đã kiểm chứng {low} ({when}); "
            "{missed} khoảng chưa đạt (thêm người không giúp); {quiet} khoảng quá ít yêu cầu "
            "để kiểm chứng (giữ số Erlang); tổng {agents} người-khoảng (Erlang: {start})",
            en="  simulated: lowest service level of the intervals verified {low} ({when}); "
            "{missed} intervals missed (an "
            "agent more did not help); {quiet} too quiet to verify (Erlang's count kept); "
            "{agents} agent-intervals in all (Erlang: {start})",
        ),
        # -- errors of staffing by simulation ----------------------------------------------
        "error.staffing.count": Said(
            vi="`{name}` phải là một số nguyên từ {low} đến {high}, không phải {value}",
            en="`{name}` must be a whole number from {low} to {high}, not {value}",
        ),
        "error.staffing.seed": Said(
            vi="seed phải là một số nguyên có tối đa 18 chữ số, không phải {value}",
            en="the seed must be a whole number of at most 18 digits, not {value}",
        ),
        "error.staffing.confidence": Said(
            vi="độ tin cậy phải là một tỷ lệ từ 0.5 đến dưới 1 (0.95 là 95 %), không phải {value}",
            en="the confidence must be a share from 0.5 to below 1 (0.95 is 95 %), not {value}",
        ),
        "error.staffing.analytic-method": Said(
            vi="phương pháp `simulation` không phải phép tính giải tích: hãy gọi "
            "simulated_staffing",
            en="the `simulation` method is not an analytic one: call simulated_staffing",
        ),
        "error.staffing.simulation-option": Said(
            vi="{option} chỉ dùng với --method simulation",
            en="{option} is only for --method simulation",
        ),
        "error.staffing.simulation-option-per-channel": Said(
            vi="--per-channel không dùng với --method simulation: mô phỏng để mọi người của một "
            "đơn vị nhận mọi kênh",
            en="--per-channel is not for --method simulation: the simulation has every agent of "
            "a unit take every channel",
        ),
        "error.simulation.staffing": Said(
            vi="số người trực của đơn vị `{unit}` phải là số nguyên không âm cho mỗi khoảng bằng "
            "nhau của tuần (số khoảng chia hết 10080 phút), không phải {count} khoảng",
            en="the agents on duty of unit `{unit}` must be whole numbers of at least 0, one per "
            "equal interval of the week (a number of intervals that divides 10,080 minutes), not "
            "{count} intervals",
        ),
    }
)
