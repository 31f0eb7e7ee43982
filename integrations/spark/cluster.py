"""A standalone Apache Spark cluster on loopback (one master, N workers), started from the pyspark package's
jars with `spark-class`, for the Strata jobs' demo and test. Every process is stopped on exit, even on failure.

    with LocalCluster(workers=2) as cluster:
        spark = cluster.session("strata")
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pyspark


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on now (the kernel's choice)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid):
    """Every process below `pid` (children first found through /proc's parent ids)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def kill_tree(pid):
    """SIGKILLs `pid` and everything it started (a worker, its executor JVM, Python workers, strata)."""
    for p in [pid] + descendants(pid):
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass


class LocalCluster:
    """A master and `workers` workers (1 core and `worker_memory` each) bound to 127.0.0.1 on free ports,
    logging into a temporary folder. `start_timeout` bounds the wait for the workers to register."""

    def __init__(self, workers=2, worker_memory="1g", start_timeout=120):
        self.worker_count = workers
        self.worker_memory = worker_memory
        self.start_timeout = start_timeout
        self.home = os.path.dirname(pyspark.__file__)
        self.folder = tempfile.mkdtemp(prefix="strata-spark-")
        self.master_port, self.master_ui = free_port(), free_port()
        self.url = f"spark://127.0.0.1:{self.master_port}"
        self.master = None
        self.workers = []
        self.sessions = []

    def env(self):
        env = dict(os.environ)
        env.update(
            SPARK_HOME=self.home,
            SPARK_LOCAL_IP="127.0.0.1",
            SPARK_LOG_DIR=os.path.join(self.folder, "logs"),
            PYSPARK_PYTHON=env.get("PYSPARK_PYTHON", sys.executable),
            SPARK_NO_DAEMONIZE="1",
        )
        return env

    def spawn(self, name, *args):
        log = open(os.path.join(self.folder, f"{name}.log"), "w")
        return subprocess.Popen(
            [os.path.join(self.home, "bin", "spark-class"), *args],
            env=self.env(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)

    def __enter__(self):
        try:
            self.master = self.spawn(
                "master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", str(self.master_port), "--webui-port", str(self.master_ui))
            for n in range(self.worker_count):
                self.start_worker(n)
            self.wait_for_workers(self.worker_count)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start_worker(self, n):
        work = os.path.join(self.folder, f"worker-{n}")
        os.makedirs(work, exist_ok=True)
        self.workers.append(self.spawn(
            f"worker-{n}", "org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--webui-port", str(free_port()), "--cores", "1",
            "--memory", self.worker_memory, "--work-dir", work, self.url))

    def state(self):
        """The master's JSON status, or None while it does not answer."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.master_ui}/json/", timeout=5) as r:
                return json.load(r)
        except OSError:
            return None

    def alive_workers(self):
        state = self.state() or {}
        return [w for w in state.get("workers", []) if w.get("state") == "ALIVE"]

    def wait_for_workers(self, count):
        deadline = time.monotonic() + self.start_timeout
        while len(self.alive_workers()) < count:
            for p in [self.master] + self.workers:
                if p.poll() is not None:
                    raise RuntimeError(f"a Spark process exited early; see the logs in {self.folder}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{count} workers did not register within {self.start_timeout} s ({self.folder})")
            time.sleep(0.5)

    def session(self, name, **conf):
        """A SparkSession on this cluster, one executor of 1 core per worker, small memory."""
        from pyspark.sql import SparkSession

        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # the driver's JVM binds to loopback too
        builder = (
            SparkSession.builder.master(self.url).appName(name)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.executor.cores", "1")
            .config("spark.executor.memory", "512m")
            .config("spark.driver.memory", "512m")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.local.dir", os.path.join(self.folder, "local"))
            .config("spark.executorEnv.PYSPARK_PYTHON", self.env()["PYSPARK_PYTHON"]))
        for key, value in conf.items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        self.sessions.append(spark)
        return spark

    def kill_worker(self, n):
        """Kills worker `n` and everything it started, as a machine that dies would."""
        kill_tree(self.workers[n].pid)
        self.workers[n].wait()

    def worker_of(self, pid):
        """The index of the worker whose process tree holds `pid`, or None."""
        for n, worker in enumerate(self.workers):
            if worker.poll() is None and pid in descendants(worker.pid):
                return n
        return None

    def stop(self):
        for spark in self.sessions:
            try:
                spark.stop()
            except Exception:
                pass
        self.sessions = []
        for p in self.workers + ([self.master] if self.master else []):
            if p.poll() is None:
                kill_tree(p.pid)
                p.wait()
        if os.environ.get("STRATA_SPARK_KEEP_LOGS") is None:
            shutil.rmtree(self.folder, ignore_errors=True)
