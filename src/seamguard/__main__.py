"""``python -m seamguard`` runs the command line."""

from seamguard.cli import main

main()
