"""`make spark-demo`: a standalone Spark cluster on loopback (a master and two workers), both Strata jobs on
the bundled sample, and whether their results equal the single node's.

    python integrations/spark/spark_demo.py --strata .build/release/strata [--sample sample] [--k 10]
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import single_node  # noqa: E402
from cluster import LocalCluster  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strata", required=True)
    parser.add_argument("--sample", default="sample")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--work", help="keep the store, model and results in this folder")
    args = parser.parse_args()
    strata = os.path.abspath(args.strata)
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="strata-spark-demo-"))
    os.makedirs(work, exist_ok=True)
    db, model = os.path.join(work, "store.sqlite"), os.path.join(work, "model")

    print(f"single node: importing {args.sample} into {db}", flush=True)
    single_node.build_store(strata, args.sample, db)
    out, seconds = single_node.run(strata, "export-model", "--db", db, "--output", model)
    print(f"single node: {out.strip()}  [{seconds:.1f} s, fits and tunes the hybrid]", flush=True)
    recommended, recommend_seconds = single_node.recommendations(strata, db, args.k)
    layers, profile_seconds = single_node.profiles(strata, db)
    print(f"single node: recommend --all-users {recommend_seconds:.1f} s ({len(recommended)} users), "
          f"profile --all-users {profile_seconds:.1f} s", flush=True)
    texts = single_node.item_texts(os.path.join(args.sample, "items.csv"))
    vectors, embed_seconds = single_node.embeddings(strata, texts, work)
    print(f"single node: embed {len(texts)} item texts {embed_seconds:.1f} s", flush=True)

    ok = True
    start = time.monotonic()
    with LocalCluster(workers=2) as cluster:
        print(f"spark: master {cluster.url} and 2 workers (1 core each) up in {time.monotonic() - start:.1f} s",
              flush=True)
        import jobs

        spark = cluster.session("strata-demo")
        spark.sparkContext.addPyFile(jobs.__file__)
        start = time.monotonic()
        frame = spark.createDataFrame(texts, ["item_id", "text"])
        jobs.embed_catalog(spark, frame, os.path.join(work, "vectors"), strata)
        got = {r.item_id: list(r.embedding) for r in spark.read.parquet(os.path.join(work, "vectors")).collect()}
        problems, largest, lowest = single_node.compare_vectors(got, vectors)
        print(f"spark: embedded {len(got)} items in {time.monotonic() - start:.1f} s; "
              f"largest difference {largest:.1e}, lowest cosine {lowest:.7f} — "
              + ("EQUAL to strata embed (to float rounding)" if not problems else "DIFFERENT: " + "; ".join(problems[:5])), flush=True)
        ok &= not problems

        start = time.monotonic()
        events = jobs.read_events(spark, os.path.join(os.path.abspath(args.sample), "events.csv"))
        rejects = jobs.batch_users(spark, events, model, os.path.join(work, "batch"), strata, k=args.k)
        rows = [r.asDict(recursive=True) for r in spark.read.parquet(os.path.join(work, "batch", "results")).collect()]
        problems = single_node.compare_batch(rows, recommended, layers)
        print(f"spark: batch job for {len(rows)} users in {time.monotonic() - start:.1f} s, {len(rejects)} rejected; "
              + ("lists, segments and layers EQUAL to recommend --all-users and profile --all-users"
                 if not problems else "DIFFERENT: " + "; ".join(problems[:5])), flush=True)
        ok &= not problems and not rejects
    print(f"results in {work}")
    print("spark-demo: " + ("the cluster's results equal the single node's" if ok else "MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
