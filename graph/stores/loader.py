"""What an ingest hands its batches to: writes them into a store, then places the ambiguous references."""
from __future__ import annotations

from vankien.graph.model.batch import Batch
from vankien.graph.stores.ambiguity import Placement, place_references
from vankien.graph.stores.base import GraphStore


class Loader:
    """Writes an ingest's batches into a store, then places the ambiguous references."""

    staged = False      # True where the batches are only written by ``finish``
    emptied = False     # True where the store was emptied first (an interrupted bulk load)

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def add(self, batch: Batch) -> None:
        self.store.write_batch(batch)

    def finish(self) -> Placement:
        """Place the ambiguous references (vankien.graph.stores.ambiguity); returns the Placement."""
        return place_references(self.store)
