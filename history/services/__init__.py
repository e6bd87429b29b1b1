"""The service layer over the History API: the only way into `history/` from outside it.

Every function takes keyword-only arguments, starting with the signed-in user's upstream
`credentials`. Reads return `Fetched` (`.value`, `.stale`, `.age`): served from the cache when
fresh, shared between concurrent identical requests, and marked stale when the upstream fails
and an older copy is shown instead. Writes invalidate the cached pages of the resource, that
user's and those of every other user of the same customer, and report per-item outcomes. The
records, errors and query types of `history.api` that callers need are re-exported here.
"""

from history.api.credentials import Credentials
from history.api.errors import (
    REFUSAL_ERRORS,
    REFUSAL_OR_UNREADABLE_ERRORS,
    AccessDenied,
    BadResponse,
    BudgetExceeded,
    HistoryError,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
    ValidationFailed,
)
from history.api.meter import current_meter, metered, metered_iter
from history.api.query import Filter, FilterValue, Query
from history.api.records import (
    VOICEMAIL_FOLDERS,
    Cdr,
    CdrNote,
    Chat,
    ChatMsg,
    Dictionary,
    Monitor,
    Msdr,
    Page,
    TraceMessage,
    Voicemessage,
)

from .cache import read_through, upstream_digest
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
from .dictionaries import dictionary_get, dictionary_if_any
from .file_cache import media_derived
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
from .parallel import run_parallel, run_warm_first
from .reading import WALK_LIMIT, Freshness, Lister, fetch_pages, walk_pages
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
    "AccessDenied",
    "BadResponse",
    "BudgetExceeded",
    "Cdr",
    "CdrNote",
    "Chat",
    "ChatMsg",
    "Credentials",
    "DeleteOutcome",
    "Dictionary",
    "Fetched",
    "Filter",
    "FilterValue",
    "Freshness",
    "HistoryError",
    "Lister",
    "LoginOutcome",
    "MediaFile",
    "Monitor",
    "Msdr",
    "NotFound",
    "Page",
    "Query",
    "REFUSAL_ERRORS",
    "REFUSAL_OR_UNREADABLE_ERRORS",
    "RateLimited",
    "TraceMessage",
    "Unauthorized",
    "Unavailable",
    "UpdateOutcome",
    "VOICEMAIL_FOLDERS",
    "ValidationFailed",
    "Voicemessage",
    "WALK_LIMIT",
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
    "current_meter",
    "dictionary_get",
    "dictionary_if_any",
    "fetch_pages",
    "media_derived",
    "metered",
    "metered_iter",
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
    "read_through",
    "run_parallel",
    "run_warm_first",
    "statement_delete_all",
    "upstream_digest",
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
    "walk_pages",
]
