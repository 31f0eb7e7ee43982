#!/usr/bin/env python3
"""Writes the small reference fixtures of StrataClusterTests: data as float32 .npy, and what
scikit-learn / hdbscan compute on it as JSON. Run with the bench venv's python:
    $(scripts/bench-venv) scripts/reference/make_cluster_fixtures.py
"""
import json
import os

import hdbscan
import numpy as np
from sklearn import cluster, datasets, metrics, mixture
from sklearn.decomposition import PCA

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StrataClusterTests", "Fixtures")


def save(name, x):
    np.save(os.path.join(OUT, name + ".npy"), np.ascontiguousarray(x, dtype=np.float32))


def f32(**kw):
    x, y = datasets.make_blobs(**kw)
    return x.astype(np.float32), y


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = {}

    # Well-separated blobs every algorithm must recover.
    x, y = f32(n_samples=300, n_features=6, centers=4, cluster_std=0.6, center_box=(-20, 20), random_state=1)
    save("blobs", x)
    ref["blobs"] = {"truth": y.tolist()}

    # k-means from scikit-learn's own k-means++ centres, on overlapping blobs.
    x, y = f32(n_samples=800, n_features=12, centers=8, cluster_std=3.0, center_box=(-10, 10), random_state=7)
    save("kmeans", x)
    init, _ = cluster.kmeans_plusplus(x, n_clusters=8, random_state=3)
    km = cluster.KMeans(n_clusters=8, init=init, n_init=1, tol=1e-4, max_iter=300).fit(x)
    ref["kmeans"] = {
        "k": 8, "init": init.astype(float).ravel().tolist(), "labels": km.labels_.tolist(),
        "inertia": float(km.inertia_), "truth": y.tolist(),
        "sklearn_kmeanspp_inertia": float(cluster.KMeans(n_clusters=8, n_init=1, random_state=0).fit(x).inertia_),
    }
    labels = km.labels_
    ref["metrics"] = {
        "silhouette_euclidean": float(metrics.silhouette_score(x.astype(np.float64), labels)),
        "silhouette_cosine": float(metrics.silhouette_score(x.astype(np.float64), labels, metric="cosine")),
        "davies_bouldin": float(metrics.davies_bouldin_score(x.astype(np.float64), labels)),
        "calinski_harabasz": float(metrics.calinski_harabasz_score(x.astype(np.float64), labels)),
        "ari": float(metrics.adjusted_rand_score(y, labels)),
        "nmi": float(metrics.normalized_mutual_info_score(y, labels)),
    }

    # DBSCAN on two moons plus a blob, Euclidean and cosine.
    moons, _ = datasets.make_moons(n_samples=300, noise=0.06, random_state=2)
    blob, _ = datasets.make_blobs(n_samples=100, centers=[[2.5, 2.0]], cluster_std=0.15, random_state=2)
    rng = np.random.RandomState(2)
    noise = rng.uniform(-1.5, 3.5, size=(20, 2))
    x = np.vstack([moons, blob, noise]).astype(np.float32)
    save("density", x)
    ref["dbscan"] = {
        "eps": 0.2, "min_samples": 5,
        "labels": cluster.DBSCAN(eps=0.2, min_samples=5).fit(x).labels_.tolist(),
    }
    xc, _ = f32(n_samples=300, n_features=5, centers=3, cluster_std=0.8, center_box=(-6, 6), random_state=4)
    save("cosine", xc)
    ref["dbscan_cosine"] = {
        "eps": 0.02, "min_samples": 5,
        "labels": cluster.DBSCAN(eps=0.02, min_samples=5, metric="cosine").fit(xc).labels_.tolist(),
    }

    # HDBSCAN (the hdbscan package) on the same density data, with its exact minimum spanning tree
    # (the default Boruvka tree is approximate and yields a different hierarchy than the exact one).
    h = hdbscan.HDBSCAN(min_cluster_size=15, approx_min_span_tree=False).fit(x.astype(np.float64))
    ref["hdbscan"] = {"min_cluster_size": 15, "labels": h.labels_.tolist(), "probabilities": h.probabilities_.tolist()}
    h5 = hdbscan.HDBSCAN(min_cluster_size=10, min_samples=3, approx_min_span_tree=False).fit(x.astype(np.float64))
    ref["hdbscan_min_samples"] = {"min_cluster_size": 10, "min_samples": 3, "labels": h5.labels_.tolist()}

    # Agglomerative clustering: labels at k and the merge heights.
    x, _ = f32(n_samples=200, n_features=4, centers=5, cluster_std=1.5, center_box=(-8, 8), random_state=5)
    save("agglomerative", x)
    agg = {}
    for linkage, metric in [("ward", "euclidean"), ("average", "euclidean"), ("complete", "euclidean"),
                            ("average", "cosine"), ("complete", "cosine")]:
        a = cluster.AgglomerativeClustering(n_clusters=5, linkage=linkage, metric=metric,
                                            compute_distances=True).fit(x.astype(np.float64))
        agg[f"{linkage}_{metric}"] = {"labels": a.labels_.tolist(), "distances": sorted(a.distances_.tolist())}
    ref["agglomerative"] = agg

    # Gaussian mixtures (k-means initialisation, scikit-learn defaults).
    x, y = f32(n_samples=600, n_features=3, centers=4, cluster_std=[0.5, 1.0, 1.5, 0.8], center_box=(-10, 10),
               random_state=6)
    save("gmm", x)
    gm = {}
    for kind, name in [("diag", "diagonal"), ("spherical", "spherical")]:
        g = mixture.GaussianMixture(n_components=4, covariance_type=kind, random_state=0).fit(x)
        gm[name] = {"labels": g.predict(x).tolist(), "bic": float(g.bic(x)),
                    "mean_log_likelihood": float(g.score(x))}
    gm["bic_by_k"] = {str(k): float(mixture.GaussianMixture(n_components=k, covariance_type="diag",
                                                            random_state=0).fit(x).bic(x)) for k in range(2, 7)}
    ref["gmm"] = gm

    # PCA.
    x = datasets.make_low_rank_matrix(n_samples=150, n_features=10, effective_rank=4, random_state=8)
    x = (x * 10 + 3).astype(np.float32)
    save("pca", x)
    p = PCA(n_components=3).fit(x)
    ref["pca"] = {"explained_variance": p.explained_variance_.tolist(),
                  "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
                  "transformed": p.transform(x).ravel().tolist()}

    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(ref, f)


if __name__ == "__main__":
    main()
