"""The site with its media files served beside it: for bench/frontend.py only.

In production nginx serves Wagtail's renditions from MEDIA_ROOT (deploy/nginx, kept for 30
days); here whitenoise does the same, so the front-end benchmark needs no proxy and the
browser still fetches every image. It looks on disk at every request (renditions are made
while the site runs).
"""

import os

from whitenoise import WhiteNoise

from vakgenoten.wsgi import application as site

application = WhiteNoise(
    site, root=os.environ["MEDIA_ROOT"], prefix="media/", max_age=30 * 24 * 3600, autorefresh=True
)
