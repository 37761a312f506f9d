"""A Wagtail admin menu item for a queue: shown to those who handle it, with what waits."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent


class QueueMenuItem(MenuItem):
    """ "Vragen (3)": the label carries the number waiting, so editors see work without opening
        the queue. ``shown_to(user)`` says who handles it; ``waiting(user)`` counts what waits for
    them (one query; most queues are the same for everyone who handles them)."""

    def __init__(self, label, url, *, shown_to, waiting, **kwargs):
        super().__init__(label, url, **kwargs)
        self.shown_to = shown_to
        self.waiting = waiting

    def is_shown(self, request):
        return self.shown_to(request.user)

    def render_component(self, request):
        waiting = self.waiting(request.user)
        return LinkMenuItemComponent(
            self.name,
            f"{self.label} ({waiting})" if waiting else self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )
