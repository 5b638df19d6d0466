"""The catalogue's words for working time: shifts, contracts, shrinkage, the limits they keep
and the capacity they give (channels worked concurrently, numbers drawn by the workload), in
Vietnamese and English."""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
        # -- values the model refuses ------------------------------------------------------
        "value.clock-time": Said(
            vi="`{value}` không phải giờ trong ngày; hãy ghi dạng `07:00` (24 giờ, `24:00` là "
            "hết ngày)",
            en="`{value}` is not a time of day; write `07:00` (24-hour clock, `24:00` is the "
            "end of the day)",
        ),
        "value.shift.day-twice": Said(
            vi="ngày `{day}` được ghi hai lần trong `days` của ca; mỗi ngày ghi một lần",
            en="`{day}` is listed twice in the shift's `days`; list each day once",
        ),
        "value.shift.break-outside": Said(
            vi="giờ nghỉ `{value}` không nằm trong ca ({start}–{end}); giờ nghỉ phải bắt đầu "
            "sau khi ca bắt đầu và kết thúc trước khi ca kết thúc",
            en="the break `{value}` is not inside the shift ({start}–{end}); a break starts "
            "after the shift starts and ends before it ends",
        ),
        "value.shift.break-overlap": Said(
            vi="các giờ nghỉ của ca chồng lên nhau; hãy gộp chúng thành một",
            en="the shift's breaks overlap; merge them into one",
        ),
        "value.shrinkage.total": Said(
            vi="hao hụt kế hoạch ({planned}) cộng hao hụt ngoài kế hoạch ({unplanned}) phải "
            "nhỏ hơn 1, nếu không sẽ không còn ai phục vụ khách; hãy ghi tỷ lệ, ví dụ `0.15`",
            en="planned ({planned}) plus unplanned ({unplanned}) shrinkage must be below 1, "
            "or no one is left to serve customers; write shares such as `0.15`",
        ),
        # -- the working-time check ---------------------------------------------------------
        "working-time-limit.contract-hours": Said(
            vi="hợp đồng `{contract}` có {hours} giờ làm việc bình thường một tuần, vượt giới "
            "hạn {limit} giờ (`working_time.limits.hours_per_week`; mặc định theo Bộ luật Lao "
            "động: 48); hãy giảm `hours_per_week`, hoặc ghi giới hạn của doanh nghiệp",
            en="contract `{contract}` has {hours} normal working hours a week, above the "
            "{limit}-hour limit (`working_time.limits.hours_per_week`; Vietnam's Labour Code "
            "by default: 48); lower `hours_per_week`, or set the company's own limit",
        ),
        "working-time-limit.contract-days": Said(
            vi="hợp đồng `{contract}` làm {days} ngày một tuần, không đủ {rest} ngày nghỉ hằng "
            "tuần; hãy giảm `days_per_week`",
            en="contract `{contract}` works {days} days a week, leaving fewer than {rest} rest "
            "days; lower `days_per_week`",
        ),
        "working-time-limit.shift-hours": Said(
            vi="ca `{shift}` có {hours} giờ làm việc (đã trừ giờ nghỉ), vượt giới hạn {limit} "
            "giờ một ngày (`working_time.limits.hours_per_day`); hãy rút ngắn ca hoặc thêm giờ "
            "nghỉ",
            en="shift `{shift}` is {hours} working hours (breaks taken off), above the "
            "{limit}-hour daily limit (`working_time.limits.hours_per_day`); shorten the "
            "shift or add a break",
        ),
        "working-time-limit.shift-days": Said(
            vi="dòng nhân sự này làm ca `{shift}` cả {days} ngày ca chạy, không đủ {rest} ngày "
            "nghỉ hằng tuần; hãy gán một `contract` có `days_per_week` để chia ngày nghỉ luân "
            "phiên",
            en="this staff line works shift `{shift}` on all {days} days it runs, leaving "
            "fewer than {rest} rest days a week; give the line a `contract` with "
            "`days_per_week` so rest days are taken in turn",
        ),
        "working-time-limit.line-hours": Said(
            vi="làm ca `{shift}` theo hợp đồng này là {hours} giờ một tuần, vượt giới hạn "
            "{limit} giờ; hãy rút ngắn ca hoặc giảm số ngày làm",
            en="working shift `{shift}` on this contract is {hours} hours a week, above the "
            "{limit}-hour limit; shorten the shift or work fewer days",
        ),
        "contract-shift-hours": Said(
            vi="ca `{shift}` ({paid} giờ × {days} ngày) cho {hours} giờ một tuần, nhưng hợp "
            "đồng `{contract}` là {contracted} giờ; hãy chỉnh giờ ca hoặc hợp đồng cho khớp",
            en="shift `{shift}` ({paid} h × {days} days) gives {hours} hours a week, but "
            "contract `{contract}` is {contracted} hours; make the shift and the contract agree",
        ),
        "shift-outside-calendar": Said(
            vi="ca `{shift}` có giờ ngoài lịch `{calendar}` của đơn vị ({hours}): giờ đó không "
            "ai phục vụ khách; hãy dời ca vào giờ mở cửa hoặc mở rộng lịch",
            en="shift `{shift}` has hours outside the unit's calendar `{calendar}` ({hours}): "
            "no customer is served then; move the shift into the opening hours or widen the "
            "calendar",
        ),
        "shift-gap": Said(
            vi="đơn vị `{unit}` mở cửa {hours} giờ một tuần mà không ai trong ca ({ranges}); "
            "hãy thêm ca hoặc người cho các giờ đó, hoặc đóng cửa giờ đó trong lịch",
            en="unit `{unit}` is open {hours} hours a week with no one on shift ({ranges}); "
            "add shifts or people for those hours, or close them in the calendar",
        ),
        "staff-hours-unstated": Said(
            vi="mỗi người vai trò `{role}` của đơn vị `{unit}` được tính là trực {hours} giờ "
            "một tuần (mọi giờ mở cửa của lịch × `fte`), vượt giới hạn {limit} giờ; hãy gán "
            "cho dòng nhân sự một `contract` hoặc các `shifts` để số liệu mô phỏng là thật",
            en="each `{role}` of unit `{unit}` is counted on duty {hours} hours a week (every "
            "opening of the calendar × `fte`), above the {limit}-hour limit; give the staff "
            "line a `contract` or `shifts` so that the simulated figures are real",
        ),
        "staff-function-outside-unit": Said(
            vi="chức năng `{function}` không thuộc các `functions` của đơn vị `{unit}`; một "
            "người chỉ có thể đảm nhận chức năng của đơn vị mình: hãy thêm nó vào đơn vị hoặc "
            "bỏ khỏi dòng nhân sự",
            en="function `{function}` is not one of unit `{unit}`'s `functions`; people cover "
            "only their unit's functions: add it to the unit or take it off the staff line",
        ),
        # -- capacity against the workload ---------------------------------------------------
        "capacity-short.hours": Said(
            vi="phiếu chuyển đến đơn vị `{unit}` mang nhiều việc hơn số nhân viên đang trực làm "
            "được trong {n} giờ mở cửa của tuần ({hours}); nặng nhất {when}: {load} erlang "
            "(chỉ tính lượt đầu) so với {agents} người trực; hãy thêm người hoặc ca vào các giờ "
            "đó, hoặc giảm tải",
            en="the tickets routed to unit `{unit}` bring more work than its agents on duty can "
            "do in {n} open hours of the week ({hours}); worst {when}: {load} erlangs (first "
            "visits only) against {agents} agents on duty; add people or shifts in those "
            "hours, or lower the load",
        ),
        "capacity-short.week": Said(
            vi="phiếu chuyển đến đơn vị `{unit}` mang {work} giờ việc một tuần (chỉ tính lượt "
            "đầu), nhiều hơn {staffed} giờ trực của nhân viên; hàng đợi sẽ dài mãi: hãy thêm "
            "người hoặc ca",
            en="the tickets routed to unit `{unit}` bring {work} hours of work a week (first "
            "visits only), more than its agents' {staffed} hours on duty; the queue grows "
            "without end: add people or shifts",
        ),
        "capacity-unchecked": Said(
            vi="luồng này trộn hơn {limit} tổ hợp thuộc tính ảnh hưởng định tuyến, nên không "
            "được kiểm tra năng lực; hãy giảm số giá trị trong `mix`",
            en="this stream mixes more than {limit} combinations of attributes routing looks "
            "at, so its capacity is not checked; mix fewer values",
        ),
        # -- channels and numbers drawn in the workload --------------------------------------
        "value.stream.drawn-twice": Said(
            vi="`{names}` vừa có trong `{section}` vừa được rút trong `draw`; hãy giữ một",
            en="`{names}` is both in `{section}` and drawn in `draw`; keep one",
        ),
        "value.uniform.order": Said(
            vi="`high` ({high}) phải lớn hơn `low` ({low}); nếu chỉ một giá trị, hãy ghi "
            "`{{kind: fixed, value: {low}}}`",
            en="`high` ({high}) must be above `low` ({low}); for one value write "
            "`{{kind: fixed, value: {low}}}`",
        ),
        "workload-attribute-value.mix-number": Said(
            vi="`{name}` là thuộc tính số, nhưng `mix` rút giá trị theo tên; hãy rút nó từ một "
            "phân phối trong `draw` (`{name}: {{kind: lognormal, mean: …, sd: …}}`), hoặc cố "
            "định trong `attributes`",
            en="`{name}` is a number attribute, but `mix` draws values by name; draw it from a "
            "distribution under `draw` (`{name}: {{kind: lognormal, mean: …, sd: …}}`), or fix "
            "it in `attributes`",
        ),
        "workload-attribute-value.draw": Said(
            vi="`{name}` là thuộc tính kiểu `{type}`, nhưng `draw` chỉ rút số; hãy trộn giá trị "
            "của nó trong `mix`, hoặc cố định trong `attributes`",
            en="`{name}` is a {type} attribute, but `draw` draws numbers only; mix its values "
            "under `mix`, or fix it in `attributes`",
        ),
        "workload-draw-clipped": Said(
            vi="phân phối của `{name}` cho {share} giá trị nằm ngoài giới hạn của lược đồ phiếu "
            "({bounds}); các giá trị đó được lấy bằng giới hạn, nên phân phối mô phỏng khác "
            "phân phối đã ghi: hãy chỉnh phân phối hoặc giới hạn",
            en="the distribution of `{name}` puts {share} of its values outside the ticket "
            "schema's bounds ({bounds}); they are taken as the bound, so the simulated values "
            "are not the distribution written: adjust the distribution or the bounds",
        ),
        "workload.category-channel": Said(
            vi="loại yêu cầu `{category}` qua kênh `{channel}`",
            en="category `{category}` on channel `{channel}`",
        ),
        "workload.channel": Said(
            vi="mọi loại yêu cầu qua kênh `{channel}`", en="every category on channel `{channel}`"
        ),
        "workload.on-channel": Said(
            vi="{category} qua kênh {channel}", en="{category} on {channel}"
        ),
        # -- durations as people write them ---------------------------------------------------
        "sla-day-on-business-clock": Said(
            vi="{who}: `{target}: {within}` trên đồng hồ làm việc là {hours} giờ mở cửa của lịch "
            "`{calendar}`, tức khoảng {days} ngày làm việc ({per_day} một ngày), không phải {n} "
            "ngày làm việc; nếu muốn {n} ngày làm việc của lịch, hãy ghi `{n}bd`, nếu muốn "
            "{hours} giờ đồng hồ, hãy đặt `clock: calendar`, còn nếu đúng là {hours} giờ mở cửa, "
            "hãy ghi `{hours}h`",
            en="{who}: `{target}: {within}` on a business clock is {hours} opening hours of "
            "calendar `{calendar}`, about {days} opening days of {per_day}, not {n} business "
            "day(s); for {n} business day(s) of the calendar write `{n}bd`, for {hours} hours "
            "around the clock set `clock: calendar`, and for {hours} opening hours indeed write "
            "`{hours}h`",
        ),
        "sla-day-on-business-clock.part": Said(
            vi="{who}: `{target}: {within}` trên đồng hồ làm việc là {hours} giờ mở cửa của lịch "
            "`{calendar}`, tức khoảng {days} ngày làm việc ({per_day} một ngày), không phải {n} "
            "ngày làm việc; ngày làm việc (`1bd`) chỉ đếm số nguyên ngày, nên nếu muốn khoảng {n} "
            "ngày làm việc, hãy ghi `{business}` giờ mở cửa, nếu muốn {hours} giờ đồng hồ, hãy "
            "đặt `clock: calendar`, còn nếu đúng là {hours} giờ mở cửa, hãy ghi `{hours}h`",
            en="{who}: `{target}: {within}` on a business clock is {hours} opening hours of "
            "calendar `{calendar}`, about {days} opening days of {per_day}, not {n} business "
            "day(s); business days (`1bd`) count whole days, so for about {n} business days "
            "write `{business}` of opening hours, for {hours} hours around the clock set "
            "`clock: calendar`, and for {hours} opening hours indeed write `{hours}h`",
        ),
        "sla-business-days-calendar-clock": Said(
            vi="{who}: `{target}: {within}` đếm {days} ngày làm việc, nhưng chỉ tiêu tính theo "
            "đồng hồ lịch (`clock: calendar`), vốn không có ngày mở cửa nên không tính được hạn "
            "chót; hãy ghi `{days}d` cho {days} × 24 giờ đồng hồ, hoặc đặt `clock: business` để "
            "đếm ngày làm việc của một lịch",
            en="{who}: `{target}: {within}` counts {days} business day(s), but the target is on "
            "a calendar clock (`clock: calendar`), which has no opening days, so its deadline "
            "cannot be worked out; use `{days}d` for {days} × 24 hours or `clock: business` to "
            "count opening days of a calendar",
        ),
        # -- references ------------------------------------------------------------------
        "unknown-shift": Said(
            vi="ca `{value}` chưa được khai báo{hint}",
            en="shift `{value}` is not defined{hint}",
        ),
        "unknown-contract": Said(
            vi="hợp đồng `{value}` chưa được khai báo{hint}",
            en="contract `{value}` is not defined{hint}",
        ),
    }
)
