"""The Spark batch job on a real standalone cluster (a master and two workers on loopback) gives exactly the
single node's lists, segments and layers on a small generated store — also when one worker is killed while
its task runs, which Spark retries on the other — and reports a user with an unknown item as rejected.

    python integrations/spark/test_cluster.py --strata .build/release/strata

Prints one line per check and `N passed, N failed`; exits 1 when a check failed. Nothing here measures time:
waits are bounded only so that a broken cluster ends the test instead of hanging it.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import single_node  # noqa: E402
from cluster import LocalCluster  # noqa: E402

K = 10
BAD_USER = "spark-test-unknown-item"


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, problems):
        if problems:
            self.failed += 1
            print(f"FAIL {name}: " + "; ".join(problems[:5]), flush=True)
        else:
            self.passed += 1
            print(f"ok   {name}", flush=True)


def read_rows(spark, path):
    return [r.asDict(recursive=True) for r in spark.read.parquet(path).collect()]


def run_killing_a_worker(cluster, spark, jobs, events, model, output, strata, hold):
    """The batch job with every task held at its start until one of them is seen running on a worker, which
    is then killed (its executor and tasks with it) before the tasks are released."""
    outcome = {}

    def job():
        try:
            outcome["rejects"] = jobs.batch_users(spark, events, model, output, strata, k=K, hold=hold)
        except BaseException as error:  # reported by the caller
            outcome["error"] = error

    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    killed, deadline = None, time.monotonic() + 300
    while killed is None and thread.is_alive() and time.monotonic() < deadline:
        for name in os.listdir(hold):
            if name.startswith("started-"):
                worker = cluster.worker_of(int(name.rsplit("-", 1)[1]))
                if worker is not None:
                    cluster.kill_worker(worker)
                    killed = worker
                    break
        time.sleep(0.2)
    open(os.path.join(hold, "release"), "w").close()
    thread.join(600)
    if thread.is_alive():
        outcome["error"] = TimeoutError("the job did not finish within 600 s of the release")
    return killed, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strata", required=True)
    args = parser.parse_args()
    strata = os.path.abspath(args.strata)
    work = tempfile.mkdtemp(prefix="strata-spark-test-")
    checks = Checks()
    try:
        sample, db, model = (os.path.join(work, name) for name in ("sample", "store.sqlite", "model"))
        single_node.run(strata, "sample", "generate", "--users", "120", "--out", sample)
        single_node.build_store(strata, sample, db)
        single_node.run(strata, "export-model", "--db", db, "--output", model, "--tune-budget", "20")
        recommended, _ = single_node.recommendations(strata, db, K)
        layers, _ = single_node.profiles(strata, db)
        # The cluster's input: the store's events and one user whose only event names an item nobody has.
        spark_events = os.path.join(work, "events.csv")
        shutil.copy(os.path.join(sample, "events.csv"), spark_events)
        with open(spark_events, "a") as f:
            f.write(f"{BAD_USER},no-such-item,view,1700000000,,\n")

        with LocalCluster(workers=2) as cluster:
            import jobs

            spark = cluster.session("strata-test", **{"spark.task.maxFailures": "8"})
            spark.sparkContext.addPyFile(jobs.__file__)
            events = jobs.read_events(spark, spark_events)

            output = os.path.join(work, "batch")
            rejects = jobs.batch_users(spark, events, model, output, strata, k=K)
            rows = read_rows(spark, os.path.join(output, "results"))
            checks.check("batch on 2 workers equals recommend --all-users and profile --all-users",
                         single_node.compare_batch(rows, recommended, layers)
                         + ([f"{len(rows)} rows for {len(recommended)} users"] if len(rows) != len(recommended)
                            else []))
            checks.check("the user with an unknown item is rejected, naming the line and field",
                         [] if len(rejects) == 1 and re.search(r"stdin:\d+: field 'events\[0\]\.item_id'", rejects[0])
                         else [f"rejects: {rejects}"])

            hold = os.path.join(work, "hold")
            os.makedirs(hold)
            output = os.path.join(work, "batch-killed")
            killed, outcome = run_killing_a_worker(cluster, spark, jobs, events, model, output, strata, hold)
            checks.check("a worker was killed while its task ran",
                         [] if killed is not None else ["no task was seen on a worker"])
            problems = [f"the job failed: {outcome['error']}"] if "error" in outcome else []
            if not problems:
                rows = read_rows(spark, os.path.join(output, "results"))
                problems = single_node.compare_batch(rows, recommended, layers)
                if len(rows) != len(recommended):
                    problems.append(f"{len(rows)} rows for {len(recommended)} users")
                if len(outcome["rejects"]) != 1:
                    problems.append(f"rejects: {outcome['rejects']}")
            checks.check("after the kill, Spark's retries give the same results, each user once", problems)
    except Exception as error:
        checks.check("the test ran", [repr(error)])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
