"""Abuse limits for anonymous forms and counters, counted where every worker and node counts.

allauth limits its own forms (login, sign-up, password reset); this module limits ours (problem
reports, view counts, page passwords) with the same ingredients: the counts live in the default
cache, the site's shared security store (never the page cache, so no amount of page traffic can
evict them), and each count is read and written under a lock taken with the store's atomic
``add``, so simultaneous requests from several workers cannot both slip under a limit.

The limits themselves are in ``settings.SITE_RATE_LIMITS``: ``action -> (amount, seconds)``.
"""

import hashlib
import ipaddress
import math
import time
from contextlib import contextmanager

from allauth.account.adapter import get_adapter

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

LOCK_SECONDS = 5
LOCK_WAIT_SECONDS = 2


def client_ip(request):
    """The visitor's address, behind the configured number of trusted proxies.

    An IPv6 visitor usually holds a whole /64 network and can pick a new address from it for
    every request, so those count by their network, as allauth counts its own limits.
    """
    address = get_adapter().get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address


@contextmanager
def _locked(key):
    """Hold ``key`` for one read-and-write; yields False when it could not be had in time."""
    lock_key = f"{key}:lock"
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.005
    while not cache.add(lock_key, 1, timeout=LOCK_SECONDS):
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(pause)
        pause = min(pause * 2, 0.1)
    try:
        yield True
    finally:
        cache.delete(lock_key)


def _stored(cache_key, hits, seconds):
    """Write the attempts and say whether they are really there.

    Django's database cache swallows a failed write (a lock held by another writer, say); an
    attempt that was allowed but not counted would let the next one through too, so the answer
    is yes only when the store holds what was written.
    """
    cache.set(cache_key, hits, seconds)
    return cache.get(cache_key) == hits


def _cache_key(request, action, key):
    """Where the attempts at ``action`` by this visitor (or for ``key``) are counted."""
    who = key if key is not None else client_ip(request)
    digest = hashlib.sha256(f"{action}\0{who}".encode()).hexdigest()
    return f"limit:{action}:{digest}"


def allow(request, action, *, key=None):
    """Count one attempt at ``action`` and say whether it may go on.

    Counted per visitor address, or per ``key`` when given (an article, a member, a page).
    A limit that cannot be checked (the lock stays taken) refuses: failing closed is the safe
    side for abuse limits.
    """
    amount, seconds = settings.SITE_RATE_LIMITS[action]
    cache_key = _cache_key(request, action, key)
    with _locked(cache_key) as locked:
        if not locked:
            return False
        now = time.time()
        hits = [moment for moment in cache.get(cache_key, []) if moment > now - seconds]
        if len(hits) >= amount:
            return False
        hits.append(now)
        return _stored(cache_key, hits, seconds)


def refund(request, action, *, key=None):
    """Take back one counted attempt at ``action`` that turned out to be no abuse.

    For limits on failures where success is only known after the attempt was counted (a page
    password): counting first keeps simultaneous attempts from all slipping under the limit, and
    the refund keeps successes from using it up.
    """
    seconds = settings.SITE_RATE_LIMITS[action][1]
    cache_key = _cache_key(request, action, key)
    with _locked(cache_key) as locked:
        if not locked:
            return
        hits = cache.get(cache_key, [])
        if hits:
            hits.pop()
            cache.set(cache_key, hits, seconds)


def window_text(action):
    """The limit's window in Dutch words ("15 minuten", "1 uur"), for "probeer het over …"."""
    minutes = max(1, math.ceil(settings.SITE_RATE_LIMITS[action][1] / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)s uur", "%(count)s uur", hours) % {"count": hours}
    return ngettext("%(count)s minuut", "%(count)s minuten", minutes) % {"count": minutes}


def used_up(request, action, *, key=None):
    """Whether ``allow`` would refuse ``action`` now: one read, no lock and nothing counted.

    For a caller that skips work when the limit is already reached (search does not count a
    term again that this visitor searched today) without the lock's writes. A ``False`` is no
    promise: ``allow`` still decides under its lock.
    """
    amount, seconds = settings.SITE_RATE_LIMITS[action]
    now = time.time()
    hits = cache.get(_cache_key(request, action, key), [])
    return sum(1 for moment in hits if moment > now - seconds) >= amount
