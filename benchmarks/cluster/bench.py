#!/usr/bin/env python3
"""Runs Strata's `strata cluster` and scikit-learn / hdbscan side by side on the same .npy files.

k-means: every case runs with seeds 0–4 (n_init = 1) on both sides, since one k-means++ draw can land
two centres in one blob and iteration counts vary from draw to draw; reported are mean fit times (file
loading excluded on both sides) and iterations, the time ratio, the ratio of mean inertias, and the
inertia ratio when both sides run Lloyd from the same (scikit-learn's) k-means++ centres. HDBSCAN: Strata with its default PCA reduction; the
hdbscan package on the raw vectors (the reference figure, under a timeout) and on Strata's reduced
vectors (agreement as ARI).
"""
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

SEEDS = [0, 1, 2, 3, 4]
HDBSCAN_TIMEOUT = int(os.environ.get("HDBSCAN_TIMEOUT", "300"))


def strata(binary, path, *args):
    with tempfile.NamedTemporaryFile(suffix=".csv") as out, tempfile.NamedTemporaryFile(suffix=".npy") as reduced:
        run = subprocess.run([binary, "cluster", "--input", path, "--output", out.name,
                              "--reduced-output", reduced.name, *args],
                             check=True, capture_output=True, text=True)
        summary = json.loads(run.stdout)
        vectors = np.load(reduced.name) if "pca_components" in summary else None
        return summary, np.loadtxt(out.name, dtype=int), vectors


def same_start_ratio(binary, path, x, k):
    """Strata's inertia / scikit-learn's when both run Lloyd from scikit-learn's k-means++ centres."""
    from sklearn.cluster import KMeans, kmeans_plusplus
    init, _ = kmeans_plusplus(x, n_clusters=k, random_state=0)
    reference = KMeans(n_clusters=k, init=init, n_init=1).fit(x).inertia_
    with tempfile.NamedTemporaryFile(suffix=".npy") as f:
        np.save(f.name, init.astype(np.float32))
        summary, _, _ = strata(binary, path, "--algorithm", "kmeans", "--initial-centroids", f.name)
    return summary["inertia"] / float(reference)


def kmeans_case(binary, path, x, k):
    from sklearn.cluster import KMeans
    rows = []
    for seed in SEEDS:
        t = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(x)
        sk_time = time.perf_counter() - t
        summary, _, _ = strata(binary, path, "--algorithm", "kmeans", "--k", str(k), "--n-init", "1", "--seed", str(seed))
        rows.append((sk_time, float(km.inertia_), km.n_iter_, summary["seconds"], summary["inertia"],
                     summary["iterations"]))
    return [float(np.mean(c)) for c in zip(*rows)]


def _hdbscan_raw(path, queue):
    import hdbscan
    x = np.load(path)
    t = time.perf_counter()
    labels = hdbscan.HDBSCAN(min_cluster_size=15).fit(x).labels_
    queue.put((time.perf_counter() - t, float(np.mean(labels < 0)), int(labels.max() + 1)))


def hdbscan_raw(path):
    queue = mp.Queue()
    proc = mp.Process(target=_hdbscan_raw, args=(path, queue))
    proc.start()
    proc.join(HDBSCAN_TIMEOUT)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    return queue.get()


def main(binary, data_dir):
    import hdbscan
    from sklearn.metrics import adjusted_rand_score

    movies = os.path.join(data_dir, "movies.npy")
    blobs = os.path.join(data_dir, "blobs.npy")
    print(f"k-means, n_init 1, mean over seeds {SEEDS}; speed-up = scikit-learn time / Strata time")
    print("| data | k | scikit-learn s (iterations) | Strata s (iterations) | speed-up "
          "| inertia Strata / scikit-learn, mean of draws | same from scikit-learn's centres |")
    print("|---|---|---|---|---|---|---|")
    for path, name, ks in [(movies, "movies 9,742 × 384", [20, 50, 200]), (blobs, "blobs 200,000 × 384", [64])]:
        x = np.load(path)
        for k in ks:
            sk_t, sk_i, sk_n, st_t, st_i, st_n = kmeans_case(binary, path, x, k)
            same = same_start_ratio(binary, path, x, k)
            print(f"| {name} | {k} | {sk_t:.2f} ({sk_n:.0f}) | {st_t:.2f} ({st_n:.0f}) | {sk_t / st_t:.2f}× | "
                  f"{st_i / sk_i:.4f} | {same:.5f} |", flush=True)

    print("\nHDBSCAN, min cluster size 15, movie vectors")
    print("| run | s | clusters | noise |")
    print("|---|---|---|---|")
    summary, labels, reduced = strata(binary, movies, "--algorithm", "hdbscan", "--min-cluster-size", "15")
    components = summary.get("pca_components", 0)
    print(f"| Strata, PCA {components} (default) | {summary['seconds']:.2f} | {summary['k']} | "
          f"{summary['noise'] / summary['rows']:.1%} |", flush=True)
    if reduced is None:
        reduced = np.load(movies)
    t = time.perf_counter()
    ref = hdbscan.HDBSCAN(min_cluster_size=15, approx_min_span_tree=False).fit(reduced).labels_
    ref_time = time.perf_counter() - t
    print(f"| hdbscan package on Strata's PCA {components} vectors (exact MST) | {ref_time:.2f} | {ref.max() + 1} | "
          f"{np.mean(ref < 0):.1%} |", flush=True)
    raw = hdbscan_raw(movies)
    if raw is None:
        print(f"| hdbscan package, raw 384-d | > {HDBSCAN_TIMEOUT} (timed out) | – | – |")
    else:
        print(f"| hdbscan package, raw 384-d | {raw[0]:.2f} | {raw[2]} | {raw[1]:.1%} |")
    print(f"\nHDBSCAN agreement, Strata vs the hdbscan package on the same reduced vectors: "
          f"ARI {adjusted_rand_score(ref, labels):.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
