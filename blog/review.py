"""What the author and the reviewers said to each other in the newest review of an article.

Read by the panel on the edit page (``blog.panels``) and the interviewees' answers screen
(``blog.admin_views``): the notes given on submission, each reviewer's comment, and for an
interview the interviewees' answers. A fixed number of queries, whatever the history.
"""

from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState

from .approval import LOG_SUBMISSION_NOTE, can_follow, latest_approval_state


def review_summary(page, user):
    """A dict for the templates, or None when the article was never submitted."""
    workflow_state = page.workflow_states.order_by("-created_at", "-pk").first()
    if workflow_state is None:
        return None
    notes = list(
        PageLogEntry.objects.filter(
            page_id=page.pk,
            action=LOG_SUBMISSION_NOTE,
            timestamp__gte=workflow_state.created_at,
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    comments = [
        task_state
        for task_state in TaskState.objects.filter(workflow_state=workflow_state)
        .exclude(comment="")
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
        if task_state.finished_at
    ]
    approval_state = latest_approval_state(page)
    approvals = []
    approvals_url = ""
    if approval_state is not None and approval_state.workflow_state_id == workflow_state.pk:
        approvals = list(approval_state.interviewee_approvals.select_related("confirmed_by"))
        if can_follow(user, approval_state):
            approvals_url = reverse("blog_admin_interview_approvals", args=[approval_state.pk])
    else:
        approval_state = None
    return {
        "workflow_state": workflow_state,
        "notes": [
            {"text": entry.data.get("comment", ""), "user": entry.user, "at": entry.timestamp}
            for entry in notes
        ],
        "comments": comments,
        "approval_state": approval_state,
        "approvals": approvals,
        "approvals_url": approvals_url,
    }
