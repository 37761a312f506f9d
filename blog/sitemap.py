"""The sitemap: Wagtail's, with every address on the public address (settings.SITE_URL)."""

from wagtail.contrib.sitemaps import Sitemap

from vakgenoten import links


class PublicSitemap(Sitemap):
    """Wagtail lists each page as ``page.get_full_url()``, built from the Site record, which
    cannot say https on a port other than 443; the pages' paths go onto SITE_URL instead."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = links.public_address_of(url_info["location"])
        return urls
