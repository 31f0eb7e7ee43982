"""`python named.py TOPICS.json`: how many topics the LLM named, and a few of its names with the keyword
labels they replaced."""
import json
import sys

topics = json.load(open(sys.argv[1]))["topics"]
named = [t for t in topics if "keyword_label" in t]
print(f"{len(named)} of {len(topics)} topics named by the LLM")
if named:
    print("  e.g. " + " · ".join(f"{t['label']} [{t['keyword_label']}]" for t in named[:6]))
