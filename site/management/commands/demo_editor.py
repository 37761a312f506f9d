"""Create the demo editor account once and print how to log in with it."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

DEMO_EDITOR_EMAIL = "redactie@vakgenoten.example"


class Command(BaseCommand):
    help = "Maakt het demo-account van de redactie aan (eenmalig) en toont de inloggegevens."

    def handle(self, *args, **options):
        credentials = settings.BASE_DIR / "var" / "demo-editor.txt"
        credentials.parent.mkdir(exist_ok=True)
        User = get_user_model()
        user = User.objects.filter(email=DEMO_EDITOR_EMAIL).first()
        password = credentials.read_text().strip() if credentials.exists() else ""
        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(email=DEMO_EDITOR_EMAIL, first_name="Demo", last_name="Redacteur")
            user.is_staff = True
            user.is_superuser = True
            user.set_password(password)
            user.save()
            credentials.write_text(password + "\n")
            credentials.chmod(0o600)
        for group in Group.objects.filter(name__in=["Schrijvers", "Eindredactie"]):
            user.groups.add(group)
        self.mark_email_verified(user)
        self.stdout.write(
            f"\n  Beheer: /admin/\n  E-mail: {DEMO_EDITOR_EMAIL}\n  Wachtwoord: {password}\n"
        )

    def mark_email_verified(self, user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
