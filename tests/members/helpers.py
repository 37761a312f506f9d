"""Small checks the members tests share."""

import re
from urllib.parse import urlsplit

ON_SITE_HOSTS = {"testserver", "localhost", "127.0.0.1"}


def stays_on_site(location):
    """True when a browser following this redirect target stays on this site.

    Browsers drop tabs and line breaks anywhere in a URL, trim spaces and treat a backslash as
    a slash, so "/\\evil.example" means "//evil.example": normalise the same way first.
    """
    normalised = re.sub(r"[\t\n\r]", "", location).strip().replace("\\", "/")
    parts = urlsplit(normalised)
    if parts.scheme or parts.netloc:
        return parts.scheme in {"http", "https"} and parts.hostname in ON_SITE_HOSTS
    return not normalised.startswith("//")


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def comparable(response, *replacements):
    """The page without the parts that always differ: CSRF tokens, the request id an error
    page shows ("kenmerk") and the given strings."""
    html = CSRF_TOKEN.sub("", response.content.decode())
    html = html.replace(response["X-Request-ID"], "REQUEST-ID")
    for text in replacements:
        html = html.replace(text, "XXX")
    return html
