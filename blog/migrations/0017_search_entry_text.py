"""Each search row keeps its page's readable text, for the snippet under a result.

Existing rows get NULL: their snippets are made from the page as before until the row is
written again (a publish) or ``manage.py rebuild_search_entries`` writes them all.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blog", "0016_search_entry_title_keywords_gin")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="text",
            field=models.TextField(blank=True, null=True),
        ),
    ]
