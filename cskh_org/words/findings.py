"""The catalogue's finding messages: every problem the loader and the checks report, in
Vietnamese and English, each saying how to fix it.

A key is the finding's code (``org-cycle``), or the code and a variant (``org-cycle.units``)
where one code has several messages; keys without a code (``word.and``, ``hint.…``) are the
pieces those messages share. Ids, codes, numbers and YAML keys stay as written in both
languages. Field values are inserted as text; a field given as a :class:`Said` is written in
the message's language.
"""

from __future__ import annotations

from cskh_org.words import Said, register

_DUPLICATE_ID = Said(
    vi="`{id}` đã là id của {section}[{index}]; mỗi id phải là duy nhất, hãy đổi tên một bên",
    en="`{id}` is already the id of {section}[{index}]; ids must be unique, rename one",
)
"""Two entries of one section (of the department or of a workload) share an id."""

register(
    {
        # -- shared pieces -----------------------------------------------------------------
        "word.and": Said(vi="và", en="and"),
        "word.or": Said(vi="hoặc", en="or"),
        "word.unit": Said(vi="đơn vị", en="unit"),
        "word.role": Said(vi="vai trò", en="role"),
        "word.nobody": Said(vi="không có ai", en="nobody"),
        "word.none": Said(vi="không có", en="none"),
        "hint.did-you-mean": Said(vi=" (ý bạn là `{name}`?)", en=" (did you mean `{name}`?)"),
        "hint.define-under": Said(
            vi="; hãy khai báo trong `{section}`", en="; define it under `{section}`"
        ),
        # -- org ----------------------------------------------------------------------------
        "org-cycle.units": Said(
            vi="các đơn vị báo cáo vòng tròn cho nhau ({path}); hãy đặt cho một đơn vị trong "
            "vòng cấp trên (`parent`) nằm ngoài vòng, hoặc bỏ `parent` nếu đó là đơn vị cao "
            "nhất",
            en="units report to each other in a cycle ({path}); give one of them a parent "
            "outside the cycle, or none if it is the top unit",
        ),
        "org-cycle.externals": Said(
            vi="các bên ngoài báo cáo vòng tròn cho nhau ({path}); hãy kết thúc chuỗi báo cáo "
            "ở hội đồng quản trị",
            en="external parties report to each other in a cycle ({path}); end the chain at "
            "the board",
        ),
        "org-root": Said(
            vi="đơn vị `{unit}` không có cấp trên, giống `{top}`; một bộ phận chỉ có một đơn vị "
            "cao nhất: đặt `parent: {top}` (hoặc đơn vị đúng)",
            en="unit `{unit}` has no parent, like `{top}`; a department has one top unit: set "
            "`parent: {top}` (or the right unit)",
        ),
        "unit-without-head": Said(
            vi="đơn vị `{unit}` chưa có `head`; hãy ghi vai trò phụ trách đơn vị",
            en="unit `{unit}` has no `head`; name the role that leads it",
        ),
        "head-not-in-unit.vacant": Said(
            vi="người phụ trách `{unit}` là `{head}`, nhưng dòng nhân sự `{head}` đang trống "
            "(headcount 0); đặt `headcount` của dòng đó là 1",
            en="the head of `{unit}` is `{head}`, but its `{head}` staff line is vacant "
            "(headcount 0); set its `headcount` to 1",
        ),
        "head-not-in-unit.no-line": Said(
            vi="người phụ trách `{unit}` là `{head}`, nhưng không dòng nhân sự nào của đơn vị "
            "có vai trò này; thêm `- role: {head}` vào `staff` của đơn vị",
            en="the head of `{unit}` is `{head}`, but no staff line of this unit has that "
            "role; add `- role: {head}` to its `staff`",
        ),
        "function-uncovered": Said(
            vi="chức năng `{function}` ({name}) chưa được đơn vị nào đảm nhận; thêm chức năng "
            "vào `functions` của một đơn vị, hoặc ghi vào `waived_functions` kèm lý do",
            en="function `{function}` ({name}) is covered by no unit; add it to a unit's "
            "`functions`, or list it under `waived_functions` with a reason",
        ),
        "waiver-unneeded": Said(
            vi="chức năng `{function}` được miễn nhưng đã có đơn vị đảm nhận; hãy bỏ mục miễn",
            en="function `{function}` is waived but a unit covers it; remove the waiver",
        ),
        "function-unused": Said(
            vi="chức năng `{function}` chưa được đơn vị nào đảm nhận; thêm vào `functions` của "
            "một đơn vị, hoặc xóa chức năng",
            en="function `{function}` is covered by no unit; add it to a unit's `functions` "
            "or remove it",
        ),
        "unit-without-staff": Said(
            vi="đơn vị `{unit}` chưa có nhân sự; thêm một dòng nhân sự, hoặc gộp đơn vị vào "
            "đơn vị cấp trên",
            en="unit `{unit}` has no staff; add a staff line, or merge it into its parent",
        ),
        "span-of-control": Said(
            vi="người phụ trách `{unit}` trực tiếp quản lý {span} người và trưởng đơn vị con, "
            "vượt mức {limit}; hãy thêm trưởng nhóm hoặc tách đơn vị (hoặc nâng "
            "`checks.max_span_of_control`)",
            en="the head of `{unit}` leads {span} people and unit heads directly, more than "
            "{limit}; add team leaders or split the unit (or raise "
            "`checks.max_span_of_control`)",
        ),
        "person-over-allocated": Said(
            vi="`{person}` làm tổng cộng {fte} FTE trên các dòng nhân sự, quá 1.0; hãy giảm "
            "các giá trị `fte` hoặc tuyển thêm người",
            en="`{person}` works {fte} FTE across their staff lines, more than 1.0; lower "
            "their `fte` values or hire",
        ),
        "role-unused": Said(
            vi="vai trò `{role}` không có dòng nhân sự nào; hãy xóa vai trò hoặc bố trí nhân "
            "sự cho vai trò",
            en="role `{role}` is held by no staff line; remove it or staff it",
        ),
        "role-cost-currency": Said(
            vi="vai trò `{role}` có chi phí {cost} mỗi tháng, nhưng tiền tệ của bộ phận là "
            "{currency}: nhân sự được tính bằng {currency} trong ngân sách, sơ đồ và mô phỏng, "
            "và số tiền không được quy đổi; hãy ghi chi phí bằng {currency}",
            en="role `{role}` costs {cost} a month, but the department's currency is "
            "{currency}: its staff are priced in {currency} in the budget, the diagrams and "
            "the simulation, and amounts are not converted; give the cost in {currency}",
        ),
        # -- calendars ----------------------------------------------------------------------
        "holidays-run-out": Said(
            vi="lịch `{calendar}` chỉ liệt kê ngày lễ đến năm {last}: từ năm {next} mọi ngày lễ "
            "(kể cả Tết) đều bị tính là ngày làm việc; hãy ghi quốc gia "
            "(`public_holidays: {{country: VN}}`) hoặc liệt kê ngày lễ của năm sau",
            en="calendar `{calendar}` lists holidays only up to {last}: from {next} on every "
            "public holiday (Tết too) counts as a working day; name the country "
            "(`public_holidays: {{country: VN}}`) or list the next year's holidays",
        ),
        "public-holiday-unknown.date": Said(
            vi="lịch `{calendar}` loại trừ ngày {date}, nhưng đó không phải ngày lễ của "
            "`{country}`; hãy ghi ngày của một ngày lễ, hoặc bỏ mục này",
            en="calendar `{calendar}` excludes {date}, which is not a public holiday of "
            "`{country}`; give the date of one, or drop it",
        ),
        "public-holiday-unknown.name": Said(
            vi="lịch `{calendar}` loại trừ `{name}`, nhưng `{country}` không có ngày lễ nào "
            "mang tên này từ {first} đến {last}{hint}; hãy viết tên như gói `holidays` ghi, "
            "bằng tiếng Anh hoặc tiếng của quốc gia đó",
            en="calendar `{calendar}` excludes `{name}`, which names no public holiday of "
            "`{country}` from {first} to {last}{hint}; write the name as the `holidays` "
            "package does, in English or in the country's language",
        ),
        # -- names and repeats --------------------------------------------------------------
        "word.script.latin": Said(vi="Latinh", en="latin"),
        "word.script.cyrillic": Said(vi="Kirin", en="cyrillic"),
        "word.script.greek": Said(vi="Hy Lạp", en="greek"),
        "name-lookalike.id": Said(
            vi="id `{id}` của {kind} trông giống `{other}` (chỉ khác chữ hoa/thường, `_`/`-` "
            "hoặc 0/o, 1/l); hãy đặt một id dễ phân biệt hơn",
            en="{kind} id `{id}` looks like `{other}` (they differ only in case, `_`/`-` or "
            "0/o, 1/l); give it an id that reads differently",
        ),
        "name-mixed-script": Said(
            vi="`{shown}` của {kind} `{id}` trộn chữ {scripts} trong `{word}`, khiến nó trông "
            "giống một từ khác; hãy viết bằng một bộ chữ",
            en="the {shown} of {kind} `{id}` mixes {scripts} letters in `{word}`, which makes "
            "it look like another word; write it in one script",
        ),
        "name-lookalike.normalisation": Said(
            vi="`{shown}` của {kind} `{id}` trông giống hệt của `{other}`: hai tên chỉ khác "
            "nhau ở dạng chuẩn hóa Unicode (chữ dựng sẵn, NFC, bên cạnh chữ có dấu tổ hợp, "
            "NFD); hãy lưu cả hai ở dạng NFC",
            en="the {shown} of {kind} `{id}` looks the same as that of `{other}`: they differ "
            "only in Unicode normalisation (composed letters, NFC, beside letters with "
            "combining marks, NFD); save both in NFC",
        ),
        "name-lookalike.confusable": Said(
            vi="`{shown}` của {kind} `{id}` trông giống hệt của `{other}`: hai tên chỉ khác "
            "nhau ở những chữ trông giống nhau (Latinh, Kirin, Hy Lạp, 0/o, 1/l) hoặc ở chữ "
            "hoa/thường; hãy đổi tên một bên để người đọc phân biệt được",
            en="the {shown} of {kind} `{id}` looks the same as that of `{other}`: they differ "
            "only in letters that look alike (Latin, Cyrillic, Greek, 0/o, 1/l) or in case; "
            "rename one so readers can tell them apart",
        ),
        "duplicate-entry": Said(
            vi="`{item}` được liệt kê hai lần trong `{field}` (trùng với mục {first}); hãy xóa "
            "mục lặp, hoặc ghi đúng mục định viết",
            en="`{item}` is listed twice in `{field}` (also item {first}); remove the repeat, "
            "or write the entry that was meant",
        ),
        # -- budget -------------------------------------------------------------------------
        "budget.year": Said(vi="năm tài chính {year}", en="fiscal year {year}"),
        "budget.year-span": Said(
            vi="năm tài chính {year} (từ {start} đến {last})",
            en="fiscal year {year} ({start} to {last})",
        ),
        "budget-staff-over-cap": Said(
            vi="riêng nhân sự của `{unit}` đã tốn {cost} trong {year} ({fte} FTE × chi phí "
            "tháng × {months}), vượt {over} so với trần ngân sách của đơn vị ({cap}); hãy "
            "nâng trần, hoặc bố trí ít nhân sự hơn hay nhân sự bán thời gian",
            en="the staff of `{unit}` alone cost {cost} in the {year} ({fte} FTE × monthly "
            "cost × {months}), above the unit's cap of {cap} by {over}; raise the cap, or plan "
            "fewer or part-time staff in the unit",
        ),
        "budget-unit-over-cap": Said(
            vi="`{unit}` tốn {total} trong {year} (nhân sự {staff} + khoản chi {lines}), vượt "
            "{over} so với trần ngân sách ({cap}); hãy cắt giảm hoặc chuyển bớt khoản chi của "
            "đơn vị, hoặc nâng trần",
            en="`{unit}` costs {total} in the {year} (staff {staff} + lines {lines}), above "
            "its cap of {cap} by {over}; cut or move its lines, or raise the cap",
        ),
        "budget-category-over-cap.staff": Said(
            vi="chi phí nhân sự (tính từ các dòng nhân sự của đơn vị) cộng lại là {total} trong "
            "{year}, vượt {over} so với trần `{category}` ({cap}); hãy cắt giảm hoặc phân loại lại "
            "khoản chi, hoặc nâng trần",
            en="staff cost (derived from the units' staff lines) sum to {total} in the {year}, "
            "above the `{category}` cap of {cap} by {over}; cut or re-categorise lines, or "
            "raise the cap",
        ),
        "budget-category-over-cap.lines": Said(
            vi="các khoản chi `{category}` cộng lại là {total} trong {year}, vượt "
            "{over} so với trần `{category}` ({cap}); hãy cắt giảm hoặc phân loại lại khoản "
            "chi, hoặc nâng trần",
            en="the `{category}` lines sum to {total} in the {year}, above the `{category}` "
            "cap of {cap} by {over}; cut or re-categorise lines, or raise the cap",
        ),
        "budget-total-over-cap": Said(
            vi="kế hoạch tốn {total} trong {year} (nhân sự {staff} + khoản chi {lines}), vượt "
            "{over} so với trần tổng ({cap}); hãy cắt giảm khoản chi hoặc nhân sự, hoặc nâng "
            "`budget.caps.total`",
            en="the plan costs {total} in the {year} (staff {staff} + lines {lines}), above "
            "the total cap of {cap} by {over}; cut lines or staff, or raise "
            "`budget.caps.total`",
        ),
        "budget.what.line": Said(vi="khoản chi `{line}`", en="line `{line}`"),
        "budget.what.total-cap": Said(vi="trần tổng", en="the total cap"),
        "budget.what.unit-cap": Said(vi="trần của `{unit}`", en="the cap of `{unit}`"),
        "budget.what.category-cap": Said(vi="trần `{category}`", en="the `{category}` cap"),
        "budget.decimals.none": Said(vi="không có chữ số thập phân", en="no decimals"),
        "budget.decimals.some": Said(
            vi="tối đa {digits} chữ số thập phân", en="at most {digits} decimals"
        ),
        "budget.source.department": Said(
            vi="`currency` của bộ phận", en="the department's `currency`"
        ),
        "budget-currency-mismatch.amount": Said(
            vi="{what} tính bằng {money_currency}, nhưng kế hoạch tính bằng {currency} "
            "({source}); hãy quy đổi số tiền sang {currency} (số không kèm mã tiền tệ được "
            "hiểu là {currency})",
            en="{what} is in {money_currency}, but the plan is in {currency} ({source}); "
            "convert the amount to {currency} (a plain number is in {currency})",
        ),
        "budget-currency-mismatch.role": Said(
            vi="vai trò `{role}` có chi phí {cost} mỗi tháng bằng {role_currency}, nhưng kế "
            "hoạch tính bằng {currency} ({source}), nên không lập được chi phí nhân sự của vai "
            "trò này; hãy ghi chi phí tháng của vai trò bằng {currency}",
            en="role `{role}` costs {cost} a month in {role_currency}, but the plan is in "
            "{currency} ({source}), so its staff cost cannot be planned; give the role's "
            "monthly cost in {currency}",
        ),
        "budget-precision": Said(
            vi="{what} ({amount}) có nhiều chữ số thập phân hơn mức {currency} cho phép "
            "({allowed}); hãy làm tròn thành {rounded}{per_year}",
            en="{what} ({amount}) has more decimals than {currency} allows ({allowed}); round "
            "it to {rounded}{per_year}",
        ),
        "budget-precision.per-year": Said(
            vi=", hoặc ghi số tiền cả năm với `per: year` (chia đều chính xác cho các tháng)",
            en=", or give the year's amount with `per: year` (spread over the months exactly)",
        ),
        "budget-date-outside-year": Said(
            vi="khoản chi `{line}` ghi ngày {date}, nằm ngoài {year}, kéo dài từ {start} đến "
            "{last}; hãy sửa ngày, hoặc chuyển khoản chi sang kế hoạch của năm đó",
            en="line `{line}` is dated {date}, outside the {year}, which runs from {start} to "
            "{last}; correct the date, or move the line to the plan of its year",
        ),
        "budget-no-approval": Said(
            vi="ngân sách chưa có chuỗi phê duyệt, nên không ai xem xét hay phê duyệt; hãy "
            "thêm `approval: {{prepare: {{unit: ID}}, review: {{external: head_of_sales}}, "
            "approve: {{external: board}}}}` (bộ phận lập, giám đốc kinh doanh xem xét, hội "
            "đồng quản trị phê duyệt)",
            en="the budget has no approval chain, so nobody reviews or approves it; add "
            "`approval: {{prepare: {{unit: ID}}, review: {{external: head_of_sales}}, "
            "approve: {{external: board}}}}` (the department prepares, the head of sales "
            "reviews, the board approves)",
        ),
        "budget-history.no-chain": Said(
            vi="ngân sách có lịch sử phê duyệt nhưng không có chuỗi phê duyệt để đối chiếu; "
            "hãy thêm `budget.approval` hoặc xóa lịch sử",
            en="the budget has a history but no approval chain to replay it against; add "
            "`budget.approval` or remove the history",
        ),
        "budget-history.refused": Said(
            vi="mục lịch sử {n} bị từ chối ({reason}); hãy sửa hoặc xóa mục này: lịch sử liệt "
            "kê các bước đã diễn ra của chuỗi phê duyệt, cũ nhất trước",
            en="history entry {n} is refused ({reason}); fix or remove the entry: the history "
            "lists the moves of the approval chain that happened, oldest first",
        ),
        "budget-separation-of-duties.prepare": Said(
            vi="`{party}` vừa lập vừa phê duyệt kế hoạch, nên không ai kiểm tra quyết định "
            "(không nhóm nào nên nắm nhiều quyền hơn nhóm khác); hãy để một bên cấp trên phê "
            "duyệt (cấp trên của `{party}`: {line}), hoặc để bên khác lập kế hoạch",
            en="`{party}` both prepares and approves the plan, so nobody checks its decision "
            "(no team should hold more power than another); let a party above it approve "
            "(above `{party}`: {line}), or another party prepare it",
        ),
        "budget-separation-of-duties.review": Said(
            vi="`{party}` vừa xem xét vừa phê duyệt kế hoạch, nên không ai kiểm tra quyết định "
            "(không nhóm nào nên nắm nhiều quyền hơn nhóm khác); hãy để một bên cấp trên phê "
            "duyệt (cấp trên của `{party}`: {line}), hoặc để bên khác xem xét",
            en="`{party}` both reviews and approves the plan, so nobody checks its decision "
            "(no team should hold more power than another); let a party above it approve "
            "(above `{party}`: {line}), or another party review it",
        ),
        "budget.verb.prepare": Said(vi="lập", en="prepares"),
        "budget.verb.review": Said(vi="xem xét", en="reviews"),
        "budget.verb.approve": Said(vi="phê duyệt", en="approves"),
        "budget-sole-approver.first": Said(
            vi="`{who}` {verbs} kế hoạch", en="`{who}` {verbs} the plan"
        ),
        "budget-sole-approver.next": Said(vi="`{who}` {verbs}", en="`{who}` {verbs} it"),
        "budget.people.one": Said(vi="{n} nhân sự", en="{n} person"),
        "budget.people.many": Said(vi="{n} nhân sự", en="{n} people"),
        "budget-sole-approver": Said(
            vi="{said}: không ai khác kiểm tra quyết định (`separation_of_duties: false`, dành "
            "cho doanh nghiệp mà một người lo mọi việc; bộ phận này có {staff})",
            en="{said}: nobody else checks the decision (`separation_of_duties: false`, for a "
            "business where one person runs everything; this department has {staff} on "
            "staff)",
        ),
        "budget.role.preparer": Said(vi="người lập", en="preparer"),
        "budget.role.reviewer": Said(vi="người xem xét", en="reviewer"),
        "budget.role.approver": Said(vi="người phê duyệt", en="approver"),
        "budget-approval-order": Said(
            vi="{upper} `{above}` không ở trên {lower} `{below}` trong tuyến báo cáo (cấp trên "
            "của `{below}`: {line}), nên kế hoạch không đi lên theo cấp bậc; {fix}",
            en="the {upper} `{above}` is not above the {lower} `{below}` in the reporting line "
            "(above `{below}`: {line}), so the plan does not go up the hierarchy; {fix}",
        ),
        "budget-approval-order.same": Said(
            vi="hãy chọn một bên ở trên `{below}` ({line}) làm {upper}",
            en="name a party above `{below}` ({line}) as the {upper}",
        ),
        "budget-approval-order.swap": Said(
            vi="`{above}` nằm dưới `{below}`: hãy đổi chỗ hai bên (`{lower}: {above}` và "
            "`{upper}: {below}`)",
            en="`{above}` is below `{below}`: swap them (`{lower}: {above}` and "
            "`{upper}: {below}`)",
        ),
        "budget-approval-order.choose": Said(
            vi="hãy chọn {upper} trong số các bên ở trên `{below}`, hoặc đặt `parent`/"
            "`reports_to` để `{above}` nằm trên `{below}`",
            en="choose the {upper} among those above `{below}`, or set the "
            "`parent`/`reports_to` that puts `{above}` above it",
        ),
        "approval.refused.state": Said(
            vi="không thể `{verb}` kế hoạch đang ở trạng thái `{state}`: {why}",
            en="cannot {verb} a plan that is {state}: {why}",
        ),
        "approval.why.return": Said(
            vi="chỉ kế hoạch đã nộp hoặc đã xem xét mới trả lại được",
            en="only a submitted or reviewed plan can be returned",
        ),
        "approval.why.draft": Said(
            vi="người lập `{prepare}` phải nộp kế hoạch trước",
            en="the preparer `{prepare}` submits it first",
        ),
        "approval.why.returned": Said(
            vi="người lập `{prepare}` phải nộp lại kế hoạch trước",
            en="the preparer `{prepare}` submits it again first",
        ),
        "approval.why.submitted": Said(
            vi="người xem xét `{review}` phải xem xét trước",
            en="the reviewer `{review}` reviews it first",
        ),
        "approval.why.reviewed": Said(
            vi="tiếp theo người phê duyệt `{approve}` phê duyệt (hoặc trả lại) kế hoạch",
            en="the approver `{approve}` approves it (or returns it) next",
        ),
        "approval.why.approved": Said(
            vi="kế hoạch đã được phê duyệt xong; muốn thay đổi cần lập kế hoạch mới",
            en="approval is final; a change needs a new plan",
        ),
        "approval.refused.by": Said(
            vi="`{by}` không thể `{verb}` kế hoạch: chỉ {role} `{party}` mới làm được",
            en="`{by}` cannot {verb} the plan: only the {role} `{party}` does",
        ),
        "approval.refused.offset": Said(
            vi="thời điểm của bước `{verb}` ({at}) không có độ lệch UTC; hãy ghi kèm độ lệch, "
            "ví dụ 2026-11-20T09:30+07:00",
            en="the time of the {verb} move ({at}) has no UTC offset; write it with one, e.g. "
            "2026-11-20T09:30+07:00",
        ),
        "approval.refused.order": Said(
            vi="bước `{verb}` ({at}) sớm hơn bước trước đó (`{last}` lúc {last_at}); hãy liệt "
            "kê lịch sử theo thứ tự cũ nhất trước và kiểm tra lại ngày giờ",
            en="the {verb} move ({at}) is earlier than the move before it ({last} at "
            "{last_at}); list the history oldest first and check the dates",
        ),
        "approval.refused.action": Said(
            vi="`{action}` không phải một bước phê duyệt; hãy dùng một trong {known}",
            en="`{action}` is not an approval action; use one of {known}",
        ),
        # -- escalation ---------------------------------------------------------------------
        "escalation-cycle": Said(
            vi="các bước chuyển cấp theo cấp bậc tạo thành vòng ({path}, qua các bước "
            "{steps}): một phiếu có thể bị chuyển mãi mà không ai chịu trách nhiệm; hãy bỏ "
            "một bước hoặc hướng bước đó lên tuyến báo cáo",
            en="hierarchical steps escalate in a cycle ({path}, by steps {steps}): a ticket "
            "could climb forever and nobody owns it; remove one of the steps or point it up "
            "the reporting line",
        ),
        "escalation-cycle.lateral": Said(
            vi="các bước chuyển cấp theo cấp bậc và sang ngang tạo thành vòng ({path}, qua "
            "các bước {steps}): một phiếu có thể bị chuyển mãi mà không ai chịu trách nhiệm; "
            "hãy bỏ một bước, hướng bước đó lên tuyến báo cáo hoặc sang một đơn vị khác",
            en="hierarchical and lateral steps escalate in a cycle ({path}, by steps {steps}): "
            "a ticket could be passed on forever and nobody owns it; remove one of the steps, "
            "or point it up the reporting line or to another unit",
        ),
        "escalation-handoffs": Said(
            vi="một phiếu có thể bị chuyển giao {worst} lần, nhiều hơn `max_handoffs` "
            "({most}): định tuyến đến `{start}` ({routing}), sau đó {path}; chuyển khách hàng "
            "qua tay nhiều người chính là lỗi mà quy trình chăm sóc khách hàng cảnh báo: hãy "
            "để nhóm đầu tiên giải quyết nhiều hơn (ít bước chức năng hơn), chuyển thẳng lên "
            "cấp cao hơn, hoặc nâng `escalation.max_handoffs`",
            en="a ticket can be handed off {worst} times, more than `max_handoffs` ({most}): "
            "routed to `{start}` ({routing}), then {path}; passing customers between many "
            "people is the failure the care process names: let the first team resolve more "
            "(fewer functional steps), escalate straight to a higher holder, or raise "
            "`escalation.max_handoffs`",
        ),
        "escalation-handoffs.keeps": Said(vi="`{start}` giữ phiếu", en="`{start}` keeps it"),
        "escalation-handoffs.path": Said(
            vi="{path} ({handoffs}: → tính 1, ⇄ tính 2)",
            en="{path} ({handoffs}: → counts 1, ⇄ counts 2)",
        ),
        "escalation-dead-end.step": Said(
            vi="bước `{step}` chuyển cấp đến `{end}`, nơi đường chuyển cấp kết thúc{shown}, "
            "nhưng `{end}` không được đóng phiếu ({who}); hãy thêm một bước từ `{end}` lên "
            "tuyến báo cáo, hoặc ghi `{end}` vào `escalation.closers`",
            en="step `{step}` escalates to `{end}`, where the path ends{shown}, but `{end}` "
            "may not close tickets ({who}); add a step from `{end}` up its reporting line, or "
            "list `{end}` under `escalation.closers`",
        ),
        "escalation-dead-end.example": Said(vi=" (ví dụ {line})", en=" (e.g. {line})"),
        "escalation-dead-end.routed": Said(
            vi="phiếu được định tuyến đến `{start}` sẽ nằm lại đó, nhưng `{start}` không được "
            "đóng phiếu ({who}); hãy ghi `{start}` vào `escalation.closers`, hoặc thêm một "
            "bước từ `{start}` đến nơi được đóng phiếu",
            en="tickets routed to `{start}` stay there, but `{start}` may not close them "
            "({who}); list `{start}` under `escalation.closers`, or add a step from `{start}` "
            "to a holder that may",
        ),
        "escalation.closers.not-listed": Said(
            vi="không có tên trong `escalation.closers`",
            en="it is not listed under `escalation.closers`",
        ),
        "escalation.closers.units-only": Said(
            vi="chỉ đơn vị mới được đóng phiếu, trừ khi `escalation.closers` quy định khác",
            en="only units may close tickets unless `escalation.closers` says otherwise",
        ),
        "escalation-step-duplicate-id": Said(
            vi="`{id}` đã là id của bước chuyển cấp {n}; mỗi quyết định ghi lại bước đã kích "
            "hoạt, nên id của các bước phải là duy nhất: hãy đổi tên một bước",
            en="`{id}` is already the id of escalation step {n}; each decision names the step "
            "that fired, so step ids must be unique: rename one",
        ),
        "escalation-not-upward": Said(
            vi="bước theo cấp bậc `{step}` đi từ `{source}` đến `{target}`, nhưng `{target}` "
            "không phải cấp trên trong tuyến báo cáo ({above}); hãy chuyển cấp đến một trong "
            "các cấp trên đó, hoặc đặt bước là `kind: functional` và ghi `{target}` vào "
            "`escalation.partners` nếu bên đó xử lý phiếu rồi trả lại",
            en="hierarchical step `{step}` goes from `{source}` to `{target}`, which is not "
            "above it in the reporting line ({above}); escalate to one of those, or make the "
            "step `kind: functional` and list `{target}` under `escalation.partners` if it "
            "works on the ticket and hands it back",
        ),
        "escalation-not-upward.above": Said(
            vi="cấp trên của `{source}` là {line}", en="above `{source}` are {line}"
        ),
        "escalation-not-upward.nobody": Said(
            vi="`{source}` không có cấp trên nào trong tuyến báo cáo",
            en="nobody is above `{source}` in the reporting line",
        ),
        "escalation-not-partner": Said(
            vi="bước chức năng `{step}` gửi phiếu đến `{target}`, nhưng `{target}` chưa được "
            "khai báo là đối tác; hãy thêm vào `escalation.partners` (các phòng ban và nhóm "
            "chuyên môn mà bộ phận chăm sóc khách hàng phối hợp), hoặc đổi thành bước theo "
            "cấp bậc nếu `{target}` ở trên `{source}`",
            en="functional step `{step}` sends tickets to `{target}`, which is not a declared "
            "partner; add it to `escalation.partners` (the departments and specialist teams "
            "care works with), or make the step hierarchical if `{target}` is above "
            "`{source}`",
        ),
        "escalation-lateral-target.external": Said(
            vi="bước sang ngang `{step}` gửi phiếu đến `{target}`, một bên ngoài; bên ngoài "
            "không giữ phiếu của bộ phận: hãy gửi đến một đơn vị, hoặc đặt bước là "
            "`kind: functional` và ghi `{target}` vào `escalation.partners` nếu bên đó xử lý "
            "phiếu rồi trả lại",
            en="lateral step `{step}` sends tickets to `{target}`, an external party, which does "
            "not keep the department's tickets; send them to a unit, or make the step "
            "`kind: functional` and list `{target}` under `escalation.partners` if it works "
            "on the ticket and hands it back",
        ),
        "escalation-lateral-target.same": Said(
            vi="bước sang ngang `{step}` gửi phiếu từ `{target}` đến chính `{target}`, nên "
            "phiếu không đi đâu cả; hãy ghi đơn vị nhận phiếu (ví dụ bàn khiếu nại) vào `to`",
            en="lateral step `{step}` sends tickets from `{target}` to `{target}` itself, so "
            "they go nowhere; write the unit that takes them over (a complaints desk, say) "
            "under `to`",
        ),
        "escalation-follow-up-not-closer": Said(
            vi="bước theo dõi `{step}` kích hoạt khi phiếu được giải quyết tại `{source}`, "
            "nhưng `{source}` không có trong `escalation.closers` nên không bao giờ giải quyết "
            "phiếu và bước không bao giờ kích hoạt; hãy ghi `from` là một đơn vị đóng phiếu, "
            "hoặc thêm `{source}` vào `escalation.closers`",
            en="follow-up step `{step}` fires when a ticket is resolved at `{source}`, but "
            "`{source}` is not in `escalation.closers`, so it never resolves one and the step "
            "never fires; make `from` a holder that closes tickets, or add `{source}` to "
            "`escalation.closers`",
        ),
        "escalation-follow-up-external": Said(
            vi="bước theo dõi `{step}` giao cuộc liên hệ theo dõi cho `{target}`, một bên "
            "ngoài không có nhân viên của bộ phận, nên mô phỏng bỏ qua cuộc liên hệ đó; hãy "
            "giao cho một đơn vị (ví dụ `loyalty` cho cuộc gọi chăm sóc sau bán)",
            en="follow-up step `{step}` gives the follow-up contact to `{target}`, an external "
            "party without the department's agents, so the simulation makes none; give it to "
            "a unit (`loyalty` for the after-care call, say)",
        ),
        "escalation-target-unstaffed": Said(
            vi="bước `{step}` gửi phiếu đến `{target}`, nhưng đơn vị này không có nhân sự nên "
            "không ai nhận phiếu; hãy thêm dòng nhân sự cho đơn vị hoặc chuyển cấp đến nơi "
            "khác",
            en="step `{step}` sends tickets to `{target}`, which has no staff, so nobody would "
            "take them; add a staff line to the unit or escalate elsewhere",
        ),
        "escalation-partner-unused": Said(
            vi="`{partner}` được khai báo là đối tác nhưng không bước chức năng nào gửi phiếu "
            "đến; hãy thêm một bước `kind: functional` đến `{partner}`, hoặc xóa khỏi "
            "`escalation.partners`",
            en="`{partner}` is a declared partner but no functional step sends tickets to it; "
            "add a `kind: functional` step to `{partner}`, or remove it from "
            "`escalation.partners`",
        ),
        "escalation.sla-warning": Said(vi="cảnh báo SLA", en="an SLA warning"),
        "escalation.sla-breach": Said(vi="vi phạm SLA", en="an SLA breach"),
        "escalation-sla-trigger.no-sla": Said(
            vi="bước `{step}` kích hoạt khi có {event}, nhưng tài liệu không có mục `sla`, nên "
            "không chỉ tiêu nào bị cảnh báo hay vi phạm; hãy thêm mục `sla` với các chỉ tiêu, "
            "hoặc kích hoạt bước theo cách khác (ví dụ `manual`)",
            en="step `{step}` fires on {event}, but the document has no `sla` section, so no "
            "target is ever warned about or breached; add an `sla` section with the targets, "
            "or trigger the step otherwise (e.g. `manual`)",
        ),
        "escalation-sla-trigger.target": Said(
            vi="bước `{step}` kích hoạt khi có {event} của `{target}`, một chỉ tiêu không "
            "chính sách SLA nào đặt (kể cả mặc định), nên bước không bao giờ kích hoạt; hãy "
            "đặt `{target}` trong mục `sla`, hoặc kích hoạt theo một chỉ tiêu đã đặt "
            "({promised})",
            en="step `{step}` fires on {event} of `{target}`, a target no SLA policy sets (nor "
            "the default), so it never fires; set `{target}` in the `sla` section, or trigger "
            "on a target it sets ({promised})",
        ),
        "word.none-yet": Said(vi="chưa có", en="none yet"),
        "escalation-trigger-value.no-attribute": Said(
            vi="bước `{step}` kích hoạt theo `{name}` của phiếu, nhưng lược đồ phiếu không có "
            "thuộc tính liệt kê `{name}`; hãy khai báo trong `ticket_schema.attributes` hoặc "
            "kích hoạt bước theo cách khác",
            en="step `{step}` fires on the ticket's `{name}`, but the ticket schema has no "
            "`{name}` enum attribute; declare it under `ticket_schema.attributes` or trigger "
            "the step otherwise",
        ),
        "escalation-trigger-value.value": Said(
            vi="bước `{step}` kích hoạt khi `{name}` là `{value}`, nhưng đó không phải giá trị "
            "của `{name}`, nên không phiếu nào có giá trị này{hint}",
            en="step `{step}` fires on {name} `{value}`, which is not a value of `{name}`, so "
            "no ticket has it{hint}",
        ),
        "hint.values-are": Said(vi="; các giá trị là {values}", en="; the values are {values}"),
        "hint.allowed-values": Said(
            vi="; các giá trị được phép là {values}", en="; the allowed values are {values}"
        ),
        "hint.one-of": Said(vi="; hãy chọn một trong {values}", en="; one of {values}"),
        # -- routing ------------------------------------------------------------------------
        "word.rule": Said(vi="quy tắc", en="rule"),
        "word.sla-policy": Said(vi="chính sách SLA", en="SLA policy"),
        "routing.who": Said(vi="{word} `{id}`", en="{word} `{id}`"),
        "routing.who.default": Said(vi="tuyến mặc định", en="the default route"),
        "rule-duplicate-id": Said(
            vi="`{id}` đã là id của {word} {n}; mỗi quyết định ghi lại {word} đã áp dụng, nên "
            "id phải là duy nhất: hãy đổi tên một bên",
            en="`{id}` is already the id of {word} {n}; decisions name the {word} that "
            "applied, so ids must be unique: rename one",
        ),
        "rule-unknown-attribute": Said(
            vi="{who} kiểm tra `{name}`, nhưng lược đồ phiếu không khai báo thuộc tính này{hint}",
            en="{who} tests `{name}`, which the ticket schema does not declare{hint}",
        ),
        "rule-unknown-attribute.declare": Said(
            vi="; hãy khai báo trong `ticket_schema.attributes` hoặc bỏ phép kiểm tra",
            en="; declare it under `ticket_schema.attributes` or remove the test",
        ),
        "rule-type-mismatch.order": Said(
            vi="{rule} so sánh `{name}` bằng `{op}`, nhưng `{name}` là kiểu `{type}`, không "
            "phải số; hãy dùng `in`/`not_in` (hoặc so sánh bằng)",
            en="{rule} compares `{name}` with `{op}`, but `{name}` is {type}, not a number; "
            "use `in`/`not_in` (or equality) instead",
        ),
        "rule-type-mismatch.value": Said(
            vi="{rule} so sánh `{name}` với {kind} (`{value}`), nhưng `{name}` chứa {wanted}; "
            "không phiếu nào khớp được; hãy đặt giá trị trong dấu ngoặc kép hoặc sửa thuộc "
            "tính",
            en="{rule} compares `{name}` with {kind} (`{value}`), but `{name}` holds {wanted}; "
            "no ticket can match; quote the value or fix the attribute",
        ),
        "routing.kind.boolean": Said(vi="giá trị đúng/sai", en="a boolean"),
        "routing.kind.number": Said(vi="một số", en="a number"),
        "routing.kind.text": Said(vi="văn bản", en="text"),
        "routing.kind.enum": Said(
            vi="một trong các giá trị của nó (văn bản)", en="one of its values (text)"
        ),
        "routing.kind.yes-no": Said(vi="`true` hoặc `false`", en="true or false"),
        "rule-unknown-value.enum": Said(
            vi="{rule} so sánh `{name}` với `{value}`, nhưng đó không phải một giá trị của "
            "`{name}`{hint}",
            en="{rule} compares `{name}` with `{value}`, which is not one of its values{hint}",
        ),
        "rule-unknown-value.range": Said(
            vi="{rule} so sánh `{name}` với {value}, nằm ngoài khoảng [{low}, {high}]; không "
            "phiếu nào mang giá trị đó",
            en="{rule} compares `{name}` with {value}, outside its range [{low}, {high}]; no "
            "ticket carries that value",
        ),
        "routing-priority.undeclared": Said(
            vi="thuộc tính mức ưu tiên `{name}` chưa được khai báo; mức ưu tiên là một thuộc "
            "tính liệt kê (enum) với các giá trị từ thấp nhất đến cao nhất (ví dụ "
            "`[low, normal, high, urgent]`)",
            en="the priority attribute `{name}` is not declared; priorities are an enum "
            "attribute with values from lowest to highest (e.g. `[low, normal, high, urgent]`)",
        ),
        "routing-priority.not-enum": Said(
            vi="thuộc tính mức ưu tiên `{name}` là kiểu `{type}`, không phải enum; mức ưu tiên "
            "là một thuộc tính liệt kê (enum) với các giá trị từ thấp nhất đến cao nhất (ví "
            "dụ `[low, normal, high, urgent]`)",
            en="the priority attribute `{name}` is {type}, not an enum; priorities are an enum "
            "attribute with values from lowest to highest (e.g. `[low, normal, high, urgent]`)",
        ),
        "routing-priority.default": Said(
            vi="mức ưu tiên mặc định `{value}` không phải một giá trị của `{name}`{hint}",
            en="default priority `{value}` is not a value of `{name}`{hint}",
        ),
        "rule-unsatisfiable": Said(
            vi="quy tắc `{rule}` không bao giờ được áp dụng: không phiếu nào thỏa điều kiện "
            "của nó (các phép kiểm tra mâu thuẫn nhau hoặc cần giá trị mà lược đồ không cho "
            "phép); hãy sửa điều kiện hoặc xóa quy tắc",
            en="rule `{rule}` can never fire: no ticket satisfies its condition (its tests "
            "contradict each other or need values the schema does not allow); fix the "
            "condition or remove the rule",
        ),
        "rule-shadowed.one": Said(
            vi="quy tắc `{rule}` không bao giờ được áp dụng: mọi phiếu nó khớp đều đã bị quy "
            "tắc trước {names} nhận trước (quy tắc khớp đầu tiên được áp dụng); hãy đưa quy "
            "tắc lên trên quy tắc đó, thu hẹp quy tắc đó, hoặc xóa quy tắc này",
            en="rule `{rule}` can never fire: every ticket it matches is taken first by the "
            "earlier rule {names} (first match wins); move it above it, narrow it, or remove "
            "it",
        ),
        "rule-shadowed.many": Said(
            vi="quy tắc `{rule}` không bao giờ được áp dụng: mọi phiếu nó khớp đều đã bị các "
            "quy tắc trước {names} nhận trước (quy tắc khớp đầu tiên được áp dụng); hãy đưa "
            "quy tắc lên trên các quy tắc đó, thu hẹp chúng, hoặc xóa quy tắc này",
            en="rule `{rule}` can never fire: every ticket it matches is taken first by the "
            "earlier rules {names} (first match wins); move it above them, narrow them, or "
            "remove it",
        ),
        "rule-analysis-unknown.rule": Said(
            vi="không xác định được quy tắc `{rule}` có thể được áp dụng hay không: {reason}; "
            "phép kiểm tra không kết luận được, hãy đơn giản hóa điều kiện để được kiểm chứng",
            en="whether rule `{rule}` can fire is unknown: {reason}; the check cannot tell, "
            "simplify the condition to have it verified",
        ),
        "rule-analysis-unknown.default": Said(
            vi="không xác định được những phiếu nào rơi về tuyến mặc định: {reason}",
            en="which tickets fall through to the default is unknown: {reason}",
        ),
        "routing-fallthrough": Said(
            vi="phiếu không khớp quy tắc nào sẽ về đơn vị mặc định `{unit}`: {shown}{tail}; "
            "hãy thêm quy tắc nếu một số phiếu trong đó thuộc về nơi khác",
            en="tickets no rule matches go to the default `{unit}`: {shown}{tail}; add rules "
            "if some of them belong elsewhere",
        ),
        "routing-fallthrough.more": Said(
            vi="; và {more} vùng khác", en="; and {more} more regions"
        ),
        "function-unrouted": Said(
            vi="chức năng `{function}` ({name}) do đơn vị `{unit}` đảm nhận nhưng không quy tắc "
            "nào có thể áp dụng gửi phiếu đến đơn vị đảm nhận chức năng này; hãy thêm quy tắc, "
            "hoặc ghi vào `routing.unrouted_functions` nếu chức năng không nhận phiếu (ví dụ "
            "bán hàng chủ động)",
            en="function `{function}` ({name}) is covered by unit `{unit}` but no rule that can "
            "fire sends tickets to a unit covering it; add a rule, or list it under "
            "`routing.unrouted_functions` if it takes no tickets (e.g. outbound sales)",
        ),
        "route-unit-unstaffed": Said(
            vi="{who} gửi phiếu đến `{unit}`, nhưng đơn vị này không có nhân sự; hãy thêm dòng "
            "nhân sự cho đơn vị hoặc định tuyến đến nơi khác",
            en="{who} sends tickets to `{unit}`, which has no staff; add a staff line to the "
            "unit or route elsewhere",
        ),
        "route-skill-missing": Said(
            vi="{who} yêu cầu kỹ năng `{skill}`, nhưng không ai trong `{unit}` có kỹ năng này "
            "(kỹ năng hiện có: {have}); hãy thêm vào một vai trò hoặc dòng nhân sự của đơn vị, "
            "hoặc định tuyến đến nơi khác",
            en="{who} requires skill `{skill}`, which nobody in `{unit}` has (skills there: "
            "{have}); add it to a role or staff line of the unit, or route elsewhere",
        ),
        "route-channel-not-served.one": Said(
            vi="{who} gửi phiếu kênh {shown} đến `{unit}`, nhưng đơn vị này không phục vụ kênh "
            "đó; hãy thêm kênh vào `channels` của đơn vị, thu hẹp quy tắc bằng một phép kiểm "
            "tra `channel`, hoặc định tuyến đến nơi khác",
            en="{who} sends {shown} tickets to `{unit}`, which does not serve that channel; "
            "add it to the unit's `channels`, narrow the rule with a `channel` test, or route "
            "elsewhere",
        ),
        "route-channel-not-served.many": Said(
            vi="{who} gửi phiếu các kênh {shown} đến `{unit}`, nhưng đơn vị này không phục vụ "
            "các kênh đó; hãy thêm các kênh này vào `channels` của đơn vị, thu hẹp quy tắc bằng "
            "một phép kiểm tra `channel`, hoặc định tuyến đến nơi khác",
            en="{who} sends {shown} tickets to `{unit}`, which does not serve those channels; "
            "add them to the unit's `channels`, narrow the rule with a `channel` test, or "
            "route elsewhere",
        ),
        "region.missing": Said(vi="không có {name}", en="{name} missing"),
        "region.present": Said(vi="có {name}", en="{name} present"),
        "region.range": Said(vi="{name} {low} và {high}", en="{name} {low} and {high}"),
        "region.never": Said(vi="không bao giờ", en="never"),
        "region.every": Said(vi="mọi phiếu", en="every ticket"),
        # -- sla ----------------------------------------------------------------------------
        "sla-policy-unsatisfiable": Said(
            vi="chính sách SLA `{policy}` không bao giờ được áp dụng: không phiếu nào thỏa "
            "điều kiện; hãy sửa điều kiện hoặc xóa chính sách",
            en="SLA policy `{policy}` never applies: no ticket satisfies its condition; fix "
            "the condition or remove the policy",
        ),
        "sla-policy-shadowed": Said(
            vi="chính sách SLA `{policy}` không bao giờ được áp dụng: mọi phiếu nó chọn đều đã "
            "nhận chỉ tiêu từ {names} đứng trước (chính sách khớp đầu tiên được áp dụng); hãy "
            "đưa chính sách lên trên, thu hẹp các chính sách đứng trước, hoặc xóa chính sách "
            "này",
            en="SLA policy `{policy}` never applies: every ticket it selects gets its targets "
            "from the earlier {names} first (first match wins); move it up, narrow the earlier "
            "ones, or remove it",
        ),
        "sla-analysis-unknown": Said(
            vi="không xác định được chính sách SLA `{policy}` có được áp dụng hay không: {reason}",
            en="whether SLA policy `{policy}` applies is unknown: {reason}",
        ),
        "sla-no-target.policy": Said(
            vi="chính sách SLA `{policy}` không đặt chỉ tiêu nào, nên phiếu của nó không có cam "
            "kết; hãy đặt `first_response`, `next_response` hoặc `resolution`",
            en="SLA policy `{policy}` sets no target, so its tickets get no promise; set "
            "`first_response`, `next_response` or `resolution`",
        ),
        "sla-no-target.default": Said(
            vi="phiếu không thuộc chính sách nào ({what}) không có SLA: hãy cho `sla.default` "
            "ít nhất một chỉ tiêu `first_response`",
            en="tickets no policy selects ({what}) get no SLA: give `sla.default` at least a "
            "`first_response` target",
        ),
        "sla.some-tickets": Said(vi="một số phiếu", en="some tickets"),
        "sla.who.default": Said(vi="SLA mặc định", en="the default SLA"),
        "sla.who.policy": Said(vi="chính sách SLA `{policy}`", en="SLA policy `{policy}`"),
        "sla-no-calendar": Said(
            vi="{who}: `{target}` tính theo giờ làm việc nhưng không có lịch làm việc ({whom} "
            "cũng không có); hãy đặt `calendar` cho chỉ tiêu, cho chính sách hoặc cho mục "
            "`sla`",
            en="{who}: `{target}` counts business time but has no calendar (nor has {whom}); "
            "set `calendar` on the target, the policy or the `sla` section",
        ),
        "sla.whom.units": Said(vi="các đơn vị nhận phiếu", en="its tickets' units"),
        "sla-calendar-never-open": Said(
            vi="{who}: `{target}` tính theo giờ làm việc trên lịch `{calendar}`, nhưng lịch này "
            "không bao giờ mở, nên chỉ tiêu không bao giờ đạt được; hãy thêm giờ mở cửa cho "
            "lịch",
            en="{who}: `{target}` counts business time on calendar `{calendar}`, which never "
            "opens, so the target can never be met; give the calendar opening hours",
        ),
        "sla.within": Said(vi="`{name}` trong vòng {within}", en="`{name}` within {within}"),
        "sla-target-unmeetable.one": Said(
            vi="{who} cam kết {promises} suốt ngày đêm, nhưng phiếu của nó đến {queues}; hãy "
            "tính theo giờ làm việc (`clock: business`), kéo dài chỉ tiêu, hoặc định tuyến các "
            "phiếu này đến hàng đợi mở cửa vào lúc đó",
            en="{who} promises {promises} around the clock, but its tickets reach {queues}; "
            "count business time (`clock: business`), lengthen the target, or route these "
            "tickets to a queue open then",
        ),
        "sla-target-unmeetable.many": Said(
            vi="{who} cam kết {promises} suốt ngày đêm, nhưng phiếu của nó đến {queues}; hãy "
            "tính theo giờ làm việc (`clock: business`), kéo dài các chỉ tiêu, hoặc định tuyến "
            "các phiếu này đến hàng đợi mở cửa vào lúc đó",
            en="{who} promises {promises} around the clock, but its tickets reach {queues}; "
            "count business time (`clock: business`), lengthen the targets, or route these "
            "tickets to a queue open then",
        ),
        "sla.closed.one": Said(
            vi="`{unit}`, có lịch `{calendar}` đóng liên tục đến {longest}",
            en="`{unit}`, whose calendar `{calendar}` is closed for up to {longest} at a stretch",
        ),
        "sla.closed.group": Said(
            vi="{units} (lịch `{calendar}`, đóng liên tục đến {longest})",
            en="{units} (calendar `{calendar}`, closed for up to {longest} at a stretch)",
        ),
        "sla-target-beyond-calendar": Said(
            vi="{who}: `{target}` là {within} giờ làm việc trên lịch `{calendar}`, vốn mở "
            "{hours}: trong năm năm ({days} ngày) chỉ chứa được tối đa {most}, nên không tính "
            "được hạn chót; hãy rút ngắn chỉ tiêu, tính theo giờ lịch (`clock: calendar`), hoặc "
            "thêm giờ mở cho lịch",
            en="{who}: `{target}` is {within} of business time on calendar `{calendar}`, which "
            "is open {hours}: at most {most} of it fits in five years ({days} days), so the "
            "deadline can never be worked out; shorten the target, count calendar time "
            "(`clock: calendar`), or give the calendar more hours",
        ),
        "sla-target-beyond-calendar.days": Said(
            vi="{who}: `{target}: {within}` đếm ngày làm việc trên lịch `{calendar}`, vốn trong "
            "năm năm ({days} ngày) có tối đa {most} ngày mở cửa, nên không tính được hạn chót; "
            "hãy giảm số ngày làm việc, tính theo giờ lịch (`clock: calendar`, ví dụ `30d`), hoặc "
            "thêm ngày mở cửa cho lịch",
            en="{who}: `{target}: {within}` counts business days of calendar `{calendar}`, which "
            "has at most "
            "{most} opening days in five years ({days} days), so the deadline can never be "
            "worked out; count fewer business days, count calendar time (`clock: calendar` with "
            "days such as `30d`), or give the calendar more opening days",
        ),
        "sla.open.weekly": Said(vi="chỉ {weekly} mỗi tuần", en="only {weekly} a week"),
        "sla.open.overrides": Said(
            vi="chỉ trong các ngày điều chỉnh (`overrides`)", en="on its overrides only"
        ),
        "sla-escalation-closed": Said(
            vi="bước `{step}` chuyển cấp `{target}` ({within}) của {who} đến `{to}`, nhưng lịch "
            "`{calendar}` của `{to}` đóng trọn một khoảng như vậy (ví dụ từ {start}) trong khi "
            "đồng hồ đó vẫn chạy; hãy chuyển cấp đến nơi mở cửa vào lúc đó, hoặc cho chỉ tiêu "
            "một lịch đóng cùng lúc",
            en="step `{step}` escalates {who}'s `{target}` ({within}) to `{to}`, but `{to}`'s "
            "calendar `{calendar}` is closed for a whole such window (e.g. from {start}) while "
            "that clock runs; escalate to a holder open then, or give the target a calendar "
            "that closes with it",
        ),
        # -- workload -----------------------------------------------------------------------
        "workload-department-mismatch": Said(
            vi="khối lượng công việc được viết cho bộ phận `{written}`, nhưng đang được kiểm "
            "tra với `{dept}`; hãy kiểm tra với tệp của bộ phận đó, hoặc đặt "
            "`department: {dept}`",
            en="the workload is written for department `{written}`, but it is checked against "
            "`{dept}`; check it against that department's file, or set `department: {dept}`",
        ),
        "workload-duplicate-id": _DUPLICATE_ID,
        "workload-unknown-profile": Said(
            vi="hồ sơ tải `{profile}` chưa được khai báo{hint}",
            en="profile `{profile}` is not defined{hint}",
        ),
        "workload-unknown-calendar": Said(
            vi="`special_days` của hồ sơ tải `{profile}` dùng lịch `{calendar}`, lịch này chưa "
            "được khai báo trong bộ phận{hint}",
            en="the `special_days` of profile `{profile}` name calendar `{calendar}`, which the "
            "department does not define{hint}",
        ),
        "workload-unknown-calendar.use": Said(
            vi="; hãy dùng id của một lịch trong `calendars` của bộ phận",
            en="; use the id of a calendar under the department's `calendars`",
        ),
        "workload-special-days-no-holidays": Said(
            vi="lịch `{calendar}` không có ngày nghỉ lễ nào (không có `holidays` lẫn "
            "`public_holidays`), nên hệ số ngày lễ và các ngày trước, sau lễ trong "
            "`special_days` của hồ sơ tải `{profile}` không bao giờ được dùng; hãy chọn lịch có "
            "ngày lễ, thêm `public_holidays: {{country: VN}}` vào lịch, hoặc chỉ dùng `dates`",
            en="calendar `{calendar}` has no holidays (neither `holidays` nor "
            "`public_holidays`), so the holiday, before and after factors of profile "
            "`{profile}`'s `special_days` never apply; name a calendar with holidays, add "
            "`public_holidays: {{country: VN}}` to it, or use `dates` only",
        ),
        "workload-profile-zero": Said(
            vi="mọi hệ số `{which}` của hồ sơ tải `{profile}` đều bằng 0, nên {silenced}; hãy "
            "cho giờ và ngày mở cửa một hệ số lớn hơn 0",
            en="every `{which}` factor of profile `{profile}` is 0, so {silenced}; give the "
            "open hours and days a factor above 0",
        ),
        "workload-self-service-unmatched": Said(
            vi="không phiếu nào của tải vào khâu tự phục vụ `{stage}`: {why}; hãy sửa `when` "
            "cho khớp một luồng, đặt khâu này trước, hoặc bỏ nó",
            en="no ticket of the workload enters self-service stage `{stage}`: {why}; fix its "
            "`when` to match a stream, move it before, or remove it",
        ),
        "workload-self-service-unmatched.none": Said(
            vi="`when` của nó không khớp phiếu nào của các luồng",
            en="its `when` matches no stream's tickets",
        ),
        "workload-self-service-unmatched.earlier": Said(
            vi="`when` của nó không khớp phiếu nào của các luồng, hoặc các khâu trước ({earlier}) "
            "đã nhận hết",
            en="its `when` matches no stream's tickets, or the stages before it ({earlier}) "
            "take them all",
        ),
        "workload-self-service-contains-all": Said(
            vi="khâu tự phục vụ `{stage}` tự giải quyết 100 % phiếu của mọi loại vào nó "
            "({categories}), nên không phiếu nào đến bộ định tuyến hay nhân viên; hãy đặt "
            "tỷ lệ dưới 1 (tỷ lệ đo được trong dữ liệu chatbot/IVR)",
            en="self-service stage `{stage}` contains every ticket of every category that "
            "enters it ({categories}), so none reaches the router or an agent; set a share "
            "below 1 (the share measured in the chatbot's or IVR's data)",
        ),
        "workload-profile-zero.one": Said(
            vi="luồng {names} sẽ không bao giờ gửi phiếu nào",
            en="stream {names} never sends a ticket",
        ),
        "workload-profile-zero.many": Said(
            vi="các luồng {names} sẽ không bao giờ gửi phiếu nào",
            en="streams {names} never send a ticket",
        ),
        "workload-profile-zero.unused": Said(
            vi="luồng nào dùng hồ sơ này sẽ không bao giờ gửi phiếu nào",
            en="a stream using it would never send a ticket",
        ),
        "workload-attribute-value.enum": Said(
            vi="`{name}` không thể là `{value}`{hint}; lược đồ phiếu cho phép {values}",
            en="`{name}` cannot be `{value}`{hint}; the ticket schema allows {values}",
        ),
        "workload-attribute-value.boolean": Said(
            vi="`{name}` là thuộc tính có/không; hãy ghi `true` hoặc `false`, không phải `{value}`",
            en="`{name}` is a yes/no attribute; write `true` or `false`, not `{value}`",
        ),
        "workload-attribute-value.number": Said(
            vi="`{name}` là thuộc tính số; hãy ghi một số, không phải `{value}`",
            en="`{name}` is a number attribute; write a number, not `{value}`",
        ),
        "workload-attribute-value.integer": Said(
            vi="`{name}` chỉ nhận số nguyên; hãy ghi một số nguyên, không phải {value}",
            en="`{name}` takes whole numbers only; write a whole number, not {value}",
        ),
        "workload-attribute-value.below": Said(
            vi="`{name}` là {value}, thấp hơn mức tối thiểu {minimum}; hãy tăng lên",
            en="`{name}` is {value}, below its minimum {minimum}; raise it",
        ),
        "workload-attribute-value.above": Said(
            vi="`{name}` là {value}, cao hơn mức tối đa {maximum}; hãy giảm xuống",
            en="`{name}` is {value}, above its maximum {maximum}; lower it",
        ),
        "workload-attribute-value.text": Said(
            vi="`{name}` là thuộc tính văn bản; hãy đặt giá trị trong dấu ngoặc kép",
            en="`{name}` is a text attribute; write the value in quotes",
        ),
        "workload-attribute-value.long": Said(
            vi="`{name}` dài hơn {most} ký tự; hãy rút ngắn",
            en="`{name}` is longer than {most} characters; shorten it",
        ),
        "workload-attribute-value.mix": Said(
            vi="`{name}` là thuộc tính kiểu `{type}`, nhưng `mix` rút giá trị theo tên (chỉ "
            "thuộc tính liệt kê mới trộn được); hãy cố định giá trị trong `attributes`, hoặc "
            "tách thành một luồng cho mỗi giá trị",
            en="`{name}` is a {type} attribute, but `mix` draws values by name (only enum "
            "attributes can be mixed); fix its value in `attributes`, or split the stream in "
            "one stream per value",
        ),
        "workload-attribute-value.no-category": Said(
            vi="lược đồ phiếu không có thuộc tính liệt kê `category`, nên không phiếu nào có "
            "category `{value}`; hãy bỏ `category` để thời gian xử lý của đơn vị áp dụng cho "
            "mọi phiếu",
            en="the ticket schema has no `category` enum attribute, so no ticket has category "
            "`{value}`; remove `category` to give the unit's time for every ticket",
        ),
        "workload-attribute-value.channel": Said(
            vi="`{channel}` không phải một kênh của bộ phận{hint}",
            en="`{channel}` is not a channel of the department{hint}",
        ),
        "workload.channels-are": Said(vi="; các kênh là {known}", en="; the channels are {known}"),
        "workload.no-channel-enum": Said(
            vi="không có: lược đồ phiếu không có thuộc tính liệt kê `channel`",
            en="none: the ticket schema has no `channel` enum",
        ),
        "workload-unknown-attribute": Said(
            vi="thuộc tính `{name}` (trong `{where}`) không có trong lược đồ phiếu của bộ "
            "phận{hint}; hãy sửa tên hoặc thêm thuộc tính vào `ticket_schema`",
            en="attribute `{name}` (in `{where}`) is not in the department's ticket "
            "schema{hint}; fix the name or add the attribute to `ticket_schema`",
        ),
        "workload-unknown-attribute.has": Said(
            vi="; lược đồ phiếu có {known}", en="; the ticket schema has {known}"
        ),
        "workload-missing-attribute": Said(
            vi="phiếu của luồng `{stream}` không có `{name}`, thuộc tính mà lược đồ phiếu bắt "
            "buộc; hãy thêm `{name}: …` vào `attributes` của luồng, hoặc rút giá trị trong "
            "`mix`",
            en="the tickets of stream `{stream}` have no `{name}`, which the ticket schema "
            "requires; add `{name}: …` to its `attributes`, or draw it in `mix`",
        ),
        "workload-unknown-unit": Said(
            vi="đơn vị `{unit}` chưa được khai báo trong bộ phận{hint}",
            en="unit `{unit}` is not defined in the department{hint}",
        ),
        "workload-unknown-unit.use": Said(
            vi="; hãy dùng id của một đơn vị trong `units`",
            en="; use the id of a unit under `units`",
        ),
        "workload-duplicate-service": Said(
            vi="service[{first}] đã cho đơn vị `{unit}` thời gian xử lý cho {what}; hãy giữ "
            "một trong hai",
            en="service[{first}] already gives unit `{unit}` a time for {what}; keep one of them",
        ),
        "workload.category": Said(vi="loại yêu cầu `{category}`", en="category `{category}`"),
        "workload.every-category": Said(vi="mọi loại yêu cầu", en="every category"),
        "workload-unknown-holder": Said(
            vi="`{holder}` không phải đơn vị cũng không phải bên ngoài của bộ phận{hint}",
            en="holder `{holder}` is neither a unit nor an external party of the department{hint}",
        ),
        "workload-unknown-holder.use": Said(
            vi="; hãy dùng id của một đơn vị hoặc một bên ngoài",
            en="; use the id of a unit or of an external party",
        ),
        "workload-duplicate-holder": Said(
            vi="holders[{first}] đã nêu điều xảy ra tại `{holder}`; hãy gộp hai mục",
            en="holders[{first}] already says what happens at `{holder}`; merge the two entries",
        ),
        "workload-no-manual-step": Said(
            vi="`{holder}` chuyển cấp {share} số phiếu của mình, nhưng không bước chuyển cấp "
            "nào từ `{holder}` có kích hoạt `manual`, nên các phiếu đó sẽ nằm lại; hãy thêm "
            "`{{on: manual}}` vào một bước từ `{holder}`, hoặc đặt `escalate: 0` (và tăng "
            "`resolve`)",
            en="`{holder}` escalates {share} of its tickets, but no escalation step from "
            "`{holder}` has a `manual` trigger, so they would stay; add `{{on: manual}}` to a "
            "step from it, or set `escalate: 0` (and raise `resolve`)",
        ),
        "workload-no-partner-step": Said(
            vi="`{holder}` gửi {share} số phiếu của mình cho đối tác, nhưng không có bước "
            "chuyển cấp chức năng nào đi từ `{holder}`; hãy thêm một bước "
            "(`kind: functional`), hoặc đặt `partner: 0` (và tăng `resolve`)",
            en="`{holder}` sends {share} of its tickets to a partner, but no functional "
            "escalation step leaves `{holder}`; add one (`kind: functional`), or set "
            "`partner: 0` (and raise `resolve`)",
        ),
        "workload-no-routing": Said(
            vi="bộ phận `{dept}` không có mục `routing`, nên phiếu không được chuyển đi đâu; "
            "hãy thêm quy tắc định tuyến và một đơn vị `default` cho bộ phận",
            en="department `{dept}` has no `routing` section, so its tickets go nowhere; add "
            "routing rules and a `default` unit to the department",
        ),
        "workload.came": Said(
            vi="phiếu của luồng `{stream}` đến đó qua {via}",
            en="tickets of stream `{stream}` reach it by {via}",
        ),
        "workload.via.rule": Said(vi="quy tắc `{rule}`", en="rule `{rule}`"),
        "workload.via.step": Said(
            vi="bước chuyển cấp `{step}` từ `{holder}`",
            en="escalation step `{step}` from `{holder}`",
        ),
        "workload-unit-unstaffed": Said(
            vi="đơn vị `{holder}` không có nhân sự, vậy mà {came}; hãy thêm một dòng nhân sự, "
            "hoặc thay đổi định tuyến hay chuyển cấp đang gửi phiếu đến đó",
            en="unit `{holder}` has no staff, yet {came}; give it a staff line, or change the "
            "routing or escalation that sends tickets there",
        ),
        "workload-no-service-time": Said(
            vi="đơn vị `{holder}` không có thời gian xử lý cho các phiếu đến đó (loại yêu cầu: "
            "{categories}; luồng `{stream}` qua {via}); hãy thêm `{example}` vào `service`",
            en="unit `{holder}` has no handling time for the tickets that reach it "
            "(categories: {categories}; stream `{stream}` by {via}); add `{example}` to "
            "`service`",
        ),
        "workload.no-category": Said(vi="(không có)", en="(none)"),
        "workload-no-turnaround": Said(
            vi="bên ngoài `{holder}` không có nhân viên được mô phỏng và không có "
            "`turnaround`, vậy mà {came}; hãy thêm `{example}` vào `holders`",
            en="external party `{holder}` has no agents simulated and no `turnaround`, yet "
            "{came}; add `{example}` under `holders`",
        ),
        # -- the loader: YAML, limits, includes, encoding -----------------------------------
        "yaml-syntax": Said(
            vi="lỗi cú pháp YAML: {problem}; hãy kiểm tra thụt lề (dùng dấu cách, không dùng "
            "tab), dấu ngoặc kép và dấu ngoặc tại đây",
            en="YAML syntax error: {problem}; check indentation (spaces, not tabs), quotes and "
            "brackets here",
        ),
        "yaml-syntax.other": Said(vi="lỗi YAML: `{problem}`", en="YAML error: {problem}"),
        # -- PyYAML's problems (yaml-syntax's {problem}; see loading/yaml_problems.py) -------
        "yaml-problem.in-context": Said(vi="{context}, {problem}", en="{context} {problem}"),
        "yaml-problem.unknown": Said(vi="trình đọc YAML báo `{text}`", en="{text}"),
        "yaml-problem.found.unknown": Said(vi="{found}", en="{found}"),
        "yaml-problem.found.scalar": Said(vi="một giá trị", en="'<scalar>'"),
        "yaml-problem.found.block-mapping-start": Said(
            vi="đầu một ánh xạ mới", en="'<block mapping start>'"
        ),
        "yaml-problem.found.block-sequence-start": Said(
            vi="đầu một danh sách mới", en="'<block sequence start>'"
        ),
        "yaml-problem.found.block-end": Said(vi="chỗ kết thúc một khối", en="'<block end>'"),
        "yaml-problem.found.stream-end": Said(vi="cuối tệp", en="'<stream end>'"),
        "yaml-problem.found.document-start": Said(
            vi="dấu mở đầu tài liệu `---`", en="'<document start>'"
        ),
        "yaml-problem.found.document-end": Said(
            vi="dấu kết thúc tài liệu `...`", en="'<document end>'"
        ),
        "yaml-problem.found.alias": Said(vi="một bí danh (`*`)", en="'<alias>'"),
        "yaml-problem.found.anchor": Said(vi="một neo (`&`)", en="'<anchor>'"),
        "yaml-problem.found.tag": Said(vi="một thẻ (`!`)", en="'<tag>'"),
        "yaml-problem.found.key": Said(vi="một khóa (`?`)", en="'?'"),
        "yaml-problem.found.entry": Said(vi="một mục danh sách (`-`)", en="'-'"),
        # where the reader was
        "yaml-problem.while.next-token": Said(
            vi="khi tìm phần tử tiếp theo", en="while scanning for the next token"
        ),
        "yaml-problem.while.simple-key": Said(
            vi="khi đọc một khóa", en="while scanning a simple key"
        ),
        "yaml-problem.while.block-mapping": Said(
            vi="khi đọc các dòng `khóa: giá trị`",
            en="while parsing a block mapping",
        ),
        "yaml-problem.while.block-collection": Said(
            vi="khi đọc các mục `- …` của một danh sách",
            en="while parsing a block collection",
        ),
        "yaml-problem.while.flow-mapping": Said(
            vi="khi đọc một ánh xạ trong `{{…}}`", en="while parsing a flow mapping"
        ),
        "yaml-problem.while.flow-sequence": Said(
            vi="khi đọc một danh sách trong `[…]`", en="while parsing a flow sequence"
        ),
        "yaml-problem.while.node": Said(vi="khi đọc một giá trị", en="while parsing a node"),
        "yaml-problem.while.quoted": Said(
            vi="khi đọc một văn bản trong dấu ngoặc", en="while scanning a quoted scalar"
        ),
        "yaml-problem.while.plain": Said(
            vi="khi đọc một văn bản không có dấu ngoặc", en="while scanning a plain scalar"
        ),
        "yaml-problem.while.block-scalar": Said(
            vi="khi đọc một khối văn bản (`|` hoặc `>`)", en="while scanning a block scalar"
        ),
        "yaml-problem.while.alias": Said(
            vi="khi đọc một bí danh (`*`)", en="while scanning an alias"
        ),
        "yaml-problem.while.anchor": Said(
            vi="khi đọc một neo (`&`)", en="while scanning an anchor"
        ),
        "yaml-problem.while.tag": Said(vi="khi đọc một thẻ (`!`)", en="while scanning a tag"),
        "yaml-problem.while.directive": Said(
            vi="khi đọc một chỉ thị (`%`)", en="while scanning a directive"
        ),
        # what went wrong
        "yaml-problem.mapping-values": Said(
            vi="không được viết `khóa: giá trị` ở chỗ này (thường là do thụt lề sai, hoặc một "
            "văn bản chứa `: ` chưa được đặt trong dấu ngoặc kép)",
            en="mapping values are not allowed here",
        ),
        "yaml-problem.mapping-keys": Said(
            vi="không được viết một khóa ở chỗ này", en="mapping keys are not allowed here"
        ),
        "yaml-problem.sequence-entries": Said(
            vi="không được viết mục danh sách (`- `) ở chỗ này (thường là do thụt lề sai)",
            en="sequence entries are not allowed here",
        ),
        "yaml-problem.cannot-start": Said(
            vi="gặp một ký tự không thể đứng đầu một giá trị (như `@`, `%` hoặc tab); văn bản "
            "bắt đầu bằng ký tự như vậy phải đặt trong dấu ngoặc kép",
            en="found character that cannot start any token",
        ),
        "yaml-problem.cannot-start.char": Said(
            vi="gặp ký tự '{char}', ký tự không thể đứng đầu một giá trị; văn bản bắt đầu bằng "
            "ký tự này phải đặt trong dấu ngoặc kép",
            en="found character '{char}' that cannot start any token",
        ),
        "yaml-problem.tab": Said(
            vi="gặp ký tự tab trong phần thụt lề; hãy thụt lề bằng dấu cách",
            en="found a tab character that violates indentation",
        ),
        "yaml-problem.colon": Said(
            vi="không tìm thấy dấu `:` sau khóa", en="could not find expected ':'"
        ),
        "yaml-problem.key": Said(
            vi="không tìm thấy khóa tiếp theo ở mức thụt lề này",
            en="did not find expected key",
        ),
        "yaml-problem.entry": Said(
            vi="không tìm thấy mục danh sách (`- `) tiếp theo ở mức thụt lề này",
            en="did not find expected '-' indicator",
        ),
        "yaml-problem.block-end": Said(
            vi="khối chưa kết thúc (thụt lề về mức trước) mà đã gặp {found}",
            en="expected <block end>, but found {found}",
        ),
        "yaml-problem.node-content": Said(
            vi="không tìm thấy giá trị ở chỗ cần có", en="did not find expected node content"
        ),
        "yaml-problem.node-content.found": Said(
            vi="cần một giá trị, nhưng gặp {found}",
            en="expected the node content, but found {found}",
        ),
        "yaml-problem.flow-sequence": Said(
            vi="không tìm thấy `,` hoặc `]`: danh sách chưa được đóng",
            en="did not find expected ',' or ']'",
        ),
        "yaml-problem.flow-sequence.found": Said(
            vi="cần `,` hoặc `]` (danh sách chưa được đóng), nhưng gặp {found}",
            en="expected ',' or ']', but got {found}",
        ),
        "yaml-problem.flow-mapping": Said(
            vi="không tìm thấy `,` hoặc `}}`: ánh xạ chưa được đóng",
            en="did not find expected ',' or '}}'",
        ),
        "yaml-problem.flow-mapping.found": Said(
            vi="cần `,` hoặc `}}` (ánh xạ chưa được đóng), nhưng gặp {found}",
            en="expected ',' or '}}', but got {found}",
        ),
        "yaml-problem.end-of-stream": Said(
            vi="tệp kết thúc giữa chừng (thiếu dấu ngoặc đóng?)",
            en="found unexpected end of stream",
        ),
        "yaml-problem.document-separator": Said(
            vi="gặp dấu phân cách tài liệu (`---` hoặc `...`) ở giữa văn bản trong dấu ngoặc",
            en="found unexpected document separator",
        ),
        "yaml-problem.document-start": Said(
            vi="sau dấu kết thúc tài liệu (`...`) chỉ được có một tài liệu mới bắt đầu bằng `---`",
            en="did not find expected <document start>",
        ),
        "yaml-problem.document-start.found": Said(
            vi="cần dấu mở đầu tài liệu (`---`), nhưng gặp {found}",
            en="expected '<document start>', but found {found}",
        ),
        "yaml-problem.escape": Said(
            vi="gặp một chuỗi thoát không hợp lệ sau `\\`; trong dấu ngoặc kép, hãy viết `\\\\` "
            "cho một dấu `\\`, hoặc dùng dấu nháy đơn",
            en="found unknown escape character",
        ),
        "yaml-problem.escape.char": Said(
            vi="gặp chuỗi thoát không hợp lệ `\\{char}` trong dấu ngoặc kép; hãy viết `\\\\` "
            "cho một dấu `\\`, hoặc dùng dấu nháy đơn",
            en="found unknown escape character '{char}'",
        ),
        "yaml-problem.hex-escape": Said(
            vi="chuỗi thoát `\\x`, `\\u` hoặc `\\U` cần đủ chữ số thập lục phân",
            en="did not find expected hexdecimal number",
        ),
        "yaml-problem.hex-escape.found": Said(
            vi="chuỗi thoát cần {digits} chữ số thập lục phân, nhưng gặp '{char}'",
            en="expected escape sequence of {digits} hexadecimal numbers, but found '{char}'",
        ),
        "yaml-problem.tag-handle": Said(
            vi="gặp tiền tố thẻ chưa được khai báo (chỉ đọc dữ liệu YAML thuần: hãy xóa thẻ)",
            en="found undefined tag handle",
        ),
        "yaml-problem.tag-handle.named": Said(
            vi="gặp tiền tố thẻ `{handle}` chưa được khai báo (chỉ đọc dữ liệu YAML thuần: hãy "
            "xóa thẻ)",
            en="found undefined tag handle '{handle}'",
        ),
        "yaml-problem.indentation-zero": Said(
            vi="chỉ báo thụt lề của khối văn bản phải từ 1 đến 9, không phải 0",
            en="found an indentation indicator equal to 0",
        ),
        "yaml-problem.name": Said(
            vi="ở đây cần một chữ cái hoặc chữ số (ví dụ tên sau `&` hoặc `*`)",
            en="did not find expected alphabetic or numeric character",
        ),
        "yaml-problem.name.found": Said(
            vi="ở đây cần một chữ cái hoặc chữ số (ví dụ tên sau `&` hoặc `*`), nhưng gặp '{char}'",
            en="expected alphabetic or numeric character, but found '{char}'",
        ),
        "yaml-problem.directive": Said(
            vi="gặp chỉ thị không xác định (một tài liệu bộ phận không cần chỉ thị `%`: hãy xóa "
            "nó)",
            en="found unknown directive name",
        ),
        "yaml-syntax.character-unknown": Said(
            vi="văn bản chứa một ký tự YAML không cho phép",
            en="the text holds a character YAML does not allow",
        ),
        "yaml-syntax.character": Said(
            vi="ký tự U+{code} không được phép trong YAML (ký tự điều khiển, surrogate đơn lẻ, "
            "U+FFFE và U+FFFF đều bị cấm); hãy xóa ký tự này",
            en="the character U+{code} is not allowed in YAML (control characters, lone "
            "surrogates, U+FFFE and U+FFFF are not); remove it",
        ),
        "yaml-syntax.alias": Said(
            vi="bí danh `*{name}` không trỏ tới neo nào được định nghĩa trước nó (bí danh "
            "không thể trỏ tới chính khối chứa nó); hãy định nghĩa `&{name}` sớm hơn",
            en="the alias `*{name}` names no anchor defined before it (an alias cannot refer "
            "to its own container); define `&{name}` earlier",
        ),
        "yaml-too-deep": Said(
            vi="cấu trúc lồng sâu hơn {depth} cấp; một tài liệu bộ phận cần ít hơn nhiều: hãy "
            "làm phẳng cấu trúc",
            en="nesting is deeper than {depth} levels; a department document needs far fewer: "
            "flatten the structure",
        ),
        "loader.too-many": Said(
            vi="{message}; có hơn {limit} lỗi như vậy, việc đọc dừng tại đây: hãy sửa các lỗi "
            "này trước",
            en="{message}; more than {limit} such problems, reading stopped here: fix these first",
        ),
        "yaml-multiple-documents": Said(
            vi="tệp chứa nhiều hơn một tài liệu YAML (`---`); hãy để mỗi tệp một bộ phận, hoặc "
            "tách các mục bằng `include`",
            en="the file holds more than one YAML document (`---`); put one department per "
            "file, or split sections with `include`",
        ),
        "yaml-too-large.aliases": Said(
            vi="bí danh thêm {aliased} nút vào {written} nút mà văn bản viết ra; bí danh chỉ "
            "được thêm tối đa {most} (bằng số nút văn bản viết ra, hoặc {max_aliased}): hãy "
            "viết đầy đủ các phần lặp lại",
            en="aliases add {aliased} nodes to the {written} the text writes; they may add at "
            "most {most} (as many as the text writes, or {max_aliased}): write the repeated "
            "parts out instead",
        ),
        "yaml-too-large.nodes": Said(
            vi="tài liệu có hơn {nodes} nút (khóa, giá trị, danh sách và ánh xạ, cùng các tệp "
            "được đưa vào), giới hạn giữ cho một tệp độc hại không làm cạn bộ nhớ; một bộ phận "
            "lớn như vậy được đọc với giới hạn cao hơn: `--max-nodes N` trên dòng lệnh, "
            "`Limits(max_nodes=N)` trong Python",
            en="the document holds more than {nodes} nodes (keys, values, lists and mappings, "
            "its included files with it), the limit that keeps a hostile file from exhausting "
            "memory; a department this large is read with a higher limit: `--max-nodes N` on "
            "the command line, `Limits(max_nodes=N)` from Python",
        ),
        "yaml-too-large.expanded": Said(
            vi="tài liệu mở rộng ra hơn {nodes} nút, phần lớn do bí danh thêm vào (mỗi lần "
            "dùng bí danh đều được tính đầy đủ); hãy bỏ các bí danh lặp lại những phần lớn",
            en="the document expands to more than {nodes} nodes, most of them added by aliases "
            "(each use counts in full); remove the aliases that repeat large parts",
        ),
        "yaml-merge-key": Said(
            vi="không hỗ trợ khóa gộp (`<<`); hãy lặp lại các khóa, hoặc dùng chung phần đó "
            "bằng `include`",
            en="merge keys (`<<`) are not supported; repeat the keys, or share the part with "
            "`include`",
        ),
        "yaml-complex-key": Said(
            vi="khóa của ánh xạ phải là văn bản thường, không phải danh sách, ánh xạ hay bí danh",
            en="a mapping key must be plain text, not a list, mapping or alias",
        ),
        "yaml-tag.unsupported": Said(
            vi="không hỗ trợ thẻ `{tag}` (chỉ đọc dữ liệu YAML thuần, không bao giờ đọc đối "
            "tượng); hãy xóa thẻ",
            en="the tag `{tag}` is not supported (only plain YAML data is read, never "
            "objects); remove it",
        ),
        "yaml-tag.misfit": Said(
            vi="`{text}` không khớp với thẻ `{tag}`; hãy xóa thẻ",
            en="`{text}` does not fit its tag `{tag}`; remove the tag",
        ),
        "number-too-large": Said(
            vi="số `{text}` quá lớn để có nghĩa ở đây: một số dài tối đa {length} ký tự và có "
            "độ lớn trong khoảng 1e-{magnitude} đến 1e{magnitude}; hãy kiểm tra lại (đặt "
            "trong dấu ngoặc kép nếu đó là văn bản)",
            en="the number `{text}` is too large to be meant here: a number is at most "
            "{length} characters long and between 1e-{magnitude} and 1e{magnitude} in size; "
            "check it (write it in quotes if it is meant as text)",
        ),
        "duplicate-key": Said(
            vi="khóa `{key}` được viết hai lần trong ánh xạ này (lần đầu ở dòng {line}); hãy "
            "giữ một",
            en="key `{key}` is written twice in this mapping (first at line {line}); keep one "
            "of them",
        ),
        "encoding": Said(
            vi="tệp không phải UTF-8 (không giải mã được byte 0x{byte}); hãy lưu tệp dạng UTF-8",
            en="the file is not UTF-8 (byte 0x{byte} cannot be decoded); save it as UTF-8",
        ),
        "empty-document.department": Said(
            vi="tài liệu trống; hãy bắt đầu từ `cskh-org init`",
            en="the document is empty; start from `cskh-org init`",
        ),
        "empty-document.workload": Said(
            vi="tài liệu khối lượng công việc trống; hãy viết `id`, `start` và `streams` (xem "
            "examples/growing/workload.yaml)",
            en="the workload is empty; write its `id`, `start` and `streams` (see "
            "examples/growing/workload.yaml)",
        ),
        "not-a-mapping.department": Said(
            vi="tài liệu bộ phận phải là một ánh xạ các mục (`id:`, `units:`…), không phải "
            "`{type}`",
            en="a department document is a mapping of sections (`id:`, `units:`…), not a {type}",
        ),
        "not-a-mapping.workload": Said(
            vi="tài liệu khối lượng công việc phải là một ánh xạ các mục (`id:`, `start:`, "
            "`streams:`…), không phải `{type}`",
            en="a workload document is a mapping of sections (`id:`, `start:`, `streams:`…), "
            "not a {type}",
        ),
        "include-error.no-file": Said(
            vi="`include` cần một tài liệu được đọc từ tệp (thư mục của tệp là gốc của các tệp "
            "đưa vào)",
            en="`include` needs a document read from a file (its folder is the include root)",
        ),
        "include-error.not-list": Said(
            vi="`include` là một danh sách đường dẫn tệp: `include: [units.yaml]`",
            en="`include` is a list of file paths: `include: [units.yaml]`",
        ),
        "include-error.too-many": Said(
            vi="có hơn {most} tệp được đưa vào; hãy gộp bớt",
            en="more than {most} files are included; merge some",
        ),
        "include-error.too-large": Said(
            vi="`{item}`: tài liệu và các tệp đưa vào vượt giới hạn tổng cộng {bytes} byte "
            "hoặc {nodes} nút; hãy kiểm tra những gì được đưa vào, hoặc đọc một bộ phận lớn như "
            "vậy với giới hạn nút cao hơn: `--max-nodes N` trên dòng lệnh, "
            "`Limits(max_nodes=N)` trong Python",
            en="`{item}`: the document and its included files are over the limit of {bytes} "
            "bytes or {nodes} nodes in all; check what is included, or read a department this "
            "large with a higher node limit: `--max-nodes N` on the command line, "
            "`Limits(max_nodes=N)` from Python",
        ),
        "include-error.unreadable": Said(vi="`{item}`: {reason}", en="`{item}`: {reason}"),
        "include-error.not-mapping": Said(
            vi="`{item}` phải chứa một ánh xạ các mục của tài liệu (ví dụ `units: [...]`)",
            en="`{item}` must hold a mapping of document sections (e.g. `units: [...]`)",
        ),
        "include-error.not-path": Said(
            vi="mỗi mục include là một đường dẫn tệp tương đối, ví dụ `units.yaml`",
            en="each include is a relative file path, e.g. `units.yaml`",
        ),
        "include-escape.absolute": Said(
            vi="`{item}` là đường dẫn tuyệt đối; tệp đưa vào phải tương đối với thư mục của "
            "tài liệu",
            en="`{item}` is an absolute path; includes are relative to the document's folder",
        ),
        "include-escape.outside": Said(
            vi="`{item}` trỏ ra ngoài thư mục của tài liệu ({folder}); hãy chuyển tệp vào thư "
            "mục đó",
            en="`{item}` points outside the document's folder ({folder}); move the file into "
            "that folder",
        ),
        "include-cycle": Said(
            vi="các tệp đưa vào tạo thành vòng ({cycle}); hãy bỏ một trong số đó",
            en="includes form a cycle ({cycle}); remove one of them",
        ),
        "include-error.twice": Said(
            vi="`{item}` đã được đưa vào (tại {file}:{line}); mỗi tệp chỉ được gộp một lần, "
            "hãy bỏ một mục include",
            en="`{item}` is already included (at {file}:{line}); each file is merged once, "
            "remove one of the includes",
        ),
        "include-error.missing": Said(
            vi="`{item}` không tồn tại (đã tìm {target})",
            en="`{item}` does not exist (looked for {target})",
        ),
        "include-error.not-a-file": Said(
            vi="`{item}` không phải là tệp (đã tìm {target})",
            en="`{item}` is not a file (looked for {target})",
        ),
        "include-error.unfollowable": Said(
            vi="không theo được `{item}` ({reason}); hãy ghi đường dẫn tương đối của một tệp",
            en="`{item}` cannot be followed ({reason}); give the relative path of a file",
        ),
        "include-conflict": Said(
            vi="`{key}` cũng được đặt tại {file}:{line}; hãy chỉ giữ trong một tệp",
            en="`{key}` is also set at {file}:{line}; keep it in one file only",
        ),
        # -- files the library cannot read or write (SourceError; see files.py) -------------
        "os.ENOENT": Said(vi="không có tệp hoặc thư mục này", en="No such file or directory"),
        "os.EACCES": Said(vi="không có quyền truy cập", en="Permission denied"),
        "os.EPERM": Said(vi="thao tác không được phép", en="Operation not permitted"),
        "os.EISDIR": Said(vi="đó là một thư mục", en="Is a directory"),
        "os.ENOTDIR": Said(vi="một phần của đường dẫn không phải là thư mục", en="Not a directory"),
        "os.ENOSPC": Said(vi="thiết bị đã hết dung lượng", en="No space left on device"),
        "os.EDQUOT": Said(vi="đã vượt hạn mức dung lượng đĩa", en="Disk quota exceeded"),
        "os.EROFS": Said(vi="hệ thống tệp chỉ cho phép đọc", en="Read-only file system"),
        "os.ELOOP": Said(
            vi="quá nhiều liên kết tượng trưng nối tiếp nhau",
            en="Too many levels of symbolic links",
        ),
        "os.ENAMETOOLONG": Said(vi="tên tệp quá dài", en="File name too long"),
        "os.EMFILE": Said(vi="đang mở quá nhiều tệp", en="Too many open files"),
        "os.ENFILE": Said(vi="hệ thống đang mở quá nhiều tệp", en="Too many open files in system"),
        "os.EIO": Said(vi="lỗi vào/ra của thiết bị", en="Input/output error"),
        "os.EBUSY": Said(vi="thiết bị hoặc tài nguyên đang bận", en="Device or resource busy"),
        "os.EEXIST": Said(vi="tệp đã tồn tại", en="File exists"),
        "os.EXDEV": Said(
            vi="không thể liên kết sang một hệ thống tệp khác", en="Invalid cross-device link"
        ),
        "os.EFBIG": Said(vi="tệp quá lớn", en="File too large"),
        "os.ETXTBSY": Said(vi="tệp đang được chạy", en="Text file busy"),
        "os.EAGAIN": Said(
            vi="tài nguyên tạm thời chưa sẵn sàng; hãy thử lại",
            en="Resource temporarily unavailable",
        ),
        "os.ENXIO": Said(vi="không có thiết bị hoặc địa chỉ này", en="No such device or address"),
        "os.ENODEV": Said(vi="không có thiết bị này", en="No such device"),
        "os.EINVAL": Said(vi="tham số không hợp lệ", en="Invalid argument"),
        "os.EPIPE": Said(vi="đường ống đã bị đóng", en="Broken pipe"),
        "os.ESTALE": Said(vi="tệp trên ổ mạng không còn hợp lệ", en="Stale file handle"),
        "os.ENOMEM": Said(vi="không đủ bộ nhớ", en="Cannot allocate memory"),
        "os.null-byte": Said(vi="đường dẫn chứa ký tự NUL (\\x00)", en="embedded null byte"),
        "os.other": Said(vi="lỗi của hệ điều hành: `{reason}`", en="{reason}"),
        "file.kind.folder": Said(vi="một thư mục", en="a folder"),
        "file.kind.pipe": Said(vi="một ống dẫn có tên (FIFO)", en="a named pipe"),
        "file.kind.device": Said(vi="một thiết bị", en="a device"),
        "file.kind.socket": Said(vi="một socket", en="a socket"),
        "file.kind.other": Said(vi="không phải tệp thông thường", en="not a regular file"),
        "file.what.tickets": Said(vi="tệp phiếu", en="tickets"),
        "file.what.actual spend": Said(vi="tệp chi tiêu thực tế", en="actual spend"),
        "file.what.output": Said(vi="kết quả", en="output"),
        "file.what.diagram": Said(vi="sơ đồ", en="diagram"),
        "file.what.schema": Said(vi="lược đồ", en="schema"),
        "file.what.router": Said(vi="bộ định tuyến", en="router"),
        "file.what.records": Said(vi="bản ghi", en="records"),
        "file.what.starter": Said(vi="tài liệu mẫu", en="starter"),
        "source.no-file": Said(vi="{name}: không có tệp này", en="{name}: no such file"),
        "source.permission": Said(
            vi="{name}: không có quyền đọc tệp", en="{name}: permission denied"
        ),
        "source.folder": Said(
            vi="{name}: là một thư mục; hãy ghi đường dẫn của một tệp YAML",
            en="{name}: is a folder; give the path of a YAML file",
        ),
        "source.not-a-file": Said(
            vi="{name}: là {kind}, không phải tệp; hãy ghi đường dẫn của một tệp YAML",
            en="{name}: is {kind}, not a file; give the path of a YAML file",
        ),
        "source.unreadable": Said(
            vi="{name}: không đọc được ({reason})", en="{name}: cannot be read ({reason})"
        ),
        "source.too-large": Said(
            vi="{name}: tệp có {size} byte, vượt giới hạn {limit} byte; một tài liệu bộ phận "
            "nhỏ hơn nhiều, hãy kiểm tra đây có đúng là tệp cần đọc không",
            en="{name}: the file is {size} bytes, over the limit of {limit}; a department "
            "document is far smaller, check that this is the right file",
        ),
        "source.too-large.read": Said(
            vi="{name}: tệp vượt giới hạn {limit} byte",
            en="{name}: the file is over the limit of {limit} bytes",
        ),
        "source.department-unbuilt": Said(
            vi="{name}: không dựng được bộ phận mà khối lượng công việc {workload} được viết "
            "cho ({errors}); `cskh-org validate {name}` cho thấy các lỗi đó",
            en="{name}: the department of workload {workload} cannot be built ({errors}); "
            "`cskh-org validate {name}` shows them",
        ),
        "source.errors.one": Said(vi="{n} lỗi", en="{n} error"),
        "source.errors.many": Said(vi="{n} lỗi", en="{n} errors"),
        "file.no-input": Said(
            vi="{name}: không có tệp này ({what})", en="{name}: no such file (the {what})"
        ),
        "file.unreadable-input": Said(
            vi="{name}: không đọc được {what} ({reason})",
            en="{name}: cannot read the {what} ({reason})",
        ),
        "file.input-not-a-file": Said(
            vi="{name}: là {kind}, không phải tệp; hãy ghi {what} là một tệp thông thường "
            "(hoặc - để đọc từ đầu vào chuẩn)",
            en="{name}: is {kind}, not a file; give the {what} as a regular file (or - to "
            "read standard input)",
        ),
        "file.output-is-input": Said(
            vi="{name}: là một trong các đầu vào của lệnh này ({source}); ghi {what} vào đó sẽ "
            "xóa mất nó: hãy ghi một đường dẫn khác",
            en="{name}: is one of this command's inputs ({source}); writing the {what} there "
            "would destroy it: give another path",
        ),
        "file.unwritable": Said(
            vi="{name}: không ghi được {what} ({reason})",
            en="{name}: cannot write the {what} ({reason})",
        ),
        "file.output-link": Said(
            vi="{name}: là một liên kết tượng trưng; cskh-org không ghi qua liên kết: hãy ghi "
            "đường dẫn của chính tệp đó",
            en="{name}: is a symbolic link; cskh-org does not write through links: give the "
            "path of the file itself",
        ),
        "file.output-not-a-file": Said(
            vi="{name}: là {kind}; hãy ghi đường dẫn của một tệp để ghi vào",
            en="{name}: is {kind}; give the path of a file to write",
        ),
        "file.output-exists": Said(
            vi="{name}: đã tồn tại; thêm --force để thay thế",
            en="{name}: already exists; pass --force to replace it",
        ),
        "file.no-folder": Said(
            vi="{name}: không có thư mục {folder}", en="{name}: no such folder {folder}"
        ),
        # -- pydantic's own errors, by type (what the loader maps; see loading/build.py) ----
        "missing-field": Said(
            vi="`{parent}` cần có `{field}`; hãy thêm vào", en="`{parent}` needs `{field}`; add it"
        ),
        "unknown-key": Said(
            vi="khóa `{key}` không hợp lệ{hint}{known}", en="unknown key `{key}`{hint}{known}"
        ),
        "unknown-key.known": Said(
            vi="; các khóa hợp lệ ở đây: {fields}", en="; known keys here: {fields}"
        ),
        "value.at": Said(vi="`{where}`: {message}{hint}", en="`{where}`: {message}{hint}"),
        "value.hint.empty": Said(
            vi="; giá trị đang trống: hãy ghi giá trị sau dấu `:` (bên trong `{{...}}`, đặt văn "
            "bản có dấu `,` trong dấu ngoặc kép)",
            en="; the value is empty: write it after the `:` (inside `{{...}}`, put a text "
            "holding `,` in quotes)",
        ),
        "value.hint.quote": Said(
            vi='; hãy đặt trong dấu ngoặc kép ("{text}") nếu đó là văn bản',
            en='; write it in quotes ("{text}") if it is meant as text',
        ),
        "invalid-money.plain": Said(
            vi="`{path}`: `{amount}` tính bằng tiền tệ của bộ phận, {currency} (quy định: "
            "{allowed}); hãy làm tròn số tiền",
            en="`{path}`: `{amount}` is in the department's currency {currency}, which has "
            "{allowed}; round the amount",
        ),
        "pydantic.literal_error": Said(
            vi="giá trị phải là {expected}", en="input should be {expected}"
        ),
        "pydantic.enum": Said(vi="giá trị phải là {expected}", en="input should be {expected}"),
        "pydantic.int_parsing": Said(
            vi="giá trị phải là số nguyên hợp lệ; không đọc được văn bản thành số nguyên",
            en="input should be a valid integer, unable to parse string as an integer",
        ),
        "pydantic.int_type": Said(
            vi="giá trị phải là số nguyên hợp lệ", en="input should be a valid integer"
        ),
        "pydantic.int_from_float": Said(
            vi="giá trị phải là số nguyên, nhưng số đã ghi có phần thập phân",
            en="input should be a valid integer, got a number with a fractional part",
        ),
        "pydantic.float_parsing": Said(
            vi="giá trị phải là số hợp lệ; không đọc được văn bản thành số",
            en="input should be a valid number, unable to parse string as a number",
        ),
        "pydantic.float_type": Said(
            vi="giá trị phải là số hợp lệ", en="input should be a valid number"
        ),
        "pydantic.finite_number": Said(
            vi="giá trị phải là số hữu hạn", en="input should be a finite number"
        ),
        "pydantic.decimal_parsing": Said(
            vi="giá trị phải là số thập phân hợp lệ", en="input should be a valid decimal"
        ),
        "pydantic.decimal_type": Said(
            vi="giá trị phải là một số",
            en="decimal input should be an integer, float, string or Decimal object",
        ),
        "pydantic.bool_parsing": Said(
            vi="giá trị phải là `true` hoặc `false`; không hiểu được giá trị đã ghi",
            en="input should be a valid boolean, unable to interpret input",
        ),
        "pydantic.bool_type": Said(
            vi="giá trị phải là `true` hoặc `false`", en="input should be a valid boolean"
        ),
        "pydantic.string_type": Said(
            vi="giá trị phải là văn bản", en="input should be a valid string"
        ),
        "pydantic.string_too_short": Said(
            vi="văn bản phải có ít nhất {min_length} ký tự",
            en="string should have at least {min_length} characters",
        ),
        "pydantic.string_too_long": Said(
            vi="văn bản chỉ được có tối đa {max_length} ký tự",
            en="string should have at most {max_length} characters",
        ),
        "pydantic.string_pattern_mismatch": Said(
            vi="văn bản phải khớp mẫu `{pattern}`", en="string should match pattern '{pattern}'"
        ),
        "pydantic.too_short": Said(
            vi="`{field_type}` phải có ít nhất {min_length} mục, hiện có {actual_length}",
            en="{field_type} should have at least {min_length} item after validation, not "
            "{actual_length}",
        ),
        "pydantic.too_long": Said(
            vi="`{field_type}` chỉ được có tối đa {max_length} mục, hiện có {actual_length}",
            en="{field_type} should have at most {max_length} items after validation, not "
            "{actual_length}",
        ),
        "pydantic.greater_than": Said(
            vi="giá trị phải lớn hơn {gt}", en="input should be greater than {gt}"
        ),
        "pydantic.greater_than_equal": Said(
            vi="giá trị phải lớn hơn hoặc bằng {ge}",
            en="input should be greater than or equal to {ge}",
        ),
        "pydantic.less_than": Said(
            vi="giá trị phải nhỏ hơn {lt}", en="input should be less than {lt}"
        ),
        "pydantic.less_than_equal": Said(
            vi="giá trị phải nhỏ hơn hoặc bằng {le}",
            en="input should be less than or equal to {le}",
        ),
        "pydantic.multiple_of": Said(
            vi="giá trị phải là bội số của {multiple_of}",
            en="input should be a multiple of {multiple_of}",
        ),
        "pydantic.list_type": Said(
            vi="giá trị phải là một danh sách", en="input should be a valid list"
        ),
        "pydantic.tuple_type": Said(
            vi="giá trị phải là một danh sách", en="input should be a valid tuple"
        ),
        "pydantic.dict_type": Said(
            vi="giá trị phải là một ánh xạ (`khóa: giá trị`)",
            en="input should be a valid dictionary",
        ),
        "pydantic.model_type": Said(
            vi="giá trị phải là một ánh xạ (`khóa: giá trị`) của `{class_name}`",
            en="input should be a valid dictionary or instance of {class_name}",
        ),
        "pydantic.date_type": Said(
            vi="giá trị phải là ngày hợp lệ", en="input should be a valid date"
        ),
        "pydantic.date_parsing": Said(
            vi="giá trị phải là ngày hợp lệ dạng YYYY-MM-DD (`{error}`)",
            en="input should be a valid date in the format YYYY-MM-DD, {error}",
        ),
        "pydantic.date_from_datetime_parsing": Said(
            vi="giá trị phải là ngày hợp lệ (`{error}`)",
            en="input should be a valid date or datetime, {error}",
        ),
        "pydantic.datetime_type": Said(
            vi="giá trị phải là thời điểm hợp lệ", en="input should be a valid datetime"
        ),
        "pydantic.datetime_parsing": Said(
            vi="giá trị phải là thời điểm hợp lệ (`{error}`)",
            en="input should be a valid datetime, {error}",
        ),
        "pydantic.datetime_from_date_parsing": Said(
            vi="giá trị phải là thời điểm hợp lệ (`{error}`)",
            en="input should be a valid datetime or date, {error}",
        ),
        "pydantic.time_type": Said(
            vi="giá trị phải là giờ hợp lệ", en="input should be a valid time"
        ),
        "pydantic.time_parsing": Said(
            vi="giá trị phải là giờ hợp lệ (`{error}`)",
            en="input should be in a valid time format, {error}",
        ),
        "pydantic.timezone_aware": Said(
            vi="giá trị phải có múi giờ", en="input should have timezone info"
        ),
        "pydantic.date_from_datetime_inexact": Said(
            vi="giá trị phải là một ngày, không kèm giờ (hoặc giờ là 00:00); hãy ghi dạng "
            "YYYY-MM-DD",
            en="datetimes provided to dates should have zero time - e.g. be exact dates",
        ),
        "pydantic.decimal_max_digits": Said(
            vi="số chỉ được có tối đa {max_digits} chữ số",
            en="decimal input should have no more than {max_digits} digits in total",
        ),
        "pydantic.decimal_max_places": Said(
            vi="số chỉ được có tối đa {decimal_places} chữ số thập phân",
            en="decimal input should have no more than {decimal_places} decimal places",
        ),
        "pydantic.decimal_whole_digits": Said(
            vi="số chỉ được có tối đa {whole_digits} chữ số trước dấu thập phân",
            en="decimal input should have no more than {whole_digits} digits before the "
            "decimal point",
        ),
        "pydantic.int_parsing_size": Said(
            vi="số nguyên quá lớn, vượt kích thước tối đa đọc được; hãy kiểm tra số chữ số",
            en="unable to parse input string as an integer, exceeded maximum size",
        ),
        "pydantic.model_attributes_type": Said(
            vi="giá trị phải là một ánh xạ (`khóa: giá trị`)",
            en="input should be a valid dictionary or object to extract fields from",
        ),
        "pydantic.time_delta_type": Said(
            vi="giá trị phải là một khoảng thời gian hợp lệ",
            en="input should be a valid timedelta",
        ),
        "pydantic.union_tag_invalid": Said(
            vi="thẻ `{tag}` tìm qua {discriminator} không khớp với thẻ nào được chờ đợi: "
            "{expected_tags}",
            en="input tag '{tag}' found using {discriminator} does not match any of the "
            "expected tags: {expected_tags}",
        ),
        "pydantic.union_tag_not_found": Said(
            vi="không lấy được thẻ qua trường phân biệt {discriminator}; hãy ghi trường này",
            en="unable to extract tag using discriminator {discriminator}",
        ),
        # -- the model's own refusals (a pydantic error carrying its entry, see refusal) ----
        "value.id": Said(
            vi="`{value}` không phải id hợp lệ: id gồm chữ cái ASCII, chữ số, `_` hoặc `-`, bắt "
            "đầu bằng chữ cái và dài tối đa 64 ký tự; hãy ghi tên hiển thị vào `name`",
            en="`{value}` is not a valid id: ids are ASCII letters, digits, `_` or `-`, start "
            "with a letter and are at most 64 long; put the display name in `name`",
        ),
        "value.ambiguous-number": Said(
            vi="`{value}` có số 0 ở đầu, mà các công cụ YAML đọc theo hai cách (YAML 1.1 hiểu "
            "là số bát phân, YAML 1.2 là số thập phân); hãy ghi `{plain}` cho con số này",
            en="`{value}` has a leading zero, which YAML tools read two ways (YAML 1.1 takes it "
            "as an octal number, YAML 1.2 as decimal); write `{plain}` for the number",
        ),
        "value.number-text": Said(
            vi="`{value}` là văn bản, không phải số; hãy ghi số trực tiếp (chữ số, `.` và `_` "
            "giữa các nhóm chữ số), không có dấu ngoặc kép hay đơn vị",
            en="`{value}` is text, not a number; write the number plainly (digits, `.` and `_` "
            "between digit groups), without quotes or units",
        ),
        "value.display-text.control": Said(
            vi="văn bản hiển thị chứa ký tự điều khiển U+{code}; hãy xóa ký tự này (dùng văn "
            "bản thường; được phép xuống dòng)",
            en="display text contains the control character U+{code}; remove it (use plain "
            "text; line breaks are allowed)",
        ),
        "value.display-text.invisible": Said(
            vi="văn bản hiển thị chứa ký tự vô hình U+{code}, khiến hai tên trông giống nhau mà "
            "lại khác nhau; hãy xóa ký tự này",
            en="display text contains the invisible character U+{code}, which makes two names "
            "that look the same differ; remove it",
        ),
        "value.display-text.blank": Said(
            vi="văn bản hiển thị không được để trống", en="display text must not be blank"
        ),
        "value.display-text.plain": Said(
            vi="`{value}` được đọc thành {kind}, không phải văn bản; hãy đặt trong dấu ngoặc kép "
            '("{value}") nếu đó là văn bản',
            en='`{value}` is read as a {kind}, not as text; write it in quotes ("{value}") if it '
            "is meant as text",
        ),
        "word.boolean": Said(vi="giá trị đúng/sai", en="boolean"),
        "word.number": Said(vi="số", en="number"),
        "value.lang": Said(
            vi="`{value}` không phải mã ngôn ngữ; hãy dùng mã BCP 47 như `vi` hoặc `en`",
            en="`{value}` is not a language tag; use a BCP 47 tag such as `vi` or `en`",
        ),
        "value.localized-text": Said(
            vi="hãy ghi văn bản bằng ít nhất một ngôn ngữ, ví dụ `{{vi: ..., en: ...}}`",
            en="give the text in at least one language, e.g. `{{vi: ..., en: ...}}`",
        ),
        "value.timezone": Said(
            vi="`{value}` không phải múi giờ IANA; hãy ghi ví dụ `Asia/Ho_Chi_Minh`",
            en="`{value}` is not an IANA time zone; write e.g. `Asia/Ho_Chi_Minh`",
        ),
        "value.time-range.form": Said(
            vi="`{value}` không phải khoảng giờ; hãy ghi dạng `08:00-12:00`",
            en="`{value}` is not a time range; write `08:00-12:00`",
        ),
        "value.time-range.order": Said(
            vi="`{value}` kết thúc trước khi bắt đầu; hãy ghi dạng `08:00-12:00`",
            en="`{value}` ends before it starts; write `08:00-12:00`",
        ),
        "value.time-range.overlap": Said(
            vi="giờ mở cửa của `{day}` chồng lên nhau; hãy liệt kê các khoảng riêng biệt theo "
            "thứ tự",
            en="opening hours on `{day}` overlap; list separate ranges in order",
        ),
        "value.currency": Said(
            vi="`{value}` không phải mã tiền tệ ISO 4217; hãy ghi mã ba chữ cái như VND hoặc "
            "USD{hint}",
            en="`{value}` is not an ISO 4217 currency code; write a three-letter code such as "
            "VND or USD{hint}",
        ),
        "value.money.finite": Said(
            vi="số tiền phải là một số hữu hạn", en="an amount must be a finite number"
        ),
        "value.money.too-large": Said(
            vi="`{raw}` lớn hơn mức một số tiền có thể có (dưới 10^15, một triệu tỷ); hãy kiểm "
            "tra số chữ số",
            en="`{raw}` is more than an amount can be (below 10^15, a million billion); check "
            "the number of digits",
        ),
        "value.money.boolean": Said(
            vi="số tiền phải là một số, không phải true/false",
            en="an amount must be a number, not true/false",
        ),
        "value.money.too-long": Said(
            vi="`{raw}` dài hơn mức một số tiền có thể có ({limit} ký tự); hãy kiểm tra lại",
            en="`{raw}` is longer than an amount can be ({limit} characters); check it",
        ),
        "value.money.grouping": Said(
            vi="`{raw}` không phải số tiền: các chữ số chỉ được nhóm bằng một `_` hoặc một dấu "
            "cách giữa chúng (`12_000_000`), dùng `.` cho phần thập phân",
            en="`{raw}` is not an amount: digits may be grouped by one `_` or space between "
            "them (`12_000_000`), with `.` for decimals",
        ),
        "value.money.separators": Said(
            vi="`{raw}`: hãy ghi số tiền không có dấu phân cách hàng nghìn (dùng `_` hoặc không "
            "dùng gì), dùng `.` cho phần thập phân{hint}",
            en="`{raw}`: write amounts without thousands separators (use `_` or nothing), with "
            "`.` for decimals{hint}",
        ),
        "value.money.negative": Said(
            vi="`{raw}`: chi phí không thể là số âm; hãy ghi số tiền đã chi",
            en="`{raw}`: a cost cannot be negative; write the amount spent",
        ),
        "value.money.decimals": Said(
            vi="`{raw}` có nhiều chữ số thập phân hơn mọi loại tiền tệ ({limit}); hãy làm tròn "
            "số tiền",
            en="`{raw}` has more decimals than any currency ({limit}); round the amount",
        ),
        "value.money.not-amount": Said(
            vi="`{raw}` không phải số tiền; hãy ghi ví dụ `12000000 VND`",
            en="`{raw}` is not an amount; write e.g. `12000000 VND`",
        ),
        "value.money.kind": Said(
            vi="số tiền phải là một số hoặc văn bản dạng `12000000 VND`",
            en="an amount must be a number or text like `12000000 VND`",
        ),
        "value.money.precision": Said(
            vi="`{raw}` có nhiều chữ số thập phân hơn mức {currency} cho phép ({allowed}); hãy "
            "làm tròn số tiền",
            en="`{raw}` has more decimals than {currency} allows ({allowed}); round the amount",
        ),
        "value.country": Said(
            vi="`{value}` không phải quốc gia mà gói `holidays` biết{hint}; hãy ghi mã ISO "
            "3166-1 alpha-2 như `VN`",
            en="`{value}` is not a country the `holidays` package knows{hint}; write an ISO "
            "3166-1 alpha-2 code such as `VN`",
        ),
        "value.subdivision.none": Said(
            vi="`{country}` không có đơn vị hành chính nào trong gói `holidays`; hãy bỏ "
            "`subdivision`",
            en="`{country}` has no subdivisions in the `holidays` package; drop `subdivision`",
        ),
        "value.subdivision.unknown": Said(
            vi="`{value}` không phải đơn vị hành chính của `{country}` mà gói `holidays` "
            "biết{hint}; hãy dùng một trong {listed}, hoặc bỏ `subdivision`",
            en="`{value}` is not a subdivision of `{country}` the `holidays` package "
            "knows{hint}; use one of {listed}, or drop `subdivision`",
        ),
        # -- the model's validators (one section each: org, tickets, routing, sla, budget,
        # escalation, workload); each is a refusal carrying its entry ---------------------
        "value.staff-person": Said(
            vi="dòng nhân sự ghi tên một người (`person`) chỉ có headcount là 1; hãy bỏ "
            "`headcount` hoặc tách thành nhiều dòng",
            en="a staff line naming a `person` has headcount 1; remove `headcount` or split "
            "the line",
        ),
        "value.date-range": Said(
            vi="`until` ({until}) sớm hơn `date` ({date}); khoảng ngày bắt đầu từ `date` và "
            "kết thúc ở `until`",
            en="`until` ({until}) is before `date` ({date}); the range runs from `date` to `until`",
        ),
        "value.special-dates.overlap": Said(
            vi="hai mục của `dates` cùng chứa ngày {date}; mỗi ngày chỉ có một hệ số: hãy bỏ "
            "hoặc thu hẹp một mục",
            en="two entries of `dates` both hold {date}; a date has one factor: drop or narrow "
            "one of them",
        ),
        "value.enum-value": Said(
            vi="`{value}` không phải giá trị hợp lệ: giá trị gồm chữ cái ASCII, chữ số, `_`, "
            "`.` hoặc `-` (tối đa 64 ký tự); hãy ghi văn bản hiển thị vào `labels`",
            en="`{value}` is not a valid value: values are ASCII letters, digits, `_`, `.` or "
            "`-` (at most 64); put the display text in `labels`",
        ),
        "value.attribute-name": Said(
            vi="`{value}` không phải tên thuộc tính hợp lệ: tên gồm chữ cái ASCII viết "
            "thường, chữ số và `_`, bắt đầu bằng chữ cái",
            en="`{value}` is not a valid attribute name: lowercase ASCII letters, digits and "
            "`_`, starting with a letter",
        ),
        "value.enum.twice": Said(
            vi="giá trị `{value}` được liệt kê hai lần; hãy giữ một",
            en="value `{value}` is listed twice",
        ),
        "value.enum.label": Said(
            vi="`labels` có `{key}`, nhưng đó không phải một trong các `values`; hãy thêm vào "
            "`values` hoặc sửa chính tả",
            en="`labels` names `{key}`, which is not one of `values`; add it to `values` or fix "
            "the spelling",
        ),
        "value.number-range": Said(
            vi="`minimum` lớn hơn `maximum`; hãy đổi chỗ hai giá trị",
            en="`minimum` is greater than `maximum`; swap them",
        ),
        "value.attribute-test.empty": Said(
            vi="phép kiểm tra thuộc tính cần một toán tử: một trong {operators}",
            en="an attribute test needs an operator: one of {operators}",
        ),
        "value.duration.no-unit": Said(
            vi="`{value}` không có đơn vị thời gian; hãy ghi số giây, phút, giờ hoặc ngày: "
            "`20s`, `30m`, `4h`, `2d`",
            en="`{value}` has no unit; write seconds, minutes, hours or days: `20s`, `30m`, "
            "`4h`, `2d`",
        ),
        "value.duration.form": Said(
            vi="`{value}` không phải khoảng thời gian; hãy ghi `20s`, `30m`, `4h`, `1h30m` "
            "hoặc `2d`",
            en="`{value}` is not a duration; write `20s`, `30m`, `4h`, `1h30m` or `2d`",
        ),
        "value.duration.zero": Said(
            vi="chỉ tiêu bằng 0 không bao giờ đạt được; hãy ghi một khoảng thời gian lớn hơn 0",
            en="a target of zero time can never be met",
        ),
        "value.duration.too-long": Said(
            vi="`{value}` dài hơn một năm ({limit}); chỉ tiêu SLA tính bằng giây, phút, giờ "
            "hoặc ngày: hãy kiểm tra con số và đơn vị thời gian",
            en="`{value}` is longer than a year ({limit}); an SLA target is seconds, minutes, "
            "hours or days: check the number and its unit",
        ),
        "value.business-days.zero": Said(
            vi="`0bd` (không ngày làm việc) không bao giờ đạt được; hãy ghi từ `1bd` trở lên",
            en="`0bd` (no business day) can never be met; write `1bd` or more",
        ),
        "value.business-days.alone": Said(
            vi="`{value}` ghép ngày làm việc (`bd`) với giờ hoặc ngày đồng hồ; ngày làm việc "
            "đứng một mình: hãy ghi `1bd` (một ngày làm việc của lịch) hoặc một khoảng thời gian "
            "như `1d2h`, `10h`",
            en="`{value}` joins business days (`bd`) with hours or 24-hour days; business days "
            "stand alone: write `1bd` (one opening day of the calendar) or a duration such as "
            "`1d2h`, `10h`",
        ),
        "value.business-days.too-many": Said(
            vi="`{value}` nhiều hơn {most} ngày làm việc; hãy kiểm tra con số (chỉ tiêu dài hơn "
            "nên ghi bằng ngày đồng hồ, ví dụ `365d`)",
            en="`{value}` is more than {most} business days; check the number (a longer target "
            "is written in 24-hour days, such as `365d`)",
        ),
        "value.business-days.form": Said(
            vi="`{value}` không phải số ngày làm việc; hãy ghi một số nguyên từ 1 đến {most} "
            "liền với `bd`, không có khoảng trắng: `1bd`, `3bd`",
            en="`{value}` is not a number of business days; write a whole number from 1 to "
            "{most} right before `bd`, without a space: `1bd`, `3bd`",
        ),
        "value.budget-months.empty": Said(
            vi="`months: []` không ghi khoản chi vào tháng nào; hãy liệt kê các tháng phát sinh "
            "chi phí, hoặc bỏ `months` để tính cho mọi tháng",
            en="`months: []` books the line in no month; list the months it is spent in, or "
            "remove `months` for every month",
        ),
        "value.budget-months.twice": Said(
            vi="tháng {month} được liệt kê hai lần, nhưng số tiền hằng tháng chỉ được ghi một "
            "lần mỗi tháng; hãy liệt kê mỗi tháng một lần (muốn gấp đôi số tiền, hãy nhân đôi "
            "`amount`)",
            en="month {month} is listed twice, but a monthly amount is booked once a month; "
            "list each month once (for twice the amount, double `amount`)",
        ),
        "value.budget-line.months-and-date": Said(
            vi="một khoản chi có `months` (số tiền hằng tháng) hoặc `date` (số tiền chi một "
            "lần), không có cả hai",
            en="a line has either `months` (a monthly amount) or `date` (a one-off amount), "
            "not both",
        ),
        "value.budget-line.dated-per-year": Said(
            vi="`amount` của khoản chi có ngày đã là toàn bộ số tiền; hãy bỏ `per: year`",
            en="a dated line's `amount` is already its whole amount; drop `per: year`",
        ),
        "value.budget-line.staff": Said(
            vi="chi phí nhân sự được tính từ các dòng nhân sự của đơn vị; đừng ghi thành khoản "
            "chi (hãy thêm một dòng nhân sự cho đơn vị)",
            en="staff cost is derived from the units' staff lines; do not write it as a line "
            "(add a staff line to the unit instead)",
        ),
        "value.party": Said(
            vi="một bên là `unit: ID` hoặc `external: ID`, đúng một trong hai",
            en="a party is either `unit: ID` or `external: ID`, exactly one",
        ),
        "value.trigger": Said(vi="{problems}", en="{problems}"),
        "value.trigger.target": Said(
            vi="`target` chỉ dùng với `sla_warning` và `sla_breach`",
            en="`target` goes with `sla_warning` and `sla_breach` only",
        ),
        "value.trigger.at-percent": Said(
            vi="`at_percent` chỉ dùng với `sla_warning`",
            en="`at_percent` goes with `sla_warning` only",
        ),
        "value.trigger.reopens-needed": Said(
            vi="`reopened` cần `reopens`: phiếu bị mở lại bao nhiêu lần thì bước được kích hoạt",
            en="`reopened` needs `reopens`: how many reopenings fire the step",
        ),
        "value.trigger.reopens": Said(
            vi="`reopens` chỉ dùng với `reopened`", en="`reopens` goes with `reopened` only"
        ),
        "value.trigger.values-needed": Said(
            vi="`{kind}` cần `values`: những giá trị `{kind}` nào kích hoạt bước",
            en="`{kind}` needs `values`: which {kind} values fire it",
        ),
        "value.trigger.values": Said(
            vi="`values` chỉ dùng với `tier` và `category`",
            en="`values` goes with `tier` and `category` only",
        ),
        "value.step": Said(vi="{problems}", en="{problems}"),
        "value.step.resolved-alone": Said(
            vi="một bước theo dõi (`on: resolved`) chỉ có một kích hoạt: `resolved`; hãy tách "
            "các kích hoạt khác thành một bước riêng",
            en="a follow-up step (`on: resolved`) has one trigger, `resolved`; move the other "
            "triggers to a step of their own",
        ),
        "value.step.resolved-functional": Said(
            vi="một bước theo dõi (`on: resolved`) không chuyển phiếu nên không thể là "
            "`kind: functional`; hãy bỏ `kind`",
            en="a follow-up step (`on: resolved`) moves no ticket, so it cannot be "
            "`kind: functional`; drop `kind`",
        ),
        "value.span.no-unit": Said(
            vi="`{value}` không có đơn vị thời gian; hãy ghi số giây, phút, giờ hoặc ngày: "
            "`90s`, `4m30s`, `2h`, `1d`",
            en="`{value}` has no unit; write seconds, minutes, hours or days: `90s`, `4m30s`, "
            "`2h`, `1d`",
        ),
        "value.span.form": Said(
            vi="`{value}` không phải khoảng thời gian; hãy ghi `90s`, `4m30s`, `1.5m`, `2h` "
            "hoặc `1d`",
            en="`{value}` is not a duration; write `90s`, `4m30s`, `1.5m`, `2h` or `1d`",
        ),
        "value.span.too-long": Said(
            vi="`{value}` dài hơn mười năm; hãy kiểm tra đơn vị thời gian",
            en="`{value}` is longer than ten years; check the unit",
        ),
        "value.span.zero": Said(
            vi="thời gian ở đây phải lớn hơn 0", en="a time here must be longer than zero"
        ),
        "value.stream.both": Said(
            vi="`{names}` vừa được cố định trong `attributes` vừa được rút trong `mix`; hãy giữ "
            "một chỗ",
            en="`{names}` is both fixed in `attributes` and drawn in `mix`; keep one",
        ),
        "value.stream.mix-empty": Said(
            vi="`mix.{name}` không liệt kê giá trị nào; hãy thêm `value: weight` (giá trị và "
            "trọng số của nó)",
            en="`mix.{name}` lists no values; add `value: weight`",
        ),
        "value.probabilities": Said(
            vi="tổng của `resolve`, `escalate` và `partner` là {total}, không phải 1; hãy điều "
            "chỉnh để tổng bằng 1",
            en="`resolve`, `escalate` and `partner` sum to {total}, not 1; adjust them",
        ),
        "value.start-offset": Said(
            vi="`start` cần có độ lệch UTC, ví dụ `2027-03-01T00:00:00+07:00`",
            en="`start` needs a UTC offset, e.g. `2027-03-01T00:00:00+07:00`",
        ),
        # -- references ---------------------------------------------------------------------
        "duplicate-id": _DUPLICATE_ID,
        "duplicate-id.builtin": Said(
            vi="`{id}` là một chức năng có sẵn; chỉ liệt kê chức năng mới trong `functions`, "
            "hoặc chọn id khác",
            en="`{id}` is a built-in function; list only new functions under `functions`, or "
            "choose another id",
        ),
        "unknown-unit": Said(
            vi="đơn vị `{value}` chưa được khai báo{hint}",
            en="unit `{value}` is not defined{hint}",
        ),
        "unknown-role": Said(
            vi="vai trò `{value}` chưa được khai báo{hint}",
            en="role `{value}` is not defined{hint}",
        ),
        "unknown-function": Said(
            vi="chức năng `{value}` chưa được khai báo{hint}",
            en="function `{value}` is not defined{hint}",
        ),
        "unknown-person": Said(
            vi="người `{value}` chưa được khai báo{hint}",
            en="person `{value}` is not defined{hint}",
        ),
        "unknown-external": Said(
            vi="bên ngoài `{value}` chưa được khai báo{hint}",
            en="external party `{value}` is not defined{hint}",
        ),
        "unknown-calendar": Said(
            vi="lịch làm việc `{value}` chưa được khai báo{hint}",
            en="calendar `{value}` is not defined{hint}",
        ),
        "unknown-channel": Said(
            vi="kênh `{value}` chưa được khai báo{hint}",
            en="channel `{value}` is not defined{hint}",
        ),
        "unknown-holder": Said(
            vi="đơn vị hoặc bên ngoài `{value}` chưa được khai báo{hint}",
            en="unit or external party `{value}` is not defined{hint}",
        ),
        "unknown-channel.no-enum": Said(
            vi="; lược đồ phiếu chưa có thuộc tính liệt kê `channel` nêu các kênh",
            en="; the ticket schema has no `channel` enum attribute listing the channels",
        ),
    }
)

