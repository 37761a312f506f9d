"""The series' pages in the sitemap (the roof, home/apps.py, adds this to the site's sitemaps)."""

from django.contrib.sitemaps import Sitemap

from vakgenoten import links

from .models import EventSeries


class EventSeriesSitemap(Sitemap):
    """Every series' page with all its dates, on the public address (settings.SITE_URL)."""

    def items(self):
        return EventSeries.objects.order_by("slug").only("slug")

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = links.public_address_of(url_info["location"])
        return urls
