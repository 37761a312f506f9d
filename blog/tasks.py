"""Background tasks of publishing."""

from django_tasks import task

from . import search_index


@task()
def write_search_entries(page_ids):
    """Write the search table's rows of many pages (see ``search_index.refresh_soon``)."""
    search_index.refresh(page_ids)
