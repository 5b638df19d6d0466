"""The catalogue's labels: diagram and table words, and the names of the library's own values.

The English of a value the document writes as an id (``first_response``, ``submitted``) stays
that id, so English output reads as the document does; Vietnamese gives it in words.
"""

from __future__ import annotations

from cskh_org.words import Said, register

_VIEW = {
    "head": Said("Phụ trách", "Head"),
    "people": Said("người", "people"),
    "person": Said("người", "person"),
    "month": Said("tháng", "month"),
    "functions": Said("Chức năng", "Functions"),
    "external": Said("Bên ngoài", "External party"),
    "org": Said("Sơ đồ tổ chức", "Organisation chart"),
    "routing": Said("Định tuyến", "Routing"),
    "escalation": Said("Chuyển cấp", "Escalation"),
    "approval": Said("Phê duyệt ngân sách", "Budget approval"),
    "never": Said("không bao giờ áp dụng", "never fires"),
    "shadowed": Said("bị che bởi", "shadowed by"),
    "unsatisfiable": Said("điều kiện không thể thỏa", "condition can never hold"),
    "unknown": Said("không phân tích được", "not analysed"),
    "default": Said("Mặc định (không quy tắc nào khớp)", "Default (no rule matched)"),
    "tickets": Said("Mọi yêu cầu", "Every ticket"),
    "channels": Said("Kênh", "Channels"),
    "rules": Said("Quy tắc", "Rules"),
    "queues": Said("Hàng đợi", "Queues"),
    "skills": Said("kỹ năng", "skills"),
    "priority": Said("ưu tiên", "priority"),
    "longest": Said("Đường dài nhất", "Longest path"),
    "hierarchical": Said("lên cấp trên", "up the reporting line"),
    "functional": Said("sang đối tác rồi trả lại", "to a partner and back"),
    "lateral": Said("sang ngang, đơn vị nhận giữ phiếu", "sideways, the receiving unit keeps it"),
    "follow_up": Said(
        "theo dõi sau khi giải quyết (không chuyển phiếu)",
        "follow-up after resolution (no handoff)",
    ),
    "handoffs": Said("lần chuyển", "handoffs"),
    "prepare": Said("Lập", "Prepare"),
    "review": Said("Xem xét", "Review"),
    "approve": Said("Phê duyệt", "Approve"),
    "state": Said("Trạng thái", "State"),
    "next": Said("bước tiếp theo", "acts next"),
    "approved": Said("Đã phê duyệt", "Approved"),
    "return": Said("trả lại", "return"),
    "history_invalid": Said("lịch sử không hợp lệ", "history is invalid"),
    "legend": Said("Chú giải", "Legend"),
    "default_route": Said("mặc định", "default"),
    "submit": Said("trình", "submit"),
    "review_edge": Said("xem xét", "review"),
    "approve_edge": Said("phê duyệt", "approve"),
    "when": Said("khi", "when"),
    "no_match": Said("không khớp: xét quy tắc tiếp theo", "no match: the next rule decides"),
    "all_matched": Said("mọi phiếu đều khớp một quy tắc", "every ticket matches a rule"),
    "part_from": Said(
        "Phiếu không khớp quy tắc nào trước quy tắc {rule}",
        "Tickets no rule before rule {rule} matched",
    ),
    "part_next": Said("Không khớp: tiếp ở trang {page}", "No match: continued on {page}"),
    "branch": Said("cả nhánh", "with units below"),
    "collapsed_units": Said("đơn vị bên dưới, thu gọn", "units below, collapsed"),
    "page": Said("trang", "page"),
    "collapsed": Said("Đã thu gọn", "Collapsed"),
    "collapsed_note": Said(
        "{n} nhánh ({units} đơn vị) dưới cấp {depth} được thu gọn, mỗi nhánh thành một ô có "
        "tổng cả nhánh (ghi “+ N đơn vị bên dưới”); vẽ một nhánh bằng --unit ID (ví dụ "
        "--unit {first}), mọi nhánh bằng --pages -o THƯ_MỤC, hoặc chọn số cấp bằng --depth N",
        "{n} subtrees ({units} units) below level {depth} are collapsed, each into one box "
        "with its totals (marked “+ N units below”); draw one with --unit ID (e.g. --unit "
        "{first}), every one with --pages -o DIR, or choose the levels with --depth N",
    ),
    # the org chart with a change drawn on it (cskh-org diff --chart)
    "changes": Said("Thay đổi", "Changes"),
    "change_title": Said("Thay đổi: {old} → {new}", "Changes: {old} → {new}"),
    "change_added": Said("thêm mới", "added"),
    "change_removed": Said("đã bỏ", "removed"),
    "change_moved": Said("chuyển chỗ", "moved"),
    "change_changed": Said("thay đổi", "changed"),
    "change_moved_from": Said("chuyển từ {unit}", "moved from {unit}"),
    "change_below": Said("{n} thay đổi bên dưới", "{n} changes below"),
}

