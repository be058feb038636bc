"""How much memory the writing process may use before the store gives some back.

Read at call time (``memory.MEMORY_BUDGET_MB``) by the Ladybug store and its bulk load, so that a test
or a caller can lower it.
"""
from __future__ import annotations

import os

# A checkpoint folds what was written since the last one into the database file. It rewrites every
# relationship table that gained edges where they start or end, and in a corpus where every text cites
# the same central documents that is nearly all of them: a checkpoint costs time in proportion to the
# store, not to what changed. Until it runs, Ladybug holds the new rows, and every page it has read, in
# memory. So the store checkpoints and reopens itself (release_memory) when the writing process passes a
# memory budget, which keeps memory bounded whatever the corpus size with as few checkpoints as that
# budget allows; where the resident memory cannot be read, after a number of texts.
def _default_budget_mb() -> int:
    """A quarter of the machine's memory (Ladybug's own page cache may take four fifths of it)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20 // 4
    except (ValueError, OSError, AttributeError):
        return 2048


MEMORY_BUDGET_MB = int(os.environ.get("VANKIEN_MEMORY_MB") or _default_budget_mb())
MIN_CHECKPOINT_TEXTS = 5000     # texts written between two checkpoints, at least
CHECKPOINT_TEXTS = 20000        # without a readable resident memory


def resident_mb() -> float | None:
    """Resident memory of this process in MB (Linux), None where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        return None
