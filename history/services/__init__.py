"""The service layer over the History API: what the dashboard's views call, and nothing else.

Every function takes keyword-only arguments, starting with the signed-in user's upstream
`credentials`. Reads return `Fetched` (`.value`, `.stale`, `.age`): served from the cache when
fresh, shared between concurrent identical requests, and marked stale when the upstream fails
and an older copy is shown instead. Writes invalidate the cached pages of the resource, that
user's and those of every other user of the same customer, and report per-item outcomes. Errors
are those of `history.api.errors`.
"""

from history.api.credentials import Credentials
from history.api.query import Filter, Query
from history.api.records import Cdr, Monitor, Page, Voicemessage

from .cdrs import (
    cdr_calltracking_list,
    cdr_count,
    cdr_delete_all,
    cdr_export_iter,
    cdr_find,
    cdr_get,
    cdr_label,
    cdr_list,
    cdr_list_uncached,
    cdr_notes,
    cdr_pcap,
    cdr_trace,
    cdr_user_csv,
    statement_delete_all,
)
from .chats import (
    chat_get,
    chat_list,
    chatmsg_delete,
    chatmsg_delete_all,
    chatmsg_find,
    chatmsg_list,
)
from .dictionaries import dictionary_get
from .media import media_derived
from .monitors import (
    monitor_audio,
    monitor_count,
    monitor_delete,
    monitor_delete_all,
    monitor_find,
    monitor_get,
    monitor_list,
)
from .msdrs import msdr_get, msdr_list, msdr_pcap, msdr_trace
from .parallel import run_parallel
from .results import DeleteOutcome, Fetched, LoginOutcome, MediaFile, UpdateOutcome
from .status import upstream_ping
from .users import user_from_api_key, user_login, user_login_2fa, user_me, user_me_fresh
from .voicemessages import (
    voicemessage_audio,
    voicemessage_count,
    voicemessage_delete,
    voicemessage_delete_all,
    voicemessage_find,
    voicemessage_get,
    voicemessage_list,
    voicemessage_move,
)

__all__ = [
    "Cdr",
    "Credentials",
    "DeleteOutcome",
    "Fetched",
    "Filter",
    "LoginOutcome",
    "MediaFile",
    "Monitor",
    "Page",
    "Query",
    "UpdateOutcome",
    "Voicemessage",
    "cdr_calltracking_list",
    "cdr_count",
    "cdr_delete_all",
    "cdr_export_iter",
    "cdr_find",
    "cdr_get",
    "cdr_label",
    "cdr_list",
    "cdr_list_uncached",
    "cdr_notes",
    "cdr_pcap",
    "cdr_trace",
    "cdr_user_csv",
    "chat_get",
    "chat_list",
    "chatmsg_delete",
    "chatmsg_delete_all",
    "chatmsg_find",
    "chatmsg_list",
    "dictionary_get",
    "media_derived",
    "monitor_audio",
    "monitor_count",
    "monitor_delete",
    "monitor_delete_all",
    "monitor_find",
    "monitor_get",
    "monitor_list",
    "msdr_get",
    "msdr_list",
    "msdr_pcap",
    "msdr_trace",
    "run_parallel",
    "statement_delete_all",
    "upstream_ping",
    "user_from_api_key",
    "user_login",
    "user_login_2fa",
    "user_me",
    "user_me_fresh",
    "voicemessage_audio",
    "voicemessage_count",
    "voicemessage_delete",
    "voicemessage_delete_all",
    "voicemessage_find",
    "voicemessage_get",
    "voicemessage_list",
    "voicemessage_move",
]