_VALUES = {
    # SLA targets and clocks
    "target.first_response": Said("phản hồi đầu", "first_response"),
    "target.next_response": Said("phản hồi tiếp", "next_response"),
    "target.resolution": Said("giải quyết", "resolution"),
    "target.any": Said("mọi mục tiêu", "any target"),
    # escalation triggers
    "trigger.sla_warning": Said(
        "cảnh báo SLA ở {at}% của {target}", "SLA warning at {at}% of {target}"
    ),
    "trigger.sla_breach": Said("vi phạm SLA {target}", "SLA breach of {target}"),
    "trigger.reopened": Said("mở lại từ {n} lần", "reopened {n} times or more"),
    "trigger.tier": Said("hạng {values}", "tier {values}"),
    "trigger.category": Said("loại {values}", "category {values}"),
    "trigger.manual": Said("yêu cầu thủ công", "manual request"),
    "trigger.resolved": Said("khi đã giải quyết", "on resolution"),
    "or": Said(" hoặc ", " or "),
    # budget approval
    "state.draft": Said("nháp", "draft"),
    "state.submitted": Said("đã trình", "submitted"),
    "state.reviewed": Said("đã xem xét", "reviewed"),
    "state.approved": Said("đã phê duyệt", "approved"),
    "state.returned": Said("bị trả lại", "returned"),
    "move.submit": Said("{by} trình ngày {date}", "submitted by {by} {date}"),
    "move.review": Said("{by} xem xét ngày {date}", "reviewed by {by} {date}"),
    "move.approve": Said("{by} phê duyệt ngày {date}", "approved by {by} {date}"),
    "move.return": Said("{by} trả lại ngày {date}", "returned by {by} {date}"),
    "record.unsubmitted": Said("{state} (chưa trình)", "{state} (not submitted yet)"),
    "record.moves": Said("{state} ({moves})", "{state} ({moves})"),
    # external parties
    "external.head_of_sales": Said("trưởng kinh doanh", "head_of_sales"),
    "external.board": Said("ban giám đốc", "board"),
    "external.marketing": Said("marketing", "marketing"),
    "external.technical": Said("kỹ thuật", "technical"),
    "external.warehouse": Said("kho", "warehouse"),
    "external.logistics": Said("vận chuyển", "logistics"),
    "external.finance": Said("tài chính", "finance"),
    "external.other": Said("khác", "other"),
}

register({f"view.{key}": said for key, said in _VIEW.items()} | _VALUES)

register(
    {
        # budget tables
        "dim.unit": Said("đơn vị", "unit"),
        "dim.function": Said("chức năng", "function"),
        "dim.category": Said("hạng mục", "category"),
        "dim.month": Said("tháng", "month"),
        "category.staff": Said("nhân sự", "staff"),
        "category.tools": Said("công cụ", "tools"),
        "category.training": Said("đào tạo", "training"),
        "category.loyalty": Said("khách hàng thân thiết", "loyalty"),
        "category.campaigns": Said("chiến dịch", "campaigns"),
        "category.warranty": Said("bảo hành", "warranty"),
        "category.other": Said("khác", "other"),
        "budget.department_wide": Said("(toàn phòng)", "(department)"),
        "budget.no_function": Said("(không)", "none"),
        "budget.amount": Said("số tiền ({currency})", "amount ({currency})"),
        "budget.planned": Said("kế hoạch ({currency})", "planned ({currency})"),
        "budget.actual": Said("thực chi ({currency})", "actual ({currency})"),
        "budget.difference": Said("chênh lệch", "difference"),
        "budget.percent": Said("tỷ lệ", "percent"),
        "budget.total": Said("tổng", "total"),
        "budget.none": Said("không có", "n/a"),
        "budget.title": Said(
            "ngân sách của {department}, năm tài chính {year} ({first} đến {last}), {what} "
            "bằng {currency}",
            "budget of {department}, fiscal year {year} ({first} to {last}), {what} in {currency}",
        ),
        "budget.plan": Said("kế hoạch", "plan"),
        "budget.against": Said("kế hoạch so với thực chi", "plan against actual spend"),
        "budget.state": Said("trạng thái: {state}", "state: {state}"),
        "budget.no_chain": Said("không có chuỗi phê duyệt", "no approval chain"),
    }
)

