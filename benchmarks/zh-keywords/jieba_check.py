"""Chinese keywords against jieba's word segmentation (PyPI jieba, in the benchmark virtualenv only):

  jieba_check.py ITEMS.csv KEYWORDS.tsv

KEYWORDS.tsv is what main.swift writes ("method<TAB>category<TAB>keyword"). For each method (character
bigrams, learned words), the share of its Chinese keywords that are
  - a dictionary word: jieba's dictionary alone (HMM off; with it on, jieba joins almost any unknown pair of
    characters) cuts the keyword into exactly one word (a phrase of whole words, 锁住蒸汽, fails);
  - on the boundaries: in the texts of the keyword's category (title and description, as main.swift reads
    them) jieba, cutting the whole text (HMM on, its default), has a word boundary at the keyword's start and
    at its end in at least half of its occurrences (words and phrases of whole words pass; 欢电 from 喜欢电影
    fails, and so does 电影 when jieba keeps 科幻电影 whole);
  - not crossing: in at least half of its occurrences no jieba word overlaps the keyword only in part (a
    keyword inside a longer jieba word, 电影 in 科幻电影, passes; 欢电 fails: 喜欢 starts before it and ends
    inside it).
Prints one line per method and the keywords that cross jieba's words.
"""
import csv
import sys
from collections import defaultdict

import jieba


def word_spans(text):
    """The (start, end) character offsets of jieba's words in text."""
    spans, position = [], 0
    for word in jieba.lcut(text):
        spans.append((position, position + len(word)))
        position += len(word)
    return spans


def shares(keyword, texts):
    """The shares of the keyword's occurrences in texts that start and end on jieba's word boundaries, and
    that no jieba word overlaps in part."""
    hits = aligned = uncrossed = 0
    for text, spans in texts:
        cuts = {edge for span in spans for edge in span}
        start = text.find(keyword)
        while start >= 0:
            end = start + len(keyword)
            hits += 1
            aligned += start in cuts and end in cuts
            uncrossed += not any(a < start < b < end or start < a < end < b for a, b in spans)
            start = text.find(keyword, start + 1)
    return (aligned / hits, uncrossed / hits) if hits else (0.0, 0.0)


def main(items_csv, keywords_tsv):
    jieba.setLogLevel(60)
    texts = defaultdict(list)
    with open(items_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = f"{row['title']} {row['description']}"
            texts[row["categories"]].append((text, word_spans(text)))
    keywords = defaultdict(list)
    for line in open(keywords_tsv, encoding="utf-8"):
        method, category, keyword = line.rstrip("\n").split("\t")
        keywords[method].append((category, keyword))
    for method, pairs in keywords.items():
        n = len(pairs)
        words = sum(jieba.lcut(keyword, HMM=False) == [keyword] for _, keyword in pairs)
        measured = [(keyword, shares(keyword, texts[category])) for category, keyword in pairs]
        aligned = sum(a >= 0.5 for _, (a, _) in measured)
        crossing = [keyword for keyword, (_, u) in measured if u < 0.5]
        percent = lambda count: f"{count} ({100 * count / n:.1f}%)"
        print(f"{method}: {n} Chinese keywords; a dictionary word {percent(words)}, on the boundaries "
              f"{percent(aligned)}, not crossing {percent(n - len(crossing))}")
        print("  crossing jieba's words: " + " ".join(crossing))


if __name__ == "__main__":
    main(*sys.argv[1:])
