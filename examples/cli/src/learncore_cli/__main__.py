"""``python -m learncore_cli``: the same as the ``learncore`` command."""

from learncore_cli.app import main

main()
