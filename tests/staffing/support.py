"""Helpers shared by the staffing tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cskh_org.errors import CskhOrgError, StaffingError


def refused(build: Callable[[], object]) -> str:
    """``build()`` raises a :class:`StaffingError` (a :class:`CskhOrgError`) said in both
    languages; its English text."""
    with pytest.raises(StaffingError) as caught:
        build()
    assert isinstance(caught.value, CskhOrgError)
    assert caught.value.said is not None
    assert caught.value.said.vi != caught.value.said.en
    return str(caught.value)
