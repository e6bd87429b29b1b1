"""The audit log, for admins: who did what to which records, and what the upstream said.

An admin reads their own customer's entries only (`dashboard.services.audit`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dashboard.forms.audit import AuditFilterForm
from dashboard.paging import page_summary
from dashboard.services.audit import audit_page
from dashboard.views.guards import admin_required, upstream_view

PER_PAGE = 50


@require_GET
@upstream_view
@admin_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/list.html", {"form": form}, status=400)
    page = audit_page(
        user=request.user,
        action=form.cleaned_data["action"],
        user_label=form.cleaned_data["user"],
        page=form.cleaned_data["page"] or 1,
        per_page=PER_PAGE,
    )
    summary = page_summary(
        page=page.number, per_page=PER_PAGE, shown=len(page.object_list), total=page.paginator.count
    )
    return render(request, "audit/list.html", {"form": form, "page": page, "summary": summary})
