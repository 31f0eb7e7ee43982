"""Helpers of benchmarks/nmi/run, plain Python (no numpy):

  nmi.py texts ITEMS.csv FOLDER            writes FOLDER/with-categories.jsonl (the text Strata embeds for an
                                           item: "title. description. Categories: leaf"), FOLDER/plain.jsonl
                                           (title and description only) and FOLDER/categories.txt (one leaf
                                           category per item, in order)
  nmi.py movies MOVIES.csv FOLDER          the same for ml-latest-small: "title" alone (plain), "title. Genres:
                                           …" (with-categories), and each movie's first genre as its category
  nmi.py npy VECTORS.jsonl OUT.npy         the vectors of `strata embed --output` as a float32 .npy matrix
  nmi.py score CATEGORIES.txt LABELS...    the NMI of the labellings against the categories, "mean ± sd"
                                           (arithmetic normalisation, as scikit-learn's default)
"""
import csv
import json
import math
import struct
import sys
from collections import Counter


def write_texts(folder, plain, full, categories):
    for name, texts in (("plain", plain), ("with-categories", full)):
        with open(f"{folder}/{name}.jsonl", "w", encoding="utf-8") as out:
            for i, text in enumerate(texts):
                out.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
    with open(f"{folder}/categories.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(categories) + "\n")


def texts(items_csv, folder):
    plain, full, categories = [], [], []
    with open(items_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            leaf = row["categories"].split("|")[0].split(">")[-1]
            plain.append(f"{row['title']}. {row['description']}")
            full.append(f"{row['title']}. {row['description']}. Categories: {leaf}")
            categories.append(row["categories"].split("|")[0])
    write_texts(folder, plain, full, categories)


def movies(movies_csv, folder):
    plain, full, categories = [], [], []
    with open(movies_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            genres = row["genres"].split("|")
            if genres[0] == "(no genres listed)":
                continue
            plain.append(row["title"])
            full.append(f"{row['title']}. Genres: {', '.join(genres)}")
            categories.append(genres[0])
    write_texts(folder, plain, full, categories)


def npy(vectors_jsonl, out_path):
    rows = [json.loads(line)["embedding"] for line in open(vectors_jsonl, encoding="utf-8") if line.strip()]
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (len(rows), len(rows[0]))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(out_path, "wb") as out:
        out.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        for row in rows:
            out.write(struct.pack(f"<{len(row)}f", *row))


def nmi(a, b):
    n = len(a)
    joint = Counter(zip(a, b))
    ca, cb = Counter(a), Counter(b)
    mutual = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in joint.items())
    entropy = lambda counts: -sum(c / n * math.log(c / n) for c in counts.values())
    ha, hb = entropy(ca), entropy(cb)
    return 1.0 if ha + hb == 0 else 2 * mutual / (ha + hb)


def score(categories_txt, labelling_paths):
    truth = [line.strip() for line in open(categories_txt, encoding="utf-8") if line.strip()]
    values = []
    for path in labelling_paths:
        labels = [int(line) for line in open(path) if line.strip()]
        assert len(labels) == len(truth), f"{path}: {len(labels)} labels for {len(truth)} items"
        values.append(nmi(truth, labels))
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / max(1, len(values) - 1))
    print(f"{mean:.3f} ± {sd:.3f}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"texts": lambda: texts(*args), "movies": lambda: movies(*args), "npy": lambda: npy(*args),
     "score": lambda: score(args[0], args[1:])}[command]()
