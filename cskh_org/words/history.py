"""The catalogue's words for ticket history imports, in Vietnamese and English."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        # -- the mapping's own values (pydantic refusals) -------------------------------------
        "value.history.unit": Said(
            vi="chỉ `first_reply`, `solved`, `abandoned` và `handling` được đọc là khoảng thời "
            "gian; hãy bỏ `unit` ở `{field}`",
            en="only `first_reply`, `solved`, `abandoned` and `handling` may be read as "
            "durations; remove `unit` from `{field}`",
        ),
        "value.history.incomplete": Said(
            vi="bảng ánh xạ cần `format` và `columns.created`, hoặc `extends` một bảng có sẵn "
            "(`zendesk`, `freshdesk`, `canonical`)",
            en="a mapping needs its `format` and `columns.created`, or `extends` with a ready "
            "one (`zendesk`, `freshdesk`, `canonical`)",
        ),
        "value.history.handling": Said(
            vi="`handling` là một khoảng thời gian: hãy ghi `unit` là `seconds`, `minutes` hoặc "
            "`hours`",
            en="`handling` is a duration: give its `unit`, `seconds`, `minutes` or `hours`",
        ),
        "value.history.encoding": Said(
            vi="`{value}` không phải bảng mã Python biết; hãy ghi ví dụ `utf-8-sig` hoặc `cp1258`",
            en="`{value}` is not an encoding Python knows; write e.g. `utf-8-sig` or `cp1258`",
        ),
        "value.history.time-format": Said(
            vi="`{value}` không đọc lại được thời gian nó viết ra; hãy ghi định dạng `strptime` "
            "như `%d/%m/%Y %H:%M`",
            en="`{value}` cannot read back the time it writes; write a `strptime` format such "
            "as `%d/%m/%Y %H:%M`",
        ),
        "empty-document.mapping": Said(
            vi="bảng ánh xạ trống; hãy viết `format` và `columns` (hoặc `extends: zendesk`)",
            en="the mapping is empty; write its `format` and `columns` (or `extends: zendesk`)",
        ),
        "not-a-mapping.mapping": Said(
            vi="bảng ánh xạ phải là một ánh xạ các mục (`format:`, `columns:`…), không phải "
            "`{type}`",
            en="a mapping document is a mapping of sections (`format:`, `columns:`…), not a {type}",
        ),
        "value.history.ascii": Said(
            vi="`{value}` không giữ nguyên ký tự xuống dòng và dấu phân cách ASCII; hãy dùng một "
            "bảng mã như `utf-8-sig`, `cp1258` hoặc `latin-1`",
            en="`{value}` does not keep ASCII line breaks and separators; use an encoding such "
            "as `utf-8-sig`, `cp1258` or `latin-1`",
        ),
        # -- the mapping against the department ---------------------------------------------
        "history-mapping-attribute": Said(
            vi="lược đồ phiếu của phòng không có thuộc tính liệt kê `{attribute}`; hãy bỏ cột "
            "này khỏi `columns` hoặc khai báo thuộc tính (đang có: {known})",
            en="the department's ticket schema has no enum attribute `{attribute}`; remove this "
            "column from `columns` or define the attribute (there are: {known})",
        ),
        "history-mapping-value": Said(
            vi="`{written}` được dịch thành `{value}`, không phải giá trị `{field}` của phòng"
            "{hint}; hãy sửa bản dịch",
            en="`{written}` is translated to `{value}`, which is no `{field}` of the "
            "department{hint}; correct the translation",
        ),
        "history-mapping-value.number": Said(
            vi="`{written}` được dịch thành `{value}`, không phải một số; điểm hài lòng phải là "
            'số (hoặc `""` nếu không có điểm)',
            en="`{written}` is translated to `{value}`, which is no number; a satisfaction "
            'rating must be a number (or `""` for none)',
        ),
        # -- the file and its rows ------------------------------------------------------------
        "history.missing-column": Said(
            vi="dòng tiêu đề không có cột `{column}` (cho `{field}`){hint}; hãy sửa `columns."
            "{field}` trong bảng ánh xạ",
            en="the header has no column `{column}` (for `{field}`){hint}; correct `columns."
            "{field}` in the mapping",
        ),
        "history.missing-created": Said(
            vi="dòng tiêu đề không có cột `{column}` cho thời điểm tạo phiếu{hint}: không nhập "
            "được dòng nào; hãy sửa `columns.created`",
            en="the header has no column `{column}` for the creation time{hint}: no row can be "
            "imported; correct `columns.created`",
        ),
        "history.no-header": Said(
            vi="tệp không có dòng tiêu đề: một tệp CSV cần tên cột ở dòng đầu",
            en="the file has no header line: a CSV file needs the column names on its first line",
        ),
        "history.not-object": Said(
            vi="dòng này không phải một đối tượng JSON ({reason}); mỗi dòng phải là một phiếu "
            "`{{...}}`",
            en="this line is no JSON object ({reason}); each line must be one ticket `{{...}}`",
        ),
        "history.csv-error": Said(
            vi="không đọc được dòng CSV này ({reason}); hãy kiểm tra dấu ngoặc kép và dấu phân "
            "cách",
            en="this CSV line cannot be read ({reason}); check its quotes and separators",
        ),
        "history.long-line": Said(
            vi="dòng dài hơn {limit} byte: không đọc; một phiếu không cần dài như vậy",
            en="the line is longer than {limit} bytes: not read; no ticket needs to be that long",
        ),
        "history.not-encoded": Said(
            vi="dòng này không phải văn bản `{encoding}`; hãy sửa `encoding` trong bảng ánh xạ "
            "hoặc lưu lại tệp",
            en="this line is not `{encoding}` text; correct the mapping's `encoding` or save "
            "the file again",
        ),
        "history.short-row": Said(
            vi="dòng có {found} trường, tiêu đề có {expected}; dòng không được nhập",
            en="the row has {found} fields where the header has {expected}; the row is not "
            "imported",
        ),
        "history.no-id": Said(
            vi="dòng không có mã phiếu; hãy điền mã hoặc bỏ `columns.id`",
            en="the row has no ticket id; fill it in or remove `columns.id`",
        ),
        "history.no-created": Said(
            vi="dòng không có thời điểm tạo phiếu; dòng không được nhập",
            en="the row has no creation time; the row is not imported",
        ),
        "history.bad-time": Said(
            vi="`{value}` không đọc được là thời điểm `{field}` (cần {expected}); hãy sửa giá "
            "trị hoặc `time_format` trong bảng ánh xạ",
            en="`{value}` does not read as the `{field}` time (expected {expected}); correct "
            "the value or the mapping's `time_format`",
        ),
        "history.bad-duration": Said(
            vi="`{value}` không phải khoảng thời gian hợp lệ cho `{field}` (một số không âm, tối "
            "đa mười năm)",
            en="`{value}` is no valid duration for `{field}` (a number at least 0, at most ten "
            "years)",
        ),
        "history.before-created": Said(
            vi="`{field}` lúc `{value}` trước khi phiếu được tạo ({created}); hãy kiểm tra múi "
            "giờ của cột",
            en="`{field}` at `{value}` is before the ticket was created ({created}); check the "
            "column's time zone",
        ),
        "history.unknown-value": Said(
            vi="`{value}` không phải giá trị `{field}` trong lược đồ phiếu{hint}; hãy thêm bản "
            "dịch vào `values.{field}` của bảng ánh xạ",
            en="`{value}` is no `{field}` of the ticket schema{hint}; add a translation under "
            "the mapping's `values.{field}`",
        ),
        "history.unknown-unit": Said(
            vi="nhóm `{value}` không phải đơn vị của phòng{hint}; hãy ghi mã đơn vị của nó vào "
            "`values.team` của bảng ánh xạ",
            en="team `{value}` is no unit of the department{hint}; map it to a unit id under the "
            "mapping's `values.team`",
        ),
        "history.bad-path": Said(
            vi="`{value}` không phải danh sách nhóm; hãy ghi `Nhóm A > Nhóm B`",
            en="`{value}` is no list of groups; write `Group A > Group B`",
        ),
        "history.bad-count": Said(
            vi="`{value}` không phải số nguyên từ {least} trở lên cho `{field}`",
            en="`{value}` is no whole number of at least {least} for `{field}`",
        ),
        "history.bad-rating": Said(
            vi="`{value}` không phải điểm hài lòng dạng số; hãy dịch nó trong "
            "`values.satisfaction`",
            en="`{value}` is no numeric satisfaction rating; translate it under "
            "`values.satisfaction`",
        ),
        "history.duplicate-id": Said(
            vi="mã phiếu `{id}` đã được nhập từ một dòng phía trên; dòng này không được nhập",
            en="ticket id `{id}` was already imported from an earlier row; this row is not "
            "imported",
        ),
        "history.more": Said(
            vi="còn {n} dòng nữa có lỗi [{code}] không liệt kê từng dòng (đã đếm; dòng đầu "
            "tiên: {first})",
            en="{n} more rows with [{code}] are counted but not listed one by one (the first "
            "at line {first})",
        ),
        # -- the summary --------------------------------------------------------------------
        "history.summary": Said(
            vi="{name}: đọc {rows} dòng; nhập {imported} phiếu; dòng lỗi không nhập: {bad}",
            en="{name}: rows read {rows}; tickets imported {imported}; bad rows not imported {bad}",
        ),
        "history.period": Said(
            vi="Giai đoạn: {first} đến {last} (UTC)", en="Period: {first} to {last} (UTC)"
        ),
        "history.by-code": Said(vi="Dòng lỗi theo mã:", en="Bad rows by code:"),
        "history.by-channel": Said(vi="Phiếu theo kênh:", en="Tickets by channel:"),
        "history.by-unit": Said(vi="Phiếu theo đơn vị:", en="Tickets by unit:"),
        "history.none": Said(vi="(không có)", en="(none)"),
        "file.what.history": Said(vi="tệp lịch sử phiếu", en="history"),
        "file.what.workload": Said(vi="tài liệu khối lượng công việc", en="workload"),
        # -- forecasts ------------------------------------------------------------------------
        "forecast.title": Said(
            vi="Dự báo lượng phiếu theo {attribute}: {first} đến {last} ({days} ngày), từ "
            "{tickets} phiếu từ {since} đến {until}",
            en="Arrivals forecast by {attribute}: {first} to {last} ({days} days), from "
            "{tickets} tickets of {since} to {until}",
        ),
        "forecast.special": Said(
            vi="Ngày đặc biệt: ngày nghỉ của lịch `{calendar}` và các ngày liền trước, liền sau",
            en="Special days: the holidays of calendar `{calendar}` and the days around them",
        ),
        "forecast.no-special": Said(
            vi="Ngày đặc biệt: không có (phòng không có lịch nào có ngày nghỉ)",
            en="Special days: none (no calendar of the department has holidays)",
        ),
        "forecast.stream": Said(vi="luồng", en="stream"),
        "forecast.method": Said(vi="phương pháp", en="method"),
        "forecast.total": Said(vi="tổng dự báo", en="forecast total"),
        "forecast.interval": Said(vi="khoảng 80%", en="80% interval"),
        "forecast.backtest": Said(
            vi="Kiểm tra lùi ({weeks} tuần gần nhất, ngày thường), WAPE và độ lệch theo "
            "phương pháp (* = được chọn):",
            en="Back-test ({weeks} last weeks, ordinary days), WAPE and bias by method "
            "(* = chosen):",
        ),
        "forecast.not-tried": Said(
            vi="không chạy (thiếu statsmodels)", en="not run (no statsmodels)"
        ),
        "forecast.days": Said(vi="Từng ngày (dự kiến):", en="Day by day (expected):"),
        "forecast.date": Said(vi="ngày", en="date"),
        "forecast.factors": Said(
            vi="Hệ số ngày đặc biệt đã đo (số ngày đo):",
            en="Special-day factors measured (dates measured on):",
        ),
        "forecast.left-out": Said(
            vi="{n} phiếu không có `{attribute}` không được tính",
            en="{n} tickets without a `{attribute}` are not counted",
        ),
        "forecast.wrote": Said(
            vi="Đã ghi khối lượng công việc vào {path}", en="Wrote the workload to {path}"
        ),
        # -- calibration ----------------------------------------------------------------------
        "calibrate.title": Said(
            vi="Hiệu chỉnh từ {tickets} phiếu", en="Calibration from {tickets} tickets"
        ),
        "calibrate.service": Said(
            vi="Thời gian xử lý (đơn vị/kênh/loại; * = gộp), khoảng tin cậy 95%:",
            en="Handling times (unit/channel/category; * = pooled), 95% intervals:",
        ),
        "calibrate.patience": Said(
            vi="Độ kiên nhẫn (mũ, hợp lý cực đại có kiểm duyệt phải), khoảng tin cậy 95%:",
            en="Patience (exponential, maximum likelihood with right-censoring), 95% intervals:",
        ),
        "calibrate.handoffs": Said(
            vi="Số nhóm đã giữ phiếu, theo đơn vị giữ cuối (khoảng tin cậy 95%):",
            en="Groups that held a ticket, by the unit that held it last (95% intervals):",
        ),
        "calibrate.holders": Said(
            vi="Tỉ lệ chuyển tiếp theo nơi giữ, từ đường đi của phiếu (khoảng Wilson 95%):",
            en="Handed on by holder, from the tickets' paths (95% Wilson interval):",
        ),
        "calibrate.reopen": Said(
            vi="Tỉ lệ mở lại (khoảng Wilson 95%):", en="Reopen share (95% Wilson interval):"
        ),
        "calibrate.none": Said(vi="  (không có dữ liệu)", en="  (no data)"),
        "calibrate.wrote": Said(
            vi="Đã ghi khối lượng công việc đã hiệu chỉnh vào {path}; thay: {replaced}",
            en="Wrote the calibrated workload to {path}; replaced: {replaced}",
        ),
        "loop.title": Said(
            vi="Vòng khép kín: phòng đã hiệu chỉnh được mô phỏng từ {first} đến {last} "
            "({replications} lần chạy), so với lịch sử cùng giai đoạn:",
            en="The loop closed: the calibrated department simulated from {first} to {last} "
            "({replications} runs), against the history of the same period:",
        ),
        "forecast.arrivals-only": Said(
            vi="Khối lượng công việc chỉ có lượng phiếu đến: hãy thêm thời gian xử lý "
            "(`service`) hoặc chạy lại với `--base WORKLOAD` để lấy từ tài liệu hiện có",
            en="The workload has arrivals only: add handling times (`service`), or run again "
            "with `--base WORKLOAD` to take them from the workload of today",
        ),
        "forecast.kept": Said(
            vi="Giữ nguyên các luồng của tài liệu gốc: {streams}",
            en="Kept as they were in the base workload: {streams}",
        ),
        "history.wrote": Said(vi="Đã ghi {n} phiếu vào {path}", en="Wrote {n} tickets to {path}"),
    }
)
