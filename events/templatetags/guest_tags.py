"""The guest form on an event page: the one sent back with its errors, or an empty one."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def guest_registration_form(context, event):
    """The form the guest sent (``guest_form`` in the context, with its errors) or a new one."""
    from events.forms import GuestRegistrationForm

    return context.get("guest_form") or GuestRegistrationForm(event=event)
