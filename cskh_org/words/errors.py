"""The catalogue's error messages: what the library says when it refuses a call or a command
(:class:`~cskh_org.errors.CskhOrgError` and its subclasses), in Vietnamese and English.

A key is ``error.<module>.<what>``, the entries in the order of the modules that raise them.
An error is raised with its entry in both languages (``UsageError.of(key, **fields)``, see
:func:`cskh_org.errors.error_words`): ``str(error)`` is the English, byte for byte what it
always was, and ``error.text("vi")`` the Vietnamese. Ids, option names, YAML keys, codes and
numbers stay as written in both languages; a field given as a :class:`Said` is written in the
message's language.

This part imports nothing but :mod:`cskh_org.words`, and is loaded alone when the first error
is said (routing stays light).
"""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        # -- budget/actuals.py: reading actual spend ------------------------------------------
        "error.actuals.not-utf8": Said(
            vi="không phải UTF-8 (byte {n} của dòng); hãy lưu tệp dạng UTF-8",
            en="not UTF-8 (byte {n} of the line); save the file as UTF-8",
        ),
        # -- budget/cells.py: grouping a plan -------------------------------------------------
        "error.budget.by.unknown": Said(
            vi="không thể nhóm theo `{dim}`{hint}; hãy nhóm theo {allowed} (một hoặc hai "
            "trong số đó)",
            en="cannot group by `{dim}`{hint}; group by {allowed} (one or two of them)",
        ),
        "error.budget.by.twice": Said(
            vi="`{dims}` nhóm theo cùng một chiều hai lần",
            en="`{dims}` groups by the same dimension twice",
        ),
        "error.budget.by.many": Said(
            vi="hãy nhóm theo tối đa hai chiều, không phải {n} ({dims})",
            en="group by at most two dimensions, not {n} ({dims})",
        ),
        # -- budget/plan.py: the plan and its what-ifs ----------------------------------------
        "error.budget.change.fte-number": Said(
            vi="`fte` của một thay đổi cơ cấu là một số: {fte}",
            en="`fte` of a structure change is a number: {fte}",
        ),
        "error.budget.change.delta": Said(
            vi="một thay đổi cơ cấu thêm hoặc bớt nhân sự: `delta` {delta}",
            en="a structure change adds or removes heads: `delta` {delta}",
        ),
        "error.budget.change.fte": Said(
            vi="`fte` của một thay đổi cơ cấu lớn hơn 0 và tối đa là 1: {fte}",
            en="`fte` of a structure change is above 0 and at most 1: {fte}",
        ),
        "error.budget.change.months": Said(
            vi="một thay đổi cơ cấu kéo dài từ một tháng tài chính đến một tháng sau đó "
            "(1-12): {first} đến {last}",
            en="a structure change runs from a fiscal month to a later one (1-12): {first} to "
            "{last}",
        ),
        "error.budget.change.unit": Said(
            vi="thay đổi cơ cấu: `{unit}` không phải một đơn vị{hint}",
            en="structure change: `{unit}` is not a unit{hint}",
        ),
        "error.budget.change.role": Said(
            vi="thay đổi cơ cấu: `{role}` không phải một vai trò{hint}",
            en="structure change: `{role}` is not a role{hint}",
        ),
        "error.budget.change.currency": Said(
            vi="thay đổi cơ cấu: vai trò `{role}` có chi phí {cost} ({currency}), còn kế hoạch "
            "tính bằng {plan}; số tiền không được quy đổi",
            en="structure change: role `{role}` costs {cost} ({currency}), the plan is in "
            "{plan}; amounts are not converted",
        ),
        "error.budget.change.remove": Said(
            vi="thay đổi cơ cấu `{change}`: {unit} có {before} FTE {role} trong tháng {month} "
            "({period}); không thể bớt {heads} FTE",
            en="structure change `{change}`: {unit} has {before} FTE of {role} in month "
            "{month} ({period}); cannot remove {heads} FTE",
        ),
        "error.budget.compare-currency": Said(
            vi="không thể so sánh một kế hoạch bằng {mine} với một kế hoạch bằng {theirs}; số "
            "tiền không được quy đổi",
            en="cannot compare a plan in {mine} with one in {theirs}; amounts are not converted",
        ),
        "error.budget.no-section": Said(
            vi="bộ phận `{department}` không có mục `budget`; hãy thêm mục này với "
            "`fiscal_year` (và `lines`) để lập kế hoạch chi phí",
            en="department `{department}` has no `budget` section; add one with `fiscal_year` "
            "(and `lines`) to plan its costs",
        ),
        # -- budget/variance.py: plan against actual spend ------------------------------------
        "error.budget.actuals-plan": Said(
            vi="số thực chi được đọc cho một kế hoạch bằng {currency} của năm tài chính {year}, "
            "không phải cho kế hoạch bằng {plan_currency} của năm {plan_year} này",
            en="the actuals were read for a {currency} plan of fiscal year {year}, not this "
            "{plan_currency} plan of {plan_year}",
        ),
        "error.budget.actuals-unit": Said(
            vi="số thực chi ghi đơn vị `{unit}`, đơn vị mà kế hoạch không có",
            en="the actuals name unit `{unit}`, which the plan lacks",
        ),
        # -- calendars.py: business time ------------------------------------------------------
        "error.calendars.what.instant": Said(vi="thời điểm", en="instant"),
        "error.calendars.what.start": Said(vi="thời điểm bắt đầu", en="start"),
        "error.calendars.what.end": Said(vi="thời điểm kết thúc", en="end"),
        "error.calendars.what.first": Said(vi="ngày đầu", en="first date"),
        "error.calendars.what.last": Said(vi="ngày cuối", en="last date"),
        "error.calendars.not-date": Said(
            vi="{what} phải là một date, không phải {kind}",
            en="the {what} must be a date, not {kind}",
        ),
        "error.calendars.not-datetime": Said(
            vi="{what} phải là một datetime, không phải {kind}",
            en="the {what} must be a datetime, not {kind}",
        ),
        "error.calendars.no-zone": Said(
            vi="{what} {instant} không có múi giờ; hãy ghi độ lệch UTC "
            "(`2027-02-03T16:50+07:00`) hoặc một múi giờ (`ZoneInfo('Asia/Ho_Chi_Minh')`)",
            en="the {what} {instant} has no time zone; give a UTC offset "
            "(`2027-02-03T16:50+07:00`) or a zone (`ZoneInfo('Asia/Ho_Chi_Minh')`)",
        ),
        "error.calendars.not-timedelta": Said(
            vi="một khoảng thời gian phải là một timedelta, không phải {kind}",
            en="a duration must be a timedelta, not {kind}",
        ),
        "error.calendars.negative": Said(
            vi="một khoảng giờ làm việc không thể âm ({duration})",
            en="a business-time duration cannot be negative ({duration})",
        ),
        "error.calendars.zone": Said(
            vi="lịch `{calendar}`: `{zone}` không phải một múi giờ IANA",
            en="calendar `{calendar}`: `{zone}` is not an IANA time zone",
        ),
        "error.calendars.years": Said(
            vi="lịch `{calendar}`: không tính được giờ làm việc ngoài các năm từ 1 đến 9999",
            en="calendar `{calendar}`: business time cannot be worked out beyond the years 1 "
            "to 9999",
        ),
        "error.calendars.after-9999": Said(
            vi="lịch `{calendar}`: kết quả rơi vào sau năm 9999",
            en="calendar `{calendar}`: the result falls beyond the year 9999",
        ),
        "error.calendars.never-opens": Said(
            vi="lịch `{calendar}` không bao giờ mở: không ngày nào trong tuần và không ngày "
            "điều chỉnh nào có giờ mở cửa; hãy ghi giờ mở cửa trong `week`",
            en="calendar `{calendar}` never opens: no week day and no override has opening "
            "hours; give it hours under `week`",
        ),
        "error.calendars.closed-days": Said(
            vi="lịch `{calendar}` không mở trong {days} ngày kể từ {first}; hãy thêm giờ mở "
            "cửa vào khoảng đó",
            en="calendar `{calendar}` does not open in the {days} days from {first}; give it "
            "opening hours there",
        ),
        "error.calendars.never-closes": Said(
            vi="lịch `{calendar}` không đóng trong {days} ngày kể từ {first}; lịch mở suốt "
            "ngày đêm",
            en="calendar `{calendar}` does not close in the {days} days from {first}; it is "
            "open around the clock",
        ),
        "error.calendars.too-far": Said(
            vi="lịch `{calendar}`: {duration} giờ làm việc tính từ {start} kết thúc sau hơn "
            "{days} ngày (năm năm), trên một lịch mở {hours}; hãy rút ngắn chỉ tiêu hoặc thêm "
            "giờ mở cho lịch",
            en="calendar `{calendar}`: {duration} of business time from {start} ends more "
            "than {days} days (five years) later, on a calendar open {hours}; shorten the "
            "target or give the calendar more hours",
        ),
        "error.calendars.too-far.days": Said(
            vi="lịch `{calendar}`: {n} ngày làm việc tính từ {start} kết thúc sau hơn {days} "
            "ngày (năm năm), trên một lịch mở {hours}; hãy giảm số ngày làm việc hoặc thêm ngày "
            "mở cho lịch",
            en="calendar `{calendar}`: {n} business days from {start} end more than {days} "
            "days (five years) later, on a calendar open {hours}; count fewer business days or "
            "give the calendar more opening days",
        ),
        "error.calendars.business-days": Said(
            vi="số ngày làm việc phải là một số nguyên từ 1 trở lên, không phải {days}",
            en="a number of business days is a whole number from 1, not {days}",
        ),
        "error.calendars.open.weekly": Said(vi="chỉ {weekly} mỗi tuần", en="only {weekly} a week"),
        "error.calendars.open.overrides": Said(
            vi="chỉ trong các ngày điều chỉnh (`overrides`)", en="on its overrides only"
        ),
        "error.calendars.undefined": Said(
            vi="lịch `{calendar}` chưa được khai báo", en="calendar `{calendar}` is not defined"
        ),
        "error.calendars.undefined.known": Said(
            vi="lịch `{calendar}` chưa được khai báo (các lịch của bộ phận: {known})",
            en="calendar `{calendar}` is not defined (the department's calendars: {known})",
        ),
        "error.calendars.none": Said(vi="không có", en="none"),
        # -- cli.py: the command line ---------------------------------------------------------
        "error.cli.explain-tickets": Said(
            vi="--explain đi với --ticket (một phiếu), không đi với --tickets",
            en="--explain goes with --ticket (one ticket), not with --tickets",
        ),
        "error.cli.all-output": Said(
            vi="--all ghi ra một thư mục gồm nhiều tệp: hãy ghi thư mục đó bằng -o DIR",
            en="--all writes a folder of files: give it with -o DIR",
        ),
        "error.cli.all-alone": Said(
            vi="--all vẽ mọi sơ đồ ở mọi định dạng; hãy bỏ --view, --unit, --depth và --format",
            en="--all draws every view in every format; drop --view, --unit, --depth and --format",
        ),
        "error.cli.pages-output": Said(
            vi="--pages ghi ra một thư mục gồm nhiều trang: hãy ghi thư mục đó bằng -o DIR",
            en="--pages writes a folder of pages: give it with -o DIR",
        ),
        "error.cli.pages-org": Said(
            vi="--pages chia sơ đồ tổ chức (org, từ cấp cao nhất) hoặc định tuyến (routing) "
            "thành trang; hãy bỏ --unit, và --depth với routing",
            en="--pages splits the org view (from the top) or the routing view into pages; "
            "drop --unit, and --depth with routing",
        ),
        "error.cli.binary-output": Said(
            vi="đầu ra {format} là nhị phân hoặc lớn: hãy ghi ra một tệp bằng -o OUT",
            en="{format} output is binary or large: give a file with -o OUT",
        ),
        "error.selection.repeat": Said(
            vi="các phương án cần chọn bị lặp: mỗi phương án chỉ ghi một lần",
            en="the variants to select from repeat: name each variant once",
        ),
        "error.selection.confidence": Said(
            vi="độ tin cậy {value} phải nằm giữa 0 và 1 (ví dụ 0.95)",
            en="the confidence {value} must lie between 0 and 1 (e.g. 0.95)",
        ),
        "error.selection.counts": Said(
            vi="số lần lặp không dùng được (first {first}, most {most}, batch {batch}): cần "
            "first ≥ 2, most ≥ first và batch ≥ 1",
            en="the replication counts cannot be used (first {first}, most {most}, batch "
            "{batch}): first ≥ 2, most ≥ first and batch ≥ 1 are needed",
        ),
        "error.selection.indifference": Said(
            vi="vùng bàng quan {value} phải lớn hơn 0 khi có nhiều hơn một phương án",
            en="the indifference {value} must be above 0 with more than one variant",
        ),
        "error.selection.tolerance": Said(
            vi="dung sai {value} của các ràng buộc phải lớn hơn 0",
            en="the constraints' tolerance {value} must be above 0",
        ),
        "error.selection.expression": Said(
            vi="--select {text!r}: không hiểu `{clause}`; hãy viết một mục tiêu rồi các ràng "
            "buộc, cách nhau bởi `;`: `min staff_cost_month; overall/sla.first_response >= "
            "0.8; overall/abandonment <= 0.05` (`min`/`max` một KPI, mỗi ràng buộc `KPI >= số` "
            "hoặc `KPI <= số`)",
            en="--select {text!r}: cannot read `{clause}`; write one goal, then the "
            "constraints, separated by `;`: `min staff_cost_month; overall/sla.first_response "
            ">= 0.8; overall/abandonment <= 0.05` (`min`/`max` a KPI, each constraint `KPI >= "
            "number` or `KPI <= number`)",
        ),
        "error.selection.goals": Said(
            vi="--select {text!r} cần đúng một mục tiêu (`min KPI` hoặc `max KPI`), có {n}",
            en="--select {text!r} needs exactly one goal (`min KPI` or `max KPI`), it has {n}",
        ),
        "error.report.actuals": Said(
            vi="{file}: {n} dòng thực chi không đọc được (xem ở trên); hãy sửa rồi chạy lại",
            en="{file}: {n} rows of actual spend could not be read (see above); fix them and "
            "run again",
        ),
        "error.cli.records-compare": Said(
            vi="--records ghi các phiếu của một lần chạy; hãy bỏ tùy chọn này khi so sánh",
            en="--records writes the tickets of one run; drop it with a comparison",
        ),
        "error.cli.stdout": Said(
            vi="<stdout>: không ghi được kết quả ({reason})",
            en="<stdout>: cannot write the output ({reason})",
        ),
        # -- errors.py: a document refused ----------------------------------------------------
        "error.document.invalid": Said(vi="{first}{more}", en="{first}{more}"),
        "error.document.more": Said(vi=" (và {n} lỗi khác)", en=" (and {n} more)"),
        "error.document.no-error": Said(
            vi="không có phát hiện nào ở mức lỗi", en="no error-level finding"
        ),
        # -- escalation.py: holders and events ------------------------------------------------
        "error.escalation.unknown-holder": Said(
            vi="`{holder}` không phải đơn vị cũng không phải bên ngoài của `{department}`{hint}",
            en="`{holder}` is neither a unit nor an external party of `{department}`{hint}",
        ),
        "error.escalation.holders": Said(
            vi="; các đơn vị và bên ngoài là {holders}", en="; the holders are {holders}"
        ),
        "error.escalation.event.target": Said(
            vi="`target` của một sự kiện chỉ đi với sla_warning và sla_breach",
            en="an event's `target` goes with sla_warning and sla_breach only",
        ),
        "error.escalation.event.percent": Said(
            vi="`percent` (từ 0 trở lên) của một sự kiện chỉ đi với sla_warning",
            en="an event's `percent` (0 or more) goes with sla_warning only",
        ),
        "error.escalation.event.reopens-needed": Said(
            vi="một sự kiện `reopened` cần `reopens`: số lần đã mở lại (từ 0 trở lên)",
            en="a `reopened` event needs `reopens`: how many times (0 or more)",
        ),
        "error.escalation.event.reopens": Said(
            vi="`reopens` của một sự kiện chỉ đi với reopened",
            en="an event's `reopens` goes with reopened only",
        ),
        # -- languages.py ---------------------------------------------------------------------
        "error.languages.unknown": Said(
            vi="`{lang}` không phải một ngôn ngữ hiển thị; hãy dùng một trong {languages}",
            en="`{lang}` is not a display language; use one of {languages}",
        ),
        # -- loading/documents.py -------------------------------------------------------------
        "error.loading.no-department": Said(
            vi="{workload} là một khối lượng công việc, được kiểm tra với bộ phận mà nó được "
            "viết cho; hãy ghi tệp của bộ phận đó bằng --department FILE (không có "
            "{file} bên cạnh nó)",
            en="{workload} is a workload, checked against the department it is written for; "
            "give that department's file with --department FILE (there is no {file} beside "
            "it)",
        ),
        # -- render/__init__.py: formats and files --------------------------------------------
        "error.render.suffix": Said(
            vi="{name}: {what}; hãy đặt tên tệp với một trong các đuôi {known}",
            en="{name}: {what}; name the file with one of {known}",
        ),
        "error.render.suffix.unknown": Said(
            vi="`{suffix}` không phải đuôi tệp của sơ đồ", en="`{suffix}` is not a diagram suffix"
        ),
        "error.render.suffix.none": Said(vi="tệp không có đuôi", en="it has no suffix"),
        "error.render.format": Said(
            vi="`{format}` không phải một định dạng; hãy dùng một trong {formats}",
            en="`{format}` is not a format; use one of {formats}",
        ),
        "error.render.suffix-format": Said(
            vi="{name}: đuôi {suffix} cho biết định dạng {found}, nhưng định dạng được yêu cầu "
            "là {format}; hãy đặt tên tệp là {other} hoặc bỏ định dạng",
            en="{name}: the suffix {suffix} says {found}, but the format asked for is {format}; "
            "name the file {other} or drop the format",
        ),
        "error.render.folder": Said(
            vi="{folder}: không tạo được thư mục ({reason})",
            en="{folder}: cannot create the folder ({reason})",
        ),
        # -- render/output.py: SVG, PNG and PDF through Graphviz ------------------------------
        "error.render.image-format": Said(
            vi="`{format}` không phải một định dạng ảnh; hãy dùng một trong svg, png, pdf",
            en="`{format}` is not an image format; use one of svg, png, pdf",
        ),
        "error.render.no-dot": Said(
            vi="chưa cài `dot` của Graphviz nên không xuất được {format}; hãy cài gói Debian "
            "`graphviz` (sudo apt-get install graphviz fonts-dejavu-core; trên macOS: brew "
            "install graphviz), hoặc dùng --format dot hay --format mermaid, vốn không cần "
            "gì thêm",
            en="Graphviz's `dot` is not installed, so {format} output is not available; "
            "install the Debian package `graphviz` (sudo apt-get install graphviz "
            "fonts-dejavu-core; on macOS: brew install graphviz), or ask for --format dot or "
            "--format mermaid, which need nothing",
        ),
        "error.render.no-graphviz": Said(
            vi="xuất {format} cần gói Python `graphviz`, một phụ thuộc của cskh-org đang bị "
            "thiếu ở đây; hãy cài lại cskh-org (pip install cskh-org)",
            en="{format} output needs the Python package `graphviz`, a dependency of cskh-org "
            "that is missing here; reinstall cskh-org (pip install cskh-org)",
        ),
        "error.render.too-large": Said(
            vi="sơ đồ rộng {width} × cao {height} điểm ảnh, quá giới hạn {limit} điểm ảnh của "
            "ảnh PNG trong Graphviz: Graphviz sẽ thu nhỏ nó còn {scale} lần và chữ không còn "
            "đọc được, nên không ghi tệp; hãy vẽ ít cấp hơn (--depth N), một nhánh (--unit ID) "
            "hoặc từng trang (--pages -o THƯ_MỤC), hoặc xuất SVG hay PDF",
            en="the diagram is {width} × {height} pixels, over Graphviz's PNG limit of {limit} "
            "pixels: Graphviz would scale it down by {scale} and its labels would be "
            "unreadable, so nothing is written; draw fewer levels (--depth N), one subtree "
            "(--unit ID) or page by page (--pages -o DIR), or ask for SVG or PDF",
        ),
        "error.render.mermaid-too-many-edges": Said(
            vi="sơ đồ `{view}` dạng Mermaid có {edges} đường nối, quá giới hạn {limit} của "
            "Mermaid (maxEdges), Mermaid sẽ không vẽ nó nên không ghi; hãy vẽ từng trang "
            "(--pages -o THƯ_MỤC), một nhánh (--unit ID) hoặc xuất SVG",
            en="the Mermaid text of the `{view}` view has {edges} links, over Mermaid's limit "
            "of {limit} (maxEdges): Mermaid would refuse it, so nothing is written; draw it "
            "page by page (--pages -o DIR), one subtree (--unit ID), or ask for SVG",
        ),
        "error.render.mermaid-too-large": Said(
            vi="sơ đồ `{view}` dạng Mermaid dài {length} ký tự, quá giới hạn {limit} ký tự "
            "của Mermaid (maxTextSize), Mermaid sẽ không vẽ nó nên không ghi; hãy vẽ ít cấp "
            "hơn (--depth N), một nhánh (--unit ID) hoặc từng trang (--pages -o THƯ_MỤC), "
            "hoặc xuất SVG",
            en="the Mermaid text of the `{view}` view is {length} characters long, over "
            "Mermaid's limit of {limit} (maxTextSize): Mermaid would refuse it, so nothing is "
            "written; draw fewer levels (--depth N), one subtree (--unit ID) or page by page "
            "(--pages -o DIR), or ask for SVG",
        ),
        "error.render.graphviz-failed": Said(
            vi="Graphviz không vẽ được sơ đồ ({detail})",
            en="Graphviz could not draw the diagram ({detail})",
        ),
        # -- render/views.py: what a view can draw --------------------------------------------
        "error.render.view": Said(
            vi="`{view}` không phải một sơ đồ; hãy dùng một trong {known}",
            en="`{view}` is not a view; use one of {known}",
        ),
        "error.render.unit-depth": Said(
            vi="--unit và --depth chỉ đi với sơ đồ tổ chức (org)",
            en="--unit and --depth go with the org view only",
        ),
        "error.render.no-data": Said(
            vi="tài liệu không có {section}: không có gì để vẽ thành `{view}`",
            en="the document has no {section}: nothing to draw as `{view}`",
        ),
        "error.render.section.routing": Said(vi="mục `routing`", en="`routing` section"),
        "error.render.section.escalation": Said(
            vi="các bước `escalation`", en="`escalation` steps"
        ),
        "error.render.section.approval": Said(
            vi="chuỗi phê duyệt `budget.approval`", en="`budget.approval` chain"
        ),
        "error.render.depth": Said(
            vi="--depth là số cấp bên dưới cấp cao nhất, từ 0 trở lên, không phải {depth}",
            en="--depth is a number of levels below the top, 0 or more, not {depth}",
        ),
        "error.render.unit": Said(
            vi="--unit `{unit}` không phải một đơn vị của tài liệu (các đơn vị: {known})",
            en="--unit `{unit}` is not a unit of the document (units: {known})",
        ),
        # -- report/console.py: a document a command refuses ----------------------------------
        "error.console.invalid": Said(
            vi="tài liệu không hợp lệ ({errors}); `cskh-org validate` cho thấy mọi phát hiện",
            en="the document is invalid ({errors}); `cskh-org validate` shows every finding",
        ),
        "error.console.errors.one": Said(vi="{n} lỗi", en="{n} error"),
        "error.console.errors.many": Said(vi="{n} lỗi", en="{n} errors"),
        # -- report/html/charts.py: the report's charts --------------------------------------
        "error.report.matplotlib": Said(
            vi="các biểu đồ của báo cáo cần matplotlib: pip install 'cskh-org[report]'",
            en="the report's charts need matplotlib: pip install 'cskh-org[report]'",
        ),
        # -- report/records.py ----------------------------------------------------------------
        "error.records.suffix": Said(
            vi="{path}: bản ghi được ghi dạng .jsonl hoặc .csv, không phải {suffix}",
            en="{path}: records are written as .jsonl or .csv, not {suffix}",
        ),
        # -- routing/__init__.py --------------------------------------------------------------
        "error.routing.no-section": Said(
            vi="bộ phận `{department}` không có mục `routing`; hãy thêm các quy tắc và một "
            "`default`",
            en="department `{department}` has no `routing` section; add rules and a `default`",
        ),
        # -- routing/compiled.py: reading a router file ---------------------------------------
        "error.router-file.unreadable": Said(
            vi="không đọc được tệp bộ định tuyến {name}: {reason}",
            en="cannot read the router file {name}: {reason}",
        ),
        "error.router-file.too-large": Said(
            vi="{name}: tệp bộ định tuyến lớn hơn {n} byte; hãy kiểm tra lại đường dẫn",
            en="{name}: the router file is larger than {n} bytes; check the path",
        ),
        "error.router-file.not-utf8": Said(
            vi="{name}: tệp bộ định tuyến không phải UTF-8; hãy biên dịch lại bằng "
            "`cskh-org compile`",
            en="{name}: the router file is not UTF-8; compile it again with `cskh-org compile`",
        ),
        "error.router-file.json": Said(
            vi="{name}: không phải JSON hợp lệ ({problem}); hãy biên dịch lại bằng "
            "`cskh-org compile`",
            en="{name}: not valid JSON ({problem}); compile it again with `cskh-org compile`",
        ),
        "error.router-file.format": Said(
            vi="{name}: không phải tệp bộ định tuyến của cskh-org (thiếu `format: {format}`); "
            "hãy tạo nó bằng `cskh-org compile`",
            en="{name}: not a cskh-org router file (no `format: {format}`); make one with "
            "`cskh-org compile`",
        ),
        "error.router-file.version": Said(
            vi="{name}: tệp bộ định tuyến có phiên bản định dạng {found}, bản cskh-org này đọc "
            "phiên bản {expected}; hãy biên dịch lại bằng `cskh-org compile`",
            en="{name}: the router file has format version {found}, this cskh-org reads "
            "version {expected}; compile it again with `cskh-org compile`",
        ),
        "error.router-file.damaged": Said(
            vi="{name}: tệp bộ định tuyến bị hỏng ở `{where}` (sai kiểu, kích thước hoặc giá "
            "trị); hãy biên dịch lại bằng `cskh-org compile`",
            en="{name}: the router file is damaged at `{where}` (wrong type, size or value); "
            "compile it again with `cskh-org compile`",
        ),
        "error.router-file.unreadable-document": Said(
            vi="{name}: không đọc được tài liệu {document} (hoặc một tệp nó bao gồm) để kiểm "
            "tra mã băm: {reason}",
            en="{name}: cannot read the document {document} (or a file it includes) to check "
            "the hash: {reason}",
        ),
        "error.router-file.stale": Said(
            vi="{name}: tệp bộ định tuyến đã cũ: nó được biên dịch từ nội dung khác của "
            "{document} (mã băm sha256 không khớp); hãy chạy lại `cskh-org compile {document} "
            "-o {name}`",
            en="{name}: the router file is stale: it was compiled from other content of "
            "{document} (the sha256 differs); run `cskh-org compile {document} -o {name}` again",
        ),
        # -- simulation/*: a department and workload that cannot be simulated -----------------
        "error.diff.gate": Said(
            vi="không có cổng kiểm tra {gate}: hãy dùng một trong {gates} hoặc một mã phát hiện "
            "(như routing.rule-shadowed)",
            en="there is no gate {gate}: use one of {gates} or a finding code (such as "
            "routing.rule-shadowed)",
        ),
        "error.version.form": Said(
            vi="{spec}: hãy viết git:REV:đường-dẫn, ví dụ git:HEAD~1:department.yaml",
            en="{spec}: write git:REV:path, e.g. git:HEAD~1:department.yaml",
        ),
        "error.version.dash": Said(
            vi="{spec}: REV không được bắt đầu bằng dấu -",
            en="{spec}: REV may not start with -",
        ),
        "error.version.no-file": Said(
            vi="{spec}: không có tệp {path} ở phiên bản {rev}",
            en="{spec}: there is no file {path} at revision {rev}",
        ),
        "error.version.outside": Said(
            vi="{spec}: tệp không nằm trong kho git {root}",
            en="{spec}: the file is not inside the git repository {root}",
        ),
        "error.version.git": Said(
            vi="{spec}: git không đọc được phiên bản này: {reason}",
            en="{spec}: git could not read this version: {reason}",
        ),
        "error.version.large": Said(
            vi="{spec}: phiên bản quá lớn để đọc (quá {most} byte)",
            en="{spec}: the revision is too large to read (over {most} bytes)",
        ),
        "error.render.change-state": Said(
            vi="đơn vị {unit}: không có trạng thái thay đổi {state} (chỉ added, removed, moved, "
            "changed)",
            en="unit {unit}: there is no change state {state} (only added, removed, moved, "
            "changed)",
        ),
        "error.roster.unit": Said(
            vi="bảng phân ca không có đơn vị {unit}",
            en="the roster has no unit {unit}",
        ),
        "error.roster.saved": Said(
            vi="đây không phải một bảng phân ca do `cskh-org roster --format json` ghi ra: "
            "{reason}; hãy tạo lại nó",
            en="this is not a roster written by `cskh-org roster --format json`: {reason}; "
            "make it again",
        ),
        # -- roster outputs: calendars, the saved roster, simulate --roster ------------------
        "error.cli.roster-compare": Said(
            vi="--roster mô phỏng một bảng phân ca; hãy bỏ --compare và --compare-workload",
            en="--roster simulates one roster; drop --compare and --compare-workload with it",
        ),
        "error.roster.agent": Said(
            vi="bảng phân ca không có nhân viên {agent}",
            en="the roster has no agent {agent}",
        ),
        "error.roster.file-names": Said(
            vi="hai nhân viên {first} và {second} sẽ ghi cùng một tệp lịch {name}",
            en="agents {first} and {second} would write the same calendar file {name}",
        ),
        "error.roster.not-json": Said(
            vi="{path} không phải JSON: {reason} (dòng {line}, cột {column})",
            en="{path} is not JSON: {reason} (line {line}, column {column})",
        ),
        "error.roster.too-large": Said(
            vi="{path} lớn hơn {limit} byte: không phải một bảng phân ca",
            en="{path} is larger than {limit} bytes: not a roster",
        ),
        "error.roster.not-utf8": Said(
            vi="{path} không phải UTF-8; hãy ghi lại bảng phân ca bằng `cskh-org roster`",
            en="{path} is not UTF-8; write the roster again with `cskh-org roster`",
        ),
        "error.roster.department": Said(
            vi="bảng phân ca thuộc bộ phận {roster}, không phải {department}",
            en="the roster is of department {roster}, not {department}",
        ),
        "error.roster.timezone": Said(
            vi="bảng phân ca theo múi giờ {roster}, bộ phận theo {department}; hãy lập lại "
            "bảng phân ca",
            en="the roster is in time zone {roster}, the department in {department}; roster "
            "it again",
        ),
        "error.roster.unknown-unit": Said(
            vi="bảng phân ca xếp ca cho đơn vị {unit}, bộ phận không có đơn vị này",
            en="the roster has shifts for unit {unit}, which the department does not have",
        ),
        "error.roster.not-solved": Said(
            vi="bảng phân ca chưa có ca nào để mô phỏng (trạng thái {status})",
            en="the roster has no shifts to simulate (status {status})",
        ),
        "error.simulation.staffing-weeks": Said(
            vi="số tuần của lịch trực phải từ 1 đến {most}, không phải {weeks}",
            en="the staffing period must be 1 to {most} weeks, not {weeks}",
        ),
        "error.simulation.staffing-start": Said(
            vi="lịch trực nhiều tuần phải bắt đầu vào một thứ Hai, không phải {start}",
            en="a staffing period of several weeks starts on a Monday, not {start}",
        ),
        "error.staffing.agents": Said(
            vi="số nhân viên phải là một số nguyên không âm, không phải {agents}",
            en="the number of agents must be a whole number of at least 0, not {agents}",
        ),
        "error.staffing.number": Said(
            vi="`{name}` phải là một số hữu hạn không âm (thời gian phải lớn hơn 0), "
            "không phải {value}",
            en="`{name}` must be a finite number of at least 0 (a time more than 0), not {value}",
        ),
        "error.staffing.absurd-queue": Said(
            vi="hàng đợi này sẽ có khoảng {waiting:.0f} phiếu chờ cùng lúc (lượng phiếu đến vượt "
            "năng lực trả lời, nhân với độ kiên nhẫn), quá {most}: không hàng đợi người nào như "
            "vậy; hãy kiểm tra đơn vị của lưu lượng, thời gian xử lý và độ kiên nhẫn",
            en="this queue would hold about {waiting:.0f} waiting tickets at once (the arrivals "
            "beyond what the agents answer, times the patience), over {most}: no queue of "
            "people is like that; check the units of the arrival rate, handling time and "
            "patience",
        ),
        "error.staffing.no-target": Said(
            vi="không có mục tiêu nào để tính số nhân viên: hãy nêu mức phục vụ, tốc độ trả lời "
            "trung bình, tỷ lệ bỏ cuộc hoặc hiệu suất tối đa",
            en="no target to staff for: give a service level, an average speed of answer, an "
            "abandonment share or a maximum occupancy",
        ),
        "error.staffing.share": Said(
            vi="{name} phải là một tỷ lệ lớn hơn 0 và nhỏ hơn 1 (0.8 là 80 %), không phải {value}",
            en="the {name} must be a share above 0 and below 1 (0.8 is 80 %), not {value}",
        ),
        "error.staffing.unreachable": Said(
            vi="không đạt được các mục tiêu này với tối đa {most} nhân viên: hãy nới mục tiêu",
            en="these targets cannot be met with up to {most} agents: loosen them",
        ),
        "error.staffing.untargeted": Said(
            vi="phiếu đến đơn vị `{unit}` không có chính sách SLA nào hứa thời gian phản hồi đầu "
            "tiên, nên không có gì để tính số người: hãy thêm `first_response` vào SLA hoặc nêu "
            "mục tiêu (--target)",
            en="no SLA policy promises a first response to the tickets of unit `{unit}`, so "
            "there is nothing to staff it for: add a `first_response` to the SLA, or give a "
            "target (--target)",
        ),
        "error.cli.loop-base": Said(
            vi="`--loop-weeks` cần `--base WORKLOAD`: tài liệu mà các phân phối đã khớp đi vào",
            en="`--loop-weeks` needs `--base WORKLOAD`: the workload the fits go into",
        ),
        "error.cli.calibrate-base": Said(
            vi="`-o` cần `--base WORKLOAD`: các phân phối đã khớp được ghi vào tài liệu đó",
            en="`-o` needs `--base WORKLOAD`: the fitted distributions are written into it",
        ),
        "error.history.no-tickets": Said(
            vi="lịch sử không có phiếu nào: không có gì để hiệu chỉnh",
            en="the history has no ticket: there is nothing to calibrate",
        ),
        "error.history.few-times": Said(
            vi="cần ít nhất 2 thời gian dương để khớp một phân phối, chỉ có {n}",
            en="at least 2 positive times are needed to fit a distribution, there are {n}",
        ),
        "error.history.no-abandon": Said(
            vi="không ai trên kênh `{channel}` bỏ cuộc: không ước lượng được độ kiên nhẫn",
            en="nobody gave up on channel `{channel}`: its patience cannot be estimated",
        ),
        "error.history.empty-period": Said(
            vi="không có phiếu nào có kênh từ {first} đến {last}",
            en="no ticket with a channel arrived from {first} to {last}",
        ),
        "error.history.loop-weeks": Said(
            vi="so sánh trên {weeks} tuần không được; hãy chọn từ 1 đến 26 tuần",
            en="a comparison over {weeks} weeks is not offered; choose 1 to 26 weeks",
        ),
        "error.history.loop-short": Said(
            vi="lịch sử ngắn hơn {weeks} tuần trọn vẹn trước ngày cuối; hãy chọn ít tuần hơn",
            en="the history is shorter than {weeks} whole weeks before its last day; choose "
            "fewer weeks",
        ),
        "error.history.horizon": Said(
            vi="dự báo {days} ngày không được; hãy chọn từ 1 đến 366 ngày",
            en="a forecast of {days} days is not offered; choose 1 to 366 days",
        ),
        "error.history.backtest": Said(
            vi="kiểm tra lùi trên {weeks} tuần không được; hãy chọn từ 1 đến 52 tuần",
            en="a back-test over {weeks} weeks is not offered; choose 1 to 52 weeks",
        ),
        "error.history.method": Said(
            vi="không có phương pháp dự báo `{method}`; các phương pháp: {known}",
            en="there is no forecast method `{method}`; the methods are: {known}",
        ),
        "error.history.empty": Said(
            vi="lịch sử không có phiếu nào mang `{attribute}`: không có gì để dự báo",
            en="the history has no ticket with a `{attribute}`: there is nothing to forecast",
        ),
        "error.history.short": Said(
            vi="lịch sử dài {days} ngày; cần ít nhất {needed} ngày (ba tuần để khớp mô hình, "
            "cộng các tuần kiểm tra lùi); hãy nhập thêm lịch sử hoặc giảm `--backtest-weeks`",
            en="the history spans {days} days; at least {needed} are needed (three weeks to fit "
            "on, then the back-test weeks); import more history or lower `--backtest-weeks`",
        ),
        "error.history.start": Said(
            vi="dự báo bắt đầu {start}, không sau ngày cuối của lịch sử ({last}); hãy chọn một "
            "ngày sau đó",
            en="the forecast starts on {start}, not after the history's last day ({last}); "
            "choose a later date",
        ),
        "error.history.calendar": Said(
            vi="phòng không có lịch `{calendar}`; các lịch: {known}",
            en="the department has no calendar `{calendar}`; its calendars: {known}",
        ),
        "error.staffing.interval": Said(
            vi="khoảng thời gian {interval} phút không dùng được; hãy chọn một trong {known} phút",
            en="an interval of {interval} minutes is not offered; choose one of {known} minutes",
        ),
        "error.staffing.no-sla": Said(
            vi="tài liệu không có mục `sla`, nên không có mục tiêu phản hồi đầu tiên để tính số "
            "nhân viên: hãy thêm mục `sla` hoặc nêu mục tiêu (--target)",
            en="the document has no `sla` section, so there is no first-response target to staff "
            "for: add one, or give a target (--target)",
        ),
        "error.staffing.no-patience": Said(
            vi="kênh `{channel}` của đơn vị `{unit}` không có độ kiên nhẫn trong workload "
            "(`patience`), nên không tính Erlang A được: hãy thêm nó hoặc dùng erlang-c/auto",
            en="the channel `{channel}` of unit `{unit}` has no patience in the workload "
            "(`patience`), so Erlang A cannot be used: add one, or use erlang-c or auto",
        ),
        "error.staffing.target": Said(
            vi="không hiểu mục tiêu {text}: hãy ghi `80/20` (80 % được trả lời trong 20 giây; "
            "`m`, `h` cho phút, giờ), `asa:15s` (tốc độ trả lời trung bình) hoặc `abandon:5%` "
            "(tỷ lệ bỏ cuộc)",
            en="cannot read the target {text}: write `80/20` (80 % answered within 20 seconds; "
            "`m`, `h` for minutes, hours), `asa:15s` (an average speed of answer) or "
            "`abandon:5%` (the abandonment share)",
        ),
        "error.simulation.general-kernel": Said(
            vi="bộ phận và khối lượng công việc này cần bộ lõi mô phỏng tổng quát (general)",
            en="this department and workload need the general kernel",
        ),
        "error.simulation.streamlined-records": Said(
            vi="bộ lõi mô phỏng rút gọn không ghi bản ghi",
            en="the streamlined kernel writes no records",
        ),
        "error.simulation.no-staff": Said(
            vi="đơn vị `{unit}` nhận phiếu nhưng không có nhân sự; hãy bố trí nhân sự hoặc "
            "định tuyến phiếu đi nơi khác",
            en="unit `{unit}` receives tickets but has no staff; staff it or route elsewhere",
        ),
        "error.simulation.no-skills": Said(
            vi="đơn vị `{unit}` nhận các phiếu cần kỹ năng {skills} nhưng không nhân viên nào "
            "của đơn vị có đủ các kỹ năng đó; hãy thêm chúng cho một vai trò hoặc một dòng "
            "nhân sự của đơn vị",
            en="unit `{unit}` receives tickets that need skills {skills} but no agent of it "
            "has them all; add the skills to a role or staff line of the unit",
        ),
        "error.simulation.days": Said(
            vi="`days` là {days}; hãy mô phỏng trong khoảng từ một phút đến mười năm",
            en="`days` is {days}; simulate between a minute and ten years",
        ),
        "error.simulation.warmup": Said(
            vi="thời gian khởi động ({span}) phải ngắn hơn {days} ngày được mô phỏng",
            en="the warm-up ({span}) must be shorter than the {days} simulated days",
        ),
        "error.simulation.no-routing": Said(
            vi="bộ phận `{department}` không có mục `routing`: mô phỏng định tuyến phiếu bằng "
            "chính các quy tắc của bộ phận; hãy thêm các quy tắc và một `default`",
            en="department `{department}` has no `routing` section: the simulation routes "
            "tickets with the department's own rules; add rules and a `default`",
        ),
        "error.simulation.profile": Said(
            vi="luồng `{stream}` dùng hồ sơ tải `{profile}`, hồ sơ này chưa được khai báo",
            en="stream `{stream}` names profile `{profile}`, which is not defined",
        ),
        "error.simulation.special-calendar": Said(
            vi="`special_days` của hồ sơ tải `{profile}` dùng lịch `{calendar}`, lịch này chưa "
            "được khai báo trong bộ phận; hãy dùng id của một lịch trong `calendars`",
            en="the `special_days` of profile `{profile}` name calendar `{calendar}`, which the "
            "department does not define; use the id of a calendar under `calendars`",
        ),
        "error.simulation.routes-outside": Said(
            vi="luồng `{stream}` được định tuyến đến `{unit}`, vốn không phải một đơn vị",
            en="stream `{stream}` routes to `{unit}`, which is not a unit",
        ),
        "error.simulation.no-service": Said(
            vi="đơn vị `{unit}` nhận phiếu loại `{category}` qua kênh `{channel}` nhưng khối "
            "lượng công việc không cho đơn vị này thời gian xử lý cho chúng; hãy thêm một mục "
            "`service` cho nó",
            en="unit `{unit}` receives `{category}` tickets on `{channel}` but the workload "
            "gives it no handling time for them; add a `service` entry for it",
        ),
        "error.simulation.draw-not-number": Said(
            vi="luồng `{stream}` rút `{name}`, nhưng đó không phải thuộc tính số của lược đồ "
            "phiếu; hãy rút một thuộc tính số, hoặc trộn giá trị trong `mix`",
            en="stream `{stream}` draws `{name}`, which is not a number attribute of the ticket "
            "schema; draw a number attribute, or mix the values under `mix`",
        ),
        "error.simulation.no-replication": Said(
            vi="không có lần chạy lặp nào để tổng hợp; hãy chạy ít nhất một lần",
            en="no replication to summarize; run at least one",
        ),
        "error.simulation.compare": Said(
            vi="phép so sánh ghép cặp từng lần chạy lặp: hãy chạy cả hai với cùng seed và cùng "
            "số lần chạy lặp (seed {seed} × {replications} so với seed {other_seed} × "
            "{other_replications})",
            en="a comparison pairs replications: run both with the same seed and number of "
            "replications (seed {seed} × {replications} against seed {other_seed} × "
            "{other_replications})",
        ),
        "error.simulation.days-positive": Said(
            vi="days phải lớn hơn 0, không phải {days}", en="days must be more than 0, not {days}"
        ),
        "error.simulation.seed": Said(
            vi="seed là một số nguyên có tối đa 18 chữ số, không phải {seed}",
            en="the seed is a whole number of at most 18 digits, not {seed}",
        ),
        "error.simulation.count": Said(
            vi="{what} phải từ 1 đến {most}, không phải {value}",
            en="{what} must be from 1 to {most}, not {value}",
        ),
        "error.simulation.no-opening": Said(
            vi="lịch `{calendar}` không mở lần nào trong vòng năm năm kể từ lúc bắt đầu mô "
            "phỏng; hãy thêm giờ mở cửa cho lịch hoặc bỏ lịch này khỏi các đơn vị nhận phiếu",
            en="calendar `{calendar}` has no opening within five years of the simulated "
            "start; give it opening hours or take it off the units that get tickets",
        ),
        "error.simulation.too-far": Said(
            vi="lịch `{calendar}`: {duration} thời gian làm việc kết thúc sau hơn năm năm (một "
            "hạn chót trên một lịch chỉ mở rất ít mỗi tuần); hãy rút ngắn chỉ tiêu hoặc thêm "
            "giờ mở cho lịch",
            en="calendar `{calendar}`: {duration} of working time ends more than five years "
            "later (a deadline on a calendar open only a little a week); shorten the target "
            "or give the calendar more hours",
        ),
        # -- sla.py: the SLA engine and its inputs --------------------------------------------
        "error.sla.no-section": Said(
            vi="bộ phận `{department}` không có mục `sla`; hãy thêm các chính sách và một "
            "`default`",
            en="department `{department}` has no `sla` section; add policies and a `default`",
        ),
        "error.sla.no-calendar": Said(
            vi="không có lịch cho một chỉ tiêu tính theo giờ làm việc: hãy đặt `calendar` cho "
            "chỉ tiêu, cho chính sách của nó hoặc cho mục `sla`, hoặc đặt `calendar` cho đơn vị "
            "nhận phiếu",
            en="no calendar for a business-clock target: set `calendar` on the target, its "
            "policy or the `sla` section, or give the receiving unit a `calendar`",
        ),
        "error.sla.business-days.calendar-clock": Said(
            vi="`{target}: {within}` đếm ngày làm việc trên đồng hồ lịch (`clock: calendar`), "
            "vốn không có ngày mở cửa; hãy dùng `clock: business` với một lịch, hoặc ghi `1d` "
            "cho 24 giờ đồng hồ",
            en="`{target}: {within}` counts business days on a calendar clock (`clock: "
            "calendar`), which has no opening days; use `clock: business` with a calendar, or "
            "write `1d` for 24 hours",
        ),
        "error.sla.history.too-many": Said(
            vi="lịch sử của một phiếu có tối đa {most} sự kiện sau khi mở, không phải {n}",
            en="a ticket's history has at most {most} events after its opening, not {n}",
        ),
        "error.sla.history.opened": Said(
            vi="lịch sử của một phiếu bắt đầu bằng một sự kiện `opened`",
            en="a ticket's history starts with an `opened` event",
        ),
        "error.sla.history.before": Said(
            vi="thời điểm đánh giá ({judged}) trước lúc phiếu được mở ({opened}); hãy đánh giá "
            "lịch sử của phiếu từ lúc mở trở đi",
            en="the instant to judge at ({judged}) is before the ticket was opened ({opened}); "
            "judge its history at or after the opening",
        ),
        "error.sla.history.too-long": Said(
            vi="lịch sử kéo dài từ {opened} đến {until}, hơn {days} ngày (năm năm): SLA chỉ "
            "được đánh giá trong vòng năm năm kể từ lúc mở",
            en="the history runs from {opened} to {until}, more than {days} days (five "
            "years): an SLA is judged within five years of the opening",
        ),
        "error.sla.no-zone": Said(
            vi="{instant} không có múi giờ; hãy ghi độ lệch UTC (`+07:00`) hoặc một múi giờ",
            en="{instant} has no time zone; give a UTC offset (`+07:00`) or a zone",
        ),
        "error.sla.out-of-range": Said(
            vi="{instant} nằm ngoài phạm vi: một thời điểm SLA thuộc các năm từ {first} đến {last}",
            en="{instant} is out of range: an SLA instant falls in the years {first} to {last}",
        ),
        "error.sla.events.twice": Said(
            vi="các sự kiện ghi `{key}` hai lần trong một sự kiện; hãy ghi một lần",
            en="the events give `{key}` twice in one event; give it once",
        ),
        "error.sla.events.constant": Said(
            vi="các sự kiện chứa `{name}`, vốn không phải JSON; hãy ghi thời điểm dạng văn bản",
            en="the events hold `{name}`, which is not JSON; give instants as text",
        ),
        "error.sla.events.too-long": Said(
            vi="các sự kiện dài hơn {n} ký tự", en="the events are longer than {n} characters"
        ),
        "error.sla.events.shape": Said(
            vi='các sự kiện là một danh sách JSON gồm các đối tượng {{"at": ..., "kind": ...}}',
            en='the events are a JSON list of {{"at": ..., "kind": ...}} objects',
        ),
        "error.sla.events.json": Said(
            vi="các sự kiện không phải JSON hợp lệ: {message} ở dòng {line}, cột {column}",
            en="the events are not valid JSON: {message} at line {line} column {column}",
        ),
        "error.sla.events.nested": Said(
            vi="các sự kiện lồng nhau quá sâu; {shape}",
            en="the events are nested too deeply; {shape}",
        ),
        "error.sla.events.value": Said(
            vi="các sự kiện chứa một giá trị JSON không dùng được: {message}",
            en="the events hold an unusable JSON value: {message}",
        ),
        "error.sla.events.too-many": Said(
            vi="lịch sử của một phiếu có tối đa {most} sự kiện, không phải {n}",
            en="a ticket's history has at most {most} events, not {n}",
        ),
        "error.sla.event": Said(
            vi="sự kiện {i}: cần `at` (một thời điểm ISO 8601 có độ lệch UTC) và `kind` (một "
            "trong {kinds}): {message}",
            en="event {i}: needs `at` (an ISO 8601 instant with offset) and `kind` (one of "
            "{kinds}): {message}",
        ),
        "error.sla.instant": Said(
            vi="{what} {text} không phải một thời điểm ISO 8601; hãy ghi dạng "
            "2027-02-03T16:50+07:00",
            en="{what} {text} is not an ISO 8601 instant; write 2027-02-03T16:50+07:00",
        ),
        "error.sla.instant.offset": Said(
            vi="{what} {text} không có độ lệch UTC; hãy ghi, ví dụ, {hint}",
            en="{what} {text} has no UTC offset; write e.g. {hint}",
        ),
        "error.sla.in": Said(vi="{what}: {message}", en="{what}: {message}"),
        # -- starter.py: `cskh-org init` ------------------------------------------------------
        "error.starter.size": Said(
            vi="không có cỡ `{size}`; hãy chọn một trong {sizes}",
            en="unknown size `{size}`; choose one of {sizes}",
        ),
        "error.starter.folder": Said(
            vi="{target} là một thư mục; hãy ghi tên của tệp cần ghi",
            en="{target} is a folder; give the name of the file to write",
        ),
        "error.starter.workload-name": Said(
            vi="{workload} là tên của khối lượng công việc được ghi bên cạnh bộ phận; hãy chọn "
            "tên khác cho tệp bộ phận",
            en="{workload} is the name of the workload written beside the department; choose "
            "another name for the department",
        ),
        "error.starter.exists": Said(
            vi="{path} đã tồn tại; hãy chọn tên khác hoặc thêm --force",
            en="{path} already exists; choose another name or pass --force",
        ),
        "error.starter.schema-differs": Said(
            vi="{path} đã tồn tại và khác lược đồ của phiên bản này; thêm --force để thay thế",
            en="{path} exists and differs from this version's schema; pass --force to replace it",
        ),
        "error.starter.unwritable": Said(
            vi="không ghi được {target}: {where}: {reason}",
            en="cannot write {target}: {where}: {reason}",
        ),
    }
)

