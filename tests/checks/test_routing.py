"""The routing checks: terms, coverage (shadowed, unsatisfiable, fall-through) and targets."""

from __future__ import annotations

import textwrap

import cskh_org
from cskh_org.findings import Finding

BASE = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - id: agent
    title: {vi: Nhân viên CSKH, en: Care agent}
    monthly_cost: 12000000 VND
    skills: [vietnamese]
units:
  - id: care
    name: {vi: Chăm sóc khách hàng, en: Customer care}
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff:
      - role: agent
        headcount: 2
        skills: [english]
      - role: agent
        headcount: 0
        skills: [japanese]
  - id: chat_desk
    name: {vi: Tổ chat, en: Chat desk}
    parent: care
    head: agent
    functions: [support]
    channels: [chat, app]
    staff: [{role: agent}]
"""


def findings(routing: str, extra: str = "") -> list[Finding]:
    """Every finding of the base document with this routing section (and extra YAML)."""
    text = BASE + extra + "routing:\n" + textwrap.indent(textwrap.dedent(routing), "  ")
    return list(cskh_org.validate_text(text, name="doc.yaml").findings)


def codes(found: list[Finding]) -> list[str]:
    return [f.code for f in found]


def only(found: list[Finding], code: str) -> Finding:
    [finding] = [f for f in found if f.code == code]
    return finding


def test_clean_rules_give_only_the_fallthrough_note() -> None:
    """Rules that are all reachable, well-typed and well-targeted give just the coverage note."""
    found = findings(
        """
        rules:
          - {id: chat, when: {channel: {in: [chat, app]}}, to: chat_desk}
          - {id: english, when: {language: en}, to: {unit: care, skills: [english]}}
        default: care
        """
    )
    assert codes(found) == ["routing-fallthrough"]


def test_shadowed_by_a_union_names_every_covering_rule() -> None:
    """A rule covered only by the union of two earlier rules is reported, naming both."""
    found = findings(
        """
        rules:
          - {id: vip_calls, when: {tier: vip, channel: {in: [phone, email]}}, to: care}
          - {id: wholesale, when: {tier: wholesale}, to: care}
          - {id: vip_online, when: {tier: vip, channel: {not_in: [phone, email]}}, to: care}
          - {id: unrelated, when: {channel: email}, to: care}
          - {id: vip, when: {tier: vip}, to: care}
        default: care
        """
    )
    finding = only(found, "rule-shadowed")
    assert "rule `vip` can never fire" in finding.message
    # `wholesale` does not overlap; `unrelated` overlaps, but its vip tickets are taken first
    assert "the earlier rules `vip_calls`, `vip_online` (first match" in finding.message
    assert finding.location is not None
    assert finding.location.line == 37


def test_missing_tier_is_not_covered_by_tests_on_tier() -> None:
    """Tests on every tier value do not cover tickets without a tier: no shadow reported."""
    found = findings(
        """
        rules:
          - {id: known_tiers, when: {tier: {in: [vip, wholesale, regular, new]}}, to: care}
          - {id: rest, when: {channel: phone}, to: care}
        default: care
        """
    )
    assert "rule-shadowed" not in codes(found)


def test_contradictions_are_unsatisfiable() -> None:
    """Each contradictory condition is reported as a rule that can never fire."""
    found = findings(
        """
        rules:
          - id: two_channels
            when: {all: [{channel: phone}, {channel: email}]}
            to: care
          - id: empty_range
            when: {all: [{channel: {not_in: [phone]}}, {not: {channel: {present: true}}}]}
            to: care
          - id: fine
            when: {channel: phone}
            to: care
        default: care
        """
    )
    bad = [f for f in found if f.code == "rule-unsatisfiable"]
    assert [f.message.split("`")[1] for f in bad] == ["two_channels", "empty_range"]


def test_term_errors_are_reported_once() -> None:
    """A typo in an attribute is `rule-unknown-attribute` with a suggestion, not also
    `rule-unsatisfiable`."""
    found = findings(
        """
        rules:
          - {id: vip, when: {teir: vip}, to: care}
        default: care
        """
    )
    finding = only(found, "rule-unknown-attribute")
    assert "did you mean `tier`?" in finding.message
    assert "rule-unsatisfiable" not in codes(found)


def test_unknown_value_suggests_the_near_miss() -> None:
    """A misspelt enum value gets a "did you mean"."""
    found = findings(
        """
        rules:
          - {id: vip, when: {tier: vipp}, to: care}
        default: care
        """
    )
    assert "did you mean `vip`?" in only(found, "rule-unknown-value").message


def test_type_mismatches() -> None:
    """Ordering an enum, or comparing an enum with a number, is a type mismatch."""
    found = findings(
        """
        rules:
          - {id: ordered, when: {tier: {gt: 1}}, to: care}
          - {id: number_for_enum, when: {tier: 3}, to: care}
        default: care
        """
    )
    assert codes(found).count("rule-type-mismatch") == 2


def test_duplicate_rule_ids() -> None:
    """Two rules with one id are an error at the second."""
    found = findings(
        """
        rules:
          - {id: same, when: {tier: vip}, to: care}
          - {id: same, when: {tier: new}, to: care}
        default: care
        """
    )
    assert "already the id of rule 1" in only(found, "rule-duplicate-id").message


def test_priority_settings_must_fit_the_schema() -> None:
    """A priority attribute that is not an enum, or a default priority not in it, is an error."""
    found = findings(
        """
        rules: []
        default: {unit: care, priority: 1}
        priority_attribute: urgency
        """
    )
    assert "`urgency` is not declared" in only(found, "routing-priority").message
    found = findings("rules: []\ndefault: care\ndefault_priority: hihg\n")
    assert "did you mean `high`?" in only(found, "routing-priority").message


def test_skills_come_from_roles_and_staffed_lines_only() -> None:
    """Role skills and line skills count; a vacant line's skills do not."""
    found = findings(
        """
        rules:
          - {id: vi, when: {language: vi}, to: {unit: care, skills: [vietnamese, english]}}
          - {id: ja, when: {language: en}, to: {unit: care, skills: [japanese]}}
        default: care
        """
    )
    finding = only(found, "route-skill-missing")
    assert "skill `japanese`" in finding.message
    assert "skills there: english, vietnamese" in finding.message


