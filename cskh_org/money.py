"""Money: an exact ``Decimal`` amount in an ISO 4217 currency.

Each currency has its own minor unit (VND has none, USD has cents, KWD has fils in
thousandths). Amounts are never floats; rounding is explicit (:func:`quantize`) and uses
banker's-free ``ROUND_HALF_UP``, the rule accountants in Vietnam apply to VND.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_serializer,
)

from cskh_org.findings import NOTHING, both, refusal
from cskh_org.memo import remembered

__all__ = [
    "CONTEXT",
    "CURRENCY_MINOR_UNITS",
    "MAX_AMOUNT",
    "CurrencyCode",
    "Money",
    "allocate",
    "exact_product",
    "exact_sum",
    "minor_unit",
    "quantize",
    "share_fields_set",
]

_ZERO_DIGIT = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE_DIGIT = "BHD IQD JOD KWD LYD OMR TND"
_FOUR_DIGIT = "CLF UYW"
_TWO_DIGIT = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD "
    "FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD "
    "KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD "
    "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP "
    "SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED "
    "VES WST XCD XCG YER ZAR ZMW ZWG"
)

CURRENCY_MINOR_UNITS: dict[str, int] = {
    **dict.fromkeys(_TWO_DIGIT.split(), 2),
    **dict.fromkeys(_ZERO_DIGIT.split(), 0),
    **dict.fromkeys(_THREE_DIGIT.split(), 3),
    **dict.fromkeys(_FOUR_DIGIT.split(), 4),
}
"""ISO 4217 active currency codes and the number of digits of their minor unit."""


def _check_currency(value: object) -> object:
    if isinstance(value, str) and value not in CURRENCY_MINOR_UNITS:
        hint = value.upper() if value.upper() in CURRENCY_MINOR_UNITS else None
        said = both("hint.did-you-mean", name=hint) if hint else NOTHING
        raise refusal("currency", "value.currency", value=value, hint=said)
    return value


CurrencyCode = Annotated[
    str,
    BeforeValidator(_check_currency),
    WithJsonSchema({"type": "string", "enum": sorted(CURRENCY_MINOR_UNITS)}),
]
"""A three-letter ISO 4217 currency code, e.g. ``VND``."""


def minor_unit(currency: str) -> int:
    """Digits after the decimal point the currency allows (``VND`` → 0, ``USD`` → 2)."""
    return CURRENCY_MINOR_UNITS[currency]


CONTEXT = Context(
    prec=60, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow]
)
"""The decimal context of every money computation: 60 digits hold any sum of amounts under
:data:`MAX_AMOUNT` (15 digits and 4 decimals) times any headcount, FTE and month count the
model allows, exactly; the global context (28 digits) is never relied on."""

MAX_AMOUNT = Decimal(10) ** 15
"""Amounts are below a million billion (10^15) in size; a larger one is a typo."""
_MAX_AMOUNT_TEXT = 40
_MAX_DIGITS = 15
"""Digits before the point: an amount is below 10^15 (:data:`MAX_AMOUNT`)."""
_MAX_DECIMALS = 4
"""Decimals an amount may be written with: the most any ISO 4217 currency has (CLF, UYW)."""
_GROUPED_AMOUNT = re.compile(r"[-+]?[0-9]+(?:[_ ][0-9]+)*(?:\.[0-9]+)?")


def exact_product(*factors: Decimal | int) -> Decimal:
    """The exact product of amounts, headcounts, FTEs and month counts, in :data:`CONTEXT`."""
    result = Decimal(1)
    for factor in factors:
        result = CONTEXT.multiply(result, factor)
    return result


def exact_sum(amounts: Iterable[Decimal | int]) -> Decimal:
    """The exact sum of amounts, in :data:`CONTEXT` (``sum()`` would use the global one)."""
    result = Decimal(0)
    for amount in amounts:
        result = CONTEXT.add(result, amount)
    return result


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` half-up to the currency's minor unit. Apply once, at the end."""
    return amount.quantize(
        Decimal(1).scaleb(-minor_unit(currency), context=CONTEXT),
        rounding=ROUND_HALF_UP,
        context=CONTEXT,
    )


