"""For every ml-latest-small user: the share of their rated movies that carry a genre of their middle
layer's top topic (the genres at least half of that topic's movies have), against the same share for a
random topic. Also prints a few users for a hand check."""
import json, sqlite3, sys, collections, statistics
db = sqlite3.connect(sys.argv[1])
genres = {r[0]: set(r[1].split('|')) for r in db.execute("select id, categories from items")}
tm = json.loads(db.execute("select model from topic_models").fetchone()[0])
members = collections.defaultdict(list)
for it, t in tm['itemTopics'].items(): members[t].append(it)
def dominant(t):
    c = collections.Counter(g for it in members[t] for g in genres[it]); n = len(members[t])
    top = [g for g, v in c.most_common(2) if 2 * v >= n]
    return set(top or [c.most_common(1)[0][0]])
rated = collections.defaultdict(set)
for u, i in db.execute("select user_id, item_id from events where type='rating'"): rated[u].add(i)
shares = []
for u, js in db.execute("select user_id, interests from profiles"):
    top = json.loads(js)['middle'][0]['topic']; g = dominant(top)
    shares.append(sum(1 for i in rated[u] if genres[i] & g) / len(rated[u]))
base = []
# baseline: share for a random topic's genres
import random; random.seed(0); topics = list(members)
for u in rated:
    g = dominant(random.choice(topics)); base.append(sum(1 for i in rated[u] if genres[i] & g) / len(rated[u]))
for u in sys.argv[2:]:
    p = json.loads(db.execute("select interests from profiles where user_id=?", (u,)).fetchone()[0])
    c = collections.Counter(g for i in rated[u] for g in genres[i])
    print(f"user {u}: middle top '{p['middle'][0]['label']}'; their most rated genres {c.most_common(4)}")
print(f"users {len(shares)}: mean share {statistics.mean(shares):.3f}, median {statistics.median(shares):.3f}, min {min(shares):.3f}, p10 {sorted(shares)[len(shares)//10]:.3f}; random-topic baseline mean {statistics.mean(base):.3f}")
