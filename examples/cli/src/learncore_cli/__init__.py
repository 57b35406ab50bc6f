"""The ``learncore`` command-line example frontend."""
