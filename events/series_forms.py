"""The series' form in the admin: the model event must be one the user may edit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm


class EventSeriesForm(WagtailAdminModelForm):
    def clean_model_event(self):
        event = self.cleaned_data.get("model_event")
        user = getattr(self, "for_user", None)
        if (
            event is not None
            and user is not None
            and not event.specific.permissions_for_user(user).can_edit()
        ):
            raise forms.ValidationError(
                _(
                    "Kies een evenement dat je zelf mag bewerken: van je eigen netwerk of "
                    "organisatie."
                )
            )
        return event
