"""How current an offer's facts are: the date they were last confirmed, and whether to check.

An offer's facts are as old as the older of its `assured_date` (when it was checked
against its source) and its source's `published` date (when the source stated them): a
2011 council decision checked last week is still a fact of 2011.
"""

from __future__ import annotations

import datetime as dt

from bot.domain.offers import Offer


def confirmed_on(offer: Offer) -> dt.date:
    """The date the offer's facts were last confirmed."""
    published = offer.source.published
    return min(offer.assured_date, published) if published else offer.assured_date


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later`."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def needs_check(offer: Offer, today: dt.date, fresh_months: int) -> bool:
    """Tell whether a family should check the offer by phone before going."""
    return months_between(confirmed_on(offer), today) > fresh_months
