"""Worker processes of an ingest (texts extracted, partitions merged: vankien.graph.ingest, vankien.graph.stores.bulk_load).

Spawned, not forked: the parent holds the store's threads and open files. Their work builds many
small dicts and lists without reference cycles, so, as in the parent while it ingests, the young
generation is collected after ``GC_THRESHOLD`` allocations instead of Python's 700: with the default,
unpickling documents took five times as long and extracting a text up to a tenth longer (measured).
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

GC_THRESHOLD = 100_000      # allocations between two young-generation collections


def raise_gc_threshold() -> tuple[int, ...]:
    """Collect the young generation less often; returns the thresholds before, to restore them."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    return before


@contextmanager
def process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Unlike ``multiprocessing.Pool``, an executor fails (BrokenProcessPool) if a worker dies,
    where a pool would wait for its result forever. Leaving early (an error, Ctrl-C), the tasks not
    yet started are dropped: only those running are waited for (before: all sent, 10 s of texts)."""
    pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=raise_gc_threshold)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def pause_for_tests(point: str) -> None:
    """A pause at a named point of the run, for the tests that kill an ingest there:
    VANKIEN_TEST_PAUSE="texts=4:30" sleeps 30 s once 4 texts are written, "switch:30" before the
    store switches to the run's copy. Says so on standard error first."""
    spec = os.environ.get("VANKIEN_TEST_PAUSE")
    if not spec:
        return
    where, _, seconds = spec.rpartition(":")
    if where == point or (where.startswith("texts=") and point.startswith("texts=")
                          and int(point[6:]) >= int(where[6:]) and not _paused):
        _paused.append(point)
        print(f"vankien: test pause at {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


_paused: list[str] = []
