"""Web chats: the filtered list and one chat with its messages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dashboard.forms.media import ChatFilterForm
from dashboard.services.media import CHAT_MESSAGES_LIMIT
from dashboard.upstream import credentials_for, upstream_view, value_of
from dashboard.views.media_common import list_form, media_list_page
from history.api.query import Query
from history.services import chat_get, chat_list, chatmsg_list


@require_GET
@upstream_view
def chat_list_page(request: HttpRequest) -> HttpResponse:
    form = list_form(request, ChatFilterForm)
    return media_list_page(request, form=form, fetch=chat_list, template="chats/list.html")


@require_GET
@upstream_view
def chat_detail(request: HttpRequest, chat_id: int) -> HttpResponse:
    credentials = credentials_for(request)
    chat = value_of(request, chat_get(credentials=credentials, chat_id=chat_id))
    query = Query(sort="created_at", direction="ASC", limit=CHAT_MESSAGES_LIMIT)
    chat_messages = value_of(
        request, chatmsg_list(credentials=credentials, chat_id=chat_id, query=query)
    )
    return render(request, "chats/detail.html", {"chat": chat, "chat_messages": chat_messages})
