"""The database as the text engine's store of embeddings (see language.embeddings.VectorStore)."""

from collections.abc import Sequence

from django.db import IntegrityError, transaction

from .models import StoredEmbedding

BATCH = 500


class DatabaseStore:
    def get_many(self, digests: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(digests), BATCH):
                rows = StoredEmbedding.objects.filter(digest__in=digests[start : start + BATCH])
                found |= {d: bytes(v) for d, v in rows.values_list("digest", "vector")}
        except RuntimeError:
            # No database here (a pure test, a command before setup): memory must do.
            return {}
        return found

    def put_many(self, vectors: dict[str, bytes]) -> None:
        rows = [StoredEmbedding(digest=d, vector=v) for d, v in vectors.items()]
        try:
            with transaction.atomic():
                StoredEmbedding.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        except (RuntimeError, IntegrityError):
            return  # as above; or another process stored the same texts first
