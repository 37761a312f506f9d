"""The editorial setup: who may write, who may publish, and the review in between.

"Auteurs" add and edit articles in the knowledge base and submit them; they cannot publish.
"Redactie" publishes and moderates. The workflow "Redactionele review" on the knowledge base
asks the interviewees of a submitted interview for their approval (``blog.approval``; other
articles pass that step) and then sends the article to the Redactie.
:func:`ensure_editorial_setup` is idempotent: it only creates what is missing and never saves
existing records again.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

AUTHORS_GROUP = "Auteurs"
EDITORS_GROUP = "Redactie"
WORKFLOW_NAME = "Redactionele review"
REVIEW_TASK_NAME = "Beoordeling door de redactie"
INTERVIEWEE_TASK_NAME = "Akkoord van de geïnterviewden"

AUTHOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# (app_label, codename) of the model permissions each group needs in the admin.
AUTHOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("blog", "view_author"),
]
EDITOR_PERMISSIONS = AUTHOR_PERMISSIONS + [
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
    ("blog", "add_author"),
    ("blog", "change_author"),
    ("taxonomy", "add_theme"),
    ("taxonomy", "change_theme"),
    ("blog", "view_zeroresultsearch"),
    ("blog", "delete_zeroresultsearch"),
    ("blog", "view_adoption"),
    ("blog", "change_adoption"),
    ("blog", "delete_adoption"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


def _permissions(pairs):
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in pairs},
        codename__in={codename for _app, codename in pairs},
    ).select_related("content_type")
    wanted = set(pairs)
    return [perm for perm in found if (perm.content_type.app_label, perm.codename) in wanted]


def _grant(group, permissions):
    missing = [perm for perm in permissions if not group.permissions.filter(pk=perm.pk).exists()]
    if missing:
        group.permissions.add(*missing)


def _grant_on_page(group, page, codenames):
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    for codename in codenames:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _ensure_interviewee_approval(workflow, review_task, editors):
    """The interviewees' approval comes first (``blog.approval``): interviewees see the text on
    submission, and the editors review what they approved. Other articles pass it at once."""
    from .models import IntervieweeApprovalTask

    task = IntervieweeApprovalTask.objects.filter(name=INTERVIEWEE_TASK_NAME).first()
    if task is None:
        task = IntervieweeApprovalTask.objects.create(name=INTERVIEWEE_TASK_NAME)
        task.groups.set([editors])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        # A workflow made before this step existed: the editors' review moves behind it.
        WorkflowTask.objects.filter(workflow=workflow, task=review_task, sort_order=0).update(
            sort_order=1
        )


def ensure_editorial_setup(index_page):
    """Create the groups, their permissions on ``index_page`` and the review workflow.

    The Redactie publishes everywhere: its page rights sit on the root of the page tree, as
    vakgenoten/0009 left them when it merged Wagtail's moderators into it (a flushed database,
    such as a browser test's, gets them here again). The Auteurs write only in the knowledge base.
    """
    authors, _created = Group.objects.get_or_create(name=AUTHORS_GROUP)
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    _grant(authors, _permissions(AUTHOR_PERMISSIONS))
    _grant(editors, _permissions(EDITOR_PERMISSIONS))
    _grant_on_page(authors, index_page, AUTHOR_PAGE_PERMISSIONS)
    _grant_on_page(editors, index_page, EDITOR_PAGE_PERMISSIONS)
    _grant_on_page(editors, Page.get_first_root_node(), EDITOR_PAGE_PERMISSIONS)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        task.groups.set([editors])
    # Workflow is a ClusterableModel: its workflow_tasks manager keeps new rows in memory, so
    # the link is written through WorkflowTask itself.
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=1)
    _ensure_interviewee_approval(workflow, task, editors)
    if not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=workflow)
    # Network managers write and publish their network's articles (blog.permissions).
    from members.content_rights import setup_network_managers_group

    setup_network_managers_group(index_page)
    return authors, editors, workflow
