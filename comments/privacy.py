"""A member's comments in the privacy registry: exported with "Mijn gegevens", and deleted or
kept as "verwijderde deelnemer" when the member deletes their account, as they choose."""

from .models import Comment, CommentBan, CommentReport, ConversationSubscription


def export_comments(user):
    comments = Comment.objects.filter(user=user).select_related("page").order_by("created_at")
    return {
        "reacties": [
            {
                "pagina": comment.page.title,
                "adres": comment.page.url or "",
                "geschreven_op": comment.created_at,
                "bewerkt_op": comment.edited_at,
                "status": comment.get_status_display(),
                "antwoord_op_reactie": comment.parent_id,
                "tekst": comment.body,
                "verwijderd_op": comment.deleted_at,
                "reden_van_afwijzing": comment.rejection_reason,
            }
            for comment in comments
        ],
        "gemelde_reacties": [
            {
                "reactie": report.comment_id,
                "reden": report.get_reason_display(),
                "toelichting": report.explanation,
                "gemeld_op": report.created_at,
            }
            for report in CommentReport.objects.filter(reporter=user).order_by("created_at")
        ],
        # Who suspended the member stays the moderators' business; when and why is theirs.
        "schorsingen": [
            {
                "vanaf": ban.starts_at,
                "tot": ban.ends_at,
                "reden": ban.reason,
                "opgeheven_op": ban.lifted_at,
            }
            for ban in CommentBan.objects.filter(user=user).order_by("starts_at")
        ],
        "gevolgde_gesprekken": [
            {"pagina": subscription.page.title, "volgt": subscription.active}
            for subscription in ConversationSubscription.objects.filter(user=user)
            .select_related("page")
            .order_by("created_at")
        ],
    }


def erase_comments(user, keep_comments):
    """Delete the member's comments, or keep their words under "verwijderde deelnemer".

    Kept comments lose the link to the account; nothing else in a comment identifies the
    member (the name is only ever read from the account). Replies of others under a deleted
    comment stay, with "Deze reactie is verwijderd" in its place.
    """
    from django.utils import timezone

    from .signals import _purge_later

    own = Comment.objects.filter(user=user)
    for page_id in set(own.values_list("page_id", flat=True)):
        _purge_later(page_id)
    if keep_comments:
        own.update(user=None)
    else:
        # A comment others answered stays as an empty place, so their replies keep context.
        keep_ids = set(
            Comment.objects.filter(parent__in=own.filter(parent=None))
            .exclude(user=user)
            .values_list("parent_id", flat=True)
        )
        own.filter(pk__in=keep_ids).update(
            user=None, body="", body_html="", deleted_at=timezone.now()
        )
        own.exclude(pk__in=keep_ids).delete()
    # Reports and subscriptions go with the account (cascade); moderation decisions made by
    # this member as moderator keep the decision and lose the name (SET_NULL).
