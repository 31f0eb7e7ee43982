"""Label quality figures for benchmarks/labels/run.

`labels TOPICS.json SEGMENTS.json` prints one JSONL line per label ({"id": "fine/3", "text": label});
`score NAME DB LABELS.jsonl VECTORS.jsonl` reads the centroids from the store and prints, per level, the
share of distinct labels and how often a label's nearest centroid (cosine) is its own.
"""
import json
import sqlite3
import sys


def labels(topics_path, segments_path):
    for topic in json.load(open(topics_path))["topics"]:
        print(json.dumps({"id": f"{topic['level']}/{topic['id']}", "text": topic["label"]}))
    for segment in json.load(open(segments_path))["segments"]:
        print(json.dumps({"id": f"segment/{segment['id']}", "text": segment["label"]}))


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def score(name, db, labels_path, vectors_path):
    connection = sqlite3.connect(db)
    model = json.loads(connection.execute("SELECT model FROM topic_models").fetchone()[0])
    segments = json.loads(connection.execute("SELECT model FROM segment_models WHERE layer = 'deep'").fetchone()[0])
    centroids = {"fine": {t["id"]: t["centroid"] for t in model["fine"]},
                 "coarse": {t["id"]: t["centroid"] for t in model["coarse"]},
                 "segment": {s["id"]: s["centroid"] for s in segments["segments"]}}
    texts = {}
    for line in open(labels_path):
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    vectors = {}
    for line in open(vectors_path):
        record = json.loads(line)
        vectors[record["id"]] = record["embedding"]
    print(f"== {name}")
    print("| level | labels | distinct | label→own centroid |")
    print("|---|---|---|---|")
    for level, by_id in centroids.items():
        ids = [key for key in texts if key.startswith(level + "/")]
        hits = 0
        for key in ids:
            own = int(key.split("/")[1])
            best = max(by_id, key=lambda c: dot(vectors[key], by_id[c]))
            hits += best == own
        distinct = len({texts[key] for key in ids})
        print(f"| {level} | {len(ids)} | {distinct / len(ids):.3f} | {hits / len(ids):.3f} ({hits}/{len(ids)}) |")
    examples = [texts[key] for key in texts if key.startswith("segment/")][:6]
    print("segment labels: " + " · ".join(examples))


if __name__ == "__main__":
    if sys.argv[1] == "labels":
        labels(*sys.argv[2:4])
    else:
        score(*sys.argv[2:6])
