"""What ``pip install .`` puts in the image: every module of every app, none forgotten.

The Containerfile installs the project as a wheel. setuptools installs only the packages that
pyproject.toml lists, so a folder missing from the list (a new app, a ``migrations`` or
``management/commands`` folder) would be absent from production while every test here, run from
the checkout, still passes.
"""

import shutil
import subprocess
import sys
import tomllib
import zipfile

from tests.layout import ROOT, app_folders, import_name


def listed_packages():
    return set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )


def package_name(folder, init):
    relative = init.parent.relative_to(folder)
    return ".".join([import_name(folder), *relative.parts])


def module_paths():
    """Every module of the apps as it lies in an installed wheel, e.g. ``vakgenoten/urls.py``."""
    paths = set()
    for folder in app_folders():
        for path in folder.rglob("*.py"):
            relative = path.relative_to(folder)
            paths.add("/".join([import_name(folder), *relative.parts]))
    return paths


def test_pyproject_lists_every_package_of_every_app():
    found = {
        package_name(folder, init)
        for folder in app_folders()
        for init in folder.rglob("__init__.py")
    }
    assert found == listed_packages()


def test_the_wheel_holds_every_module_of_every_app(tmp_path):
    """Built from a copy of what the Containerfile copies, so no build folder lands here."""
    source = tmp_path / "source"
    for folder in app_folders():
        shutil.copytree(folder, source / folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("vakgenoten-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        installed = {name for name in archive.namelist() if name.endswith(".py")}
    assert module_paths() <= installed, sorted(module_paths() - installed)


def test_the_layer_contract_and_coverage_name_every_app():
    """A new app must be placed in a layer and measured; both lists follow the folders."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    apps = {import_name(folder) for folder in app_folders()}
    assert set(config["tool"]["importlinter"]["root_packages"]) == apps
    assert set(config["tool"]["coverage"]["run"]["source_pkgs"]) == apps