def allocate(amount: Decimal, currency: str, parts: int) -> tuple[Decimal, ...]:
    """``amount`` (rounded half up to the minor unit, once) spread over ``parts`` shares in whole
    minor units that sum to it exactly: equal shares, the minor units left over going one
    each to the first shares (largest remainder, ties to the earliest), so two shares differ
    by at most one minor unit. Symmetric in sign.

    >>> [str(part) for part in allocate(Decimal(100_000_000), "VND", 12)[3:6]]
    ['8333334', '8333333', '8333333']
    """
    if parts < 1:
        raise ValueError(f"cannot spread an amount over {parts} parts")
    digits = minor_unit(currency)
    minor = int(amount.scaleb(digits, context=CONTEXT).quantize(1, ROUND_HALF_UP, context=CONTEXT))
    quotient, remainder = divmod(abs(minor), parts)
    sign = -1 if minor < 0 else 1
    return tuple(
        Decimal(sign * (quotient + (1 if i < remainder else 0))).scaleb(-digits, context=CONTEXT)
        for i in range(parts)
    )


_MONEY_TEXT = re.compile(r"^\s*([-+]?[0-9][0-9_ ,.]*)\s*([A-Za-z]{3})?\s*$", re.ASCII)


def _money_pattern() -> str:
    """The JSON Schema pattern of exactly the texts a money field accepts: an amount of at
    most 15 digits without a leading zero, grouped by one ``_`` or space between digits, an
    optional ``+``, at most four decimals after a ``.`` (trailing zeros included), of which
    no more are significant than the currency written after it allows (any, without one)."""
    space = r"[ \t\n\r\f\v]*"  # ``\s`` in ASCII mode, spelled out for every regex dialect
    whole = rf"\+?(0|[1-9]([_ ]?[0-9]){{0,{_MAX_DIGITS - 1}}})"
    by_digits: dict[int, list[str]] = {}
    for code, digits in sorted(CURRENCY_MINOR_UNITS.items()):
        by_digits.setdefault(digits, []).append(code)
    forms = [rf"{whole}(\.[0-9]{{1,{_MAX_DECIMALS}}})?{space}"]  # the department's currency
    for digits, codes in sorted(by_digits.items()):
        zeros = _MAX_DECIMALS - digits  # trailing zeros are free, up to four decimals in all
        fraction = rf"(\.(?=[0-9])[0-9]{{0,{digits}}}0{{0,{zeros}}})?"
        forms.append(rf"{whole}{fraction}{space}({'|'.join(codes)}){space}")
    return rf"^{space}(" + "|".join(f"({form})" for form in forms) + ")$"


MONEY_PATTERN = _money_pattern()
"""The JSON Schema pattern of a money text such as ``12000000 VND`` (see :class:`Money`)."""


def _to_decimal(raw: object) -> Decimal:
    value = _decimal_of(raw)
    if not value.is_finite():
        raise refusal("money", "value.money.finite")
    if value.copy_abs() >= MAX_AMOUNT:  # copy_abs: no context, so no overflow
        raise refusal("money", "value.money.too-large", raw=_s(raw))
    return value


