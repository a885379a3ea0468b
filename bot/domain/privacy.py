"""Privacy helpers: pseudonymous user keys and masking of personal data in text."""

from __future__ import annotations

import hashlib
import hmac
import re

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()/.-]{5,}\d(?!\w)")
_LONG_DIGITS = re.compile(r"\d{6,}")
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)


def user_key(secret: str, channel: str, user_id: str) -> str:
    """A stable pseudonym for a channel's user id; the id itself is never stored."""
    digest = hmac.new(secret.encode(), f"{channel}:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()


def log_key(key: str) -> str:
    """A short form of a pseudonym for logs."""
    return key[:10]


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses, phone numbers and long digit runs (5-digit postcodes stay)."""
    text = text.translate(_DIGITS)
    text = _EMAIL.sub("[e-mail]", text)

    def phone(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return match.group(0) if len(digits) <= 5 else "[phone]"

    text = _PHONE.sub(phone, text)
    return _LONG_DIGITS.sub("[number]", text)
