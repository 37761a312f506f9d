"""What reviewers and authors said, for Wagtail's workflow e-mails (templates/wagtailadmin/
notifications): the note an article was submitted with, and the reviewers' comments."""

from django import template

from wagtail.models import TaskState

register = template.Library()


@register.simple_tag
def submission_note(page):
    """The note for the editors in the newest version of ``page`` ("" for other pages)."""
    revision = page.get_latest_revision() if page is not None else None
    if revision is None:
        return ""
    return (revision.content or {}).get("review_note", "") or ""


@register.simple_tag
def review_comments(page):
    """The comments left in the newest workflow of ``page``, oldest first."""
    if page is None:
        return []
    workflow_state = page.workflow_states.order_by("-created_at", "-pk").first()
    if workflow_state is None:
        return []
    return list(
        TaskState.objects.filter(workflow_state=workflow_state, finished_at__isnull=False)
        .exclude(comment="")
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
    )
