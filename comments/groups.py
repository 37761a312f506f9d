"""The moderators: the "Redactie" group holds the permissions of the comment queue.

The data migration grants them once; :func:`ensure_moderators` recreates the group with the
same permissions when a database lacks it (after a flush), and leaves an existing group alone.
"""

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Redactie"
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


def ensure_moderators():
    group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
    if not created:
        return
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
