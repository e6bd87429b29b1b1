"""Labels for every coded field the History API serves, by resource.

The demo data draws its codes from here too, so every value in the sandbox has a label.
Served as `{"data": [{"property", "values": [{"id", "label"}]}], "total": n}`.
"""

from __future__ import annotations

CDR = {
    "type": {"O": "Outbound", "I": "Inbound", "M": "Missed"},
    "disposition": {
        "INITIAL": "Initial",
        "RINGING": "Ringing",
        "CONNECTED": "Connected",
        "ON_HOLD": "On hold",
        "VM": "Voicemail",
    },
    "destination": {
        "in": "Inbound",
        "out": "Outbound",
        "webcall": "Web call",
        "callmeback": "Call me back",
    },
    "context": {
        "PSTN_CALL": "Public network call",
        "USER_LOCAL": "Internal call",
        "IVR": "IVR",
        "QUEUE": "Queue",
        "FOLLOW_ME": "Follow me",
        "CONFERENCE": "Conference",
        "VOICEMAIL": "Voicemail",
        "TEST_CALL": "Test call",
    },
}

MSDR = {
    "type": {
        "audio": "Audio call",
        "video": "Video call",
        "screenshare": "Screen sharing",
        "conference": "Conference",
    },
}

SMS = {
    "type": {"in": "Inbound", "out": "Outbound"},
    "result": {
        "pending": "Pending",
        "sent": "Sent",
        "delivered": "Delivered",
        "failed": "Failed",
    },
}

MEDIASESSION = {
    "type": MSDR["type"],
    "status": {
        "active": "Active",
        "ended": "Ended",
        "failed": "Failed",
    },
}

BY_RESOURCE: dict[str, dict[str, dict[str, str]]] = {
    "cdrs": CDR,
    "msdrs": MSDR,
    "sms": SMS,
    "mediasessions": MEDIASESSION,
}


def dictionary_entries(resource: str) -> list[dict]:
    return [
        {
            "property": prop,
            "values": [{"id": code, "label": label} for code, label in codes.items()],
        }
        for prop, codes in BY_RESOURCE[resource].items()
    ]
