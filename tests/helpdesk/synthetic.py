"""A generated Zendesk set of 500 triggers (seeded, made in the test, never committed): a
clean version on which verification reports nothing, and a version with seeded mistakes
(a trigger whose group is always overwritten, a trigger that contradicts itself, two
triggers that re-fire one another, an SLA policy no ticket reaches, a schedule that never
opens), each at a known JSON path."""

from __future__ import annotations

import random
from typing import Any

TOPICS = 600
GROUPS = 20
VIAS = ["0", "4", "29", "33", "48"]


def _trigger(
    i: int,
    position: int,
    all_: list[tuple[str, str, Any]],
    actions: list[tuple[str, Any]],
    any_: list[tuple[str, str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "url": f"https://example.zendesk.com/api/v2/triggers/{i}.json",
        "id": i,
        "title": f"Trigger {i}",
        "active": True,
        "position": position,
        "conditions": {
            "all": [{"field": f, "operator": o, "value": v} for f, o, v in all_],
            "any": [{"field": f, "operator": o, "value": v} for f, o, v in any_ or []],
        },
        "actions": [{"field": f, "value": v} for f, v in actions],
        "created_at": "2026-11-02T08:15:00Z",
        "updated_at": "2026-11-02T08:15:00Z",
    }


def zendesk_set(
    n: int = 500, *, seed: int = 2026, mistakes: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """The documents (file name → JSON) and, with ``mistakes``, the seeded mistakes' codes
    by JSON path."""
    rng = random.Random(seed)
    groups = [
        {
            "id": 1000 + g,
            "name": f"Team {g}",
            "description": "",
            "default": g == 0,
            "deleted": False,
        }
        for g in range(GROUPS)
    ]
    topics = [f"topic_{k}" for k in range(TOPICS)]
    rng.shuffle(topics)
    triggers: list[dict[str, Any]] = []
    for i in range(n):
        all_: list[tuple[str, str, Any]] = [
            ("update_type", "is", "Create"),
            ("custom_fields_77", "is", topics[i]),
        ]
        any_: list[tuple[str, str, Any]] = []
        kind = rng.random()
        if kind < 0.3:
            all_.append(("via_id", "is", rng.choice(VIAS)))
        elif kind < 0.5:
            any_ = [("via_id", "is", v) for v in rng.sample(VIAS, 2)]
        elif kind < 0.6:
            all_.append(("via_id", "is_not", rng.choice(VIAS)))
        actions: list[tuple[str, Any]] = [("group_id", 1000 + rng.randrange(GROUPS))]
        if rng.random() < 0.2:
            actions.append(("notification_group", ["group_id", "New ticket", "Have a look"]))
        triggers.append(_trigger(10_000 + i, i + 1, all_, actions, any_))
    slas = [
        {
            "id": 1,
            "title": "Incidents by email",
            "position": 1,
            "filter": {
                "all": [
                    {"field": "type", "operator": "is", "value": "incident"},
                    {"field": "via_id", "operator": "is", "value": "4"},
                ],
                "any": [],
            },
            "policy_metrics": [
                {
                    "priority": "high",
                    "metric": "first_reply_time",
                    "target": 60,
                    "business_hours": False,
                }
            ],
        },
        {
            "id": 2,
            "title": "Questions",
            "position": 2,
            "filter": {
                "all": [{"field": "type", "operator": "is", "value": "question"}],
                "any": [],
            },
            "policy_metrics": [
                {
                    "priority": "normal",
                    "metric": "first_reply_time",
                    "target": 240,
                    "business_hours": True,
                }
            ],
        },
        {
            "id": 3,
            "title": "Everything",
            "position": 3,
            "filter": {"all": [], "any": []},
            "policy_metrics": [
                {
                    "priority": "low",
                    "metric": "first_reply_time",
                    "target": 480,
                    "business_hours": True,
                }
            ],
        },
    ]
    schedules = [
        {
            "id": 50 + s,
            "name": f"Hours {s}",
            "time_zone": "Hanoi",
            "intervals": [
                {"start_time": 1440 * d + 420 + 60 * s, "end_time": 1440 * d + 960 + 60 * s}
                for d in range(1, 6)
            ],
        }
        for s in range(3)
    ]
    fields = [
        {
            "id": 77,
            "type": "tagger",
            "title": "Topic",
            "active": True,
            "custom_field_options": [
                {"id": k, "name": f"Topic {k}", "value": f"topic_{k}"} for k in range(TOPICS)
            ],
        }
    ]
    seeded: dict[str, str] = {}
    if mistakes:
        # overwritten: an early trigger on the tickets of a later one, to another group
        target = next(
            t
            for t in triggers[300:]
            if len(t["conditions"]["all"]) == 2 and not t["conditions"]["any"]
        )
        topic = target["conditions"]["all"][1]["value"]
        group = next(a["value"] for a in target["actions"] if a["field"] == "group_id")
        other = 1000 + (group - 1000 + 1) % GROUPS
        shadow = _trigger(
            90_001,
            0,
            [
                ("update_type", "is", "Create"),
                ("custom_fields_77", "is", topic),
                ("via_id", "is", "4"),
            ],
            [("group_id", other)],
        )
        # contradiction: the same field equal to two values
        never = _trigger(
            90_002, n + 1, [("via_id", "is", "4"), ("via_id", "is", "29")], [("group_id", 1001)]
        )
        # a loop: each sets a field the other tests
        loop_a = _trigger(90_003, n + 2, [("status", "is", "new")], [("priority", "high")])
        loop_b = _trigger(90_004, n + 3, [("priority", "is", "high")], [("status", "open")])
        triggers = [shadow, *triggers, never, loop_a, loop_b]
        seeded["triggers.json:$.triggers[0]"] = "helpdesk-never-fires"
        seeded[f"triggers.json:$.triggers[{n + 1}]"] = "helpdesk-never-fires"
        seeded[f"triggers.json:$.triggers[{n + 2}]"] = "helpdesk-trigger-loop"
        # unreachable SLA: after "Everything", no ticket is left for it
        slas.append(
            {
                "id": 4,
                "title": "Urgent questions",
                "position": 4,
                "filter": {
                    "all": [{"field": "type", "operator": "is", "value": "question"}],
                    "any": [],
                },
                "policy_metrics": [
                    {
                        "priority": "urgent",
                        "metric": "first_reply_time",
                        "target": 30,
                        "business_hours": False,
                    }
                ],
            }
        )
        seeded["sla_policies.json:$.sla_policies[3]"] = "helpdesk-sla-unmatched"
        schedules.append({"id": 99, "name": "Never open", "time_zone": "Hanoi", "intervals": []})
        seeded["schedules.json:$.schedules[3]"] = "helpdesk-schedule-closed"
    documents = {
        "groups.json": {
            "groups": groups,
            "next_page": None,
            "previous_page": None,
            "count": len(groups),
        },
        "triggers.json": {
            "triggers": triggers,
            "next_page": None,
            "previous_page": None,
            "count": len(triggers),
        },
        "sla_policies.json": {"sla_policies": slas},
        "schedules.json": {"schedules": schedules},
        "ticket_fields.json": {"ticket_fields": fields},
    }
    return documents, seeded
