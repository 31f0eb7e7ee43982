"""Embeds the benchmark texts with sentence-transformers (CPU, 2 threads, batch 64) and compares its
vectors with Strata's output. Prints one JSON object."""
import json
import sys
import time

import numpy as np
import torch
from sentence_transformers import SentenceTransformer

model_dir, texts_path, strata_path = sys.argv[1], sys.argv[2], sys.argv[3]
torch.set_num_threads(2)
texts = open(texts_path, encoding="utf-8").read().splitlines()
model = SentenceTransformer(model_dir, device="cpu")
model.encode(texts[:64], batch_size=64)  # warm-up
start = time.perf_counter()
reference = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
seconds = time.perf_counter() - start

strata = np.array([json.loads(line)["embedding"] for line in open(strata_path)], dtype=np.float32)
cosines = np.sum(strata * reference, axis=1) / (np.linalg.norm(strata, axis=1) * np.linalg.norm(reference, axis=1))
print(json.dumps({
    "texts": len(texts),
    "seconds": seconds,
    "texts_per_second": len(texts) / seconds,
    "torch": torch.__version__,
    "min_cosine_to_strata": float(cosines.min()),
    "mean_cosine_to_strata": float(cosines.mean()),
}))
