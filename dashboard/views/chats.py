"""Web chats: the filtered list and one chat with its messages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dashboard.forms.record_lists import ChatFilterForm
from dashboard.services.record_pages import chat_with_messages
from dashboard.views.guards import fetched_value, upstream_view
from dashboard.views.record_lists import record_list_page
from history.services import chat_list


@require_GET
@upstream_view
def chat_list_page(request: HttpRequest) -> HttpResponse:
    return record_list_page(
        request,
        form_class=ChatFilterForm,
        fetch=chat_list,
        template="chats/list.html",
        table_template="chats/table.html",
        submit_label="Show chats",
    )


@require_GET
@upstream_view
def chat_detail(request: HttpRequest, chat_id: int) -> HttpResponse:
    thread = fetched_value(request, chat_with_messages, chat_id=chat_id)
    context = {
        "chat": thread.chat,
        "chat_messages": thread.messages,
        "messages_problem": thread.messages_problem,
    }
    return render(request, "chats/detail.html", context)
