"""vankien: a knowledge graph of Vietnamese Communist Party documents and their lineage."""
from vankien._version import __version__

__all__ = ["__version__"]
