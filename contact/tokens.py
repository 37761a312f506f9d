"""The signed links in a message's e-mail: report it, or block its sender, without logging in.

Each token names the message and its recipient; only the recipient received it, so whoever
holds it may act for them on this one message.
"""

from django.core import signing
from django.urls import reverse

from vakgenoten import links

REPORT_SALT = "contact.report"
BLOCK_SALT = "contact.block"


def make_token(message, salt):
    return signing.dumps({"m": message.pk, "r": message.recipient_id}, salt=salt)


def read_token(token, salt):
    """(message id, recipient id); raises ``signing.BadSignature`` for anything else."""
    data = signing.loads(token, salt=salt)
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        raise signing.BadSignature("Not a message token")
    if not isinstance(data.get("r"), int):
        raise signing.BadSignature("Not a message token")
    return data["m"], data["r"]


def report_url(message):
    return links.absolute_url(reverse("contact:report", args=[make_token(message, REPORT_SALT)]))


def block_url(message):
    return links.absolute_url(
        reverse("contact:block_sender", args=[make_token(message, BLOCK_SALT)])
    )
