#!/usr/bin/env python3
"""Scores `strata recommend` as a new user would meet it, independently of Strata's own evaluation.

DESIGN.md's protocol: each user's interactions sorted by (timestamp, item id), the last max(1, round(0.2 n))
held out (users with fewer than 5 stay in train). Only the train rows are imported into a fresh store, so
Strata never sees the test period; then `strata recommend --all-users -k 20 --format csv` runs on that store
(which never ran `evaluate`) and its lists are scored here against the held-out rows. For a shop log whose
only item list is its own items (Taobao UserBehavior) the catalog imported is the items of train, so the
candidates are the items seen in train (the train rows go through `strata import taobao`); MovieLens keeps its
published movie list whole.

The plain baselines are computed here, tuned on a validation split carved the same way from train (last
10% of each user's train rows): MostPop, and CategoryPop (the categories of the user's latest N
interactions weighted by how often each appears among them, within a category by train popularity, then
the lower item id; N tuned). Usage:

    holdout.py taobao UserBehavior.csv WORKDIR [strata args…]
    holdout.py movielens ml-latest-small WORKDIR [strata args…]
    holdout.py csv DIR WORKDIR [strata args…]      # DIR/items.csv and DIR/events.csv as `strata import` reads them

STRATA_BIN names the binary (default .build/release/strata). Prints one table row per model.
"""
import csv
import math
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict


def item_key(item):
    return (0, int(item), "") if item.isdigit() else (1, 0, item)


def split(rows, fraction):
    """rows: (user, item, timestamp) → (train, test) dicts of each user's rows in protocol order."""
    by_user = defaultdict(list)
    for row in rows:
        by_user[row[0]].append(row)
    train, test = {}, {}
    for user, history in by_user.items():
        history.sort(key=lambda r: (r[2], item_key(r[1])))
        n = len(history)
        held = 0 if n < 5 else max(1, round(fraction * n))
        train[user] = history[: n - held]
        test[user] = history[n - held :]
    return train, test


def ndcg_recall(lists, train, test, k=10):
    ndcg = recall = 0.0
    users = [u for u in test if test[u]]
    for user in users:
        held = {r[1] for r in test[user]}
        ranked = lists.get(user, [])[:k]
        dcg = sum(1 / math.log2(p + 2) for p, item in enumerate(ranked) if item in held)
        ideal = sum(1 / math.log2(p + 2) for p in range(min(k, len(held))))
        ndcg += dcg / ideal
        recall += sum(1 for item in ranked if item in held) / len(held)
    return ndcg / len(users), recall / len(users)


def popularity(train):
    counts = Counter()
    for history in train.values():
        counts.update({r[1] for r in history})
    return counts


def most_pop(train, k=20):
    counts = popularity(train)
    order = sorted(counts, key=lambda i: (-counts[i], item_key(i)))
    lists = {}
    for user, history in train.items():
        own = {r[1] for r in history}
        lists[user] = [i for i in order[: k + len(own)] if i not in own][:k]
    return lists


def category_pop(train, category, window, k=20):
    counts = popularity(train)
    shelves = defaultdict(list)
    for item in counts:
        shelves[category.get(item)].append(item)
    for shelf in shelves.values():
        shelf.sort(key=lambda i: (-counts[i], item_key(i)))
    order = sorted(counts, key=lambda i: (-counts[i], item_key(i)))
    lists = {}
    for user, history in train.items():
        own = {r[1] for r in history}
        weights = Counter(category.get(r[1]) for r in history[-window:])
        out = []
        for cat, _ in sorted(weights.items(), key=lambda x: (-x[1], str(x[0]))):
            for item in shelves[cat]:
                if item not in own and item not in out:
                    out.append(item)
                if len(out) >= k:
                    break
            if len(out) >= k:
                break
        for item in order:
            if len(out) >= k:
                break
            if item not in own and item not in out:
                out.append(item)
        lists[user] = out
    return lists


