"""demo_accounts on a database without the demo says what to run first.

Apart from tests/vakgenoten/test_demo_accounts.py, whose tests share one loaded demo.
"""

import io

import pytest

from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_accounts_without_the_demo_says_what_to_do(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="load_demo"):
        call_command("demo_accounts", stdout=io.StringIO())