# -- rosters (issue 18): building a roster ------------------------------------------------------
register(
    {
        "error.roster.rules-unit": Said(
            vi="quy tắc phân ca nêu đơn vị `{unit}` mà phòng ban không có",
            en="the roster rules name unit `{unit}`, which the department does not have",
        ),
        "error.roster.rules-department": Said(
            vi="quy tắc phân ca viết cho phòng ban `{rules}`, không phải `{department}`",
            en="the roster rules are written for department `{rules}`, not `{department}`",
        ),
        "error.roster.requirement-size": Said(
            vi="nhu cầu của đơn vị `{unit}` có {size} khoảng, một tuần cần {week}; hãy dùng "
            "cùng độ dài khoảng với quy tắc phân ca",
            en="the requirement of unit `{unit}` has {size} intervals where a week has "
            "{week}; use the roster rules' interval",
        ),
        "error.roster.requirement": Said(
            vi="đây không phải kết quả của `cskh-org staff --format json` ({reason}); hãy "
            "tạo lại nó",
            en="this is not what `cskh-org staff --format json` writes ({reason}); make it again",
        ),
        "error.roster.requirement-or-workload": Said(
            vi="hãy cho đúng một trong --workload hoặc --requirement",
            en="give exactly one of --workload and --requirement",
        ),
    }
)
