"""Give the demo accounts (one demo member per role, home/demo.py) a password once and print
how to log in with them.

The passwords are generated on the first run and kept in ``var/demo-accounts.txt`` (readable by
the owner only); later runs print the same ones, unless a password no longer works, then that
account gets a new one. None of the accounts is staff or superuser.
"""

import secrets

from allauth.account.models import EmailAddress

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo import ROLE_ACCOUNTS, load_role_accounts, role_emails
from members.models import User


def read_passwords(path):
    """{e-mail: password} from the file (lines "role<TAB>e-mail<TAB>password")."""
    if not path.exists():
        return {}
    passwords = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            passwords[parts[1]] = parts[2]
    return passwords


class Command(BaseCommand):
    help = "Geeft de demo-accounts per rol eenmalig een wachtwoord en toont de inloggegevens."

    def handle(self, *args, **options):
        credentials = settings.BASE_DIR / "var" / "demo-accounts.txt"
        credentials.parent.mkdir(exist_ok=True)
        stored = read_passwords(credentials)
        load_role_accounts()
        users = {user.email: user for user in User.objects.filter(email__in=role_emails())}
        rows = []
        for role, email, *_rest in ROLE_ACCOUNTS:
            user = users.get(email)
            if user is None:
                raise CommandError(
                    f"Demo-account {email} bestaat niet; laad eerst de demo (manage.py load_demo)."
                )
            password = stored.get(email, "")
            if not password or not user.check_password(password):
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            rows.append((role, email, password))
        credentials.write_text(
            "".join(f"{role}\t{email}\t{password}\n" for role, email, password in rows),
            encoding="utf-8",
        )
        credentials.chmod(0o600)
        self.stdout.write(self.table(rows))

    def table(self, rows):
        header = ("rol", "e-mail", "wachtwoord")
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(3)]
        lines = [
            "",
            "  Demo-accounts (inloggen op /accounts/login/, het beheer op /admin/):",
            "",
        ]
        for row in [header, *rows]:
            lines.append(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        lines += [
            "",
            "  Redactie, auteur, moderator en organisator stellen bij hun eerste bezoek aan het",
            "  beheer een authenticator-app in (tweestapsverificatie). Geen van hen is beheerder.",
            "",
        ]
        return "\n".join(lines)