register(
    {
        # SLA deadlines and statuses
        "sla.policy": Said("chính sách: {policy}", "policy:  {policy}"),
        "sla.default": Said("(mặc định)", "(default)"),
        "sla.opened": Said("mở lúc:     {at}", "opened:  {at}"),
        "sla.due": Said("hạn {at}", "due {at}"),
        "sla.warn": Said("cảnh báo {at}", "warn {at}"),
        "sla.business": Said("giờ làm việc theo lịch {calendar}", "business time on {calendar}"),
        "sla.calendar": Said("thời gian liên tục", "calendar time"),
        "sla.used": Said("{used} trên {within}", "{used} of {within}"),
        "sla.due_at": Said(", hạn {at}", ", due {at}"),
        "state.met": Said("đạt", "met"),
        "state.breached": Said("vi phạm", "breached"),
        "state.running": Said("đang chạy", "running"),
        "state.paused": Said("tạm dừng", "paused"),
        "state.not_started": Said("chưa bắt đầu", "not_started"),
        # escalation paths
        "esc.handoffs.one": Said("{n} lần chuyển", "{n} handoff"),
        "esc.handoffs.many": Said("{n} lần chuyển", "{n} handoffs"),
        "esc.none": Said(
            "(không có mục `escalation`: phiếu ở lại nơi được định tuyến)",
            "(no `escalation` section: tickets stay where they are routed)",
        ),
        "esc.worst": Said(
            "xấu nhất: {handoffs} mỗi phiếu, kể cả định tuyến (max_handoffs: {max})",
            "worst case: {handoffs} per ticket, routing included (max_handoffs: {max})",
        ),
        "esc.legend": Said(
            "→ lên cấp trên (1 lần chuyển); ⇄ sang đối tác rồi trả lại (2 lần chuyển)",
            "→ up the reporting line (1 handoff); ⇄ to a partner and back (2 handoffs)",
        ),
        "esc.cycle": Said(" (vòng lặp)", " (cycle)"),
        "esc.legend.lateral": Said(
            "; ⇒ sang ngang, đơn vị nhận giữ phiếu (1 lần chuyển)",
            "; ⇒ sideways, the receiving unit keeps it (1 handoff)",
        ),
        "esc.follow-ups": Said(
            "theo dõi sau khi giải quyết (phiếu vẫn đã giải quyết, không tính lần chuyển):",
            "follow-ups on resolution (the ticket stays resolved, no handoff):",
        ),
        "esc.follow-up": Said(
            "{source} ↷ {target}  (bước `{step}`)",
            "{source} ↷ {target}  (step `{step}`)",
        ),
    }
)

