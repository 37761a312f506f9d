"""Privacy: "Mijn gegevens" (download everything) and deleting your own account."""

import logging

from allauth.account.decorators import reauthentication_required

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..forms import DeleteAccountForm
from ..privacy import delete_account, export_json

logger = logging.getLogger(__name__)


@never_cache
@login_required
def my_data(request):
    """What we keep and why, with the download and the way to delete the account."""
    return render(request, "members/my_data.html")


@never_cache
@login_required
@reauthentication_required
def my_data_download(request):
    """Everything the platform holds about the member, as a JSON file."""
    response = HttpResponse(export_json(request.user), content_type="application/json")
    filename = f"vakgenoten-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@reauthentication_required
def delete_account_view(request):
    """Delete your account after re-entering your password (allauth's recent re-auth)."""
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            try:
                delete_account(request, request.user, keep_comments=form.keep_comments)
            except (ProtectedError, RestrictedError):
                logger.exception("Account deletion blocked by related data")
                messages.error(
                    request,
                    _(
                        "Je account kon niet worden verwijderd. Er is niets gewist. Neem contact "
                        "op met de redactie, dan helpen we je verder."
                    ),
                )
                return redirect("members:privacy")
            messages.success(
                request,
                _("Je account en je gegevens zijn verwijderd. Bedankt dat je meedeed."),
            )
            return redirect("/")
    else:
        form = DeleteAccountForm()
    return render(request, "members/delete_account.html", {"form": form})
