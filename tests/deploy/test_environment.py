"""Every environment variable the settings read is named in the example environment and in the
README, so a new setting cannot reach production undocumented."""

from .environment import REPO, example_variables, settings_variables


def test_the_scan_finds_the_settings_variables():
    found = settings_variables()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"} <= found
    assert {"TRUSTED_PROXY_COUNT", "EMAIL_USE_TLS", "AWS_STORAGE_BUCKET_NAME"} <= found


def test_every_settings_variable_is_in_the_example_environment():
    required, optional = example_variables()
    missing = settings_variables() - required - optional
    assert not missing, f"add to deploy/systemd/env.example: {sorted(missing)}"
    assert not required & optional


def test_every_settings_variable_is_named_in_the_readme():
    readme = (REPO / "README.md").read_text()
    missing = sorted(name for name in settings_variables() if f"`{name}`" not in readme)
    assert not missing, f"name these in README.md's production section: {missing}"


def test_production_needs_what_the_example_requires():
    required, _ = example_variables()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "TRUSTED_PROXY_COUNT"} <= required
