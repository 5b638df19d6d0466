"""Money: exact amounts in ISO 4217 currencies, parsed from YAML-friendly text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import cskh_org
from cskh_org.money import (
    CURRENCY_MINOR_UNITS,
    Money,
    MoneyField,
    allocate,
    minor_unit,
    quantize,
)


class _Price(BaseModel):
    price: MoneyField


def _price(value: object) -> Money:
    return _Price.model_validate({"price": value}).price


def _rejection(value: object) -> str:
    with pytest.raises(ValidationError) as exc:
        _price(value)
    errors = exc.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return str(errors[0]["msg"])


# -- currencies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "digits"), [("VND", 0), ("JPY", 0), ("USD", 2), ("EUR", 2), ("KWD", 3), ("CLF", 4)]
)
def test_minor_units_follow_iso_4217(currency: str, digits: int) -> None:
    """VND has no minor unit, USD two digits, KWD three (ISO 4217)."""
    assert minor_unit(currency) == digits
    assert CURRENCY_MINOR_UNITS[currency] == digits


def test_currency_codes_are_three_capital_letters() -> None:
    """Every known code is three capital letters."""
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in CURRENCY_MINOR_UNITS)


@pytest.mark.parametrize(
    ("text", "hint"), [("12000000 vnd", "did you mean `VND`?"), ("5 XYZ", "VND or USD")]
)
def test_unknown_currency_is_rejected_with_a_hint(text: str, hint: str) -> None:
    """A code that is not ISO 4217 fails; a lowercase one suggests the capitals."""
    message = _rejection(text)
    assert "is not an ISO 4217 currency code" in message
    assert hint in message


# -- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "amount", "currency"),
    [
        ("12000000 VND", Decimal(12000000), "VND"),
        ("12_000_000 VND", Decimal(12000000), "VND"),
        ("12 000 000 VND", Decimal(12000000), "VND"),
        ("1500.50 USD", Decimal("1500.50"), "USD"),
        ("12000000", Decimal(12000000), None),
        (12000000, Decimal(12000000), None),
        (Decimal("99.5"), Decimal("99.5"), None),
        ({"amount": 12000000, "currency": "VND"}, Decimal(12000000), "VND"),
        ({"amount": "1.250", "currency": "KWD"}, Decimal("1.250"), "KWD"),
    ],
)
def test_money_is_read_from_text_numbers_and_mappings(
    value: object, amount: Decimal, currency: str | None
) -> None:
    """`12000000 VND`, digits grouped by `_` or spaces, plain numbers and mappings all parse."""
    money = _price(value)
    assert money.amount == amount
    assert isinstance(money.amount, Decimal)
    assert money.currency == currency


@pytest.mark.parametrize("value", ["-250000 VND", -5, {"amount": -1, "currency": "USD"}])
def test_a_negative_cost_is_rejected(value: object) -> None:
    """A cost is what is spent: a negative amount is an error, in every spelling."""
    assert "cannot be negative" in _rejection(value)


def test_thousands_separators_are_rejected_with_the_fix() -> None:
    """`12,000` fails; the message says not to use separators and shows `12000`."""
    message = _rejection("12,000 VND")
    assert "without thousands separators" in message
    assert "`12000`" in message
    assert "`12000000.50`" in _rejection("12,000,000.50 USD")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("twelve VND", "is not an amount"),
        ("12 VND extra", "is not an amount"),
        (True, "not true/false"),
        (Decimal("Infinity"), "finite"),
        (float("nan"), "finite"),
        ([12], "must be a number or text"),
    ],
)
def test_non_amounts_are_rejected(value: object, words: str) -> None:
    """Words, booleans, infinities and lists are not amounts; the message says what to write."""
    assert words in _rejection(value)


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("1.5 VND", "no decimals"),
        ("0.001 USD", "at most 2 decimals"),
        ("1.0001 KWD", "at most 3 decimals"),
    ],
)
def test_more_decimals_than_the_currency_has_are_rejected(value: str, allowed: str) -> None:
    """An amount finer than its currency's minor unit fails (VND has none)."""
    message = _rejection(value)
    assert "more decimals than" in message
    assert allowed in message


def test_trailing_zero_decimals_are_fine() -> None:
    """`1.0 VND` and `2.50 USD` are within the minor unit (trailing zeros do not count)."""
    assert _price("1.0 VND").check_minor_unit()
    assert _price("2.50 USD").amount == Decimal("2.50")


def test_money_in_a_document_reports_invalid_money_at_its_line() -> None:
    """In a document, a bad amount is an `invalid-money` finding at the value's line."""
    doc = """\
id: shop
name: Shop
currency: VND
timezone: Asia/Ho_Chi_Minh
roles:
  - id: owner
    title: Owner
    monthly_cost: 12,000,000 VND
units:
  - {id: care, name: Care}
"""
    result = cskh_org.validate_text(doc)
    codes = [(f.code, f.location.line if f.location else None) for f in result.findings]
    assert codes == [("invalid-money", 8)]