register(
    {
        # simulation tables
        "sim.arrived": Said("đến", "arrived"),
        "sim.first": Said("phản hồi", "1st resp"),
        "sim.resolution": Said("giải quyết", "resolution"),
        "sim.title": Said(
            "{department} · {workload} · {days} ngày{warm} · {n} lần chạy, hạt giống {seed}",
            "{department} · {workload} · {days} days{warm} · {n} replication(s), seed {seed}",
        ),
        "sim.warm": Said(", khởi động {span}", ", {span} warm-up"),
        "sim.note": Said(
            "trung bình±nửa khoảng tin cậy 95 % giữa các lần chạy (p90: trung bình p90 của từng "
            "lần chạy); số lượng tính cho mỗi lần chạy",
            "mean±95 % CI half-width over replications (p90: the mean of each replication's "
            "p90); counts per replication",
        ),
        "sim.single": Said(
            "một lần chạy: không có khoảng tin cậy (cần từ 2 lần chạy); số lượng của lần chạy đó",
            "one replication: no confidence interval (it takes 2 or more); counts of that "
            "replication",
        ),
        "sim.tickets": Said(
            "phiếu của mọi lần chạy, kể cả khởi động: {arrived} đến =\n  {finished} xong + "
            "{abandoned} bỏ dở + {open} còn mở: {verdict}; {events} sự kiện",
            "tickets of every replication, warm-up included: {arrived} arrived =\n  {finished} "
            "finished + {abandoned} abandoned + {open} open: {verdict}; {events} events",
        ),
        "sim.conserved": Said("bảo toàn", "conserved"),
        "sim.broken": Said(
            "KHÔNG BẢO TOÀN (lỗi của chương trình: xin báo lại)",
            "NOT CONSERVED (a bug: please report it)",
        ),
        "sim.whatif": Said(
            "so sánh, phương án trừ gốc\n  gốc:       {base}\n  phương án: {other}",
            "what-if, other minus base\n  base:  {base}\n  other: {other}",
        ),
        "sim.whatif_note": Said(
            "{days} ngày, {n} lần chạy với hạt giống {seed} (cùng số ngẫu nhiên); * khoảng tin "
            "cậy 95 % của chênh lệch không chứa 0",
            "{days} days, {n} replication(s) with seed {seed} (common random numbers); * the 95 % "
            "interval of the difference excludes 0",
        ),
        "sim.p90": Said("p90", "p90"),
        "sim.abandon": Said("bỏ dở", "abandon"),
        "sim.fcr": Said("FCR", "FCR"),
        "sim.handoffs": Said("chuyển giao", "handoffs"),
        "sim.by": Said("theo", "by"),
        "sim.overall": Said("toàn bộ", "overall"),
        "sim.unit": Said("đơn vị", "unit"),
        "sim.channel": Said("kênh", "channel"),
        "sim.priority": Said("ưu tiên", "priority"),
        "sim.tier": Said("hạng", "tier"),
        "sim.load": Said("tải theo đơn vị", "unit load"),
        "sim.agents": Said("nhân sự", "agents"),
        "sim.util": Said("sử dụng", "utilisation"),
        "sim.visits": Said("lượt", "visits"),
        "sim.follow": Said("liên hệ lại", "follow-ups"),
        "sim.queue": Said("hàng đợi", "queue"),
        "sim.peak": Said("đỉnh/giờ", "peak h"),
        "sim.overtime": Said("giờ làm thêm", "overtime h"),
        "sim.ran_over": Said("lượt quá giờ", "ran over"),
        "sim.cost": Said("chi phí/phiếu", "cost/ticket"),
        "sim.kpi": Said("KPI", "KPI"),
        "sim.base": Said("gốc", "base"),
        "sim.other": Said("phương án", "other"),
        "sim.diff": Said("chênh lệch (KTC 95 %)", "difference (95 % CI)"),
        # what-if KPIs
        "kpi.arrived": Said("số phiếu đến", "tickets arrived"),
        "kpi.first_response.mean": Said("phản hồi đầu, trung bình", "first response, mean"),
        "kpi.first_response.p90": Said("phản hồi đầu, p90", "first response, p90"),
        "kpi.resolution.mean": Said("giải quyết, trung bình", "resolution, mean"),
        "kpi.resolution.p90": Said("giải quyết, p90", "resolution, p90"),
        "kpi.sla.first_response": Said("đạt SLA phản hồi đầu", "SLA first response met"),
        "kpi.sla.next_response": Said("đạt SLA phản hồi tiếp", "SLA next response met"),
        "kpi.sla.resolution": Said("đạt SLA giải quyết", "SLA resolution met"),
        "kpi.abandonment": Said("tỷ lệ bỏ dở", "abandonment"),
        "kpi.first_contact_resolution": Said("giải quyết ngay lần đầu", "first-contact resolution"),
        "kpi.handoffs": Said("chuyển giao mỗi phiếu", "handoffs per ticket"),
        "kpi.escalation": Said("tỷ lệ chuyển cấp", "escalated"),
        "kpi.cost_per_ticket": Said("chi phí mỗi phiếu", "cost per ticket"),
        "kpi.in_system.mean": Said("phiếu trong hệ thống", "tickets in the system"),
        "kpi.utilisation": Said("mức sử dụng", "utilisation"),
        "kpi.queue": Said("hàng đợi trung bình", "mean queue"),
        "sim.sla.first_response": Said("SLA p.hồi", "SLA 1st"),
        "sim.sla.next_response": Said("SLA tiếp", "SLA next"),
        "sim.sla.resolution": Said("SLA g.quyết", "SLA res"),
        "sim.sla_count.offered": Said(
            "SLA: tỷ lệ đạt chỉ tiêu trên mọi phiếu đã đến (phiếu bỏ dở, và phiếu còn mở đã "
            "quá hạn, tính là trượt)",
            "SLA: met within target over every ticket offered (abandoned tickets, and open "
            "ones past their target, count as misses)",
        ),
        "sim.sla_count.short_abandons_excluded": Said(
            "SLA: tỷ lệ đạt chỉ tiêu trên mọi phiếu đã đến, trừ khách bỏ dở trong {short} "
            "đầu (phiếu còn mở đã quá hạn tính là trượt)",
            "SLA: met within target over every ticket offered but those abandoned within "
            "{short} (open ones past their target count as misses)",
        ),
        "sim.sla_count.answered": Said(
            "SLA: tỷ lệ đạt chỉ tiêu trên các phiếu đã được trả lời hoặc giải quyết (phiếu bỏ "
            "dở và phiếu còn mở không tính; xem cùng tỷ lệ bỏ dở)",
            "SLA: met within target over answered (or resolved) tickets only (abandoned and "
            "open ones left out; read it beside the abandonment)",
        ),
        "sim.noise": Said(
            "~ khoảng tin cậy rộng hơn trung bình: chỉ là nhiễu; chạy thêm lần hoặc thêm ngày",
            "~ the interval is wider than the mean: noise; run more replications or days",
        ),
        "sim.pp": Said("điểm %", "pp"),
        # self-service stages (chatbot, IVR)
        "sim.self_service": Said("tự phục vụ", "self-service"),
        "sim.entered": Said("vào", "entered"),
        "sim.contained": Said("tự giải quyết", "contained"),
        "sim.containment": Said("tỷ lệ tự giải quyết", "containment"),
        "sim.self_service_note": Said(
            "phiếu được giải quyết ở khâu tự phục vụ (chatbot, IVR) không nằm trong các bảng "
            "trên, kể cả SLA: chúng không đến nhân viên; thời gian chờ và SLA của các phiếu "
            "còn lại tính cả thời gian ở khâu đó",
            "tickets contained in self-service (chatbot, IVR) are in none of the tables above, "
            "SLA included: they never reached an agent; the waits and SLA of the others count "
            "their time there",
        ),
        "kpi.containment": Said("tỷ lệ tự giải quyết", "containment"),
    }
)

