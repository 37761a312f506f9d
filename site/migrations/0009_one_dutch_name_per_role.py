"""One Dutch name per role: Redactie, Auteurs, Moderatoren, Organisatoren.

Wagtail's default groups (renamed "Schrijvers" and "Eindredactie" by 0008) did the same work as
"Auteurs" and "Redactie" (blog/editorial.py), so the admin listed two names for each role. Their
members move to the group that stays, and the two groups go:

- "Eindredactie" -> "Redactie": members, model permissions, collection permissions (images and
  documents) and page permissions. Wagtail gave it add, change, publish, lock and unlock on the
  root page, so the Redactie keeps publishing everywhere editors published before (home page,
  agenda, standard pages), not only in the knowledge base.
- "Schrijvers" -> "Auteurs": members, model and collection permissions. Not Wagtail's "add and
  change on the root page": authors write in the knowledge base (their own page permissions
  are set on it by blog/editorial.py), not on the home page or the agenda.

Wagtail's default workflow and its task "Moderators approval" (submitted pages outside the
knowledge base) get Dutch names and ask the Redactie; they are renamed rather than deleted, so a
page that is in review now stays in review. "Moderatoren" (comments) and "Organisatoren"
(events) are not touched, whether they exist or not. Running it again changes nothing.
Backwards, the workflow and task get their English names again; the merged groups stay merged
(who came from where is not recorded).
"""

from django.db import migrations

MERGES = [
    # (group that goes, group that stays, with its page permissions too)
    ("Eindredactie", "Redactie", True),
    ("Schrijvers", "Auteurs", False),
]
# Wagtail names its default workflow and task after the group: "Moderators approval", or
# "Eindredactie approval" in a database created after 0008.
ENGLISH_NAMES = ["Moderators approval", "Eindredactie approval"]
WORKFLOW_NAME = "Goedkeuring van overige pagina's"
TASK_NAME = "Goedkeuring door de redactie"
EDITORS = "Redactie"


def merge_group(apps, old, new, with_page_permissions):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("members", "User")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    for user in User.objects.filter(groups=old):
        user.groups.add(new)
    new.permissions.add(*old.permissions.all())
    for grant in GroupCollectionPermission.objects.filter(group=old):
        GroupCollectionPermission.objects.get_or_create(
            group=new, collection_id=grant.collection_id, permission_id=grant.permission_id
        )
    if with_page_permissions:
        for grant in GroupPagePermission.objects.filter(group=old):
            GroupPagePermission.objects.get_or_create(
                group=new, page_id=grant.page_id, permission_id=grant.permission_id
            )
    # A review task that asked the old group now asks the one that stays.
    for task in GroupApprovalTask.objects.filter(groups=old):
        task.groups.add(new)
    Group.objects.filter(pk=old.pk).delete()


def to_one_dutch_name(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old_name, new_name, with_page_permissions in MERGES:
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _created = Group.objects.get_or_create(name=new_name)
        merge_group(apps, old, new, with_page_permissions)
    Workflow.objects.filter(name__in=ENGLISH_NAMES).update(name=WORKFLOW_NAME)
    Task.objects.filter(name__in=ENGLISH_NAMES).update(name=TASK_NAME)


def to_english_workflow_names(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name=ENGLISH_NAMES[0])
    Task.objects.filter(name=TASK_NAME).update(name=ENGLISH_NAMES[0])


class Migration(migrations.Migration):
    dependencies = [
        ("vakgenoten", "0008_dutch_names_for_wagtails_groups"),
        ("members", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_one_dutch_name, to_english_workflow_names)]
