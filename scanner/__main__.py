"""`python -m scanner` runs the same command line as `policyscan`."""

from scanner.cli import entry

entry()
