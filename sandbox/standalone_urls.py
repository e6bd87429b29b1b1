"""The sandbox alone (`manage.py sandbox_serve`): the History API where public clients look for
it, `/v1.2/voipstudio/` and `/v1.1/voipstudio/`, so that only their host needs changing; also
under `/sandbox/` as the dashboard serves it. Anything else is the API's JSON 404."""

from django.urls import include, path, re_path

from sandbox.views import misc

urlpatterns = [
    *(
        path(f"{prefix}{version}/voipstudio/", include("sandbox.urls"))
        for prefix in ("", "sandbox/")
        for version in ("v1.2", "v1.1")
    ),
    re_path(r"", misc.unknown_path),
]
