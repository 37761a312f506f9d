"""A full-page cache for anonymous readers, invalidated exactly when content changes.

The whole cache (layers, the shape of every key, the generations, every purge and what it
is triggered by, Redis outages, settings) is mapped in ``docs/caching.md``; keep it in step.

Anonymous visitors (no session or messages cookie) get Wagtail pages from the cache without a
single database query. Each cached entry remembers which page rendered it and that page's
"generation"; ``purge_pages`` bumps the generation of the pages a change affects, so every URL
those pages serve (filters, pagination, sub-routes) is refreshed and nothing else is. A global
generation covers site-wide changes (site settings, snippets such as themes and authors).

Only responses that are safe to share are stored: status 200, GET/HEAD, HTML from a Wagtail page,
no cookies set (so no CSRF token or message is ever cached), not marked private.

The middleware sits near the top of the stack: a page is stored as the layers below finish it
(compressed for clients that accept gzip, with its ETag, Cache-Control, Vary, language and
policies) and a hit is served as it is, with a 304 where the ETag matches, past the sessions,
CSRF, sign-in and compression a hit has no use for. So each address has an entry per
language and per encoding. In production a plain GET of a stored page does not even reach
Django: ``vakgenoten.page_front`` answers it from the same entry (docs/caching.md).
"""

import contextlib
import enum
import functools
import logging
import math
import threading
import time

from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.gzip import re_accepts_gzip
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .language import chosen_language

logger = logging.getLogger(__name__)

# What a shared cache server that is down or unreachable raises. Reading and storing pages
# and parts then go without the cache (slower, never wrong); a purge still fails loudly, so
# a change that could not reach the cache is never reported as done.
CACHE_UNAVAILABLE = (RedisError, OSError)


def _without_cache(error):
    logger.warning("page cache unavailable, serving without it: %s", error)


GLOBAL_GENERATION = "pagecache:gen:all"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def generation_key(page_id):
    return f"pagecache:gen:{page_id}"


def member_generation_key(user_id):
    return f"pagecache:gen:member:{user_id}"


