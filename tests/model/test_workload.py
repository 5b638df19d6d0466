def test_services_of_gives_a_units_entries_in_document_order() -> None:
    """``services_of`` is the unit's slice of ``service``, duplicates of a key included (the
    lookup the simulation and the checks use instead of scanning the whole list)."""
    from cskh_org.model.workload import Workload

    entries = [
        {"unit": "a", "time": {"kind": "fixed", "value": "5m"}},
        {"unit": "b", "time": {"kind": "fixed", "value": "6m"}, "channel": "email"},
        {"unit": "a", "category": "x", "time": {"kind": "fixed", "value": "7m"}},
        {"unit": "a", "category": "x", "time": {"kind": "fixed", "value": "8m"}},
    ]
    workload = Workload.model_validate(
        {
            "version": 1,
            "id": "w",
            "start": "2027-01-04T00:00:00+07:00",
            "streams": [{"id": "s", "rate": 1}],
            "service": entries,
        }
    )
    assert workload.services_of("a") == (
        workload.service[0],
        workload.service[2],
        workload.service[3],
    )
    assert workload.services_of("b") == (workload.service[1],)
    assert workload.services_of("nobody") == ()
    assert [e for u in ("a", "b") for e in workload.services_of(u)] == sorted(
        workload.service, key=lambda e: (e.unit, workload.service.index(e))
    )
