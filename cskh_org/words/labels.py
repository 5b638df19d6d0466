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
