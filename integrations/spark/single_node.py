"""The single-node side of the comparisons: a store built from a sample folder, its exported model, and what
`strata recommend --all-users`, `strata profile --all-users --format jsonl` and `strata embed` give on it."""
import csv
import json
import math
import os
import subprocess
import time


def run(strata, *args, stdout=None):
    """Runs `strata ARGS`, failing loudly; returns its standard output when not redirected, and the seconds."""
    start = time.monotonic()
    done = subprocess.run([strata, *args], stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"strata {' '.join(args)} exited with {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout, time.monotonic() - start


def build_store(strata, sample, db):
    """A fresh SQLite store with `sample`'s items.csv, users.csv (when present) and events.csv imported."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    for kind in ("items", "users", "events"):
        path = os.path.join(sample, f"{kind}.csv")
        if os.path.exists(path):
            run(strata, "import", kind, path, "--db", db)


def embedding_text(row):
    """The text Strata encodes for an item (`Item.embeddingText`): title, description, leaf categories."""
    parts = [p for p in (row.get("title") or "", row.get("description") or "") if p]
    leaves = []
    for path in (row.get("categories") or "").split("|"):
        levels = [level.strip() for level in path.split(">") if level.strip()]
        if levels:
            leaves.append(levels[-1])
    if leaves:
        parts.append("Categories: " + ", ".join(leaves))
    return ". ".join(parts)


def item_texts(items_csv):
    """[(item_id, text)] of a catalog CSV."""
    with open(items_csv, newline="") as f:
        return [(row["item_id"], embedding_text(row)) for row in csv.DictReader(f)]


def recommendations(strata, db, k):
    """{user: {"segment", "items": [(item_id, score)]}} from `strata recommend --all-users --json`."""
    out, seconds = run(strata, "recommend", "--all-users", "--json", "-k", str(k), "--db", db)
    users = {}
    for user in json.loads(out)["users"]:
        users[user["user"]] = {
            "segment": user.get("segment"),
            "items": [(i["item_id"], float(i["score"])) for i in user["items"]],
        }
    return users, seconds


def profiles(strata, db):
    """{user: layers} from `strata profile --all-users --format jsonl`."""
    out, seconds = run(strata, "profile", "--all-users", "--format", "jsonl", "--db", db)
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {line["user_id"]: line["layers"] for line in lines}, seconds


def embeddings(strata, texts, folder):
    """{item_id: vector} from one `strata embed --input … --output …` over every text."""
    given, taken = os.path.join(folder, "texts.jsonl"), os.path.join(folder, "vectors.jsonl")
    with open(given, "w") as f:
        for item_id, text in texts:
            f.write(json.dumps({"id": item_id, "text": text}) + "\n")
    _, seconds = run(strata, "embed", "--input", given, "--output", taken)
    with open(taken) as f:
        vectors = {str(r["id"]): r["embedding"] for r in map(json.loads, f)}
    return vectors, seconds


def compare_batch(rows, recommended, layers):
    """Differences between the Spark batch job's rows and the single node's lists and layers (empty: equal)."""
    problems = []
    seen = {}
    for row in rows:
        if row["user_id"] in seen:
            problems.append(f"user {row['user_id']} written twice")
        seen[row["user_id"]] = row
    for user, expected in recommended.items():
        row = seen.get(user)
        if row is None:
            problems.append(f"user {user} missing")
            continue
        got = [(r["item_id"], r["score"]) for r in row["recommendations"]]
        # The same items in the same order; scores to float rounding (a block of users is scored in one sgemm,
        # whose rounding depends on a user's row in the block, and recommend's blocks are not the job's).
        if [i for i, _ in got] != [i for i, _ in expected["items"]] or any(
                abs(a - b) > 1e-5 * max(1.0, abs(b)) for (_, a), (_, b) in zip(got, expected["items"])):
            problems.append(f"user {user}: list {got[:3]}… differs from {expected['items'][:3]}…")
        if row["segment"] != expected["segment"]:
            problems.append(f"user {user}: segment {row['segment']} differs from {expected['segment']}")
    for user, expected in layers.items():
        row = seen.get(user)
        if row is not None and json.loads(row["layers"]) != expected:
            problems.append(f"user {user}: layers differ")
    return problems


def compare_vectors(got, expected):
    """(problems, largest absolute difference, lowest cosine) between two {item_id: vector} maps. A text's vector
    depends on its batch only to float rounding (README), so equal means within 1e-5 per component."""
    problems, largest, lowest = [], 0.0, 1.0
    for item_id, vector in expected.items():
        other = got.get(item_id)
        if other is None or len(other) != len(vector):
            problems.append(f"item {item_id}: missing or of another size")
            continue
        largest = max(largest, max(abs(a - b) for a, b in zip(vector, other)))
        dot = sum(a * b for a, b in zip(vector, other))
        norms = math.sqrt(sum(a * a for a in vector)) * math.sqrt(sum(b * b for b in other))
        lowest = min(lowest, dot / norms if norms else 1.0)
    if len(got) != len(expected):
        problems.append(f"{len(got)} vectors for {len(expected)} items")
    if largest > 1e-5:
        problems.append(f"vectors differ by up to {largest:.2e}")
    return problems, largest, lowest
