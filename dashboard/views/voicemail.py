"""Voicemail: folders with their counts, a folder's messages, moving them, one message, audio."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST, require_safe

from dashboard.forms.record_lists import FOLDER_CHOICES, VoicemailFilterForm, VoicemailMoveForm
from dashboard.services.file_deliveries import VOICEMAIL_AUDIO
from dashboard.services.record_pages import (
    HEARD_FOLDER,
    voicemessage_folder_change,
    voicemessage_folder_counts,
    voicemessage_with_call,
)
from dashboard.views.guards import credentials_for, fetched_value, upstream_view
from dashboard.views.notices import act_and_return
from dashboard.views.record_lists import audio_response, peaks_response, record_list_page
from dashboard.views.saved_views import list_defaults
from dashboard.workload import heavy_work
from history.services import VOICEMAIL_FOLDERS, voicemessage_list

# The htmx target holding the folder sidebar and the list: a move updates both at once.
AREA_TARGET = "voicemail-area"


def _folder_context(request: HttpRequest, form: VoicemailFilterForm) -> dict:
    """The folder sidebar, and which folder the list shows."""
    folder = form.cleaned_data["folder"] if form.is_valid() else 0
    return {
        "folders": fetched_value(request, voicemessage_folder_counts),
        "folder": folder,
        "folder_name": VOICEMAIL_FOLDERS.get(folder, ""),
        "move_choices": _move_choices(folder),
        "area_target": AREA_TARGET,
        # The folder is chosen in the sidebar: the filter form keeps it as a hidden input.
        "hidden_filter": "folder",
        "heard_folder": HEARD_FOLDER,
    }


def _move_choices(folder: int | None) -> list[tuple[str, str]]:
    """The folders a message in `folder` can move to."""
    return [choice for choice in FOLDER_CHOICES if choice[0] != str(folder)]


@require_GET
@upstream_view
@list_defaults
def voicemail_list(request: HttpRequest) -> HttpResponse:
    return record_list_page(
        request,
        form_class=VoicemailFilterForm,
        fetch=voicemessage_list,
        template="voicemail/list.html",
        table_template="voicemail/table.html",
        submit_label="Show messages",
        context_for=lambda form: _folder_context(request, form),
        fragments={AREA_TARGET: "voicemail/list.html#area"},
    )


@require_POST
@upstream_view
@heavy_work
def voicemail_move(request: HttpRequest) -> HttpResponse:
    """Move the selected messages (or mark them heard), audit it, and go back to the folder.

    htmx follows the redirect and swaps in the folder's updated counts and list.
    """
    return act_and_return(
        request,
        form=VoicemailMoveForm(request.POST),
        back_to="voicemail",
        act=lambda form: voicemessage_folder_change(
            credentials=credentials_for(request),
            user=request.user,
            voicemessage_ids=form.cleaned_data["ids"],
            folder=form.cleaned_data["to_folder"],
            mark_heard=form.marks_heard,
        ),
    )


@require_POST
@upstream_view
def voicemail_heard(request: HttpRequest, voicemessage_id: int) -> HttpResponse:
    """The player marks one message heard once it has played to its end: the list's "Mark as
    heard" write (audited alike), answered with 204, or 502 and why; no notice is queued for a
    later page, as the list's button would, since nobody pressed anything."""
    report = voicemessage_folder_change(
        credentials=credentials_for(request),
        user=request.user,
        voicemessage_ids=[voicemessage_id],
        folder=None,
        mark_heard=True,
    )
    if report.errors:
        return HttpResponse("\n".join(report.errors), status=502, content_type="text/plain")
    return HttpResponse(status=204)


@require_GET
@upstream_view
def voicemail_detail(request: HttpRequest, voicemessage_id: int) -> HttpResponse:
    found = fetched_value(request, voicemessage_with_call, voicemessage_id=voicemessage_id)
    message = found.record
    context = {
        "message": message,
        "call": found.call,
        "move_choices": _move_choices(message.folder),
        "folder_url": f"{reverse('voicemail')}?folder={message.folder or 0}",
    }
    return render(request, "voicemail/detail.html", context)


@require_safe
@upstream_view
def voicemail_audio(request: HttpRequest, voicemessage_id: int) -> HttpResponse:
    return audio_response(request, VOICEMAIL_AUDIO, voicemessage_id)


@require_GET
@upstream_view
def voicemail_peaks(request: HttpRequest, voicemessage_id: int) -> HttpResponse:
    return peaks_response(request, VOICEMAIL_AUDIO, voicemessage_id)
