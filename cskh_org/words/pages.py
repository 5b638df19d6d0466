"""The catalogue's words for the review-meeting report (``cskh-org report``), in Vietnamese and
English."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        "page.title": Said(vi="Báo cáo rà soát: {name}", en="Review report: {name}"),
        "page.generated": Said(
            vi="Lập bằng cskh-org {version} từ {file}", en="Made by cskh-org {version} from {file}"
        ),
        "page.workload": Said(vi="khối lượng công việc: {workload}", en="workload: {workload}"),
        "page.compare": Said(vi="so với phương án: {file}", en="compared with: {file}"),
        "page.contents": Said(vi="Mục lục", en="Contents"),
        "page.json": Said(
            vi="Mọi con số trong trang này lấy từ tài liệu JSON của cùng lần chạy (cskh-org "
            "report --json); di chuột lên một con số để thấy vị trí của nó trong tài liệu.",
            en="Every number on this page comes from the JSON document of the same run "
            "(cskh-org report --json); hover a number to see its place in that document.",
        ),
        "page.none": Said(vi="không có", en="none"),
        "page.needs-workload": Said(
            vi="Cần khối lượng công việc (--workload) để tính phần này.",
            en="This part needs a workload (--workload).",
        ),
        "page.not-simulated": Said(
            vi="Không mô phỏng (--no-simulate).", en="Not simulated (--no-simulate)."
        ),
        "page.no-section": Said(
            vi="Tài liệu không có mục `{section}`.", en="The document has no `{section}` section."
        ),
        # sections
        "page.section.summary": Said(vi="Tổng quan", en="Summary"),
        "page.section.org": Said(vi="Sơ đồ tổ chức", en="Org chart"),
        "page.section.findings": Said(vi="Kết quả kiểm tra", en="Verification"),
        "page.section.routing": Said(vi="Định tuyến", en="Routing"),
        "page.section.sla": Said(vi="Cam kết dịch vụ (SLA)", en="Service levels (SLA)"),
        "page.section.budget": Said(vi="Ngân sách", en="Budget"),
        "page.section.staffing": Said(vi="Nhân sự cần có", en="Staffing"),
        "page.section.simulation": Said(vi="Mô phỏng", en="Simulation"),
        "page.section.review": Said(vi="Thay đổi đề xuất", en="Proposed change"),
        # summary cards
        "page.kpi.units": Said(vi="đơn vị", en="units"),
        "page.kpi.headcount": Said(vi="người", en="people"),
        "page.kpi.fte": Said(vi="FTE", en="FTE"),
        "page.kpi.staff-month": Said(vi="chi phí nhân sự / tháng", en="staff cost / month"),
        "page.kpi.errors": Said(vi="lỗi", en="errors"),
        "page.kpi.warnings": Said(vi="cảnh báo", en="warnings"),
        "page.kpi.infos": Said(vi="ghi chú", en="notes"),
        "page.kpi.rules": Said(vi="quy tắc định tuyến", en="routing rules"),
        "page.kpi.never": Said(vi="quy tắc không bao giờ áp dụng", en="rules that never fire"),
        "page.kpi.budget": Said(vi="ngân sách năm / trần", en="budget for the year / cap"),
        "page.kpi.sla": Said(
            vi="phản hồi đầu tiên đúng hạn (mô phỏng)", en="first responses on time (simulated)"
        ),
        "page.kpi.abandonment": Said(vi="khách bỏ máy (mô phỏng)", en="abandoned (simulated)"),
        # org chart
        "page.org.search": Said(vi="Tìm đơn vị, người phụ trách…", en="Find a unit, a head…"),
        "page.org.found": Said(vi="tìm thấy {n}", en="{n} found"),
        "page.org.nothing": Said(vi="không tìm thấy", en="nothing found"),
        "page.org.expand": Said(vi="Mở hết", en="Expand all"),
        "page.org.collapse": Said(vi="Thu gọn", en="Collapse"),
        "page.org.fit": Said(vi="Vừa khung", en="Fit to width"),
        "page.org.hint": Said(
            vi="Bấm vào một đơn vị (hoặc Enter) để thu gọn hay mở các đơn vị cấp dưới.",
            en="Click a unit (or press Enter on it) to collapse or expand the units under it.",
        ),
        # findings
        "page.findings.none": Said(
            vi="Không có phát hiện nào: tài liệu hợp lệ.",
            en="No findings: the documents are valid.",
        ),
        "page.findings.count": Said(vi="{n} phát hiện", en="{n} findings"),
        "page.findings.where": Said(vi="Vị trí", en="Where"),
        "page.findings.code": Said(vi="Mã", en="Code"),
        "page.findings.message": Said(vi="Nội dung và cách sửa", en="What and how to fix it"),
        "page.severity.error": Said(vi="Lỗi", en="Errors"),
        "page.severity.warning": Said(vi="Cảnh báo", en="Warnings"),
        "page.severity.info": Said(vi="Ghi chú", en="Notes"),
        # routing
        "page.routing.rule": Said(vi="Quy tắc", en="Rule"),
        "page.routing.when": Said(vi="Khi", en="When"),
        "page.routing.to": Said(vi="Chuyển đến", en="Goes to"),
        "page.routing.skills": Said(vi="Kỹ năng", en="Skills"),
        "page.routing.priority": Said(vi="Ưu tiên", en="Priority"),
        "page.routing.verdict": Said(vi="Phân tích", en="Analysis"),
        "page.routing.default": Said(
            vi="mặc định (không quy tắc nào khớp)", en="default (no rule matches)"
        ),
        "page.routing.reach.reachable": Said(vi="có phiếu áp dụng", en="decides tickets"),
        "page.routing.reach.shadowed": Said(
            vi="không bao giờ áp dụng: các quy tắc trước đã bắt hết ({rules})",
            en="never fires: earlier rules take all its tickets ({rules})",
        ),
        "page.routing.reach.unsatisfiable": Said(
            vi="không bao giờ áp dụng: điều kiện không thể đúng",
            en="never fires: its condition cannot hold",
        ),
        "page.routing.reach.unknown": Said(vi="không phân tích được", en="could not be analysed"),
        "page.routing.example": Said(vi="ví dụ", en="e.g."),
        "page.routing.fallthrough": Said(
            vi="Phiếu không khớp quy tắc nào (về đích mặc định)",
            en="Tickets no rule matches (they go to the default)",
        ),
        "page.routing.fallthrough-none": Said(
            vi="Mọi phiếu đều khớp một quy tắc.", en="Every ticket matches a rule."
        ),
        "page.routing.fallthrough-unknown": Said(
            vi="Không tính được: {reason}", en="Could not be worked out: {reason}"
        ),
        # SLA
        "page.sla.policy": Said(vi="Chính sách", en="Policy"),
        "page.sla.default": Said(vi="mặc định", en="default"),
        "page.sla.first_response": Said(vi="Phản hồi đầu", en="First response"),
        "page.sla.next_response": Said(vi="Phản hồi tiếp", en="Next response"),
        "page.sla.resolution": Said(vi="Giải quyết", en="Resolution"),
        "page.sla.clock.business": Said(vi="giờ làm việc", en="business hours"),
        "page.sla.clock.calendar": Said(vi="giờ lịch", en="calendar time"),
        "page.sla.attainability": Said(
            vi="Khả năng đạt SLA theo đơn vị", en="Whether each unit can meet its SLA"
        ),
        "page.sla.unit": Said(vi="Đơn vị", en="Unit"),
        "page.sla.load": Said(vi="tải tuần (giờ-người)", en="week's load (agent-hours)"),
        "page.sla.agents": Said(vi="giờ trực (giờ-người)", en="on duty (agent-hours)"),
        "page.sla.short": Said(vi="giờ thiếu người", en="hours short"),
        "page.sla.simulated": Said(
            vi="{target} đúng hạn (mô phỏng)", en="{target} on time (simulated)"
        ),
        "page.sla.attain-note": Said(
            vi="Tải tính tĩnh từ lượt tiếp nhận đầu của khối lượng công việc (cận dưới); "
            "tỷ lệ đúng hạn là trung bình mô phỏng ± nửa khoảng tin cậy 95 %.",
            en="Load worked out statically from the workload's first visits (a floor); "
            "on-time shares are the simulated mean ± the half-width of a 95 % interval.",
        ),
        # budget
        "page.budget.approval": Said(vi="Phê duyệt: {state}", en="Approval: {state}"),
        "page.budget.category": Said(vi="Hạng mục", en="Category"),
        "page.budget.amount": Said(vi="Kế hoạch năm", en="Plan for the year"),
        "page.budget.actual": Said(vi="Thực chi", en="Actual"),
        "page.budget.variance": Said(vi="Chênh lệch", en="Variance"),
        "page.budget.caps": Said(vi="So với trần", en="Against the caps"),
        "page.budget.of": Said(vi="Áp cho", en="Cap on"),
        "page.budget.cap": Said(vi="Trần", en="Cap"),
        "page.budget.used": Said(vi="Đã dùng", en="Used"),
        "page.budget.total": Said(vi="toàn kế hoạch", en="whole plan"),
        "page.budget.over": Said(vi="vượt trần", en="over the cap"),
        "page.budget.within": Said(vi="trong trần", en="within the cap"),
        "page.budget.no-caps": Said(vi="Kế hoạch không đặt trần.", en="The plan sets no caps."),
        "page.budget.actuals": Said(
            vi="Thực chi từ {file}: {rows} dòng", en="Actual spend from {file}: {rows} rows"
        ),
        # staffing
        "page.staffing.needed": Said(vi="FTE cần", en="FTE needed"),
        "page.staffing.today": Said(vi="FTE hiện có", en="FTE today"),
        "page.staffing.gap": Said(vi="Chênh lệch", en="Gap"),
        "page.staffing.gap-cost": Said(vi="Chi phí chênh / tháng", en="Gap cost / month"),
        "page.staffing.note": Said(
            vi="Số người cần theo Erlang cho mục tiêu SLA, từng khoảng {minutes} phút, "
            "so với nhân sự hiện có (đã trừ hao hụt); chênh lệch âm là thừa người.",
            en="Agents needed by Erlang for the SLA targets, {minutes} minutes at a time, "
            "against today's staff (shrinkage taken off); a negative gap is a surplus.",
        ),
        # simulation
        "page.sim.params": Said(
            vi="{days} ngày, {replications} lần lặp, hạt giống {seed}; khoảng tin cậy 95 %",
            en="{days} days, {replications} replications, seed {seed}; 95 % intervals",
        ),
        "page.sim.kpi": Said(vi="Chỉ số", en="KPI"),
        "page.sim.value": Said(vi="Giá trị", en="Value"),
        "page.sim.arrived": Said(vi="phiếu đến", en="tickets arrived"),
        "page.sim.answered": Said(vi="phiếu được trả lời", en="tickets answered"),
        "page.sim.resolved": Said(vi="phiếu đã giải quyết", en="tickets resolved"),
        "page.sim.abandonment": Said(vi="tỷ lệ bỏ máy", en="abandonment"),
        "page.sim.fcr": Said(vi="giải quyết ngay lần đầu", en="first-contact resolution"),
        "page.sim.first-mean": Said(
            vi="thời gian phản hồi đầu, trung bình (phút)", en="first response, mean (minutes)"
        ),
        "page.sim.first-p90": Said(
            vi="thời gian phản hồi đầu, phân vị 90 (phút)",
            en="first response, 90th percentile (minutes)",
        ),
        "page.sim.resolution-mean": Said(
            vi="thời gian giải quyết, trung bình (giờ)", en="resolution, mean (hours)"
        ),
        "page.sim.sla": Said(vi="SLA {target} đúng hạn", en="SLA {target} on time"),
        "page.sim.cost": Said(vi="chi phí mỗi phiếu", en="cost per ticket"),
        "page.sim.unit": Said(vi="Đơn vị", en="Unit"),
        "page.sim.utilisation": Said(vi="Hiệu suất sử dụng", en="Utilisation"),
        "page.sim.queue": Said(vi="Phiếu chờ trung bình", en="Mean tickets waiting"),
        "page.sim.visits": Said(vi="Lượt phục vụ", en="Visits"),
        # charts
        "page.chart.waits": Said(
            vi="Phiếu đang chờ theo giờ trong tuần (mô phỏng)",
            en="Tickets waiting, hour by hour over the week (simulated)",
        ),
        "page.chart.waits-y": Said(vi="phiếu đang chờ", en="tickets waiting"),
        "page.chart.hour": Said(vi="giờ trong tuần", en="hour of the week"),
        "page.chart.sla": Said(
            vi="Tỷ lệ đúng hạn theo đơn vị (mô phỏng)", en="SLA met by unit (simulated)"
        ),
        "page.chart.share": Said(vi="tỷ lệ phiếu", en="share of tickets"),
        "page.chart.sla-target": Said(vi="mục tiêu nhân sự {share}", en="staffing target {share}"),
        "page.chart.load": Said(
            vi="Tải và người trực theo giờ trong tuần (tính tĩnh)",
            en="Load and agents on duty per hour of the week (static)",
        ),
        "page.chart.load-y": Said(vi="người", en="agents"),
        "page.chart.cost": Said(vi="Chi phí năm theo đơn vị", en="Cost for the year by unit"),
        "page.chart.cost-x": Said(vi="triệu {currency}", en="million {currency}"),
        "page.chart.load-all": Said(vi="tải của cả phòng", en="the department's load"),
        "page.chart.on-duty": Said(vi="người đang trực", en="agents on duty"),
        "page.chart.plan": Said(vi="kế hoạch", en="plan"),
        "page.chart.actual": Said(vi="thực chi", en="actual"),
        "page.chart.staff": Said(vi="nhân sự", en="staff"),
        "page.chart.empty": Said(vi="không có số liệu", en="no data"),
        "page.chart.others": Said(vi="{n} đơn vị khác", en="{n} other units"),
        "page.chart.costliest": Said(
            vi="({shown} đơn vị chi phí kế hoạch cao nhất trong {total}, các đơn vị còn lại "
            "cộng chung một cột; bảng dưới có mọi đơn vị)",
            en="(the {shown} units of {total} with the largest plan, the others summed in one "
            "bar; the table below has every unit)",
        ),
        "page.chart.lowest": Said(
            vi="({shown} đơn vị thấp nhất về “{series}” trong {total}; bảng có mọi đơn vị)",
            en="(the {shown} units of {total} lowest in “{series}”; the table has every unit)",
        ),
        "page.chart.source": Said(vi="Số liệu: {pointer}", en="Data: {pointer}"),
        # review
        "page.review.changes": Said(vi="Danh sách thay đổi", en="What changed"),
        "page.review.kind": Said(vi="Loại", en="Kind"),
        "page.review.what": Said(vi="Nội dung", en="What"),
        "page.review.moves": Said(vi="Phiếu đổi nơi nhận", en="Tickets that move"),
        "page.review.effect": Said(vi="Tác động", en="Effect"),
        "page.review.old": Said(vi="Hiện tại", en="Current"),
        "page.review.new": Said(vi="Đề xuất", en="Proposed"),
        "page.review.staff-year": Said(vi="chi phí nhân sự năm", en="staff cost for the year"),
        "page.review.budget": Said(vi="tổng ngân sách", en="budget total"),
        "page.review.difference": Said(vi="Chênh lệch", en="Difference"),
        "page.review.significant": Said(
            vi="Chỉ số mô phỏng đổi có ý nghĩa", en="Simulated KPIs that change significantly"
        ),
        "page.review.no-significant": Said(
            vi="Không chỉ số mô phỏng nào đổi có ý nghĩa.",
            en="No simulated KPI changes significantly.",
        ),
        "page.review.failed": Said(vi="Cổng CI không đạt: {gates}", en="CI gates tripped: {gates}"),
        "page.review.chart": Said(
            vi="Sơ đồ tổ chức với thay đổi", en="The org chart with the change drawn on it"
        ),
    }
)
