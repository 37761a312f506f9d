"""Messages in "Mijn gegevens": what one sent and received (with the text while it is kept),
the reports one made and the members one blocked. Deleting an account deletes its messages
(both ways) and reports with it (cascade); blocks go with the account too."""

from members.models import MemberBlock

from .models import MemberMessage, MessageReport


def export_messages(user):
    sent = MemberMessage.objects.filter(sender=user).select_related("recipient")
    received = MemberMessage.objects.filter(
        recipient=user, status=MemberMessage.Status.SENT
    ).select_related("sender")
    return {
        "verstuurd": [
            {
                "aan": message.recipient.get_full_name(),
                "geschreven_op": message.created_at,
                "status": message.get_status_display(),
                "tekst": message.body,
                "tekst_verwijderd_op": message.body_removed_at,
            }
            for message in sent.order_by("created_at", "pk")
        ],
        "ontvangen": [
            {
                "van": message.sender.get_full_name(),
                "ontvangen_op": message.sent_at,
                "tekst": message.body,
                "tekst_verwijderd_op": message.body_removed_at,
            }
            for message in received.order_by("created_at", "pk")
        ],
        "gemelde_berichten": [
            {
                "bericht_van": report.message.sender.get_full_name(),
                "reden": report.reason,
                "gemeld_op": report.created_at,
                "afgehandeld_op": report.handled_at,
            }
            for report in MessageReport.objects.filter(reporter=user)
            .select_related("message__sender")
            .order_by("created_at", "pk")
        ],
        "geblokkeerde_leden": [
            {"lid": block.blocked.get_full_name(), "geblokkeerd_op": block.created_at}
            for block in MemberBlock.objects.filter(blocker=user)
            .select_related("blocked")
            .order_by("created_at", "pk")
        ],
    }


def erase_messages(user, keep_comments):
    """Messages are private between two members: they go with either account, whatever is
    chosen for comments."""
    MemberMessage.objects.filter(sender=user).delete()
    MemberMessage.objects.filter(recipient=user).delete()
