"""The Spark batch job against one `strata batch` process on the same users, for BENCHMARKS.md: the first USERS
users of a generated events CSV (grouped by user, as `strata sample generate` writes it) through an exported
model, one after the other on this machine, timed; then whether every list, segment and layer agrees.

    python bench_batch.py --strata BIN --model MODEL_DIR --events events.csv --users 100000 [--work DIR]

Single node: `/usr/bin/time -v strata batch --model MODEL -k K --input users.jsonl` (wall, peak RSS). Spark: a
standalone master and two 1-core workers on loopback (`cluster.LocalCluster`), `jobs.read_events` on the same
users' CSV and `jobs.batch_users` (4 partitions), timed from reading the events to the Parquet results written.
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
import single_node  # noqa: E402
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strata", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--users", type=int, default=100000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--work", help="keep the inputs and results in this folder")
    args = parser.parse_args()
    strata, model = os.path.abspath(args.strata), os.path.abspath(args.model)
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="strata-spark-bench-"))
    os.makedirs(work, exist_ok=True)
    subset, lines = first_users(args.events, args.users, work)

    single = os.path.join(work, "single.jsonl")
    start = time.monotonic()
    with open(single, "w") as out:
        done = subprocess.run(["/usr/bin/time", "-v", strata, "batch", "--model", model, "-k", str(args.k),
                               "--input", lines], stdout=out, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    rss = next(int(line.split()[-1]) for line in done.stderr.splitlines() if "Maximum resident set size" in line)
    recommended, layers = {}, {}
    with open(single) as f:
        for line in f:
            user = json.loads(line)
            recommended[user["user_id"]] = {
                "items": [(r["item_id"], float(r["score"])) for r in user["recommendations"]],
                "segment": user["segment"]}
            layers[user["user_id"]] = user["layers"]
    print(f"single node: strata batch for {len(recommended):,} users in {seconds:.1f} s, peak RSS {rss / 1024:.0f} MB",
          flush=True)

    start = time.monotonic()
    with LocalCluster(workers=2) as cluster:
        print(f"spark: master and 2 workers (1 core each) up in {time.monotonic() - start:.1f} s", flush=True)
        import jobs

        spark = cluster.session("strata-bench")
        spark.sparkContext.addPyFile(jobs.__file__)
        start = time.monotonic()
        events = jobs.read_events(spark, subset)
        rejects = jobs.batch_users(spark, events, model, os.path.join(work, "batch"), strata, k=args.k)
        seconds = time.monotonic() - start
        rows = [r.asDict(recursive=True) for r in spark.read.parquet(os.path.join(work, "batch", "results")).collect()]
    problems = single_node.compare_batch(rows, recommended, layers)
    print(f"spark: batch job for {len(rows):,} users in {seconds:.1f} s, {len(rejects)} rejected; "
          + ("every list, segment and layer EQUAL to strata batch" if not problems
             else "DIFFERENT: " + "; ".join(problems[:5])), flush=True)
    print(f"inputs and results in {work}")
    return 0 if not problems and not rejects else 1


if __name__ == "__main__":
    sys.exit(main())
