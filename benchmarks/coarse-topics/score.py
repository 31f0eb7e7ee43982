"""Do a store's coarse topics mean something? Figures for BENCHMARKS.md (id-only catalogs' coarse level).

`score.py split LOG.csv TRAIN.csv ITEMS.csv` splits a Taobao UserBehavior log as DESIGN.md's protocol does
(per user by (timestamp, item id), the last max(1, round(0.2 n)) events of users with at least 5 are the
future) and writes the past as a log for `strata import taobao`, and the items met only in the future as an
items CSV for `strata import items`, so topics are fitted with the whole catalog but the past events only.

`score.py score LOG.csv DB…` prints, for each store's topic model, the largest coarse topic's share of the
items and how often a future event's coarse topic is among the user's top 3 coarse topics of the past
(over all future events), beside random groupings of the fine topics into coarse ones of the same sizes
(mean ± standard deviation over 20 seeds): a grouping that is only balanced scores like random.
"""
import collections
import csv
import json
import random
import sqlite3
import statistics
import sys


def read_log(path):
    users, category = collections.defaultdict(list), {}
    with open(path) as f:
        for row in csv.reader(f):
            users[row[0]].append(row)
            category.setdefault(row[1], row[2])
    return users, category


def split(users):
    past, future = {}, {}
    for user, rows in users.items():
        rows = sorted(rows, key=lambda r: (int(r[4]), r[1]))
        n = len(rows)
        cut = n - (0 if n < 5 else max(1, round(0.2 * n)))
        past[user], future[user] = rows[:cut], rows[cut:]
    return past, future


def future_in_top3(past, future, group_of):
    hits = total = 0
    for user, rows in future.items():
        if not rows:
            continue
        counts = collections.Counter(group_of[r[1]] for r in past[user])
        top = {g for g, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:3]}
        hits += sum(group_of[r[1]] in top for r in rows)
        total += len(rows)
    return hits / total


def random_grouping(parent, size, seed):
    """The fine topics in random order, filling coarse topics of the same item counts one after another."""
    targets = collections.Counter()
    for fine, coarse in parent.items():
        targets[coarse] += size[fine]
    order = sorted(parent)
    random.Random(seed).shuffle(order)
    targets = sorted(targets.items())
    grouping, index, filled = {}, 0, 0
    for fine in order:
        while index < len(targets) - 1 and filled >= targets[index][1]:
            index, filled = index + 1, 0
        grouping[fine] = targets[index][0]
        filled += size[fine]
    return grouping


def score(log, dbs):
    past, future = split(read_log(log)[0])
    for db in dbs:
        model = json.loads(sqlite3.connect(db).execute("SELECT model FROM topic_models").fetchone()[0])
        topic_of = model["itemTopics"]
        parent = {t["id"]: t["parent"] for t in model["fine"]}
        size = collections.Counter(topic_of.values())
        largest = max(t["size"] for t in model["coarse"]) / len(topic_of)
        rate = future_in_top3(past, future, {i: parent[t] for i, t in topic_of.items()})
        randoms = [future_in_top3(past, future, {i: g[t] for i, t in topic_of.items()})
                   for g in (random_grouping(parent, size, seed) for seed in range(20))]
        print(f"{db}: {len(model['fine'])} fine, {len(model['coarse'])} coarse topics, largest {largest:.1%} "
              f"of the items; future in the past's top 3: {rate:.4f}, random groupings of the same sizes "
              f"{statistics.mean(randoms):.4f} ± {statistics.stdev(randoms):.4f}")


def write_split(log, train_path, items_path):
    users, category = read_log(log)
    past, _ = split(users)
    seen = set()
    with open(train_path, "w") as out:
        for rows in past.values():
            for row in rows:
                out.write(",".join(row) + "\n")
                seen.add(row[1])
    with open(items_path, "w") as out:
        out.write("item_id,title,categories\n")
        for item, cat in category.items():
            if item not in seen:
                out.write(f"{item},,{cat}\n")


if __name__ == "__main__":
    if sys.argv[1] == "split":
        write_split(*sys.argv[2:5])
    else:
        score(sys.argv[2], sys.argv[3:])
