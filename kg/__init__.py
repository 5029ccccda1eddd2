"""kg — a knowledge-graph builder for United Nations resolutions.

The pipeline is a chain of pure stages, each in its own module:
``read`` → ``segment`` → ``extract`` (with linking) → ``triples`` → ``store``, then
``query`` / ``analyse`` / ``export``.  :mod:`kg.api` wires them together.
"""

__version__ = "0.1.0"
