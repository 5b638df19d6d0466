"""The catalogue's routing words: a decision and its explanation, why the analysis of a rule
table gave up, and what is wrong with a ticket.

The routing package imports this module itself, so these entries are there without loading
the rest of the catalogue and routing stays light. English writes the ids the document and the
ticket use (``channel is `phone```), as it always has; Vietnamese names attributes and values
by the document's labels (``Kênh là Tổng đài``): the caller fills the fields in with the
language's words.
"""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        # `cskh-org route`: one decision
        "route.unit": Said("đơn vị:   {unit}", "unit:     {unit}"),
        "route.rule": Said("quy tắc:  {rule}", "rule:     {rule}"),
        "route.skills": Said("kỹ năng:  {skills}", "skills:   {skills}"),
        "route.priority": Said("ưu tiên:  {priority}", "priority: {priority}"),
        "route.default": Said("(mặc định: không quy tắc nào khớp)", "(default: no rule matched)"),
        "route.decided": Said("= {unit} (quy tắc {rule})", "= {unit} (rule {rule})"),
        "route.decided.default": Said(
            "= {unit} (mặc định: không quy tắc nào khớp)", "= {unit} (default: no rule matched)"
        ),
        # `--explain`: why a rule matched a ticket or not
        "explain.every": Said(
            "không có điều kiện: khớp mọi phiếu", "no condition: matches every ticket"
        ),
        "explain.not": Said("không phải ({reasons})", "not ({reasons})"),
        "explain.is": Said("{name} là {value}", "{name} is `{value}`"),
        "explain.missing": Said("không có {name}", "{name} is missing"),
        "explain.holds": Said(
            "{ticket}, và quy tắc cần {want}", "{ticket}, and the rule wants {want}"
        ),
        "explain.fails": Said(
            "{ticket}, nhưng quy tắc cần {want}", "{ticket}, but the rule wants {want}"
        ),
        "explain.compare": Said("{sign} {value}", "{sign} `{value}`"),
        "explain.in": Said("một trong [{values}]", "in [{values}]"),
        "explain.not_in": Said("không thuộc [{values}]", "not in [{values}]"),
        "explain.present": Said("có giá trị", "present"),
        "explain.absent": Said("để trống", "missing"),
        "explain.and": Said(" và ", " and "),
        "explain.true": Said("đúng", "True"),
        "explain.false": Said("sai", "False"),
        # why the analysis of a rule table answers `unknown`
        "analysis.alternatives": Said(
            "điều kiện của quy tắc có hơn {limit} phương án khi khai triển `all`/`any`/`not`",
            "its condition has more than {limit} alternatives once `all`/`any`/`not` are expanded",
        ),
        "analysis.opaque_before": Said(
            "một quy tắc đứng trước, `{rule}`, quá phức tạp để phân tích",
            "an earlier rule, `{rule}`, is too complex to analyse",
        ),
        "analysis.pieces": Said(
            "các quy tắc đứng trước chia các phiếu của quy tắc thành quá nhiều phần (hơn "
            "{limit}) hoặc phép phân tích đã dùng hết khối lượng tính toán cho phép",
            "the earlier rules split its tickets into too many pieces (more than {limit}) or "
            "the analysis ran out of its work budget",
        ),
        "analysis.opaque": Said(
            "quy tắc `{rule}` quá phức tạp để phân tích", "rule `{rule}` is too complex to analyse"
        ),
        "analysis.fallthrough_pieces": Said(
            "các quy tắc chia các phiếu thành quá nhiều phần (hơn {limit}) hoặc phép phân tích "
            "đã dùng hết khối lượng tính toán cho phép",
            "the rules split the tickets into too many pieces (more than {limit}) or the "
            "analysis ran out of its work budget",
        ),
        # what is wrong with a ticket (`TicketInvalid`)
        "ticket.not_mapping": Said(
            "một phiếu là một ánh xạ từ thuộc tính sang giá trị (hoặc một mô hình pydantic hay "
            "một dataclass), không phải {kind}",
            "a ticket is a mapping of attribute to value (or a pydantic model or dataclass), "
            "not {kind}",
        ),
        "ticket.unknown": Said(
            "thuộc tính `{name}` không có trong lược đồ phiếu; lược đồ phiếu có: {known}",
            "unknown attribute `{name}`; the ticket schema has: {known}",
        ),
        "ticket.required": Said(
            "phiếu thiếu `{name}`, một thuộc tính bắt buộc",
            "the ticket has no `{name}`, which is required",
        ),
        "ticket.not_allowed": Said(
            "`{name}` là {value}, không thuộc các giá trị cho phép: {allowed}",
            "`{name}` is {value}, not one of the allowed values: {allowed}",
        ),
        "ticket.not_boolean": Said(
            "`{name}` phải là true hoặc false, không phải {value}",
            "`{name}` must be true or false, not {value}",
        ),
        "ticket.not_number": Said(
            "`{name}` phải là một số, không phải {value}", "`{name}` must be a number, not {value}"
        ),
        "ticket.not_finite": Said(
            "`{name}` phải là một số hữu hạn", "`{name}` must be a finite number"
        ),
        "ticket.not_whole": Said(
            "`{name}` phải là số nguyên, không phải {value}",
            "`{name}` must be a whole number, not {value}",
        ),
        "ticket.below": Said(
            "`{name}` là {value}, nhỏ hơn giá trị tối thiểu {minimum}",
            "`{name}` is {value}, below the minimum {minimum}",
        ),
        "ticket.above": Said(
            "`{name}` là {value}, lớn hơn giá trị tối đa {maximum}",
            "`{name}` is {value}, above the maximum {maximum}",
        ),
        "ticket.not_text": Said(
            "`{name}` phải là văn bản, không phải {value}", "`{name}` must be text, not {value}"
        ),
        "ticket.too_long_text": Said(
            "`{name}` dài hơn {n} ký tự", "`{name}` is longer than {n} characters"
        ),
        # a ticket given as JSON text (`--ticket`, a line of `--tickets`)
        "ticket.twice": Said(
            "thuộc tính `{name}` được ghi hai lần", "attribute `{name}` is given twice"
        ),
        "ticket.constant": Said(
            "`{name}` không phải là một số mà phiếu được phép mang",
            "`{name}` is not a number a ticket may carry",
        ),
        "ticket.too_long": Said(
            "phiếu dài hơn {n} ký tự", "the ticket is longer than {n} characters"
        ),
        "ticket.json": Said(
            "không phải JSON hợp lệ: {message} ở cột {column}",
            "not valid JSON: {message} at column {column}",
        ),
        "ticket.json_value": Said(
            "không phải một giá trị JSON dùng được: {message}",
            "not a usable JSON value: {message}",
        ),
        "ticket.nested": Said("JSON lồng nhau quá sâu", "the JSON is nested too deeply"),
        "ticket.not_object": Said(
            'một phiếu là một đối tượng JSON, ví dụ {{"channel": "email"}}, không phải {kind}',
            'a ticket is a JSON object such as {{"channel": "email"}}, not {kind}',
        ),
        "ticket.not_utf8": Said(
            "không phải UTF-8 (byte {n} của dòng)", "not UTF-8 (byte {n} of the line)"
        ),
    }
)
