"""Comment bans; the comment a reply actually answers; the "Moderatoren" group.

Existing replies answered their top-level comment (``in_reply_to`` = ``parent``). Redactie and
the new Moderatoren group get the moderation and ban permissions (idempotent).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from vakgenoten.group_permissions import grant_permissions

MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("comments", "moderate_comment"),
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "view_trustedcommenter"),
    ("comments", "add_trustedcommenter"),
    ("comments", "change_trustedcommenter"),
    ("comments", "delete_trustedcommenter"),
    ("comments", "view_commentclosure"),
    ("comments", "add_commentclosure"),
    ("comments", "change_commentclosure"),
    ("comments", "delete_commentclosure"),
    ("comments", "change_commentsettings"),
]
BAN_PERMISSIONS = [
    ("comments", "view_commentban"),
    ("comments", "add_commentban"),
    ("comments", "change_commentban"),
]
GROUPS = {
    "Redactie": BAN_PERMISSIONS,
    "Moderatoren": MODERATOR_PERMISSIONS + BAN_PERMISSIONS,
}


def answered_top_level(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.filter(parent__isnull=False, in_reply_to__isnull=True).update(
        in_reply_to=models.F("parent")
    )


def grant(apps, schema_editor):
    for name, permissions in GROUPS.items():
        grant_permissions(apps, name, permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_plain_dutch_in_stored_reasons"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="in_reply_to",
            field=models.ForeignKey(
                blank=True,
                help_text="De reactie die werkelijk beantwoord wordt: een antwoord op een antwoord hangt onder de eerste reactie van het gesprek, maar beantwoordt dit antwoord.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="answers",
                to="comments.comment",
                verbose_name="antwoord op",
            ),
        ),
        migrations.CreateModel(
            name="CommentBan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="Het lid krijgt deze reden te lezen.",
                        max_length=1000,
                        verbose_name="reden",
                    ),
                ),
                (
                    "starts_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="vanaf"),
                ),
                ("ends_at", models.DateTimeField(db_index=True, verbose_name="tot")),
                (
                    "lifted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="opgeheven op"),
                ),
                (
                    "comment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="comments.comment",
                        verbose_name="naar aanleiding van reactie",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="geschorst door",
                    ),
                ),
                (
                    "lifted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="opgeheven door",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comment_bans",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="lid",
                    ),
                ),
            ],
            options={
                "verbose_name": "schorsing",
                "verbose_name_plural": "schorsingen",
                "ordering": ["-starts_at", "-pk"],
                "indexes": [
                    models.Index(fields=["user", "ends_at"], name="comments_co_user_id_1bb34b_idx")
                ],
            },
        ),
        migrations.RunPython(answered_top_level, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
