"""The moderators: the groups that hold the permissions of the comment queue and of bans.

"Redactie" (the editors) moderate among their other work; "Moderatoren" only moderate
comments. Both get the same moderation and ban permissions. The data migrations grant them
once; :func:`ensure_moderators` recreates a group with the same permissions when a database
lacks it (after a flush), and leaves an existing group alone.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group

from vakgenoten.group_permissions import grant_permissions

EDITORS_GROUP = "Redactie"
MODERATORS_GROUP = "Moderatoren"
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
# See the bans, suspend a member, lift a ban early. No one deletes a ban: it is the record.
BAN_PERMISSIONS = [
    ("comments", "view_commentban"),
    ("comments", "add_commentban"),
    ("comments", "change_commentban"),
]
MODERATOR_GROUPS = {
    EDITORS_GROUP: MODERATOR_PERMISSIONS + BAN_PERMISSIONS,
    MODERATORS_GROUP: MODERATOR_PERMISSIONS + BAN_PERMISSIONS,
}


def ensure_moderators():
    for name, permissions in MODERATOR_GROUPS.items():
        if not Group.objects.filter(name=name).exists():
            grant_permissions(global_apps, name, permissions)
