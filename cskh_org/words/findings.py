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
