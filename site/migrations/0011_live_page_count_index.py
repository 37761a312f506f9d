"""An index of the live pages by depth and path that also holds their type and id, for counts.

A list's page numbers need the number of articles it holds: the knowledge base counts the live
articles below it (``blog.listing.articles_to_count``), filtered by depth, path and page type,
with the closed-network and private-section rules joined by id. Without this index PostgreSQL
read all those rows from the page table itself, the widest table of the site: at 100,000
articles the count took 30–36 ms of a first render of the knowledge base. This index holds
every column the count reads, so PostgreSQL answers it from the index alone (an index-only
scan): 21–25 ms, and the whole first render 54 ms instead of 62 (bench/SCALING.md,
2026-12-06 17:30). Partial (live pages only): drafts are never counted.

PostgreSQL only: its ``varchar_pattern_ops`` lets the path prefix (``LIKE '0001…%'``) bound
the scan, and ``INCLUDE`` is its own; SQLite is for small sites.
"""

from django.db import migrations

INDEX = "vakgenoten_live_page_count"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page"
        " (depth, path varchar_pattern_ops) INCLUDE (content_type_id, id) WHERE live"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("vakgenoten", "0010_page_depth_path_index"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
