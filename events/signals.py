"""Signal handlers of the events app, connected in EventsConfig.ready()."""


def fill_seats_after_publish(sender, instance, **kwargs):
    """When an organiser adds seats, members on the waiting list move up right away."""
    from .registration import fill_free_seats

    if instance.pk:
        fill_free_seats(instance)


def give_organisers_the_agenda(sender, instance, created, raw=False, **kwargs):
    """A new agenda page gets the organisers' page permissions at once."""
    if created and not raw:
        from .groups import setup_organiser_group

        setup_organiser_group()
