"""A member's own keys that are not parts (the unread count in the header) are read with the
member's parts in one round trip (``vakgenoten.cache.read_with_member_parts``), and read again
once the request itself changed them."""

import pytest

from django.http import HttpResponse

from vakgenoten.cache import (
    _MEMBER_KEYS_AHEAD,
    CachedSiteMiddleware,
    cached_part,
    forget_kept_value,
    kept_value,
    page_cache,
    read_with_member_parts,
)

pytestmark = pytest.mark.django_db


def _key_of(member_id):
    return f"test-ahead:{member_id}"


@pytest.fixture
def registered():
    read_with_member_parts(_key_of)
    yield
    _MEMBER_KEYS_AHEAD.remove(_key_of)


def test_read_ahead_then_read_again_after_a_change(rf, page_cache_on, registered):
    cache = page_cache()
    seen = []

    def view(request):
        cached_part("something-of-theirs", lambda: 1, member_id=7)
        seen.append(kept_value(_key_of(7), 7))
        cache.set(_key_of(7), "nieuw")
        if request.GET.get("forget"):
            forget_kept_value(_key_of(7))
        seen.append(kept_value(_key_of(7), 7))
        return HttpResponse()

    middleware = CachedSiteMiddleware(view)
    cache.set(_key_of(7), "oud")
    middleware(rf.get("/pagina/"))  # notes the member's parts of this address
    cache.set(_key_of(7), "oud")
    middleware(rf.get("/pagina/"))  # read ahead: the change in the request is not seen...
    cache.set(_key_of(7), "oud")
    middleware(rf.get("/pagina/", {"forget": "1"}))  # ...unless the request forgets it
    assert seen == ["oud", "nieuw", "oud", "oud", "oud", "nieuw"]
