"""An article keeps its number of words, counted when it is saved, for its structured data.

Existing rows get NULL: their count is made from the page when it is shown, as before, until
the article is published again.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blog", "0017_search_entry_text")]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="word_count",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="aantal woorden"
            ),
        ),
    ]
