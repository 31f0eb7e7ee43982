#!/usr/bin/env python3
"""Writes the benchmark inputs (git-ignored) once:
  movies.npy  9,742 × 384 MiniLM vectors of the ml-latest-small movies ("{title}. Genres: {g1, g2}"),
              sentence-transformers with normalize_embeddings=True, model models/all-MiniLM-L6-v2
  blobs.npy   200,000 × 384 synthetic Gaussian blobs (64 centres)
"""
import csv
import os
import sys

import numpy as np


def movie_texts(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [f"{row['title']}. Genres: {', '.join(row['genres'].split('|'))}" for row in csv.DictReader(f)]


def main(movies_csv, model_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    movies_npy = os.path.join(out_dir, "movies.npy")
    if not os.path.exists(movies_npy):
        from sentence_transformers import SentenceTransformer
        import torch
        torch.set_num_threads(2)
        model = SentenceTransformer(model_dir, device="cpu")
        vectors = model.encode(movie_texts(movies_csv), batch_size=64, normalize_embeddings=True)
        np.save(movies_npy, vectors.astype(np.float32))
        print(f"make_data: wrote {movies_npy} {vectors.shape}", file=sys.stderr)
    blobs_npy = os.path.join(out_dir, "blobs.npy")
    if not os.path.exists(blobs_npy):
        from sklearn.datasets import make_blobs
        x, _ = make_blobs(n_samples=200_000, n_features=384, centers=64, cluster_std=1.0,
                          center_box=(-5, 5), random_state=0)
        np.save(blobs_npy, x.astype(np.float32))
        print(f"make_data: wrote {blobs_npy} {x.shape}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:4])
