"""Which member an ``@Voornaam Achternaam`` in a comment names, and telling them.

A mention names a listed member (``User.objects.listed()``) by their exact full name; of the
words after the ``@``, the longest run that is someone's name wins ("@Anne Marie de Vries"
before "@Anne Marie"). When several members share that name, the one taking part in the
conversation (who wrote a published comment under the page, or wrote the comment answered)
is meant; when that does not settle it, the mention stays plain text: a link to the wrong
person would be worse than none. One query finds the names, one more only when a name is shared.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from .formatting import mention_candidates, mentioned_paths, render_markdown
from .models import Comment

MAX_MENTIONS = 20


def _split_names(names):
    """Every (first name, last name) a full name of several words could be made of."""
    pairs = set()
    for name in names:
        words = name.split(" ")
        for cut in range(1, len(words)):
            pairs.add((" ".join(words[:cut]), " ".join(words[cut:])))
    return pairs


def resolve_mentions(text, page=None, answered=None):
    """Map each full name mentioned in ``text`` to the member it names (unambiguous only)."""
    names = []
    for _start, candidates in mention_candidates(text):
        names.extend(name for _end, name in candidates)
        if len(names) > MAX_MENTIONS * 5:
            break
    if not names:
        return {}
    pairs = _split_names(names)
    firsts = {first for first, _last in pairs}
    lasts = {last for _first, last in pairs}
    members = (
        get_user_model()
        .objects.listed()
        .filter(first_name__in=firsts, last_name__in=lasts)
        .only("pk", "first_name", "last_name")
    )
    by_name = {}
    for member in members:
        full_name = f"{member.first_name} {member.last_name}"
        if full_name in names:
            by_name.setdefault(full_name, []).append(member)
    shared = [member.pk for group in by_name.values() if len(group) > 1 for member in group]
    taking_part = set()
    if shared:
        query = Q(pk__in=[])
        if page is not None:
            query |= Q(
                pk__in=Comment.objects.filter(
                    page_id=page.pk, status=Comment.Status.PUBLISHED, user_id__in=shared
                ).values("user_id")
            )
        if answered is not None and answered.user_id:
            query |= Q(pk=answered.user_id)
        taking_part = set(
            get_user_model().objects.filter(query, pk__in=shared).values_list("pk", flat=True)
        )
    resolved = {}
    for full_name, group in by_name.items():
        if len(group) > 1:
            group = [member for member in group if member.pk in taking_part]
        if len(group) == 1:
            resolved[full_name] = group[0]
    return resolved


def mention_links(text, page=None, answered=None):
    """Full name -> profile path, for ``render_markdown``."""
    return {
        name: reverse("members:profile", args=[member.pk])
        for name, member in resolve_mentions(text, page, answered).items()
    }


def render_comment(text, page=None, answered=None):
    """The comment's HTML as stored and previewed: Markdown, mentions linked, sanitised."""
    return render_markdown(text, mentions=mention_links(text, page, answered))


def mentioned_member_ids(comment):
    """The members a stored comment links as mentions, each once, in order of appearance."""
    ids = []
    for path in mentioned_paths(comment.body_html):
        member_id = int(path.strip("/").rsplit("/", 1)[-1])
        if member_id not in ids:
            ids.append(member_id)
    return ids[:MAX_MENTIONS]
