"""vankien: the command-line interface and version."""
__version__ = "0.1.0"
