from django.urls import path

from dashboard.views import accounts, audit, calls, health, overview, preferences

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
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
    path("audit/", audit.audit_log, name="audit"),
    path("settings/", preferences.settings_page, name="settings"),
]