def _s(raw: object) -> str:
    text = (
        raw if isinstance(raw, str) else format(raw, "f") if isinstance(raw, Decimal) else str(raw)
    )
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _decimal_of(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise refusal("money", "value.money.boolean")
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, str):
        raw = raw.strip()
        if len(raw) > _MAX_AMOUNT_TEXT:  # before Decimal(): a 5,000-digit amount is a typo
            raise refusal("money", "value.money.too-long", raw=_s(raw), limit=_MAX_AMOUNT_TEXT)
        text = raw.replace("_", "").replace(" ", "")
        if "," not in text and not _GROUPED_AMOUNT.fullmatch(raw.strip()):
            raise refusal("money", "value.money.grouping", raw=_s(raw))
        if "," in text:
            grouped = re.fullmatch(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", text)
            raise refusal(
                "money",
                "value.money.separators",
                raw=raw.strip(),
                hint=f": `{text.replace(',', '')}`" if grouped else "",
            )
        if text.startswith("-"):
            raise refusal("money", "value.money.negative", raw=raw)
        whole, _, decimals = text.lstrip("+").partition(".")
        if len(whole) > 1 and whole.startswith("0"):
            plain = (whole.lstrip("0") or "0") + (f".{decimals}" if decimals else "")
            raise refusal("ambiguous_number", "value.ambiguous-number", value=raw, plain=plain)
        if len(decimals) > _MAX_DECIMALS:
            raise refusal("money", "value.money.decimals", raw=raw, limit=_MAX_DECIMALS)
        try:
            return Decimal(text)
        except InvalidOperation:
            raise refusal("money", "value.money.not-amount", raw=raw) from None
    raise refusal("money", "value.money.kind")


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
"""One set of written fields per distinct set of field names (see :func:`share_fields_set`)."""


def share_fields_set(model: BaseModel) -> None:
    """Make ``model`` share its set of written fields with every instance that wrote the same
    fields. Only for a frozen model: its set never changes after validation (``model_copy``
    copies it first), and one set for the 50,000 staff-line costs or budget lines that write
    the same fields saves 216 bytes each."""
    fields = model.__pydantic_fields_set__
    key = frozenset(fields)
    shared = _FIELDS_SETS.get(key)
    if shared is None:
        shared = _FIELDS_SETS.setdefault(key, fields)
    object.__setattr__(model, "__pydantic_fields_set__", shared)


class Money(BaseModel):
    """An amount of money in a currency.

    Written in YAML as ``12000000 VND``, as a plain number (``currency`` is then ``None``:
    the amount is in the department's currency), or as ``{amount: 12000000, currency: VND}``.
    An amount has at most as many decimals as its currency allows.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        share_fields_set(self)

    amount: Decimal = Field(description="The exact amount, in major units (dong, dollars).")

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: object) -> object:
        if isinstance(value, str):  # money text (`{amount: "1.250"}`), but `012` is ambiguous
            if re.match(r"\s*[-+]?0[0-9]", value):
                from cskh_org.model.base import number_not_text

                return number_not_text(value)
            return _to_decimal(value)
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return _to_decimal(value)
        return value

    currency: CurrencyCode | None = Field(
        default=None,
        description="ISO 4217 code; omitted means the department's currency.",
    )

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Self:
        return cls(amount=_to_decimal(amount), currency=currency)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        obj = handler(core_schema)
        return {
            "anyOf": [
                {"type": "number", "minimum": 0, "exclusiveMaximum": int(MAX_AMOUNT)},
                {
                    "type": "string",
                    "pattern": MONEY_PATTERN,
                    "examples": ["12000000 VND", "1500.50 USD"],
                },
                obj,
            ],
            "description": cls.__doc__.split("\n\n")[0] if cls.__doc__ else "",
        }

    @classmethod
    def _parse(cls, value: object) -> object:
        if isinstance(value, dict | Money):
            return value
        if isinstance(value, str):
            m = _MONEY_TEXT.match(value)
            if not m:
                raise refusal("money", "value.money.not-amount", raw=value)
            return {"amount": _to_decimal(m.group(1)), "currency": m.group(2)}
        return {"amount": _to_decimal(value), "currency": None}

    @model_serializer(mode="plain")
    def _serialize(self) -> str:
        text = format(self.amount, "f")
        return f"{text} {self.currency}" if self.currency else text

    def check_minor_unit(self) -> bool:
        """True if the amount has no more decimals than its currency allows."""
        if self.currency is None:
            return True
        exponent = self.amount.normalize().as_tuple().exponent
        return not isinstance(exponent, int) or -exponent <= minor_unit(self.currency)

    def __str__(self) -> str:
        return self._serialize()


def _money_before(value: object) -> object:
    return Money._parse(value)


def _money_precision(value: Money) -> Money:
    if value.amount.is_signed() and value.amount:
        raise refusal("money", "value.money.negative", raw=str(value))
    if not value.check_minor_unit():
        digits = minor_unit(value.currency or "")
        allowed = (
            both("budget.decimals.none")
            if digits == 0
            else both("budget.decimals.some", digits=digits)
        )
        raise refusal(
            "money",
            "value.money.precision",
            raw=str(value),
            currency=value.currency,
            allowed=allowed,
        )
    return value


_KNOWN_TEXTS: dict[str, Money] = {}
"""Money texts already read, each with its (immutable) value: the 50,000 budget lines of
``benchmarks/bench_scale.py`` write a few hundred distinct amounts. Emptied when it holds
:data:`_MOST_KNOWN_TEXTS`."""
_MOST_KNOWN_TEXTS = 4096


def _money_known(value: object, read: ValidatorFunctionWrapHandler) -> object:
    """A money text read before is its value again (the same :class:`Money`, not a copy):
    a text's value depends on nothing but the text, so it is read, checked and stored once.
    Anything else (and a text that fails) is read as usual."""
    if type(value) is not str:
        return read(value)
    return remembered(_KNOWN_TEXTS, value, lambda: read(value), _MOST_KNOWN_TEXTS)


MoneyField = Annotated[
    Money,
    BeforeValidator(_money_before),
    AfterValidator(_money_precision),
    WrapValidator(_money_known),
]
"""A :class:`Money` field that also accepts ``"12000000 VND"`` and plain numbers."""
