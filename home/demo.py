"""Demo content for the whole site, loaded in the order the layers build on each other."""

from blog import demo as blog_demo
from comments import demo as comments_demo
from events import demo as events_demo
from members import demo as members_demo
from taxonomy import demo as taxonomy_demo
from vakgenoten import demo as site_demo


def load_shared():
    """What every domain's demo refers to: themes, organisations and networks."""
    taxonomy_demo.load()
    members_demo.load_organisations_and_networks()


def load():
    """The home page and standard pages, then each domain's content; returns the home page.

    Every loader is idempotent, so loading twice changes nothing.
    """
    home = site_demo.load()
    load_shared()
    for loader in (members_demo.load, blog_demo.load, events_demo.load, comments_demo.load):
        loader(home)
    return home
