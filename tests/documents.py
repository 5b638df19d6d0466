"""Document fragments shared by several test modules."""

ESCALATION_ORG = """\
version: 1
id: cskh
name: {vi: Chăm sóc khách hàng, en: Customer care}
currency: VND
timezone: Asia/Ho_Chi_Minh
reports_to: head_of_sales
roles:
  - id: agent
    title: {vi: Nhân viên CSKH, en: Care agent}
    monthly_cost: 12000000 VND
units:
  - id: care
    name: {vi: Phòng CSKH, en: Customer care}
    head: agent
    staff: [{role: agent}]
  - id: team
    name: {vi: Nhóm hỗ trợ, en: Support team}
    parent: care
    head: agent
    functions: [account_management, loyalty, returns_warranty, issue_resolution, support, sales]
    staff: [{role: agent, headcount: 3}]
  - id: desk
    name: {vi: Tổ chat, en: Chat desk}
    parent: team
    head: agent
    functions: [support]
    staff: [{role: agent, headcount: 2}]
"""
"""A care department, a support team under it and a chat desk under the team, reporting to
the head of sales: the organisation the escalation tests add steps to."""
