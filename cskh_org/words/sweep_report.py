"""The catalogue's words for a sweep's answer (``cskh-org sweep``), in Vietnamese and
English."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        "sweeps.title": Said(
            vi="Quét kịch bản {sweep}: {variants} phương án",
            en="Sweep {sweep}: {variants} variants",
        ),
        "sweeps.variant": Said(vi="phương án", en="variant"),
        "sweeps.replications": Said(vi="lần lặp", en="replications"),
        "sweeps.kpi.overall/sla.first_response": Said(
            vi="phản hồi đầu đúng hạn", en="first response on time"
        ),
        "sweeps.kpi.overall/abandonment": Said(vi="bỏ máy", en="abandoned"),
        "sweeps.kpi.overall/first_response.mean": Said(
            vi="phản hồi đầu (phút)", en="first response (min)"
        ),
        "sweeps.kpi.overall/cost_per_ticket": Said(vi="chi phí / phiếu", en="cost / ticket"),
        "sweeps.kpi.staff_cost_month": Said(vi="nhân sự / tháng", en="staff / month"),
        "sweeps.brute": Said(
            vi="{n} lần lặp, mọi phương án như nhau (số ngẫu nhiên chung); khoảng tin cậy 95 %",
            en="{n} replications, every variant alike (common random numbers); 95 % intervals",
        ),
        "sweeps.best": Said(
            vi="chọn: {best} ★ (độ tin cậy {confidence} %)",
            en="chosen: {best} ★ (confidence {confidence} %)",
        ),
        "sweeps.none-feasible": Said(
            vi="không phương án nào đạt mọi ràng buộc", en="no variant meets every constraint"
        ),
        "sweeps.cost": Said(
            vi="{total} lần lặp so với {brute} nếu chạy hết ({share} %); dừng vì {stopped}",
            en="{total} replications against {brute} by brute force ({share} %); stopped: "
            "{stopped}",
        ),
        "sweeps.stopped.one-left": Said(vi="chỉ còn một phương án", en="one variant left"),
        "sweeps.stopped.none-feasible": Said(
            vi="không còn phương án khả thi", en="none is feasible"
        ),
        "sweeps.stopped.most-reached": Said(
            vi="đã đạt số lần lặp tối đa", en="the most replications reached"
        ),
        "sweeps.infeasible": Said(
            vi="không đạt ràng buộc ✗: {variants}", en="fail a constraint ✗: {variants}"
        ),
    }
)
