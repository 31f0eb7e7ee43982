"""The Spark batch job against one `strata batch` process on the same users, for BENCHMARKS.md: the first USERS
users of a generated events CSV (grouped by user, as `strata sample generate` writes it) through an exported
model, one after the other on this machine, timed; then whether every list, segment and layer agrees.

    python bench_batch.py --strata BIN --model MODEL_DIR --events events.csv --users 100000 [--work DIR]

Single node: `/usr/bin/time -v strata batch --model MODEL -k K --input users.jsonl` (wall, peak RSS). Spark: a
standalone master and two 1-core workers on loopback (`cluster.LocalCluster`), `jobs.read_events` on the same
users' CSV and `jobs.batch_users` (4 partitions), timed from reading the events to the Parquet results written.
The comparison runs on the cluster too (a join of both outputs by user), so no side is collected into the driver;
`--compare-only` compares the outputs an earlier run left in `--work`.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster import LocalCluster  # noqa: E402


def first_users(events_csv, users, folder):
    """Writes the events of the first `users` users of `events_csv` as CSV and as `strata batch` JSON Lines;
    returns both paths."""
    subset, lines = os.path.join(folder, "events.csv"), os.path.join(folder, "users.jsonl")
    with open(events_csv) as given, open(subset, "w", newline="") as csv_out, open(lines, "w") as jsonl:
        reader = csv.DictReader(given)
        writer = csv.DictWriter(csv_out, fieldnames=reader.fieldnames)
        writer.writeheader()
        user, events, count = None, [], 0

        def flush():
            if user is not None:
                jsonl.write(json.dumps({"user_id": user, "events": events}, separators=(",", ":")) + "\n")

        for row in reader:
            if row["user_id"] != user:
                flush()
                count += 1
                if count > users:
                    user = None
                    break
                user, events = row["user_id"], []
            writer.writerow(row)
            event = {"item_id": row["item_id"], "event": row["event"], "timestamp": int(row["timestamp"])}
            if row.get("value"):
                event["value"] = float(row["value"])
            events.append(event)
        flush()
    return subset, lines


def _summary(user):
    """(user id, (segment, item ids, scores, layers as sorted JSON)) of one `strata batch` output object."""
    return (user["user_id"], (user["segment"], [r["item_id"] for r in user["recommendations"]],
                              [float(r["score"]) for r in user["recommendations"]],
                              json.dumps(user["layers"], sort_keys=True)))


def _difference(pair):
    """What differs between a user's single-node and Spark summaries, or None: the same items in the same order,
    scores to float rounding (as `single_node.compare_batch`), the same segment and layers."""
    user, (expected, got) = pair
    if got is None:
        return f"user {user} missing"
    if expected is None:
        return f"user {user} not in the single node's output"
    (segment, items, scores, layers), (got_segment, got_items, got_scores, got_layers) = expected, got
    if items != got_items or any(abs(a - b) > 1e-5 * max(1.0, abs(b)) for a, b in zip(got_scores, scores)):
        return f"user {user}: list {got_items[:3]}… differs from {items[:3]}…"
    if segment != got_segment:
        return f"user {user}: segment {got_segment} differs from {segment}"
    if json.loads(layers) != json.loads(got_layers):
        return f"user {user}: layers differ"
    return None


def compare(spark, single, results):
    """(number of users compared, up to 5 differences, number of differences) between `strata batch`'s JSON Lines
    `single` and the batch job's Parquet `results`, joined by user on the cluster."""
    from pyspark.sql import functions as F

    expected = spark.read.text(single).rdd.map(lambda row: _summary(json.loads(row.value)))
    got = spark.read.parquet(results).select(
        "user_id", "segment", F.col("recommendations.item_id").alias("items"),
        F.col("recommendations.score").alias("scores"), "layers").rdd.map(
        lambda r: (r.user_id, (r.segment, list(r.items), list(r.scores), r.layers)))
    joined = expected.fullOuterJoin(got, numPartitions=16)
    differences = joined.map(_difference).filter(lambda d: d is not None).cache()
    return joined.count(), differences.take(5), differences.count()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strata", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--users", type=int, default=100000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--work", help="keep the inputs and results in this folder")
    parser.add_argument("--compare-only", action="store_true", help="compare the outputs already in --work")
    args = parser.parse_args()
    strata, model = os.path.abspath(args.strata), os.path.abspath(args.model)
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="strata-spark-bench-"))
    os.makedirs(work, exist_ok=True)
    single, results = os.path.join(work, "single.jsonl"), os.path.join(work, "batch", "results")
    if not args.compare_only:
        subset, lines = first_users(args.events, args.users, work)
        start = time.monotonic()
        with open(single, "w") as out:
            done = subprocess.run(["/usr/bin/time", "-v", strata, "batch", "--model", model, "-k", str(args.k),
                                   "--input", lines], stdout=out, stderr=subprocess.PIPE, text=True)
        seconds = time.monotonic() - start
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        rss = next(int(line.split()[-1]) for line in done.stderr.splitlines() if "Maximum resident set size" in line)
        print(f"single node: strata batch in {seconds:.1f} s, peak RSS {rss / 1024:.0f} MB", flush=True)

    start = time.monotonic()
    with LocalCluster(workers=2) as cluster:
        print(f"spark: master and 2 workers (1 core each) up in {time.monotonic() - start:.1f} s", flush=True)
        import jobs

        spark = cluster.session("strata-bench")
        spark.sparkContext.addPyFile(jobs.__file__)
        if not args.compare_only:
            start = time.monotonic()
            events = jobs.read_events(spark, subset)
            rejects = jobs.batch_users(spark, events, model, os.path.join(work, "batch"), strata, k=args.k)
            print(f"spark: batch job in {time.monotonic() - start:.1f} s, {len(rejects)} rejected", flush=True)
        users, problems, count = compare(spark, single, results)
    print(f"compared {users:,} users: " + ("every list, segment and layer EQUAL" if not count
                                          else f"{count} DIFFERENT: " + "; ".join(problems)), flush=True)
    print(f"inputs and results in {work}")
    return 0 if not count else 1


if __name__ == "__main__":
    sys.exit(main())
