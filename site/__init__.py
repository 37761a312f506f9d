"""The site layer of Vakgenoten, installed under the import name ``vakgenoten``.

The folder is called ``site/`` but is never imported as ``site``: the standard library owns
that name. pyproject.toml maps it with setuptools' ``package-dir``.
"""
