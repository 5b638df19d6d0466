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
    }
)
