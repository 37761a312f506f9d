"""Signal handlers of the events app, connected in EventsConfig.ready()."""


def fill_seats_after_publish(sender, instance, **kwargs):
    """When an organiser adds seats, members on the waiting list move up right away."""
    from .registration import fill_free_seats

    if instance.pk:
        fill_free_seats(instance)


def give_organisers_the_agenda(sender, instance, created, raw=False, **kwargs):
    """A new agenda page gets the organisers' and network managers' page permissions at once."""
    if created and not raw:
        from members.content_rights import setup_network_managers_group

        from .groups import setup_organiser_group

        setup_organiser_group()
        setup_network_managers_group(instance)


# What a calendar program shows of an event: when one of these changes, SEQUENCE rises.
MOVING_FIELDS = (
    "start",
    "end",
    "venue_name",
    "venue_street",
    "venue_postal_code",
    "venue_city",
    "online_url",
    "status",
)


def _last_published_values(instance, row):
    """The moving fields as last published: the row while the page is live (drafts of a live
    page stay in revisions), else the revision of the last publication, if there was one."""
    if row["live"]:
        return row
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.publish")
        .exclude(revision__isnull=True)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    published = entry.revision.as_object()
    return {name: getattr(published, name) for name in MOVING_FIELDS}


def raise_sequence_when_moved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before an event is saved live: raise ``sequence`` by one when it moved (RFC 5545).

    Runs on pre_save, so every path counts: publishing in the admin, a scheduled publication,
    a script that saves the page. A saved draft of a live page changes only Wagtail's own
    columns (``update_fields``) and is skipped; publishing it later is compared then. The
    number never goes down, also when a revision made before an earlier raise is published
    (a revision carries the sequence of its own moment).
    """
    if raw or instance.pk is None or not instance.live:
        return
    if update_fields is not None and not set(update_fields) & {*MOVING_FIELDS, "sequence"}:
        return
    row = (
        type(instance)
        .objects.filter(pk=instance.pk)
        .values("live", "sequence", *MOVING_FIELDS)
        .first()
    )
    if row is None:
        return
    instance.sequence = max(instance.sequence, row["sequence"])
    published = _last_published_values(instance, row)
    if published is None:
        return
    if any(getattr(instance, name) != published[name] for name in MOVING_FIELDS):
        instance.sequence += 1
    changed = instance.sequence != row["sequence"]
    if changed and update_fields is not None and "sequence" not in update_fields:
        # Django saves only the fields named; the number is written on its own.
        type(instance).objects.filter(pk=instance.pk).update(sequence=instance.sequence)
