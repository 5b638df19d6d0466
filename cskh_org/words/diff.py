"""The catalogue's words for reviews of a change (``cskh-org diff``), in Vietnamese and
English."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        "diff.title": Said(vi="Thay đổi từ {old} sang {new}", en="Changes from {old} to {new}"),
        "diff.none": Said(vi="không có thay đổi nào", en="no changes"),
        "diff.changes": Said(vi="{n} thay đổi", en="{n} changes"),
        "diff.kind.added": Said(vi="thêm", en="added"),
        "diff.kind.removed": Said(vi="bỏ", en="removed"),
        "diff.kind.changed": Said(vi="đổi", en="changed"),
        "diff.kind.moved": Said(vi="chuyển", en="moved"),
        "diff.kind.renamed": Said(vi="đổi tên", en="renamed"),
        "diff.kind.reordered": Said(vi="đổi thứ tự", en="reordered"),
        "diff.routing": Said(vi="Định tuyến: phiếu đi nơi khác", en="Routing: tickets that move"),
        "diff.routing.none": Said(
            vi="không phiếu nào đổi nơi nhận, kỹ năng hay mức ưu tiên",
            en="no ticket changes unit, skills or priority",
        ),
        "diff.routing.unknown": Said(
            vi="không tính được chính xác ({reason}): hãy xem từng quy tắc đã đổi",
            en="could not be worked out exactly ({reason}): review each changed rule",
        ),
        "diff.routing.share": Said(
            vi="{share} phiếu của khối lượng công việc đổi cách định tuyến",
            en="{share} of the workload's tickets are routed differently",
        ),
        "diff.routing.schema": Said(
            vi="lược đồ phiếu đã đổi: tính trên các phiếu lược đồ mới chấp nhận",
            en="the ticket schema changed: worked out over the tickets the new one accepts",
        ),
        "diff.routing.move": Said(vi="{old} → {new}", en="{old} → {new}"),
        "diff.routing.tickets": Said(vi="phiếu: {what}", en="tickets: {what}"),
        "diff.routing.example": Said(vi="ví dụ: {ticket}", en="for example: {ticket}"),
        "diff.routing.default": Said(vi="mặc định", en="default"),
        "diff.effect": Said(vi="Tác động", en="Effect"),
        "diff.simulated": Said(
            vi="Mô phỏng: chỉ số của hai phiên bản", en="Simulated: the KPIs of both versions"
        ),
        "diff.effect.staff": Said(
            vi="chi phí nhân sự một năm: {old} → {new} ({change}; {month} mỗi tháng)",
            en="staff cost a year: {old} → {new} ({change}; {month} a month)",
        ),
        "diff.effect.unit": Said(
            vi="  {unit}: {old} → {new} ({change})", en="  {unit}: {old} → {new} ({change})"
        ),
        "diff.effect.budget": Said(
            vi="ngân sách: {old} → {new}, trần {cap}",
            en="budget: {old} → {new}, cap {cap}",
        ),
        "diff.effect.over-cap": Said(vi=" — VƯỢT TRẦN", en=" — OVER THE CAP"),
        "diff.effect.no-cap": Said(vi="không có", en="none"),
        "diff.effect.introduced": Said(vi="phát hiện mới: {n}", en="findings introduced: {n}"),
        "diff.effect.cleared": Said(vi="phát hiện đã hết: {n}", en="findings cleared: {n}"),
        "diff.failed": Said(vi="không đạt cổng kiểm tra: {gates}", en="failed the gates: {gates}"),
        "diff.passed": Said(vi="đạt mọi cổng kiểm tra: {gates}", en="passed every gate: {gates}"),
        "diff.absent": Said(vi="(không có)", en="(none)"),
        "diff.what.unit": Said(vi="đơn vị nhận", en="unit"),
        "diff.what.skills": Said(vi="kỹ năng", en="skills"),
        "diff.what.priority": Said(vi="mức ưu tiên", en="priority"),
        "diff.col.kind": Said(vi="thay đổi", en="change"),
        "diff.col.section": Said(vi="loại", en="kind"),
        "diff.col.subject": Said(vi="mục", en="item"),
        "diff.col.value": Said(vi="giá trị", en="value"),
        "diff.col.places": Said(vi="vị trí (cũ → mới)", en="places (old → new)"),
        "diff.col.move": Said(vi="trước → sau", en="before → after"),
        "diff.col.what": Said(vi="đổi gì", en="what changes"),
        "diff.col.share": Said(vi="tỷ lệ phiếu", en="share of tickets"),
        "diff.col.tickets": Said(vi="phiếu", en="tickets"),
    }
)
