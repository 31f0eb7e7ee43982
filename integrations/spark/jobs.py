"""The Strata jobs on Apache Spark: each executor runs the `strata` binary on its partition.

- `embed_catalog`: item texts, partition by partition, through `strata embed --input … --output …`.
- `batch_users`: events grouped by user into `strata batch`'s JSON Lines, piped through `strata batch --model`
  on each executor with the exported model shipped as an archive (SparkContext.addArchive).

Both write Parquet through Spark's own commit protocol in overwrite mode: a task that fails or dies (say with
its worker) and is retried commits its output once, so nothing is written twice. The users `strata batch`
rejects are written per partition (atomically, under the partition's index, so a retry replaces its own
file) beside the results.
"""
import json
import os
import subprocess
import tarfile
import tempfile
import time

from pyspark import SparkFiles, TaskContext
from pyspark.sql import functions as F
from pyspark.sql.types import (ArrayType, DoubleType, FloatType, LongType, StringType, StructField, StructType)

EVENT_FIELDS = ["user_id", "item_id", "event", "timestamp", "value", "text"]

EMBEDDING_SCHEMA = StructType([
    StructField("item_id", StringType(), False),
    StructField("embedding", ArrayType(FloatType(), False), False),
])

BATCH_SCHEMA = StructType([
    StructField("user_id", StringType(), False),
    StructField("segment", LongType(), True),
    StructField("recommendations", ArrayType(StructType([
        StructField("item_id", StringType(), False),
        StructField("score", DoubleType(), False),
    ])), False),
    # The layers exactly as `strata profile --all-users --format jsonl` writes them, as JSON text.
    StructField("layers", StringType(), False),
])

# `strata batch`'s exit status when it rejected some lines and wrote the rest.
BATCH_REJECTED = 3


def read_events(spark, path):
    """Events from CSV (with a header) or Parquet files with the columns of `strata import events`, every
    field read as text as the importer reads it."""
    if path.endswith(".parquet") or os.path.isdir(path) and any(p.endswith(".parquet") for p in os.listdir(path)):
        frame = spark.read.parquet(path)
    else:
        frame = spark.read.csv(path, header=True, schema=StructType(
            [StructField(name, StringType(), True) for name in EVENT_FIELDS]))
    for name in EVENT_FIELDS:
        if name not in frame.columns:
            frame = frame.withColumn(name, F.lit(None).cast(StringType()))
    return frame.select(*[F.col(name).cast(StringType()) for name in EVENT_FIELDS])


def batch_lines(events, partitions):
    """One JSON line a user, `{"user_id", "events": [{"item_id", "event", "timestamp", "value"?, "text"?}]}`,
    hash-partitioned by user id into `partitions` partitions (the same users in the same partition on a retry)."""
    grouped = events.groupBy("user_id").agg(
        F.collect_list(F.struct("item_id", "event", "timestamp", "value", "text")).alias("events"))
    return grouped.repartition(partitions, "user_id").select(F.to_json(F.struct("user_id", "events")).alias("line"))


def _hold(hold):
    """Test hook: say this task started (with its process id) and wait for the driver's release file."""
    if not hold:
        return
    context = TaskContext.get()
    marker = os.path.join(hold, f"started-{context.partitionId()}-{context.attemptNumber()}-{os.getpid()}")
    open(marker, "w").close()
    deadline = time.monotonic() + 300
    while not os.path.exists(os.path.join(hold, "release")) and time.monotonic() < deadline:
        time.sleep(0.2)


def _run(command, stdin_path, stdout_path, ok=(0,)):
    """Runs `command` with files for its input and output; raises (so Spark retries the task) on another exit."""
    with open(stdin_path, "rb") as stdin, open(stdout_path, "wb") as stdout:
        done = subprocess.run(command, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(command)} exited with {done.returncode}: {done.stderr.decode()[-2000:]}")
    return done.stderr.decode()


