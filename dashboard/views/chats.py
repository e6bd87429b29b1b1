"""Web chats: the filtered list and one chat with its messages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dashboard.forms.media import ChatFilterForm
from dashboard.services.calls import UNREADABLE_PART_ERRORS
from dashboard.services.media import CHAT_MESSAGES_LIMIT
from dashboard.upstream import fetched_value, upstream_view
from dashboard.views.media_common import media_list_page
from history.api.query import Query
from history.services import chat_get, chat_list, chatmsg_list


@require_GET
@upstream_view
def chat_list_page(request: HttpRequest) -> HttpResponse:
    return media_list_page(
        request, form_class=ChatFilterForm, fetch=chat_list, template="chats/list.html"
    )


@require_GET
@upstream_view
def chat_detail(request: HttpRequest, chat_id: int) -> HttpResponse:
    # Oldest first, as the conversation went.
    query = Query(sort="created_at", direction="ASC", limit=CHAT_MESSAGES_LIMIT)
    context = {"chat": fetched_value(request, chat_get, chat_id=chat_id), "messages_problem": ""}
    # Listing chat messages is an extension of the documented API: an upstream without it
    # still shows the chat, and says why its messages are missing.
    try:
        context["chat_messages"] = fetched_value(
            request, chatmsg_list, chat_id=chat_id, query=query
        )
    except UNREADABLE_PART_ERRORS as error:
        context["messages_problem"] = str(error)
    return render(request, "chats/detail.html", context)
