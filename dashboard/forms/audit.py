"""Filters of the audit log."""

from django import forms


class AuditFilterForm(forms.Form):
    action = forms.CharField(required=False, max_length=64)
    user = forms.CharField(label="User e-mail", required=False, max_length=254)
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000)
