"""Article types travel with the pages kept in the shared cache."""

import pickle

from blog.models.pages import ARTICLE_TYPES


def test_an_article_type_is_pickled_by_its_slug():
    """Read back from the cache, a type is the one instance, not new lazy translations."""
    for article_type in ARTICLE_TYPES:
        kept = pickle.dumps(article_type)
        assert pickle.loads(kept) is article_type  # noqa: S301  # our own bytes
        assert b"_lazy_proxy_unpickle" not in kept
