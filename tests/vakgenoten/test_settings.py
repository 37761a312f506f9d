"""Each settings module loads, and production passes Django's deployment checks."""

import pytest

from django.conf import settings

from tests.settings_process import PRODUCTION_ENV, production_setting, run_manage


@pytest.mark.parametrize(
    ("module", "extra_env"),
    [
        ("vakgenoten.settings.dev", {}),
        ("vakgenoten.settings.test", {}),
        ("vakgenoten.settings.production", PRODUCTION_ENV),
    ],
)
def test_settings_load_in_each_mode(module, extra_env):
    result = run_manage(module, "diffsettings", extra_env=extra_env)
    assert result.returncode == 0, result.stderr
    assert "LANGUAGE_CODE = 'nl'" in result.stdout
    assert "TIME_ZONE = 'Europe/Amsterdam'" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("vakgenoten.settings.production", "check", extra_env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "vakgenoten.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_optional_services_switch_on_from_their_variables():
    """Read the settings module itself: building the S3 storage would need the s3 extra."""
    assert production_setting(
        "[s.CACHES['pages']['BACKEND'], s.CACHES['renditions']['BACKEND'], s.SESSION_ENGINE,"
        " s.CACHES['sessions']['BACKEND'], s.SESSION_CACHE_ALIAS,"
        " s.STORAGES['default']['BACKEND'], s.EMAIL_HOST]",
        REDIS_URL="redis://127.0.0.1:6379/3",
        AWS_STORAGE_BUCKET_NAME="vakgenoten-media",
        EMAIL_HOST="smtp.vakgenoten.example",
    ) == [
        "vakgenoten.cache_backends.RedisCache",
        "vakgenoten.cache_backends.ShortcutRedisCache",
        "django.contrib.sessions.backends.cached_db",
        "vakgenoten.cache_backends.ShortcutRedisCache",
        "sessions",
        "storages.backends.s3.S3Storage",
        "smtp.vakgenoten.example",
    ]


def test_dutch_is_the_default_language_and_english_the_second():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]
    assert settings.AUTH_USER_MODEL == "members.User"
