"""`python -m vankien.cli`: the command line, as the `vankien` script runs it."""
from vankien.cli import main

main()