def _write_atomically(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.partial-{os.getpid()}"
    with open(partial, "w") as f:
        f.write(text)
    os.replace(partial, path)


def _batch_partition(strata, model, k, rejects, hold):
    def run(index, lines):
        _hold(hold)
        with tempfile.TemporaryDirectory(prefix="strata-batch-") as folder:
            given, taken = os.path.join(folder, "in.jsonl"), os.path.join(folder, "out.jsonl")
            with open(given, "w") as f:
                for line in lines:
                    f.write(line + "\n")
            errors = _run([strata, "batch", "--model", SparkFiles.get(model), "-k", str(k)], given, taken,
                          ok=(0, BATCH_REJECTED))
            rejected = [line for line in errors.splitlines() if line.endswith("user rejected")]
            _write_atomically(os.path.join(rejects, f"part-{index:05d}.txt"), "".join(r + "\n" for r in rejected))
            with open(taken) as f:
                for line in f:
                    user = json.loads(line)
                    yield (user["user_id"], user["segment"],
                           [(r["item_id"], float(r["score"])) for r in user["recommendations"]],
                           json.dumps(user["layers"], sort_keys=True))
    return run


def ship_model(spark, model_dir, scratch=os.path.join(tempfile.gettempdir(), "strata-spark-models")):
    """Ships the exported model to every executor as an archive (Spark ships files and archives, not folders),
    named by the model's fingerprint (kept in `scratch`, so shipping it again adds the same file); returns the
    name `SparkFiles.get` unpacks it under."""
    with open(os.path.join(model_dir, "manifest.json")) as f:
        name = f"strata-model-{json.load(f)['fingerprint']}.tar.gz"
    os.makedirs(scratch, exist_ok=True)
    path = os.path.join(scratch, name)
    if not os.path.exists(path):
        with tarfile.open(path + ".partial", "w:gz") as tar:
            tar.add(model_dir, arcname=".")
        os.replace(path + ".partial", path)
    spark.sparkContext.addArchive(path)
    return name


def batch_users(spark, events, model_dir, output, strata, k=10, partitions=4, hold=None):
    """Layers, segments and top-`k` lists for every user of `events` (a DataFrame from `read_events`) from the
    exported model in `model_dir`, written to `output`/results (Parquet, overwritten) and the rejected lines
    to `output`/rejects; returns the rejects' messages."""
    archive = ship_model(spark, model_dir)
    rejects = os.path.join(output, "rejects")
    if os.path.isdir(rejects):
        for name in os.listdir(rejects):
            os.remove(os.path.join(rejects, name))
    lines = batch_lines(events, partitions).rdd.map(lambda row: row.line)
    results = lines.mapPartitionsWithIndex(
        _batch_partition(strata, archive, k, rejects, hold))
    spark.createDataFrame(results, BATCH_SCHEMA).write.mode("overwrite").parquet(os.path.join(output, "results"))
    messages = []
    for name in sorted(os.listdir(rejects)) if os.path.isdir(rejects) else []:
        with open(os.path.join(rejects, name)) as f:
            messages += [line.rstrip("\n") for line in f if line.strip()]
    return messages


def _embed_partition(strata):
    def run(index, rows):
        with tempfile.TemporaryDirectory(prefix="strata-embed-") as folder:
            given, taken = os.path.join(folder, "texts.jsonl"), os.path.join(folder, "vectors.jsonl")
            count = 0
            with open(given, "w") as f:
                for item_id, text in rows:
                    f.write(json.dumps({"id": item_id, "text": text}) + "\n")
                    count += 1
            if count == 0:
                return
            _run([strata, "embed", "--input", given, "--output", taken, "--workers", "1"], os.devnull, os.devnull)
            with open(taken) as f:
                for line in f:
                    record = json.loads(line)
                    yield (str(record["id"]), [float(x) for x in record["embedding"]])
    return run


def embed_catalog(spark, texts, output, strata, partitions=4):
    """Vectors of `texts` (a DataFrame of `item_id`, `text`), `partitions` partitions encoded in parallel by
    `strata embed`, written to `output` (Parquet, overwritten)."""
    rows = texts.repartition(partitions, "item_id").rdd.map(lambda row: (row.item_id, row.text))
    vectors = rows.mapPartitionsWithIndex(_embed_partition(strata))
    spark.createDataFrame(vectors, EMBEDDING_SCHEMA).write.mode("overwrite").parquet(output)
