"""The sitemap: Wagtail's pages plus organisations, networks and public member profiles, every
address on the public address (settings.SITE_URL)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap as DjangoSitemap

from wagtail.contrib.sitemaps import Sitemap

from members.models import Network, Organisation, User
from members.visibility import visible
from vakgenoten import links


class OnPublicAddress:
    """Django and Wagtail build each address from the Site record or the request, which may name
    another host, or cannot say https on a port other than 443; the paths go onto SITE_URL."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = links.public_address_of(url_info["location"])
        return urls


class PublicSitemap(OnPublicAddress, Sitemap):
    """Every live, public page of the page tree (Wagtail's own selection) that an anonymous
    visitor may open: no page of a closed network (``members.visibility``)."""

    def items(self):
        return visible(super().items(), AnonymousUser())


class OrganisationSitemap(OnPublicAddress, DjangoSitemap):
    """Every organisation's page: public, with its members' public profiles."""

    def items(self):
        return Organisation.objects.order_by("name").only("slug")


class NetworkSitemap(OnPublicAddress, DjangoSitemap):
    """Every network's page. Networks have no private pages: anyone may read who is in one."""

    def items(self):
        return Network.objects.order_by("name").only("slug")


class ProfileSitemap(OnPublicAddress, DjangoSitemap):
    """The profiles members made public, and only those: what a visitor without an account may
    open (``User.objects.visible_to`` an anonymous visitor). Members-only profiles never appear."""

    def items(self):
        return (
            User.objects.visible_to(AnonymousUser())
            .order_by("pk")
            .only("pk", "profile__updated_at")
            .select_related("profile")
        )

    def lastmod(self, member):
        return member.profile.updated_at


SITEMAPS = {
    "pages": PublicSitemap,
    "organisations": OrganisationSitemap,
    "networks": NetworkSitemap,
    "profiles": ProfileSitemap,
}