def entry_key(request):
    """One entry per address (scheme, host, path and query), interface language and encoding.
    The language is read from the switch's cookie: the middleware runs before
    ``ChosenLanguageMiddleware``. The scheme, as Django reads it behind the proxy: a page kept
    over HTTPS carries Strict-Transport-Security (``vakgenoten.page_front`` keeps the headers
    of every layer), one kept over plain HTTP does not."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    encoding = "gzip" if re_accepts_gzip.search(accepted) else "plain"
    return (
        f"pagecache:{request.scheme}:{request.get_host()}:{chosen_language(request)}:"
        f"{encoding}:{request.get_full_path()}"
    )


def _bump(cache, key):
    """Move a generation on (the first purge starts it at 1; it never expires).

    Safe when workers purge at the same moment: ``add`` creates the counter only where no
    worker has yet, and ``incr`` is a single step in Redis, so no bump is lost. (Reading the
    counter and writing it back, or ``set`` after a failed ``incr``, would let two purges
    count as one, and a page could stay cached under the generation it was stored with.)
    """
    try:
        cache.add(key, 0, None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between the two steps: start again from a fresh counter
            cache.add(key, 1, None)
    except CACHE_UNAVAILABLE as error:
        missed = getattr(_request_generations, "purges_missed", None)
        if missed is None:
            raise  # outside a request (a job, the shell): loudly, so nobody takes it for done
        # In a request: the view goes on and keeps everything it was asked to; its answer
        # then says the change is kept but not yet shown everywhere (``CachedSiteMiddleware``).
        logger.error("purge not done, cache unavailable: %s: %s", key, error)
        missed.append(key)
        return
    memo = getattr(_request_generations, "memo", None)
    if memo is not None:
        memo.pop(key, None)  # this request reads the new generation from now on


# The generations read while one request is served (``CachedSiteMiddleware`` opens and closes
# it): a page asks for a dozen parts, and each asked the cache for the same generations again,
# one round trip apiece. None outside a request: every call reads the cache.
_request_generations = threading.local()


def purge_pages(pages):
    """Refresh every cached URL served by these pages (Page objects or ids)."""
    cache = page_cache()
    for key in _page_generation_keys(pages):
        _bump(cache, key)


def _page_generation_keys(pages):
    for page in pages:
        page_id = getattr(page, "pk", page)
        if page_id is not None:
            yield generation_key(page_id)


def purge_page_and_listings(page):
    """A page changed: refresh it and the pages above it that list it (index, home)."""
    purge_pages([page, *page.get_ancestors().filter(depth__gt=1)])


def purge_all():
    """Something shown on every page changed (footer, navigation, a theme or author name)."""
    _bump(page_cache(), GLOBAL_GENERATION)


def purge_all_after_commit():
    """For the model signals of data shown on many pages (a theme, a member's name): purge
    everything once the change is committed, whichever path made it (admin, form, shell).

    Not before: a reader in another process could otherwise render the old row again and
    keep it under the new generation. Outside a transaction it purges at once.
    """
    _bump_after_commit(GLOBAL_GENERATION)


def purge_member(user_id):
    """Something only this member sees changed (they follow a conversation, verified their
    address): refresh the parts kept for them alone (``cached_part(member_id=...)``)."""
    if user_id is not None:
        _bump(page_cache(), member_generation_key(user_id))


def purge_member_after_commit(user_id):
    """``purge_member`` once the change is committed, as ``purge_all_after_commit``."""
    if user_id is not None:
        _bump_after_commit(member_generation_key(user_id))


def purge_pages_after_commit(pages):
    """``purge_pages`` once the change is committed, as ``purge_all_after_commit``."""
    for key in _page_generation_keys(pages):
        _bump_after_commit(key)


class _BumpsAtCommit:
    """The generations moved on by one transaction's commit callbacks, so each moves once.

    A transaction may ask for the same purge hundreds of times (a bulk change sends a signal
    per row, each purging the directory): the first callback for a key moves it, the others
    find it moved, and once the site-wide generation has moved, nothing else has to (it is
    part of every entry's and every part's key). Each callback keeps its own key, so a
    rolled-back savepoint takes exactly its own purges along.
    """

    def __init__(self):
        self.moved = set()

    def bump(self, key):
        if key in self.moved or GLOBAL_GENERATION in self.moved:
            return
        self.moved.add(key)
        _bump(page_cache(), key)


def _bump_after_commit(key):
    """Move ``key`` on when the current transaction commits (at once outside one), unless an
    earlier callback of the same commit moved it already (``_BumpsAtCommit``)."""
    connection = transaction.get_connection()
    bumps = getattr(connection, "vakgenoten_bumps_at_commit", None)
    if bumps is None or bumps.moved:  # the last commit's callbacks ran: a new transaction
        bumps = _BumpsAtCommit()
        connection.vakgenoten_bumps_at_commit = bumps
    transaction.on_commit(functools.partial(bumps.bump, key))  # outside a transaction: now


def current_generations(cache, page_id=None, member_id=None):
    """The site-wide generation and, for a page, the page's own (and, for a member's own
    parts, the member's): whatever was cached under other generations is out of date."""
    keys = _generation_keys(page_id, member_id)
    read = _read_generations(cache, keys)
    return tuple(read[key] for key in keys)


def _generation_keys(page_id=None, member_id=None):
    keys = [GLOBAL_GENERATION]
    if page_id is not None:
        keys.append(generation_key(page_id))
    if member_id is not None:
        keys.append(member_generation_key(member_id))
    return keys


def _read_generations(cache, keys):
    """Generation key -> generation, for at least ``keys``: those this request has not read
    yet are read in one round trip and kept for the rest of it (outside a request every call
    reads the cache)."""
    read = getattr(_request_generations, "memo", None)
    if read is None:
        read = {}
    missing = [key for key in dict.fromkeys(keys) if key not in read]
    if missing:
        found = cache.get_many(missing)
        read.update({key: found.get(key, 0) for key in missing})
    return read


class Unkept(enum.Enum):
    """``NOT_KEPT``: what a part's ``compute`` returns when it has no answer worth keeping
    (a path that must be walked, a probe of what is kept). ``cached_parts`` stores nothing
    for it, hands it back to the caller as it is and asks ``compute`` again next time.
    Every other value, ``None`` included ("there is none"), is kept as it is."""

    NOT_KEPT = "not kept"


NOT_KEPT = Unkept.NOT_KEPT


def cached_part(name, compute, page_id=None, member_id=None):
    """A piece of a page (related articles, the main menu) kept in the cache as long as the
    page and the site-wide content behind it are unchanged: the same generations as the
    full-page cache, so whatever purges a page also refreshes its parts. Signed-in members,
    whose pages are never cached whole, get these parts without their queries. With
    ``member_id`` the part is that member's own and ``purge_member`` refreshes it too. Off
    when the page cache is off (``PAGE_CACHE_SECONDS = 0``). ``compute`` may return
    ``NOT_KEPT``: that answer is returned but not kept."""
    return cached_parts({name: compute}, page_id=page_id, member_id=member_id)[name]


def cached_html(name, render, page_id=None, member_id=None):
    """HTML that our own templates render, kept as the part ``name`` (``cached_part``) and
    given back marked safe: it was escaped when it was rendered, and only we write the cache.
    For one piece at a time (a fragment, the kept navigation, a page of cards)."""
    html = cached_part(name, lambda: str(render()), page_id=page_id, member_id=member_id)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def cached_parts(computes, page_id=None, member_id=None):
    """Like ``cached_part`` for many parts of one page at once (each comment under an
    article): two cache round trips for all of them, whatever their number; none when the
    request read them ahead (``_prefetch``) or already read them.

    ``computes`` maps a part's name to the function that makes it; returns name -> value.
    """
    if cache_seconds() <= 0:
        return {name: compute() for name, compute in computes.items()}
    cache = page_cache()
    ahead = getattr(_request_generations, "parts", None)
    try:
        if ahead is not None:
            _note_asked(computes, page_id, member_id)
            _prefetch(cache, ahead, member_id)
        keys = _part_keys(cache, computes, page_id, member_id)
    except CACHE_UNAVAILABLE as error:
        _without_cache(error)
        return {name: compute() for name, compute in computes.items()}
    return _read_or_make(cache, keys, computes)


def _read_or_make(cache, keys, computes):
    """The value of each part, by the names of ``keys`` (name -> cache key) and ``computes``
    (name -> the function that makes it): read in one round trip (none for keys this request
    already read), made in order where not kept, and the made ones kept. In a request they are
    kept when it ends, all in one round trip (``_store_made_parts``); outside one, at once."""
    ahead = getattr(_request_generations, "parts", None)
    unread = [key for key in keys.values() if ahead is None or key not in ahead["looked"]]
    try:
        found = cache.get_many(unread) if unread else {}
    except CACHE_UNAVAILABLE as error:
        _without_cache(error)
        return {name: compute() for name, compute in computes.items()}
    if ahead is not None:
        # Asked again in this request, they are not read again (``looked``).
        ahead["found"].update(found)
        ahead["looked"].update(dict.fromkeys(unread))
        found = ahead["found"]
    values, missing = {}, {}
    for name, compute in computes.items():
        if keys[name] in found:  # a kept None is an answer too
            values[name] = found[keys[name]]
        else:
            values[name] = missing[keys[name]] = compute()
    kept = {key: value for key, value in missing.items() if value is not NOT_KEPT}
    if kept and ahead is not None:
        # Asked again in this request: no second render. Stored when the request ends, with
        # every other part it made, in one round trip (``_store_made_parts``).
        ahead["found"].update(kept)
        ahead["looked"].update(kept)
        ahead["made"].update(kept)
    elif kept:
        try:
            cache.set_many(kept, cache_seconds())
        except CACHE_UNAVAILABLE as error:
            _without_cache(error)
    return values


# A part that takes seconds to make is made by one process at a time (``made_once``): how long
# the others wait for it before they make it themselves, and how often they look.
MAKER_SECONDS = 60
WAIT_STEP_SECONDS = 0.05


def wait_for_maker(cache, maker, look, seconds, step):
    """What another process is making while it holds the lock ``maker`` (a cache ``add``):
    ``look()`` every ``step`` seconds until it finds it, the maker lets go or ``seconds`` have
    passed. ``look`` gives ``NOT_KEPT`` while there is nothing, and so does this function when
    the maker let go without keeping anything or took too long: the caller makes it then.

    One way of waiting for both a slow part (``made_once``) and a page another request is
    rendering (``wait_for_page``); they differ in how often they look and what they do after.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(step)
        value = look()
        if value is not NOT_KEPT:
            return value
        if cache.get(maker) is None:
            return look()  # kept just before it let go, or not at all
    return NOT_KEPT


def made_once(name, compute, page_id=None):
    """``cached_part`` for a part that takes seconds to make (a calendar feed of thousands of
    events). When it is missing, one process makes it; every other process asking meanwhile
    waits for that one instead of making it as well. Without this, each publish set every
    worker polling the feed to the same seconds of work, and the database to the same reads.

    The waiters get what the maker made, never an older version: a part may leave something
    out for a reason (an event moved into a closed network). Should the maker fail, the next
    waiter makes it; should it hang, each waiter makes it after ``MAKER_SECONDS``.
    """
    if cache_seconds() <= 0:
        return compute()
    cache = page_cache()
    making = False
    try:
        key = _part_keys(cache, [name], page_id, None)[name]
        maker = f"pagecache:making:{key}"
        look = functools.partial(cache.get, key, NOT_KEPT)
        deadline = time.monotonic() + MAKER_SECONDS
        while time.monotonic() < deadline:
            value = look()
            if value is not NOT_KEPT:
                return value
            making = cache.add(maker, 1, math.ceil(MAKER_SECONDS))  # Redis counts seconds
            if making:
                break
            left = deadline - time.monotonic()
            value = wait_for_maker(cache, maker, look, left, WAIT_STEP_SECONDS)
            if value is not NOT_KEPT:
                return value
            # The maker let go without keeping it (it failed): whoever takes the lock next makes it.
    except CACHE_UNAVAILABLE as error:
        _without_cache(error)
        return compute()
    try:
        value = compute()
        try:
            cache.set(key, value, cache_seconds())
        except CACHE_UNAVAILABLE as error:
            _without_cache(error)
        return value
    finally:
        if making:
            with contextlib.suppress(*CACHE_UNAVAILABLE):
                cache.delete(maker)


def _part_keys(cache, computes, page_id, member_id, read=None):
    """The cache key of each part: its page, owner, language and the current generations
    (``read``: the generations as ``_read_generations`` gives them, else read here)."""
    keys = _generation_keys(page_id, member_id)
    if read is None:
        read = _read_generations(cache, keys)
    stamp = ":".join(str(read[key]) for key in keys)
    owner = f"member-{member_id}:" if member_id is not None else ""
    prefix = f"pagecache:part:{page_id}:{owner}{get_language()}:{stamp}"
    return {name: f"{prefix}:{name}" for name in computes}


# What parts each address asked for when this process last served it, as (page id, one
# member's own or not, name): only a hint, so the next request for the address reads them all
# in one round trip (``_prefetch``) instead of one per part. A part the hint missed is read as
# before; one it named in vain costs a key in that read. Bounded, as ``_page_of_entry``.
_parts_of_path = {}
PATH_PART_HINTS = 4096
PARTS_PER_PATH = 200


def _note_asked(computes, page_id, member_id):
    asked = _request_generations.parts["asked"]
    for name in computes:
        if len(asked) < PARTS_PER_PATH:
            asked[(page_id, member_id is not None, name)] = None


def _remember_parts_of_path(path, asked):
    if not asked:
        return
    _parts_of_path.pop(path, None)
    if len(_parts_of_path) >= PATH_PART_HINTS:
        # Threads of one worker may push out the same oldest entry at once: only a hint.
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):
            _parts_of_path.pop(next(iter(_parts_of_path)))
    _parts_of_path[path] = tuple(asked)


def _store_made_parts(made):
    """Keep the parts a request made, all at once. Each key carries the generations the
    request read before making it, as when it was stored at once: if a purge came in
    between, the key is an old generation's, which no later request reads."""
    if not made:
        return
    try:
        page_cache().set_many(made, cache_seconds())
    except CACHE_UNAVAILABLE as error:
        _without_cache(error)


def _prefetch(cache, ahead, member_id):
    """Once per request (and once more for a member's own parts, when the member is known):
    read every part the hint names for this address, in two round trips, the generations and
    then the parts. Each key carries the generations it was read under, as in
    ``cached_parts``: a purge during the request (a new generation) makes new keys, which are
    read afresh, so nothing read ahead is served after its page changed."""
    stage = "member" if member_id is not None else "shared"
    if stage in ahead["done"]:
        return
    ahead["done"].add(stage)
    hinted = [
        (page_id, name)
        for page_id, own, name in _parts_of_path.get(ahead["path"], ())
        if own == (member_id is not None)
    ]
    if not hinted:
        return
    page_ids = {page_id for page_id, _name in hinted if page_id is not None}
    wanted = [GLOBAL_GENERATION, *(generation_key(page_id) for page_id in page_ids)]
    if member_id is not None:
        wanted.append(member_generation_key(member_id))
    read = _read_generations(cache, wanted)
    keys = []
    for page_id, name in hinted:
        keys.extend(_part_keys(cache, {name: None}, page_id, member_id, read).values())
    if member_id is not None:
        keys.extend(key_of(member_id) for key_of in _MEMBER_KEYS_AHEAD)
    keys = [key for key in dict.fromkeys(keys) if key not in ahead["looked"]]
    ahead["found"].update(cache.get_many(keys))
    ahead["looked"].update(dict.fromkeys(keys))


# Keys of a member's own that are not parts (kept under rules of their own, such as the unread
# count in the header) but read on every page the member sees: each function gives one from
# the member's id, and ``_prefetch`` reads them with the member's parts, in the same round trip.
_MEMBER_KEYS_AHEAD = []


def read_with_member_parts(key_of):
    """Register ``key_of(member_id)``: a key of the page cache every page of a member reads
    (with ``kept_value``)."""
    if key_of not in _MEMBER_KEYS_AHEAD:
        _MEMBER_KEYS_AHEAD.append(key_of)


def kept_value(key, member_id):
    """``page_cache().get(key)`` for a key registered with ``read_with_member_parts``: read
    with the member's own parts, whichever is asked first (None: not there)."""
    ahead = getattr(_request_generations, "parts", None)
    if ahead is not None and cache_seconds() > 0:
        _prefetch(page_cache(), ahead, member_id)
        if key in ahead["looked"]:
            return ahead["found"].get(key)
    return page_cache().get(key)


def forget_kept_value(key):
    """The value changed in this request: ``kept_value`` asks the cache again."""
    ahead = getattr(_request_generations, "parts", None)
    if ahead is not None:
        ahead["looked"].pop(key, None)
        ahead["found"].pop(key, None)


class CachedSiteSettingMixin:
    """For site settings models: ``for_request`` reads the settings from the cache.

    Every page reads the footer and comment settings; saving any site setting purges all
    cached parts (``vakgenoten.signals``), so the cached copy is never older than the row.
    The admin edits through ``for_site``, which still reads the database.
    """

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = cached_site(request)
        if site is None or cache_seconds() <= 0:
            return super().for_request(request)
        site_settings = cached_part(
            f"setting-{cls._meta.label_lower}-{site.pk}", lambda: cls.for_site(site)
        )
        site_settings._request = request  # as Wagtail does, for page URLs
        setattr(request, attr_name, site_settings)
        return site_settings


def is_personal(request):
    """A session or a pending message means the page may hold personal content."""
    personal_cookies = (settings.SESSION_COOKIE_NAME, "messages")
    return any(name in request.COOKIES for name in personal_cookies) or bool(
        request.META.get("HTTP_AUTHORIZATION")
    )


# Cache-Control for HTML (docs/caching.md, "In browsers and proxies"). Shared pages may be
# kept anywhere but are checked with the server before every use: a purge here then reaches
# every visitor at once, and the check is cheap (ETag, a 304 without the body, from the page
# cache). Personal pages are kept nowhere: no copy of a member's page stays on a shared
# computer or in a proxy.
SHARED_HTML = "max-age=0, must-revalidate, public"
PERSONAL_HTML = "private, no-store"


# What Django's ``never_cache`` writes on a response without caching headers of its own.
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def never_cache(view):
    """Django's ``never_cache`` for the probes (``/ping``, ``/healthz``, ``/readyz``): the same
    headers, written rather than parsed and merged.

    Django parses the Cache-Control header twice and builds it up one directive at a time: a
    tenth of ``/ping``, the cheapest request. A response that already says something about
    caching goes Django's way, so nothing the view set is lost.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.has_header("Cache-Control") or response.has_header("Expires"):
            add_never_cache_headers(response)
        else:
            response.headers["Expires"] = http_date()  # now, as Django's max-age=0 gives
            response.headers["Cache-Control"] = NEVER_CACHE
        return response

    return wrapper


def is_personal_response(request, response):
    """Personal: the visitor brought a session, a message or credentials, or the response
    sets a cookie, or its page holds a CSRF token (Django then sets the cookie again)."""
    return (
        is_personal(request)
        or bool(response.cookies)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    )


class BrowserCacheMiddleware:
    """Say how browsers and proxies may keep an HTML response, unless the view said so.

    Sits above the session, CSRF and messages middleware, so every cookie they set is seen,
    and below ``ConditionalGetMiddleware``, which adds an ETag (and answers 304) only where
    the response may be stored. Other content types keep what their views set (feeds,
    calendar files, static files from whitenoise).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            return response
        if is_personal_response(request, response):
            response["Cache-Control"] = PERSONAL_HTML
        else:
            response["Cache-Control"] = SHARED_HTML
        return response


# The request headers Django's ConditionalGetMiddleware answers (with a 304 or a 412).
CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous readers' Wagtail pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        # A hit answers a browser's If-None-Match as a miss does further down: with a 304.
        self.conditional = ConditionalGetMiddleware(get_response).process_response

    def __call__(self, request):
        if (
            cache_seconds() <= 0
            or request.method not in ("GET", "HEAD")
            or is_personal(request)
            or not may_be_a_page(request.path_info)
        ):
            return self.get_response(request)

        cache = page_cache()
        key = entry_key(request)
        try:
            entry = stored_page(cache, key)
            renders = False
            if entry is None and wait_seconds() > 0:
                renders = cache.add(rendering_key(key), 1, math.ceil(wait_seconds()))
                if not renders:
                    # Another request is rendering this address now: its page, once stored.
                    entry = wait_for_page(cache, key)
        except CACHE_UNAVAILABLE as error:
            _without_cache(error)
            return self.get_response(request)
        if entry is not None:
            return self.serve(request, key, entry)

        keepable = False
        try:
            response = self.get_response(request)
            stored = self.store(request, response, cache, key)
            # A revalidation answered with a 304 says nothing of whether the page is kept.
            keepable = stored or response.status_code == 304
        finally:
            if renders and isinstance(request.META.get(FRONT_STORES), tuple):
                # The front stores the page once every layer has added its headers, and lets
                # the waiting requests go after that (``vakgenoten.page_front``).
                request.META[RENDERING_DONE] = key
            elif renders:
                done_rendering(cache, key, keepable)
        return response

    def serve(self, request, key, entry):
        if request.META.get(FRONT_STORES) and not entry.get("every_layer"):
            # Stored without the front (the test client, runserver): the front stores it
            # again with every layer's headers, and serves it from then on.
            request.META[FRONT_STORES] = (key, entry)
        response = self.rebuild(entry)
        # Only a conditional request can get another answer than the stored page; the check
        # costs a sixteenth of a hit, and most requests carry no validator.
        if any(header in request.META for header in CONDITIONAL_HEADERS):
            return self.conditional(request, response)
        return response

    def store(self, request, response, cache, key):
        """Store the page (or hand it to the front to store); whether it did."""
        page_id = getattr(request, "cached_page_id", None)
        if (
            page_id is None
            # Never a page made for someone signed in (without a session cookie, say by a
            # header): it may hold what only they may see, such as a closed network's articles.
            or getattr(getattr(request, "user", None), "is_authenticated", False)
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or "private" in response.get("Cache-Control", "")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return False
        _remember_page_of_entry(key, page_id)
        try:
            entry = {
                "page_id": page_id,
                "generations": current_generations(cache, page_id),
                "content": response.content,
                "headers": dict(response.items()),
            }
            if request.META.get(FRONT_STORES):
                # Served through ``PageCacheFront``: it stores the entry with the headers of
                # the layers above this one, once they have added them.
                request.META[FRONT_STORES] = (key, entry)
            else:
                cache.set(key, entry, cache_seconds())
        except CACHE_UNAVAILABLE as error:
            _without_cache(error)
            return False
        response["X-Page-Cache"] = "miss"
        return True

    def rebuild(self, entry):
        from django.http import HttpResponse

        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


# Requests for one address that miss together (a new article everyone opens from the same
# newsletter): the first renders it, the others wait for the page it stores instead of each
# rendering it as well. How often they look; how long they wait at most is a setting
# (``wait_seconds``). An address whose page was not stored (a form that sets a cookie, a 404)
# is not waited for during ``UNKEPT_SECONDS``: its requests would only queue behind each other.
RENDERING_WAIT_STEP = 0.02
UNKEPT_SECONDS = 60


def wait_seconds():
    """``PAGE_CACHE_WAIT_SECONDS``: how long a request waits for another's render of the same
    address before it renders the page itself (a render that slow, or a worker that died
    rendering); 0: requests never wait for each other."""
    return float(getattr(settings, "PAGE_CACHE_WAIT_SECONDS", 0))


def rendering_key(key):
    return f"pagecache:rendering:{key}"


def unkept_key(key):
    return f"pagecache:unkept:{key}"


def wait_for_page(cache, key):
    """The entry another request is rendering under ``key``, once it is stored; None when
    that request stored none (a page that may not be kept, a purge meanwhile), when the last
    render of the address stored none, or when it took longer than ``wait_seconds``: the
    caller then renders the page itself."""
    if cache.get(unkept_key(key)):
        return None
    entry = wait_for_maker(
        cache,
        rendering_key(key),
        lambda: stored_page(cache, key) or NOT_KEPT,
        wait_seconds(),
        RENDERING_WAIT_STEP,
    )
    return None if entry is NOT_KEPT else entry


def done_rendering(cache, key, keepable):
    """The render of ``key`` is over: requests waiting for it look for the page and, when
    there is none, render it themselves; when the page could not be kept (not ``keepable``),
    the next requests for a while render it without waiting."""
    with contextlib.suppress(*CACHE_UNAVAILABLE):
        if not keepable:
            cache.set(unkept_key(key), 1, UNKEPT_SECONDS)
        cache.delete(rendering_key(key))


# Set in the WSGI environ when the request that rendered an address hands its page to the
# front: the front ends the rendering (``done_rendering``) once it has stored the page.
RENDERING_DONE = "vakgenoten.page_front.rendering_done"


# Set in the WSGI environ by ``vakgenoten.page_front.PageCacheFront``: the middleware then
# hands the entry it would store back to the front, under the same name, instead of storing it.
FRONT_STORES = "vakgenoten.page_front.stores"


def stored_page(cache, key):
    """The entry stored under ``key`` if its generations are still current, else None.

    One round trip where a worker has served this address before: it remembers which page
    an address belongs to (a hint, bounded; a wrong or missing one costs a second round
    trip), so the entry and both its generations come in one ``get_many``.
    """
    page_id = _page_of_entry.get(key)
    keys = [key, GLOBAL_GENERATION]
    if page_id is not None:
        keys.append(generation_key(page_id))
    found = cache.get_many(keys)
    entry = found.get(key)
    if entry is None:
        return None
    if entry["page_id"] == page_id:
        current = (found.get(GLOBAL_GENERATION, 0), found.get(generation_key(page_id), 0))
    else:
        _remember_page_of_entry(key, entry["page_id"])
        current = current_generations(cache, entry["page_id"])
    return entry if current == entry["generations"] else None


# Entry key -> the page it was stored for, in this process: only a hint for ``stored_page``.
_page_of_entry = {}
PAGE_HINTS = 4096


def _remember_page_of_entry(key, page_id):
    if len(_page_of_entry) >= PAGE_HINTS:  # bounded: unique addresses only push others out
        _page_of_entry.pop(next(iter(_page_of_entry)))
    _page_of_entry[key] = page_id


def may_be_a_page(path_info):
    """Whether Wagtail's page view answers this path: only its responses are ever stored
    (``before_serve_page`` names the page), so any other path needs no look in the cache."""
    return _resolves_to_page_view(settings.ROOT_URLCONF, path_info)


@functools.lru_cache(maxsize=4096)
def _resolves_to_page_view(urlconf, path_info):
    """Kept per process: the URL map does not change while it runs (the urlconf is part of the
    key for the tests that swap it). Bounded, so unique hostile paths only push others out."""
    from django.urls import Resolver404, resolve

    from wagtail.views import serve

    try:
        return resolve(path_info, urlconf).func is serve
    except Resolver404:
        return False


class CachedSiteMiddleware:
    """Find the Wagtail site of a request, with its home page, in the cache (``cached_site``).

    Wagtail looks the site up for every page (one query) and then loads the home page's own
    row (another) before it routes. Only for Wagtail's page view and the site search, which
    route or link to pages before any template runs; other views get the cached site from
    the navigation tags when they render. ``/healthz`` and the like never touch the database
    or the cache. Runs after ``CommonMiddleware``: only allowed hosts get an entry. It also
    keeps the generations read during the request, so a page's many parts read them once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The generations are read once for the whole request (``current_generations``), and
        # the parts the address asked for last time are read ahead in one go (``_prefetch``).
        _request_generations.memo = {}
        ahead = {
            "path": request.path,
            "asked": {},
            "found": {},
            "looked": {},
            "done": set(),
            "made": {},
        }
        _request_generations.parts = ahead
        _request_generations.purges_missed = []
        try:
            response = self.get_response(request)
            if _request_generations.purges_missed and response.status_code < 400:
                return kept_but_not_shown_everywhere(response)
            return response
        finally:
            _request_generations.memo = None
            _request_generations.parts = None
            _request_generations.purges_missed = None
            _remember_parts_of_path(ahead["path"], ahead["asked"])
            _store_made_parts(ahead["made"])

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is serve or getattr(view_func, "serves_pages", False):
            cached_site(request)
        return None


def kept_but_not_shown_everywhere(response):
    """The answer to a request whose change is kept but whose purge could not reach the cache
    (Redis unreachable): 503, saying so, instead of the view's own answer. Pages kept before
    the change may show the old state until they expire, ``PAGE_CACHE_SECONDS`` at most; a
    generic error page would ask to try again, and the change would be sent twice."""
    from django.http import HttpResponse
    from django.template import loader

    redirected = 300 <= response.status_code < 400 and response.get("Location", "")
    context = {"minutes": max(1, math.ceil(cache_seconds() / 60)), "next": redirected or "/"}
    answer = HttpResponse(loader.get_template("503_saved.html").render(context), status=503)
    add_never_cache_headers(answer)
    return answer


def serves_pages(view):
    """Mark a view that routes or links to pages before its template runs (the site search),
    so ``CachedSiteMiddleware`` finds its site in the cache as it does for Wagtail's pages."""
    view.serves_pages = True
    return view


def cached_site(request):
    """The Wagtail site of ``request`` with its home page, kept with the site-wide generation.

    The site changes only when a site is saved or the home page is published, which purge
    everything (``vakgenoten.signals``). Sets what ``Site.find_for_request`` reads, so Wagtail
    and our tags ask no more for this request. Without the page cache: Wagtail's lookup.
    """
    from wagtail.models import Site
    from wagtail.models.sites import SiteRootPath

    if hasattr(request, "_wagtail_site") or cache_seconds() <= 0:
        return Site.find_for_request(request)
    # None (no site for this host) is kept too: Wagtail's lookup would find none again.
    site_key = f"site-{request.get_host()}-{request.get_port()}"
    parts = cached_parts({site_key: lambda: _find_site(request), "site-root-paths": _root_paths})
    request._wagtail_site = parts[site_key]
    # Every page link asks Wagtail for the sites' root paths, which it keeps in the default
    # cache: the database here (it holds the abuse counters). Kept with the site instead, in
    # the same round trips; saving a site or publishing a home page purges both.
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = [
            SiteRootPath(*path) for path in parts["site-root-paths"]
        ]
    return request._wagtail_site


def _root_paths():
    from wagtail.models import Site

    return [tuple(path) for path in Site.get_site_root_paths()]


def _find_site(request):
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None:
        # Routing starts at the specific home page (``HomePage.route``). Only the home page
        # itself shows its own fields (intro, body), so they stay deferred here, with no
        # query: ``HomePage.route`` reads them when the home page is the one asked for.
        site.root_page = site.root_page.specific_deferred
    return site


def cached_page_parts(name, computes):
    """The part ``name`` of many pages at once (the snippet text of each search result): the
    same entries ``cached_part(name, compute, page_id=pk)`` keeps, read in two cache round
    trips for all of them (the generations not yet read, then the parts) instead of two per
    page, and made and kept as ``cached_parts`` does.

    ``computes`` maps a page id to the function that makes its part; returns page id -> value.
    """
    if cache_seconds() <= 0 or not computes:
        return {pk: compute() for pk, compute in computes.items()}
    cache = page_cache()
    try:
        read = _read_generations(cache, [GLOBAL_GENERATION, *map(generation_key, computes)])
    except CACHE_UNAVAILABLE as error:
        _without_cache(error)
        return {pk: compute() for pk, compute in computes.items()}
    keys = {pk: _part_keys(cache, [name], pk, None, read)[name] for pk in computes}
    return _read_or_make(cache, keys, computes)
