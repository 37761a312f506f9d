"""A GIN index over the title and keywords of each search row (weights A and B of ``vector``).

Site search takes its candidates from the matches whose title or keywords hold the words
first (``blog.search.ranked_rows``); this index finds them without reading every match's
row. Made by hand for the reason of ``0004_search_entry``: SQLite knows no GIN indexes.
"""

from django.db import migrations

INDEX = "blog_searchentry_title_keywords_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON blog_searchentry "
            "USING gin (ts_filter(vector, '{a,b}'))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("blog", "0015_articles_keep_their_adoption_count")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
