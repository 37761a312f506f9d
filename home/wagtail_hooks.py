"""The editor's dashboard on the admin's home page (``home.dashboard``)."""

from wagtail import hooks

from .dashboard import add_dashboard_panels


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    add_dashboard_panels(request, panels)