# -- rosters (issue 18): the roster rules document ----------------------------------------------
register(
    {
        "value.roster.end-or-hours": Said(
            vi="một mẫu ca cần đúng một trong `end` (giờ kết thúc) hoặc `hours` (độ dài)",
            en="a shift template needs exactly one of `end` (when it ends) and `hours` "
            "(its length)",
        ),
        "value.roster.whole-minutes": Said(
            vi="`hours` của mẫu ca phải là số phút tròn (`8.5`, không phải `8.33`)",
            en="a template's `hours` must be whole minutes (`8.5`, not `8.33`)",
        ),
        "value.roster.day-off-empty": Said(
            vi="ngày nghỉ cần `dates` hoặc `weekdays`",
            en="a day off needs `dates` or `weekdays`",
        ),
        "value.roster.no-shift": Said(
            vi="đơn vị được phân ca cần ít nhất một ca (`shifts` hoặc `templates`)",
            en="a rostered unit needs at least one shift (`shifts` or `templates`)",
        ),
        "value.roster.monday": Said(
            vi="ngày bắt đầu {value} không phải thứ Hai; bảng phân ca bắt đầu từ thứ Hai",
            en="the start {value} is not a Monday; a roster starts on a Monday",
        ),
        "empty-document.roster": Said(
            vi="tệp quy tắc phân ca trống; hãy ghi ít nhất `department`, `start` và `units`",
            en="the roster rules file is empty; write at least `department`, `start` and `units`",
        ),
        "not-a-mapping.roster": Said(
            vi="tệp quy tắc phân ca phải là một bảng khoá (mapping), không phải {type}",
            en="the roster rules must be a mapping of keys, not a {type}",
        ),
        "roster-department-mismatch": Said(
            vi="quy tắc phân ca viết cho phòng ban `{rules}`, không phải `{department}`",
            en="the roster rules are written for department `{rules}`, not `{department}`",
        ),
        "roster-unknown-unit": Said(
            vi="đơn vị `{value}` chưa được khai báo trong phòng ban{hint}",
            en="unit `{value}` is not defined in the department{hint}",
        ),
        "roster-unit-twice": Said(
            vi="đơn vị `{value}` được phân ca hai lần; hãy gộp lại",
            en="unit `{value}` is rostered twice; merge the entries",
        ),
        "roster-unit-unstaffed": Said(
            vi="đơn vị `{value}` không có ai trong các dòng nhân sự để phân ca",
            en="unit `{value}` has no one on its staff lines to roster",
        ),
        "roster-unknown-shift": Said(
            vi="ca `{value}` chưa được khai báo trong `working_time.shifts`{hint}",
            en="shift `{value}` is not defined in `working_time.shifts`{hint}",
        ),
        "roster-shift-twice": Said(
            vi="ca `{value}` có hai lần trong các ca của đơn vị `{unit}`",
            en="shift `{value}` is twice among unit `{unit}`'s shifts",
        ),
        "roster-unknown-agent": Said(
            vi="nhân viên `{value}` không có trong các dòng nhân sự của đơn vị được phân ca{hint}",
            en="agent `{value}` is not on the staff lines of a rostered unit{hint}",
        ),
        "roster-template-too-long": Said(
            vi="ca `{value}` có {hours} giờ được trả lương, vượt giới hạn {limit} giờ một "
            "ngày; ca này sẽ không được phân",
            en="shift `{value}` has {hours} paid hours, over the limit of {limit} a day; it "
            "is never rostered",
        ),
        "roster-contract-over-limit": Said(
            vi="hợp đồng `{value}` có {hours} giờ một tuần, vượt giới hạn {limit} giờ; bảng "
            "phân ca giữ giới hạn",
            en="contract `{value}` has {hours} hours a week, over the limit of {limit}; the "
            "roster keeps the limit",
        ),
        "roster-date-outside": Said(
            vi="ngày {value} nằm ngoài bảng phân ca ({start} đến {end})",
            en="the date {value} is outside the roster ({start} to {end})",
        ),
        "roster-minimum-unreachable": Said(
            vi="đơn vị `{unit}` cần ít nhất {minimum} người mọi lúc mở cửa nhưng chỉ có "
            "{agents} nhân viên",
            en="unit `{unit}` needs at least {minimum} agents whenever it opens but has {agents}",
        ),
    }
)