def read_log(kind, path):
    """(rows, category of each item, items CSV rows for the catalog or None to keep the published one)."""
    rows, category = [], {}
    if kind == "taobao":
        for user, item, cat, behaviour, timestamp in csv.reader(open(path)):
            rows.append((user, item, int(timestamp), behaviour))
            category.setdefault(item, cat)
    elif kind == "csv":
        with open(os.path.join(path, "events.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["event"] not in ("search", "tag"):
                    rows.append((r["user_id"], r["item_id"], int(r["timestamp"]), r))
        with open(os.path.join(path, "items.csv"), newline="") as f:
            for r in csv.DictReader(f):
                category[r["item_id"]] = r.get("categories", "").split("|")[0]
    else:
        with open(os.path.join(path, "ratings.csv"), newline="") as f:
            for r in csv.DictReader(f):
                rows.append((r["userId"], r["movieId"], int(r["timestamp"]), r["rating"]))
        with open(os.path.join(path, "movies.csv"), newline="") as f:
            for r in csv.DictReader(f):
                category[r["movieId"]] = r["genres"].split("|")[0]
    return rows, category


def main():
    kind, path, work = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = sys.argv[4:]
    strata = os.environ.get("STRATA_BIN", ".build/release/strata")
    os.makedirs(work, exist_ok=True)
    rows, category = read_log(kind, path)
    train, test = split(rows, 0.2)
    print(f"{len(rows)} interactions, {len(train)} users; train {sum(map(len, train.values()))}, "
          f"test {sum(map(len, test.values()))} ({sum(1 for t in test.values() if t)} test users)")

    # Baselines: the setting best on validation, refitted on all of train.
    vtrain, vtest = split([r for h in train.values() for r in h], 0.1)
    results = [("MostPop", "", ndcg_recall(most_pop(train), train, test))]
    best = max((ndcg_recall(category_pop(vtrain, category, n), vtrain, vtest)[0], n) for n in (1, 2, 3, 5, 10, 20))
    results.append(("CategoryPop", f"N={best[1]} (validation {best[0]:.4f})",
                    ndcg_recall(category_pop(train, category, best[1]), train, test)))

    # Strata on a store of the train rows only.
    db = os.path.join(work, "store.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    subprocess.run(["rm", "-rf", db + ".cache"], check=True)
    def write(path, header, rows):
        with open(path, "w", newline="") as f:
            out = csv.writer(f)
            if header:
                out.writerow(header)
            out.writerows(rows)
        return path

    train_rows = [row for history in train.values() for row in history]
    if kind == "taobao":  # the train rows as a UserBehavior log: its items are the catalog, as for the whole log
        rows = ((user, item, category[item], behaviour, timestamp) for user, item, timestamp, behaviour in train_rows)
        imports = [["taobao", write(os.path.join(work, "UserBehavior.csv"), None, rows)]]
    elif kind == "csv":
        with open(os.path.join(path, "events.csv"), newline="") as f:
            header = next(csv.reader(f))
        rows = ([row[3][name] for name in header] for row in train_rows)
        imports = [["items", os.path.join(path, "items.csv")],
                   ["events", write(os.path.join(work, "events.csv"), header, rows)]]
    else:
        folder = os.path.join(work, "ml-train")
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["cp", os.path.join(path, "movies.csv"), folder], check=True)
        rows = ((user, item, rating, timestamp) for user, item, timestamp, rating in train_rows)
        write(os.path.join(folder, "ratings.csv"), ["userId", "movieId", "rating", "timestamp"], rows)
        imports = [["movielens", folder]]
    for args in imports:
        subprocess.run([strata, "import", *args, "--db", db], check=True, stdout=subprocess.DEVNULL)
    output = os.path.join(work, "recommendations.csv")
    start = time.time()
    run = subprocess.run(
        ["/usr/bin/time", "-f", "peak RSS %M KB", strata, "recommend", "--db", db, "--all-users", "-k", "20",
         "--format", "csv", "--output", output, *extra],
        stderr=subprocess.PIPE, text=True, check=True)
    seconds = time.time() - start
    with open(os.path.join(work, "recommend.log"), "w") as f:  # every tuning trial, for a reader who asks why
        f.write(run.stderr)
    chosen = [line for line in run.stderr.splitlines() if "recommender:" in line or "peak RSS" in line]
    lists = defaultdict(list)
    with open(output, newline="") as f:
        for r in csv.DictReader(f):
            lists[r["user"]].append(r["item"])
    results.append(("Strata recommend", " ".join(extra) or "defaults", ndcg_recall(lists, train, test)))
    print("| model | NDCG@10 | Recall@10 | settings |")
    print("|---|---|---|---|")
    for model, settings, (ndcg, recall) in results:
        print(f"| {model} | {ndcg:.4f} | {recall:.4f} | {settings} |")
    print(f"strata recommend: {seconds:.1f} s wall; " + "; ".join(line.replace("strata: ", "") for line in chosen))


if __name__ == "__main__":
    main()
