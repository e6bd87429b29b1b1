"""Telephone numbers as people read and type them, and as the upstream stores them.

VoIPstudio stores a public number in international form without the "+" (`442038467190`) and
an internal one as the extension it is (`201`). People read numbers of their own country in
national form (`020 3846 7190`) and others in international form (`+33 1 23 45 67 89`), and type
them in any of those forms. Which region is the reader's: see `reader_region`.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from babel.core import get_global
from django.conf import settings
from django.utils import timezone

# Shorter digit strings are extensions, queues and short codes: shown and searched as they are.
MIN_PUBLIC_DIGITS = 8
_DIGITS = re.compile(r"^\+?[0-9]+$")


def reader_region() -> str:
    """The region (ISO 3166 code, "GB") whose numbers the reader writes in national form.

    The site's `DASHBOARD_DEFAULT_REGION` goes with its default time zone; a user who chose
    the time zone of another country in their settings reads numbers as that country does.
    Pages run in the user's zone (see `dashboard.views.guards.upstream_view`), so the active zone
    says which it is, for the page's numbers and its search box alike.
    """
    zone = timezone.get_current_timezone_name()
    if zone != settings.DASHBOARD_DEFAULT_TIME_ZONE:
        territory = _zone_territories().get(zone)
        if territory:
            return str(territory)
    return str(settings.DASHBOARD_DEFAULT_REGION).upper()


@functools.cache
def _zone_territories() -> dict[str, str]:
    # CLDR's country of each time zone (Europe/Paris is FR), from Babel's data.
    return get_global("zone_territories")


@functools.lru_cache(maxsize=4096)
def number_display(number: str, region: str) -> str:
    """A stored number as its reader writes it: national form for a number of `region`,
    international otherwise; anything that is not a valid public number comes back unchanged."""
    text = (number or "").strip()
    if not _DIGITS.match(text) or len(text.lstrip("+")) < MIN_PUBLIC_DIGITS:
        return text
    try:
        parsed = phonenumbers.parse(f"+{text.lstrip('+')}", None)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(parsed):
        return text
    if phonenumbers.region_code_for_number(parsed) == region:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def number_stored_form(text: str, region: str) -> str:
    """A number (or part of one) as typed, in the form the upstream stores: `+44 20 3846 719`,
    `0044 20 3846 719`, `020 3846 719` (in the UK) and `44 20 3846 719` all give `44203846719`.

    Only what says it is a full number is rewritten: a leading "+", the international call
    prefix ("00") or the region's national prefix ("0" in the UK). Other digits are a part of a
    number or an extension, and are kept as typed.
    """
    digits = re.sub(r"[\s().-]", "", text or "")
    if not _DIGITS.match(digits):
        return digits
    if digits.startswith("+"):
        return digits[1:]
    if digits.startswith("00"):
        return digits[2:]
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    trunk = metadata.national_prefix if metadata is not None else None
    if trunk and digits.startswith(trunk) and len(digits) > len(trunk) + 1:
        national = digits[len(trunk) :]
        return f"{metadata.country_code}{national}"
    return digits


# What a caller-history URL may name: the digits of a number, an extension or a short code.
HISTORY_KEY = re.compile(r"^[0-9]{2,20}$")


def number_history_key(text: str) -> str:
    """The number as a caller-history page names it (digits only), or "" for no number."""
    digits = (text or "").strip().lstrip("+")
    return digits if HISTORY_KEY.match(digits) else ""
