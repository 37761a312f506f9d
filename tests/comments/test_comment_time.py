"""The moment of a comment, as readers see it and as machines read it."""

from datetime import UTC, datetime

from django.utils import translation

from comments.templatetags.comment_tags import comment_datetime, comment_time


def test_the_moment_is_in_dutch_time_in_both_languages():
    summer = datetime(2026, 7, 3, 0, 5, tzinfo=UTC)
    winter = datetime(2026, 1, 31, 23, 59, tzinfo=UTC)
    with translation.override("nl"):
        assert comment_time(summer) == (
            '<time datetime="2026-07-03T02:05+0200">3 juli 2026 om 2.05</time>'
        )
        assert comment_datetime(winter) == "1 februari 2026 om 0.59"
    with translation.override("en"):
        assert comment_time(winter) == (
            '<time datetime="2026-02-01T00:59+0100">1 February 2026 at 0.59</time>'
        )


def test_no_moment_no_element():
    assert comment_time(None) == ""
    assert comment_datetime(None) == ""
