"""Names for upstream user ids, learned from the calls themselves.

The History API has no list of users, but a call names its own user when that user is one of
its parties: `src_id` or `dst_id` is the user's id and `src_name`/`dst_name` their name.
"""

from collections.abc import Iterable

from history.services import Cdr


def user_name_in(cdr: Cdr) -> str:
    """The name this call gives its own user, or "" when neither party is that user."""
    own_id = str(cdr.user_id)
    for party_id, name in ((cdr.src_id, cdr.src_name), (cdr.dst_id, cdr.dst_name)):
        if party_id == own_id and name:
            return name
    return ""


def user_names(cdrs: Iterable[Cdr]) -> dict[int, str]:
    """User id -> name, for every user some of these calls name."""
    names: dict[int, str] = {}
    for cdr in cdrs:
        if cdr.user_id is not None and cdr.user_id not in names:
            name = user_name_in(cdr)
            if name:
                names[cdr.user_id] = name
    return names
