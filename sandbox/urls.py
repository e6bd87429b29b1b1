"""The History API's paths, below `/sandbox/v1.1/voipstudio/` and `/sandbox/v1.2/voipstudio/`
(see dashboard/urls.py; the standalone server also serves them at `/v1.x/voipstudio/`).

Ids are matched loosely (`[^/]+`) so that a malformed id reaches the view and gets a JSON
404/400 rather than Django's HTML page; more specific paths come before `{id}`.
"""

from django.urls import re_path

from sandbox.views import (
    apitokens,
    cdrs,
    chats,
    faults,
    misc,
    monitors,
    msdrs,
    session,
    voicemessages,
)

ID = r"(?P<ident>[^/]+)"

urlpatterns = [
    re_path(r"^login$", session.login),
    re_path(r"^login2fa$", session.login_second_factor),
    re_path(r"^me$", session.me),
    re_path(r"^ping$", session.ping),
    re_path(r"^apitokens$", apitokens.collection),
    re_path(rf"^apitokens/{ID}$", apitokens.item),
    # CDRs
    re_path(r"^cdrs$", cdrs.collection),
    re_path(r"^cdrs/calltracking$", cdrs.calltracking),
    re_path(r"^calltracking/cdrs$", cdrs.calltracking),
    re_path(r"^cdrs/dictionaries$", misc.cdr_dictionary),
    re_path(rf"^cdrs/{ID}\.trace$", cdrs.trace),
    re_path(rf"^cdrs/{ID}\.pcap$", cdrs.pcap),
    re_path(rf"^cdrs/{ID}/notes$", cdrs.notes),
    re_path(rf"^cdrs/{ID}$", cdrs.item),
    re_path(rf"^users/{ID}/cdrs\.csv$", misc.user_cdrs_csv),
    # Recordings and voicemail
    re_path(r"^monitors$", monitors.collection),
    re_path(rf"^monitors/{ID}\.mp3$", monitors.mp3),
    re_path(rf"^monitors/{ID}$", monitors.item),
    re_path(r"^voicemessages$", voicemessages.collection),
    re_path(rf"^voicemessages/{ID}\.mp3$", voicemessages.mp3),
    re_path(rf"^voicemessages/{ID}$", voicemessages.item),
    # Chats
    re_path(r"^chats$", chats.chats),
    re_path(rf"^chats/{ID}$", chats.chat),
    re_path(r"^chatmsgs$", chats.messages),
    re_path(rf"^chatmsgs/{ID}$", chats.message_ids),
    # Media sessions
    re_path(r"^msdrs$", msdrs.collection),
    re_path(r"^msdrs/dictionaries$", misc.msdr_dictionary),
    re_path(rf"^msdrs/{ID}\.trace$", msdrs.trace),
    re_path(rf"^msdrs/{ID}\.pcap$", msdrs.pcap),
    re_path(rf"^msdrs/{ID}$", msdrs.item),
    # The rest
    re_path(r"^statements$", misc.statements),
    re_path(r"^sms/dictionaries$", misc.sms_dictionary),
    re_path(r"^mediasessions/dictionaries$", misc.mediasession_dictionary),
    # Test and benchmark controls (404 unless SANDBOX_FAULTS_ENABLED)
    re_path(r"^_faults$", faults.faults),
    re_path(r"^_faults/counters$", faults.counters),
    re_path(r"", misc.unknown_path),
]
