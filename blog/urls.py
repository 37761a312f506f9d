"""Routes of publishing outside the page tree. The knowledge base's own routes (author pages,
feeds) live on BlogIndexPage, so they move with it."""

from django.urls import path

from wagtail.contrib.sitemaps.views import sitemap

from . import adoption_views, approval_views, views
from .feeds import network_atom, network_rss
from .sitemap import SITEMAPS

urlpatterns = [
    path("weergave/<int:page_id>/", views.view_beacon, name="blog_view_beacon"),
    path("weergave/<int:page_id>/pixel.gif", views.view_pixel, name="blog_view_pixel"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "interview-akkoord/<str:token>/",
        approval_views.interview_approval,
        name="blog_interview_approval",
    ),
    path(
        "praktijkvoorbeelden/<int:page_id>/wij-doen-dit-ook/",
        adoption_views.adopt,
        name="blog_adopt",
    ),
    path(
        "netwerken/<slug:slug>/artikelen.rss",
        network_rss,
        name="blog_network_feed_rss",
    ),
    path(
        "netwerken/<slug:slug>/artikelen.atom",
        network_atom,
        name="blog_network_feed_atom",
    ),
]
