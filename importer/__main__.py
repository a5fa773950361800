"""``python -m importer``: see :mod:`importer.cli`."""

from importer.cli import main

main()