def test_channel_not_served_uses_the_tickets_that_really_arrive() -> None:
    """Only channels that reach a rule after earlier rules count: here chat is taken first."""
    found = findings(
        """
        rules:
          - {id: chat, when: {channel: chat}, to: care}
          - {id: online, when: {channel: {in: [chat, app, email]}}, to: chat_desk}
        default: care
        """
    )
    finding = only(found, "route-channel-not-served")
    assert "sends email tickets to `chat_desk`" in finding.message


def test_default_route_channels_are_checked() -> None:
    """The default route is checked against the channels of the tickets that fall through."""
    found = findings(
        """
        rules:
          - {id: phones, when: {channel: phone}, to: care}
        default: chat_desk
        """
    )
    finding = only(found, "route-channel-not-served")
    assert finding.message.startswith(
        "the default route sends email, social, in_person, self_service tickets"
    )


def test_unit_without_channels_serves_every_channel() -> None:
    """A unit that lists no channels is never reported as not serving one."""
    found = findings("rules: []\ndefault: care\n")
    assert "route-channel-not-served" not in codes(found)


def test_unstaffed_target() -> None:
    """Routing to a unit whose lines are all vacant is an error."""
    extra = """\
  - id: empty
    name: {vi: Trống, en: Empty}
    parent: care
    staff: [{role: agent, headcount: 0}]
"""
    text = BASE + extra + "routing:\n  rules: [{id: r, when: {tier: vip}, to: empty}]\n"
    text += "  default: care\n"
    found = cskh_org.validate_text(text, name="doc.yaml").findings
    assert "`empty`, which has no staff" in only(list(found), "route-unit-unstaffed").message


def test_function_unrouted_and_its_waiver() -> None:
    """A function whose units get no tickets is a warning unless listed as unrouted."""
    routing = """
        rules:
          - {id: chat, when: {channel: {in: [chat, app]}}, to: chat_desk}
        default: chat_desk
        """
    found = findings(routing)
    unrouted = sorted(f.message.split("`")[1] for f in found if f.code == "function-unrouted")
    assert unrouted == [
        "account_management",
        "issue_resolution",
        "loyalty",
        "returns_warranty",
        "sales",
    ]
    waived = routing + (
        "        unrouted_functions: [account_management, issue_resolution, loyalty,"
        " returns_warranty, sales]\n"
    )
    assert "function-unrouted" not in codes(findings(waived))


def test_too_complex_is_unknown_not_a_guess() -> None:
    """A condition with thousands of alternatives is reported as unknown, and the rules after
    it are not called shadowed."""
    values = ["question", "technical", "complaint", "return", "warranty", "order", "feedback"]
    anys = ", ".join(
        f"{{any: [{{category: {v}}}, {{tier: vip}}, {{language: en}}, {{stage: after_sale}}]}}"
        for v in values
    )
    found = findings(
        f"""
        rules:
          - id: huge
            when: {{not: {{all: [{anys}]}}}}
            to: care
          - {{id: after, when: {{tier: vip}}, to: care}}
        default: care
        """
    )
    unknown = [f for f in found if f.code == "rule-analysis-unknown"]
    assert len(unknown) == 3  # the huge rule, the rule after it, the fall-through
    assert "rule-shadowed" not in codes(found)
    assert "routing-fallthrough" not in codes(found)
    # why, in each language: the Vietnamese message gives the Vietnamese reason
    huge, after, default = unknown
    assert "more than 256 alternatives" in huge.text("en")
    assert "có hơn 256 phương án khi khai triển" in huge.text("vi")
    assert "an earlier rule, `huge`, is too complex to analyse" in after.text("en")
    assert "một quy tắc đứng trước, `huge`, quá phức tạp để phân tích" in after.text("vi")
    assert "rule `huge` is too complex to analyse" in default.text("en")
    assert "quy tắc `huge` quá phức tạp để phân tích" in default.text("vi")
    for finding in unknown:
        assert "analyse" not in finding.text("vi")


def test_fallthrough_is_compact() -> None:
    """The fall-through of many rules is described in a few merged regions."""
    rules = "\n".join(
        f"  - {{id: r{i}, when: {{channel: {c}, tier: {t}}}, to: care}}"
        for i, (c, t) in enumerate(
            (c, t)
            for c in ["phone", "email", "social", "in_person", "self_service"]
            for t in ["vip", "wholesale", "regular"]
        )
    )
    found = findings("rules:\n" + rules + "\ndefault: care\n")
    message = only(found, "routing-fallthrough").message
    assert message.count(";") <= 4
    assert "channel ∈ {chat, app}" in message
