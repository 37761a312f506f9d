"""The collaborations' pages in the sitemap (the roof adds this to the site's sitemaps)."""

from django.contrib.sitemaps import Sitemap

from vakgenoten import links

from .models import Collaboration


class CollaborationSitemap(Sitemap):
    """Every collaboration's page, on the public address (settings.SITE_URL)."""

    def items(self):
        return Collaboration.objects.order_by("name").only("slug")

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = links.public_address_of(url_info["location"])
        return urls
