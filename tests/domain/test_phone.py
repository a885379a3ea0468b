"""A family's phone number for the call back: found in its words, and it fits the column."""

from __future__ import annotations

import pytest

from bot.domain.offers import PHONE_MAX_CHARS, extract_phone, is_reachable_phone

LONG_ANSWER = "+4915123456789 bitte erst nach 18 Uhr anrufen, danke sehr"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (LONG_ANSWER, "+4915123456789"),
        ("0171 2345678", "+491712345678"),
        ("ruf mich an: 02261 871226", "+492261871226"),
        ("0049 171 2345678", "+491712345678"),
        ("+90 532 123 45 67", "+905321234567"),
        ("٠١٧١٢٣٤٥٦٧٨", "+491712345678"),
        ("hallo", None),
        ("1" * 100_000, None),
        ("", None),
    ],
)
def test_extract_phone_finds_the_number(text: str, number: str | None) -> None:
    assert extract_phone(text) == number


def test_the_number_of_a_long_answer_fits_the_column() -> None:
    found = extract_phone(LONG_ANSWER)
    assert found is not None and len(found) <= PHONE_MAX_CHARS == 40


def test_only_what_fits_the_column_is_reachable() -> None:
    """The hand-off stores the answer: one longer than its column would be lost."""
    assert len(LONG_ANSWER) > PHONE_MAX_CHARS
    assert not is_reachable_phone(LONG_ANSWER)
    assert not is_reachable_phone("1" * 100_000)
    assert not is_reachable_phone("<script>" + "0171 2345678" * 20)
    assert is_reachable_phone("0171 2345678")
    assert is_reachable_phone("+90 532 123 45 67")
    assert is_reachable_phone("mobil: 0171 2345678")
