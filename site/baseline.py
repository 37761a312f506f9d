"""The records every Vakgenoten database needs besides its tables.

Wagtail's migrations create the content locale and the roots of the page and collection trees;
our apps need their staff groups ("Redactie" may moderate, "Organisatoren" may announce
events). A flushed database (a restore, a transactional test) has lost all of that, and Django
sends ``post_migrate`` after every ``migrate`` and every ``flush``. So :func:`ensure_baseline`
runs then and recreates only what is missing: an existing group keeps the permissions an
administrator gave it.

Apps add their part with :func:`register_baseline` from their ``AppConfig.ready``.
"""

from django.apps import apps
from django.conf import settings

_setups = []


def register_baseline(setup):
    """Run ``setup()`` (idempotent, no arguments) whenever the baseline is checked."""
    if setup not in _setups:
        _setups.append(setup)
    return setup


def ensure_tree_roots():
    """The content locale and the roots of the page and collection trees; returns the root."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def ensure_baseline():
    ensure_tree_roots()
    for setup in _setups:
        setup()


def after_migrate(sender, app_config, using="default", **kwargs):
    """post_migrate receiver: act once, after the last app (so every permission exists)."""
    # Django signals only the apps that have a models module.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is last_app and using == "default":
        ensure_baseline()
