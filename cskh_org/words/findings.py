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
        # -- references ---------------------------------------------------------------------
        "duplicate-id": Said(
            vi="`{id}` đã là id của {section}[{index}]; mỗi id phải là duy nhất, hãy đổi tên "
            "một bên",
            en="`{id}` is already the id of {section}[{index}]; ids must be unique, rename one",
        ),
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