register(
    {
        # validation summary
        "check.valid": Said("hợp lệ", "valid"),
        "check.invalid": Said("không hợp lệ", "invalid"),
        "check.counts": Said(
            "{errors} lỗi, {warnings} cảnh báo, {notes} ghi chú", "{errors}, {warnings}, {notes}"
        ),
        "check.hidden": Said(" (-v để xem ghi chú)", " (-v shows notes)"),
        "check.routing-only": Said(" — chỉ mục `routing`", " — the `routing` section only"),
    }
)

# -- roster outputs: the agents' calendars and the cover heat map (report/ical.py,
# render/cover.py) -----------------------------------------------------------------------------
register(
    {
        "file.what.calendar": Said("tệp lịch", "calendar"),
        "file.what.roster": Said("bảng phân ca", "roster"),
        "roster.ical.calendar": Said("Lịch làm việc của {agent}", "Shifts of {agent}"),
        "roster.ical.summary": Said("Ca {shift} · {unit}", "Shift {shift} · {unit}"),
        "roster.ical.agent": Said("Nhân viên: {agent}", "Agent: {agent}"),
        "roster.ical.unit": Said("Đơn vị: {unit}", "Unit: {unit}"),
        "roster.ical.hours": Said(
            "{start}–{end} ({zone}), {paid} giờ công",
            "{start}–{end} ({zone}), {paid} paid",
        ),
        "roster.ical.breaks": Said("Nghỉ: {breaks}", "Breaks: {breaks}"),
        "roster.ical.no-breaks": Said("Không nghỉ giữa ca", "No break"),
        "roster.cover.title": Said(
            "Độ phủ ca trực: {department}, {weeks} × 7 ngày từ {start}",
            "Roster cover: {department}, {weeks} × 7 days from {start}",
        ),
        "roster.cover.unit": Said("Đơn vị {unit}", "Unit {unit}"),
        "roster.cover.legend": Said(
            "số nhân viên xếp ca trừ số cần", "agents rostered minus required"
        ),
        "roster.cover.short": Said("thiếu", "short"),
        "roster.cover.exact": Said("vừa đủ", "exactly covered"),
        "roster.cover.over": Said("thừa", "over"),
        "roster.cover.cell": Said(
            "{day} {time}: cần {required}, xếp {rostered}",
            "{day} {time}: required {required}, rostered {rostered}",
        ),
        "roster.cover.none": Said("bảng phân ca không có độ phủ nào", "the roster has no cover"),
        "roster.wrote-calendars": Said(
            "đã ghi {n} tệp lịch iCalendar vào {folder}", "wrote {n} iCalendar files into {folder}"
        ),
    }
)

