"""The list filters' widgets, drawn in Python.

Django draws a widget through its template files: the input, then its attributes, then each
option of a menu, each a template render of its own. A filter form came to dozens of them,
the largest cost of a list page after its rows. `FilterWidgetRenderer` writes the same markup
as Django's `django/forms/widgets/*.html` for the widgets the filter forms use (text, search,
number and date inputs, menus, check boxes); any other widget still goes through its template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

Widget = dict[str, Any]


def _attrs(attrs: dict[str, Any]) -> str:
    """As attrs.html: `True` writes the bare name, `False` leaves the attribute out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Widget) -> str:
    """As input.html."""
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _input_option(widget: Widget) -> str:
    """As input_option.html: a radio button or check box, wrapped in its label if asked."""
    if not widget.get("wrap_label"):
        return _input(widget)
    target = widget["attrs"].get("id")
    label_for = format_html(' for="{}"', target) if target else ""
    return f"<label{label_for}>{_input(widget)} {conditional_escape(widget['label'])}</label>"


def _option(widget: Widget) -> str:
    """As select_option.html."""
    return (
        f'<option value="{conditional_escape(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{conditional_escape(widget['label'])}</option>"
    )


_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _select(widget: Widget) -> str | None:
    """As select.html; None for options of another kind, left to their templates."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION_TEMPLATE:
                return None
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_WIDGETS = "django/forms/widgets/"
_DRAWN: dict[str, Callable[[Widget], str | None]] = {
    **{
        f"{_WIDGETS}{name}.html": _input
        for name in ("input", "text", "search", "number", "date", "email", "url", "tel")
    },
    f"{_WIDGETS}checkbox_option.html": _input_option,
    f"{_WIDGETS}radio_option.html": _input_option,
    f"{_WIDGETS}select.html": _select,
}


class FilterWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the filter forms' widgets written directly."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> SafeString:
        draw = _DRAWN.get(template_name)
        html = draw(context["widget"]) if draw else None
        if html is None:
            return super().render(template_name, context, request)
        # Every value above went through conditional_escape.
        return mark_safe(html)  # noqa: S308


# One for all forms, so that the templates it still renders are compiled once.
FILTER_WIDGET_RENDERER = FilterWidgetRenderer()
