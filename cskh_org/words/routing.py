"""The catalogue's routing words: why the analysis of a rule table gave up.

The routing package imports this module itself, so these entries are there without loading
the rest of the catalogue and routing stays light.
"""

from __future__ import annotations

from cskh_org.words import Said, register

register(
    {
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
    }
)
