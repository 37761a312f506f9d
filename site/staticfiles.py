"""One stylesheet and one script request: ``css/main.css`` and ``js/site.js`` are served and
collected as single bundled files.

The source stays as small files: ``static/css/main.css`` is an index of ``@import`` lines
(tokens, base, one file per component, print). Served as written, a browser fetches the index,
then each import one after another, and paints nothing until the last arrives.

``BundlingFinder`` takes the place of Django's ``FileSystemFinder`` and answers for
``css/main.css`` with the index's imports inlined in their order. Because every consumer of
static files asks the finders, the one bundle reaches all of them with no build tool and nothing
at run time in production:

- ``collectstatic`` collects the bundle; the manifest storage then hashes and compresses it
  like any file, and whitenoise (or the proxy) serves the collected copy;
- ``runserver``, whitenoise with ``WHITENOISE_USE_FINDERS`` (development) and the tests' live
  server ask the finder per request; the bundle is rebuilt when a source file changed.

Relative ``url()`` paths in an imported file are rewritten to stay right from the index's
folder, and an import with a media query (``@import "print.css" print;``) is wrapped in that
``@media`` block. ``js/site.js`` has no source file: it is the scripts listed in ``SCRIPTS``,
one after another (each is a self-contained function that looks for its own elements, so one
script serves every page). Bundles are written to a private temporary folder of this process,
never into the source tree.
"""

import atexit
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.storage import FileSystemStorage

STYLESHEET = "css/main.css"  # an index of @imports, inlined (inline_imports)
SCRIPTS = {
    # Progressive enhancements, one deferred request for all of them (issue 16: at most 10
    # requests on a first visit). The admin's moderation queue loads comments.js on its own.
    "js/site.js": (
        "js/navigation.js",
        "js/blog.js",
        "js/comments.js",
        "js/events.js",
        "js/follow.js",
        "js/mentions.js",
    ),
}
BUNDLES = (STYLESHEET, *SCRIPTS)

IMPORT = re.compile(
    r"""@import\s+(?:url\(\s*)?(["']?)(?P<path>[^"')\s;]+)\1\s*\)?\s*(?P<media>[^;]*);""",
)
URL = re.compile(r"""url\(\s*(["']?)(?P<url>[^"')]+)\1\s*\)""")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;\s*""")


def _is_relative(url):
    return not (url.startswith(("/", "#", "data:")) or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I))


def _rebase_urls(css, from_dir, to_dir):
    """Rewrite relative url()s written from ``from_dir`` so they hold from ``to_dir``."""

    def rebase(match):
        url = match.group("url").strip()
        if not _is_relative(url) or from_dir == to_dir:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(from_dir, url))
        return f'url("{posixpath.relpath(target, to_dir or ".")}")'

    return URL.sub(rebase, css)


def inline_imports(source, read, seen=()):
    """The CSS of ``source`` (a static path) with its local @imports inlined, in order.

    ``read(path)`` returns a static file's text. Imports of other origins are left alone; an
    import cycle is an error rather than an endless bundle.
    """
    if source in seen:
        raise ValueError(f"@import cycle: {' -> '.join((*seen, source))}")
    here = posixpath.dirname(source)
    css = CHARSET.sub("", read(source))

    def replace(match):
        path = match.group("path")
        if not _is_relative(path):
            return match.group(0)
        imported = posixpath.normpath(posixpath.join(here, path))
        inner = inline_imports(imported, read, (*seen, source))
        inner = _rebase_urls(inner, posixpath.dirname(imported), here)
        media = match.group("media").strip()
        header = f"/* {path} */\n"
        if media:
            return f"{header}@media {media} {{\n{inner}\n}}\n"
        return f"{header}{inner}\n"

    # Comments in the index may mention @import; only real rules are replaced.
    parts = []
    position = 0
    for comment in COMMENT.finditer(css):
        parts.append(IMPORT.sub(replace, css[position : comment.start()]))
        parts.append(comment.group(0))
        position = comment.end()
    parts.append(IMPORT.sub(replace, css[position:]))
    return "".join(parts)


class BundlingFinder(FileSystemFinder):
    """``FileSystemFinder`` that answers for each path in ``BUNDLES`` with its bundle."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._folder = None
        self._built = {}  # bundle path -> (mtimes of its sources, file on disk)

    def _source(self, path):
        # The plain finder knows where the source files live (STATICFILES_DIRS, prefixes).
        found = super().find(path)
        if not found:
            raise FileNotFoundError(f"static file {path!r} not found")
        return Path(found)

    def _storage(self):
        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="vakgenoten-static-")
            atexit.register(shutil.rmtree, self._folder, ignore_errors=True)
        return FileSystemStorage(location=self._folder)

    def bundle(self, path):
        """The file on disk that holds the bundle of ``path``, built again when a source changed."""
        sources = {}

        def read(static_path):
            file = self._source(static_path)
            sources[static_path] = file.stat().st_mtime_ns
            return file.read_text(encoding="utf-8")

        built = self._built.get(path)
        if built and all(
            self._source(source).stat().st_mtime_ns == mtime for source, mtime in built[0].items()
        ):
            return built[1]
        if path in SCRIPTS:
            text = "\n".join(f"/* {source} */\n{read(source)}" for source in SCRIPTS[path])
        else:
            text = inline_imports(path, read)
        storage = self._storage()
        target = Path(storage.path(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self._built[path] = (sources, str(target))
        return str(target)

    def find(self, path, find_all=False, **kwargs):
        if path in BUNDLES:
            bundle = self.bundle(path)
            return [bundle] if find_all or kwargs.get("all") else bundle
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if path in BUNDLES:
                self.bundle(path)
                yield path, self._storage()
            else:
                yield path, storage
        for path in SCRIPTS:  # no source file of that name, so the plain listing never has it
            self.bundle(path)
            yield path, self._storage()
