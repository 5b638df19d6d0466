"""The catalogue's words of the helpdesk import, verification, replay and export
(``cskh-org import zendesk|freshdesk``, ``cskh-org export``, ``cskh-org replay``)."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        # -- verification findings ---------------------------------------------------------
        "helpdesk-never-fires.contradiction": Said(
            "quy tắc {rule} không bao giờ chạy: các điều kiện của nó mâu thuẫn nhau (hoặc cần "
            "giá trị không tồn tại, như một nhóm đã xoá); sửa điều kiện hoặc xoá quy tắc",
            "rule {rule} never fires: its conditions contradict each other (or need a value "
            "that does not exist, such as a deleted group); fix the conditions or remove it",
        ),
        "helpdesk-never-fires.shadowed": Said(
            "quy tắc {rule} không bao giờ chạy: mọi phiếu nó khớp đều bị quy tắc trước đó {other} "
            "nhận trước (quy tắc khớp đầu tiên được chạy); đưa nó lên trên, thu hẹp hoặc xoá",
            "rule {rule} never fires: every ticket it matches is taken first by the earlier "
            "rule {other} (the first matching rule runs); move it up, narrow it, or remove it",
        ),
        "helpdesk-never-fires.overwritten": Said(
            "trigger {rule} không bao giờ quyết định nhóm: trigger sau {other} luôn đặt lại nhóm "
            "cho mọi phiếu nó khớp (nhóm đặt sau cùng được giữ); sắp xếp lại hoặc thu hẹp",
            "trigger {rule} never decides the group: the later trigger {other} sets the group "
            "again on every ticket it matches (the last group set wins); reorder or narrow them",
        ),
        "helpdesk-order-dependent": Said(
            "kết quả của {rule} phụ thuộc thứ tự: có phiếu khớp cả nó và {other} mà hai quy "
            "tắc gửi tới hai nhóm khác nhau, và không quy tắc nào chứa quy tắc kia; làm hai "
            "điều kiện tách rời nhau, hoặc ghi rõ ngoại lệ",
            "the outcome of {rule} depends on the order: some tickets match both it and "
            "{other}, which send them to different groups, and neither contains the other; "
            "make the conditions disjoint, or write the exception explicitly",
        ),
        "helpdesk-trigger-loop": Said(
            "các trigger {rules} kích hoạt lẫn nhau: mỗi trigger đặt một trường mà trigger kia "
            "kiểm tra, nên kết quả tuỳ vào thứ tự chạy lại của chu trình; tách các trường",
            "triggers {rules} re-fire one another: each sets a field another tests, so the "
            "outcome hangs on the cycle's restarts; keep the fields they set and test apart",
        ),
        "helpdesk-trigger-undo": Said(
            "trigger {rule} hoàn tác {other}: nó kiểm tra `{field}` mà {other} đặt rồi đặt "
            "`{field}` thành giá trị khác",
            "trigger {rule} undoes {other}: it tests `{field}`, which {other} sets, and sets "
            "`{field}` to another value",
        ),
        "helpdesk-sla-unmatched.never": Said(
            "chính sách SLA `{policy}` không khớp phiếu nào: bộ lọc của nó mâu thuẫn hoặc cần "
            "giá trị không tồn tại (một nhóm đã xoá); sửa bộ lọc hoặc xoá chính sách",
            "SLA policy `{policy}` matches no ticket: its filter contradicts itself or needs a "
            "value that does not exist (a deleted group); fix the filter or remove the policy",
        ),
        "helpdesk-sla-unmatched.earlier": Said(
            "chính sách SLA `{policy}` không khớp phiếu nào: mọi phiếu nó chọn đã được các chính "
            "sách trước nhận; đưa nó lên trên hoặc thu hẹp các chính sách trước",
            "SLA policy `{policy}` matches no ticket: every ticket it selects is taken by an "
            "earlier policy; move it up or narrow the earlier ones",
        ),
        "helpdesk-schedule-closed": Said(
            "lịch làm việc `{schedule}` không bao giờ mở: nó không có khoảng giờ nào; thêm giờ "
            "mở cửa hoặc xoá lịch",
            "schedule `{schedule}` never opens: it has no opening hours; add some or remove it",
        ),
        "helpdesk-unknown-group": Said(
            "quy tắc {rule} gửi phiếu tới nhóm `{group}`, nhóm này không tồn tại (đã xoá?); "
            "chọn một nhóm còn hoạt động",
            "rule {rule} sends tickets to group `{group}`, which does not exist (deleted?); "
            "choose a live group",
        ),
        # -- not imported ------------------------------------------------------------------
        "helpdesk.not-imported.unknown-file": Said(
            "tệp không thuộc bộ của nhà cung cấp: {detail}",
            "not a file of the vendor's set: {detail}",
        ),
        "helpdesk.not-imported.shape": Said(
            "không đọc được: không đúng dạng JSON của API {detail}",
            "unreadable: not the API's JSON shape {detail}",
        ),
        "helpdesk.not-imported.display-text": Said(
            "văn bản hiển thị được ghi lại không có ký tự điều khiển hoặc ký tự ẩn, tối đa 200 "
            "ký tự (tệp đi kèm giữ nguyên bản): {detail}",
            "display text written without control or invisible characters, at most 200 "
            "characters (the sidecar keeps it as written): {detail}",
        ),
        "helpdesk.not-imported.duplicate-id": Said(
            "id lặp lại, đã có ở phần trước; giữ phần đầu, sửa id trong helpdesk: {detail}",
            "an id written before; the first part is kept, correct the id in the helpdesk: "
            "{detail}",
        ),
        "helpdesk.not-imported.deleted-group": Said(
            "nhóm đã xoá, không thành đơn vị: {detail}",
            "a deleted group, not made a unit: {detail}",
        ),
        "helpdesk.not-imported.inactive": Said(
            "quy tắc đang tắt, giữ nguyên trong tệp đi kèm: {detail}",
            "an inactive rule, kept as it is in the sidecar: {detail}",
        ),
        "helpdesk.not-imported.no-group": Said(
            "trigger không đặt nhóm, không phải quy tắc định tuyến; giữ nguyên là trigger: "
            "{detail}",
            "a trigger that sets no group is not a routing rule; kept as a trigger: {detail}",
        ),
        "helpdesk.not-imported.group-twice": Said(
            "quy tắc đặt nhóm hai lần: {detail}", "the rule sets the group twice: {detail}"
        ),
        "helpdesk.not-imported.unknown-group": Said(
            "nhóm không tồn tại (đã xoá?): {detail}",
            "a group that does not exist (deleted?): {detail}",
        ),
        "helpdesk.not-imported.tests-set-field": Said(
            "trigger kiểm tra một trường mà trigger khác đặt ({detail}), nên không tương đương "
            "với định tuyến khớp-đầu-tiên; giữ nguyên là trigger",
            "the trigger tests a field other triggers set ({detail}), so no first-match "
            "routing is equivalent; kept as a trigger",
        ),
        "helpdesk.not-imported.field": Said(
            "trường không có thuộc tính tương ứng trong phòng ban: {detail}",
            "a field with no attribute in the department: {detail}",
        ),
        "helpdesk.not-imported.operator": Said(
            "phép so sánh không có tương đương: {detail}",
            "an operator with no equivalent: {detail}",
        ),
        "helpdesk.not-imported.value": Said(
            "giá trị không thuộc trường: {detail}", "a value the field does not have: {detail}"
        ),
        "helpdesk.not-imported.never": Said(
            "điều kiện không bao giờ đúng: {detail}", "a condition that never holds: {detail}"
        ),
        "helpdesk.not-imported.empty-any": Said(
            "nhóm `any` rỗng {detail}", "an empty `any` {detail}"
        ),
        "helpdesk.not-imported.action-kept": Said(
            "hành động không phải định tuyến, giữ nguyên trong trigger: {detail}",
            "an action other than routing, kept in the rule: {detail}",
        ),
        "helpdesk.not-imported.automation": Said(
            "tự động hoá theo thời gian, giữ nguyên: {detail}",
            "a time-based automation, kept as it is: {detail}",
        ),
        "helpdesk.not-imported.closed-schedule": Said(
            "lịch không bao giờ mở, không thành lịch làm việc: {detail}",
            "a schedule that never opens, not made a calendar: {detail}",
        ),
        "helpdesk.not-imported.time-zone": Said(
            "múi giờ không biết, dùng múi giờ của phòng ban: {detail}",
            "an unknown time zone, the department's is used: {detail}",
        ),
        "helpdesk.not-imported.interval": Said(
            "khoảng giờ không đọc được: {detail}", "an unreadable opening interval: {detail}"
        ),
        "helpdesk.not-imported.holiday": Said(
            "ngày nghỉ không có năm hoặc không đọc được: {detail}",
            "a holiday without a year, or unreadable: {detail}",
        ),
        "helpdesk.not-imported.metric": Said(
            "chỉ số SLA không có tương đương: {detail}",
            "an SLA metric with no equivalent: {detail}",
        ),
        "helpdesk.not-imported.no-schedule": Said(
            "mục tiêu theo giờ làm việc nhưng không có lịch, tính theo giờ lịch: {detail}",
            "a business-hours target with no schedule, counted in calendar time: {detail}",
        ),
        "helpdesk.not-imported.sla-group": Said(
            "chính sách SLA theo nhóm: SLA của phòng ban chỉ kiểm tra thuộc tính phiếu: {detail}",
            "an SLA policy by group: the department's SLA tests ticket attributes only: {detail}",
        ),
        "helpdesk.not-imported.never-fires": Said(
            "quy tắc không bao giờ quyết định (xem phát hiện): {detail}",
            "a rule that never decides (see the finding): {detail}",
        ),
        "helpdesk.not-imported.sla-unmatched": Said(
            "chính sách SLA không khớp phiếu nào (xem phát hiện): {detail}",
            "an SLA policy no ticket matches (see the finding): {detail}",
        ),
        # -- export differences ------------------------------------------------------------
        "helpdesk.difference.read-only": Said(
            "trường chỉ đọc của API, không gửi lại", "a read-only field of the API, not sent back"
        ),
        "helpdesk.difference.edited": Said("đã sửa trong YAML", "edited in the YAML"),
        "helpdesk.difference.not-exported": Said(
            "đã sửa trong YAML nhưng không được ghi lại cho nhà cung cấp (chỉ nhóm và quy tắc "
            "định tuyến được ghi lại)",
            "edited in the YAML but not written back (only groups and routing rules are)",
        ),
        "helpdesk.difference.added": Said("thêm trong YAML", "added in the YAML"),
        "helpdesk.difference.removed": Said("đã xoá khỏi YAML", "removed from the YAML"),
        "helpdesk.difference.position": Said(
            "vị trí đổi theo thứ tự trong YAML", "position changed to the YAML's order"
        ),
        "helpdesk.difference.not-expressible": Said(
            "điều kiện YAML không viết được theo dạng của nhà cung cấp; giữ điều kiện cũ",
            "the YAML condition cannot be written in the vendor's form; the old one is kept",
        ),
        # -- the commands ------------------------------------------------------------------
        "helpdesk.summary.import": Said(
            "đã nhập {rules} quy tắc định tuyến, {units} đơn vị, {calendars} lịch, {policies} "
            "chính sách SLA; {skipped} phần không nhập (liệt kê ở trên); {findings} phát hiện",
            "imported {rules} routing rules, {units} units, {calendars} calendars, {policies} "
            "SLA policies; {skipped} parts not imported (listed above); {findings} findings",
        ),
        "helpdesk.summary.export": Said(
            "đã ghi {files} tệp vào {folder}; {differences} khác biệt so với bản đã nhập",
            "wrote {files} files to {folder}; {differences} differences from the import",
        ),
        "helpdesk.summary.replay": Said(
            "{tickets} phiếu: {differ} phiếu có quyết định khác nhau",
            "{tickets} tickets: {differ} decided differently",
        ),
        "helpdesk.not-imported.line": Said(
            "{path}: không nhập: {reason}", "{path}: not imported: {reason}"
        ),
        "error.helpdesk.json": Said(
            "`{file}` không phải JSON hợp lệ (dòng {line}, cột {column}): {reason}",
            "`{file}` is not valid JSON (line {line}, column {column}): {reason}",
        ),
        "error.helpdesk.sidecar": Said(
            "thiếu hoặc hỏng tệp đi kèm `{file}` (cskh-org import ghi nó cạnh YAML)",
            "the sidecar `{file}` is missing or damaged (cskh-org import writes it beside "
            "the YAML)",
        ),
        "error.helpdesk.vendor": Said(
            "tệp đi kèm là của {found}, không phải {wanted}",
            "the sidecar is {found}'s, not {wanted}'s",
        ),
    }
)
