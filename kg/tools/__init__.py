"""Developer tools run with ``python -m kg.tools.<name>`` (code generation, checks)."""
