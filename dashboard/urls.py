from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path("", include("dashboard.urls_pages")),
]

if settings.SANDBOX_ENABLED:
    # Every public client defaults to v1.2; the live service answers both the same way.
    urlpatterns += [
        path(f"sandbox/{version}/voipstudio/", include("sandbox.urls"))
        for version in ("v1.1", "v1.2")
    ]
