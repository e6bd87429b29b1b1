from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path("", include("dashboard.urls_pages")),
]

if settings.SANDBOX_ENABLED:
    urlpatterns.append(path("sandbox/v1.1/voipstudio/", include("sandbox.urls")))