# -- writing and rounding ----------------------------------------------------------------------


def test_money_prints_as_it_is_written() -> None:
    """str() and serialization give `12000000 VND` (no currency: the bare amount)."""
    money = Money.of(12_000_000, "VND")
    assert str(money) == "12000000 VND"
    assert _Price(price=money).model_dump() == {"price": "12000000 VND"}
    assert str(_price(500)) == "500"
    assert str(Money.of("1500.50", "USD")) == "1500.50 USD"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "VND", "1235"),
        ("1234.49", "VND", "1234"),
        ("-0.5", "VND", "-1"),
        ("0.125", "USD", "0.13"),
        ("2.675", "USD", "2.68"),
        ("1.0005", "KWD", "1.001"),
        ("7", "USD", "7.00"),
    ],
)
def test_quantize_rounds_half_up_to_the_minor_unit(
    amount: str, currency: str, expected: str
) -> None:
    """Rounding is half-up (away from zero on .5) to the currency's minor unit."""
    result = quantize(Decimal(amount), currency)
    assert str(result) == expected


def test_check_minor_unit_without_currency_is_true() -> None:
    """An amount with no currency cannot be checked here, so it passes."""
    assert Money(amount=Decimal("0.123")).check_minor_unit()
    assert not Money(amount=Decimal("0.5"), currency="VND").check_minor_unit()


@given(
    minor=st.integers(min_value=-(10**18), max_value=10**18),
    currency=st.sampled_from(sorted(CURRENCY_MINOR_UNITS)),
    parts=st.integers(min_value=1, max_value=24),
)
def test_allocate_sums_exactly_and_parts_differ_by_one_minor_unit_at_most(
    minor: int, currency: str, parts: int
) -> None:
    """For any amount in any currency, the parts have the currency's decimals, sum exactly to
    the amount, differ by at most one minor unit, and the larger ones come first."""
    step = Decimal(1).scaleb(-minor_unit(currency))
    amount = minor * step
    shares = allocate(amount, currency, parts)
    assert len(shares) == parts
    assert sum(shares, Decimal(0)) == amount
    assert all(quantize(share, currency) == share for share in shares)
    assert max(shares) - min(shares) <= step
    magnitudes = [abs(share) for share in shares]
    assert magnitudes == sorted(magnitudes, reverse=True)


def test_allocate_spreads_an_annual_vnd_amount_that_twelve_does_not_divide() -> None:
    """100,000,000 VND over 12 months: 8,333,334 in the first four, 8,333,333 after; an
    amount with too many decimals is rounded once first; no part is refused."""
    shares = allocate(Decimal(100_000_000), "VND", 12)
    assert shares == (Decimal(8_333_334),) * 4 + (Decimal(8_333_333),) * 8
    assert allocate(Decimal("10.005"), "USD", 2) == (Decimal("5.01"), Decimal("5.00"))
    with pytest.raises(ValueError, match="0 parts"):
        allocate(Decimal(1), "VND", 0)


def test_amounts_share_one_set_of_written_fields_and_a_copy_gets_its_own() -> None:
    """Money values that wrote the same fields share one set (memory: 50,000 staff costs); a
    copy with changes gets a set of its own, so the shared one never changes."""
    from decimal import Decimal as D

    from cskh_org.money import Money as M

    a, b = M(amount=D(1), currency="VND"), M(amount=D(2), currency="USD")
    plain = M(amount=D(3))
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert plain.__pydantic_fields_set__ == {"amount"}
    copied = plain.model_copy(update={"currency": "VND"})
    assert copied.__pydantic_fields_set__ == {"amount", "currency"}
    assert plain.__pydantic_fields_set__ == {"amount"}
    assert M(amount=D(4)).__pydantic_fields_set__ == {"amount"}


def test_a_money_text_read_twice_is_one_value() -> None:
    first, again = _price("12345000 VND"), _price("12345000 VND")
    assert first is again
    assert _price("12345000") == Money(amount=Decimal(12345000))


def test_a_text_that_fails_fails_every_time() -> None:
    for _ in range(2):
        with pytest.raises(ValidationError, match="more decimals"):
            _price("12.5 VND")


def test_the_known_texts_stay_bounded() -> None:
    from cskh_org import money

    for n in range(money._MOST_KNOWN_TEXTS + 10):
        assert _price(f"{n} USD").amount == n
    assert len(money._KNOWN_TEXTS) <= money._MOST_KNOWN_TEXTS
