"""Template filters that make rendered form widgets accessible."""

from django import template

register = template.Library()


def help_id(field):
    return f"{field.auto_id}-help" if field.auto_id else ""


def error_id(field):
    return f"{field.auto_id}-error" if field.auto_id else ""


@register.filter
def field_describedby(field):
    """The ids of the help text and error message of ``field``, space-separated."""
    ids = []
    if field.help_text and help_id(field):
        ids.append(help_id(field))
    if field.errors and error_id(field):
        ids.append(error_id(field))
    return " ".join(ids)


@register.filter
def field_attrs(field, extra=""):
    """Render the widget of a bound ``field`` with ``aria-describedby`` and ``aria-invalid``.

    ``extra`` adds attributes, written as space-separated ``name=value`` pairs (a bare
    ``name`` gives a boolean attribute), e.g. ``"tabindex=-1 autocomplete=off"``.
    Fields shown as a fieldset (radio buttons, checkbox lists) get ``aria-describedby`` on
    the fieldset instead, see ``components/form_field.html``.
    """
    attrs = {}
    if not field.use_fieldset:
        describedby = field_describedby(field)
        existing = field.field.widget.attrs.get("aria-describedby")
        if existing and describedby:
            describedby = f"{existing} {describedby}"
        if describedby:
            attrs["aria-describedby"] = describedby
    if field.errors:
        attrs["aria-invalid"] = "true"
    for pair in str(extra or "").split():
        name, has_value, value = pair.partition("=")
        attrs[name] = value if has_value else True
    return field.as_widget(attrs=attrs)
