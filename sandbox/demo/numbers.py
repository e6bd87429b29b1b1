"""Telephone numbers, user agents and codecs: the technical texture of the call records."""

import random

# International prefixes the customers call, with a per-minute rate for each (USD).
DIALLED_PREFIXES = (
    ("4420", 0.012),
    ("447", 0.09),
    ("1212", 0.01),
    ("1310", 0.01),
    ("33", 0.02),
    ("49", 0.02),
    ("81", 0.08),
    ("30", 0.05),
    ("971", 0.15),
)
# Numbers that callers dial and that report which campaign brought them.
CALL_TRACKING_NUMBERS = {
    "main": (("442071230001", "Google Ads"), ("442071230002", "Spring newsletter")),
    "other": (("18005550199", "Radio spot"),),
}
PHONE_USER_AGENTS = ("Yealink SIP-T46U 108.86.0.20", "Polycom-VVX450/6.4.3", "Zoiper rv2.10.19")
BROWSER_USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.0",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
)
CARRIER_USER_AGENT = "Carrier-GW/2.1"
CODECS = ("PCMU", "PCMA", "G722", "opus")
SERVER_IDS = (11, 12, 13)


def external_number(rng: random.Random) -> tuple[str, float]:
    """A public number the customers deal with, and the per-minute rate to call it."""
    prefix, rate = rng.choice(DIALLED_PREFIXES)
    digits = "".join(rng.choice("0123456789") for _ in range(11 - len(prefix) + rng.randint(0, 1)))
    return prefix + digits, rate


def documentation_ip(rng: random.Random) -> str:
    """A visitor's address from the documentation ranges (RFC 5737): data, never contacted."""
    network = rng.choice(("192.0.2.", "198.51.100.", "203.0.113."))
    return f"{network}{rng.randint(1, 254)}"
