from django.urls import path

from dashboard.views import (
    accounts,
    audit,
    calls,
    chats,
    destructive,
    health,
    media_sessions,
    numbers,
    overview,
    preferences,
    recordings,
    saved_views,
    voicemail,
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", overview.overview, name="overview"),
    path("accounts/login/", accounts.login_page, name="login"),
    path("accounts/login/2fa/", accounts.login_2fa, name="login_2fa"),
    path("accounts/logout/", accounts.logout_page, name="logout"),
    path("calls/", calls.call_list, name="calls"),
    path("calls/tracking/", calls.call_tracking_list, name="call_tracking"),
    path("calls/export.csv", calls.call_export, name="call_export"),
    path("calls/labels/", calls.call_labels, name="call_labels"),
    path("calls/users/<int:user_id>.csv", calls.user_csv, name="call_user_csv"),
    path("calls/<int:cdr_id>/", calls.call_detail_page, name="call_detail"),
    path("calls/<int:cdr_id>.pcap", calls.call_pcap, name="call_pcap"),
    path("numbers/<str:number>/", numbers.number_history_page, name="number_history"),
    path("audit/", audit.audit_log, name="audit"),
    path("settings/", preferences.settings_page, name="settings"),
    # Saved views of the lists, shared by their address; the call table's columns.
    path("views/", saved_views.saved_views_page, name="saved_views"),
    path("views/save/", saved_views.saved_view_save, name="saved_view_save"),
    path(
        "views/<int:view_id>/default/",
        saved_views.saved_view_make_default,
        name="saved_view_default",
    ),
    path("views/<int:view_id>/delete/", saved_views.saved_view_remove, name="saved_view_delete"),
    path("views/<str:token>/", saved_views.saved_view_open, name="saved_view_open"),
    path("calls/columns/", saved_views.call_columns, name="call_columns"),
    # Recordings, voicemail, chats, media sessions, and the one confirm-then-delete flow.
    path("recordings/", recordings.recording_list, name="recordings"),
    path("recordings/<int:monitor_id>/", recordings.recording_detail, name="recording_detail"),
    path("recordings/<int:monitor_id>.mp3", recordings.recording_audio, name="recording_audio"),
    path(
        "recordings/<int:monitor_id>/peaks.json", recordings.recording_peaks, name="recording_peaks"
    ),
    path("voicemail/", voicemail.voicemail_list, name="voicemail"),
    path("voicemail/move/", voicemail.voicemail_move, name="voicemail_move"),
    path(
        "voicemail/<int:voicemessage_id>/heard/",
        voicemail.voicemail_heard,
        name="voicemail_heard",
    ),
    path("voicemail/<int:voicemessage_id>/", voicemail.voicemail_detail, name="voicemail_detail"),
    path("voicemail/<int:voicemessage_id>.mp3", voicemail.voicemail_audio, name="voicemail_audio"),
    path(
        "voicemail/<int:voicemessage_id>/peaks.json",
        voicemail.voicemail_peaks,
        name="voicemail_peaks",
    ),
    path("chats/", chats.chat_list_page, name="chats"),
    path("chats/<int:chat_id>/", chats.chat_detail, name="chat_detail"),
    path("media-sessions/", media_sessions.media_session_list, name="media_sessions"),
    path(
        "media-sessions/<int:msdr_id>/",
        media_sessions.media_session_detail,
        name="media_session_detail",
    ),
    path(
        "media-sessions/<int:msdr_id>.pcap",
        media_sessions.media_session_pcap,
        name="media_session_pcap",
    ),
    path("delete/<slug:kind>/", destructive.delete_confirm, name="delete_confirm"),
    path("delete/<slug:kind>/confirmed/", destructive.delete_perform, name="delete_perform"),
]