# -- rosters (issue 18): conflicts, tables --------------------------------------------------------
register(
    {
        "roster.rule.hours-per-week": Said(
            "giới hạn {hours} giờ một tuần của {agent} (tuần {week})",
            "the {hours}-hour weekly limit of {agent} (week {week})",
        ),
        "roster.rule.contract-hours": Said(
            "hợp đồng `{contract}` của {agent}: {hours} giờ một tuần (tuần {week})",
            "{agent}'s contract `{contract}`: {hours} hours a week (week {week})",
        ),
        "roster.rule.rest-days": Said(
            "{days} ngày nghỉ một tuần của {agent} (tuần {week})",
            "{days} rest day(s) a week for {agent} (week {week})",
        ),
        "roster.rule.contract-days": Said(
            "hợp đồng `{contract}` của {agent}: {days} ngày làm một tuần (tuần {week})",
            "{agent}'s contract `{contract}`: {days} working days a week (week {week})",
        ),
        "roster.rule.rest-between": Said(
            "nghỉ ít nhất {hours} giờ giữa hai ca của {agent}",
            "at least {hours} hours of rest between two shifts of {agent}",
        ),
        "roster.rule.minimum-cover": Said(
            "đơn vị `{unit}` có ít nhất {agents} người trực mọi lúc mở cửa ngày {day}",
            "at least {agents} agent(s) on duty in unit `{unit}` whenever it opens on {day}",
        ),
        "roster.rule.day-off": Said(
            "{agent} không làm vào {days} ngày đã ghi",
            "{agent} does not work on the {days} day(s) written",
        ),
        "roster.rule.weekends-off": Said(
            "{agent} được nghỉ trọn một cuối tuần trong {every} tuần từ tuần {week}",
            "a full weekend off for {agent} in the {every} weeks from week {week}",
        ),
        "roster.rule.same-start": Said(
            "{agent} bắt đầu cùng giờ vào các ngày làm liên tiếp",
            "the same start time for {agent} on consecutive working days",
        ),
        "roster.amount.hours-per-week": Said(
            "{amount} giờ vượt giới hạn cho {agent}",
            "{amount} h over the limit for {agent}",
        ),
        "roster.amount.contract-hours": Said(
            "{amount} giờ vượt hợp đồng cho {agent}",
            "{amount} h over the contract for {agent}",
        ),
        "roster.amount.rest-days": Said(
            "{agent} thiếu {amount} ngày nghỉ", "{amount} rest day(s) fewer for {agent}"
        ),
        "roster.amount.contract-days": Said(
            "{agent} làm thêm {amount} ngày so với hợp đồng",
            "{amount} day(s) over the contract for {agent}",
        ),
        "roster.amount.rest-between": Said(
            "{amount} cặp ca của {agent} cách nhau dưới {hours} giờ",
            "{amount} pair(s) of {agent}'s shifts less than {hours} h apart",
        ),
        "roster.amount.minimum-cover": Said(
            "{amount} người-khoảng dưới mức tối thiểu ngày {day}",
            "{amount} agent-interval(s) below the minimum on {day}",
        ),
        "roster.amount.day-off": Said(
            "{agent} làm {amount} ngày trong số đó", "{agent} working {amount} of those day(s)"
        ),
        "roster.amount.weekends-off": Said(
            "{agent} không có cuối tuần nghỉ", "no weekend off for {agent}"
        ),
        "roster.amount.same-start": Said(
            "{amount} lần đổi giờ bắt đầu của {agent}",
            "{amount} change(s) of start time for {agent}",
        ),
        "roster.relaxed.feasible": Said(
            "bỏ quy tắc này: xếp được, khi {amount}",
            "without it: feasible, with {amount}",
        ),
        "roster.relaxed.infeasible": Said(
            "bỏ quy tắc này: vẫn không xếp được (còn quy tắc khác mâu thuẫn)",
            "without it: still infeasible (other rules clash too)",
        ),
        "roster.relaxed.this-clash": Said(
            "bỏ quy tắc này thì hết mâu thuẫn này, khi {amount}; nhưng quy tắc khác vẫn mâu thuẫn",
            "without it this clash goes, with {amount}; other rules still clash",
        ),
        "roster.title": Said(
            "Bảng phân ca {department}: {weeks} tuần từ {start}, khoảng {interval} phút",
            "Roster of {department}: {weeks} week(s) from {start}, {interval}-minute intervals",
        ),
        "roster.summary": Said(
            "{status}; thiếu {short} người-khoảng, {hours} giờ được trả lương, khoảng cách tối "
            "ưu {gap}, hạt giống {seed}",
            "{status}; {short} agent-interval(s) short, {hours} paid hours, gap {gap}, seed {seed}",
        ),
        "roster.status.optimal": Said("tối ưu", "optimal"),
        "roster.status.feasible": Said(
            "khả thi (hết thời gian trước khi chứng minh tối ưu)",
            "feasible (the time limit came before a proof of optimality)",
        ),
        "roster.status.infeasible": Said("không xếp được", "infeasible"),
        "roster.status.unknown": Said("chưa biết", "unknown"),
        "roster.unknown": Said(
            "hết thời gian trước khi tìm được bảng phân ca nào; hãy tăng --time-limit",
            "the time limit came before any roster was found; raise --time-limit",
        ),
        "roster.week": Said("Tuần {week} (từ {start})", "Week {week} (from {start})"),
        "roster.agent": Said("nhân viên", "agent"),
        "roster.hours": Said("giờ", "hours"),
        "roster.day.mon": Said("T2", "Mon"),
        "roster.day.tue": Said("T3", "Tue"),
        "roster.day.wed": Said("T4", "Wed"),
        "roster.day.thu": Said("T5", "Thu"),
        "roster.day.fri": Said("T6", "Fri"),
        "roster.day.sat": Said("T7", "Sat"),
        "roster.day.sun": Said("CN", "Sun"),
        "roster.cover": Said("Độ phủ (người-giờ cả kỳ)", "Cover (agent-hours over the roster)"),
        "roster.unit": Said("đơn vị", "unit"),
        "roster.required": Said("cần", "required"),
        "roster.rostered": Said("đã xếp", "rostered"),
        "roster.short": Said("thiếu", "short"),
        "roster.conflicts": Said(
            "{n} quy tắc mâu thuẫn nhau (bỏ hoặc nới một trong số đó):",
            "{n} rule(s) clash (drop or relax one of them):",
        ),
        "roster.relaxed.unknown": Said(
            "bỏ quy tắc này: chưa biết (hết thời gian)",
            "without it: not known (out of time)",
        ),
    }
)
