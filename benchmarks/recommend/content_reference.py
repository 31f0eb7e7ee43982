"""Content-only baseline under DESIGN.md's protocol, in numpy with sentence-transformers, for two item texts:
Strata's `embeddingText` ("Toy Story. Categories: …", year kept as an attribute) and the reference harness's
"Toy Story (1995). Genres: …". Shows that Strata's Content row differs from the reference only by the text.
Run: `$(bash scripts/bench-venv) benchmarks/recommend/content_reference.py` from the repository root."""
import csv
from itertools import groupby

import numpy as np
from sentence_transformers import SentenceTransformer
import torch; torch.set_num_threads(2)
d='../shared/data/ml-latest-small'
M=list(csv.DictReader(open(f'{d}/movies.csv',encoding='utf-8')))
titles=[m['title'] for m in M]; genres=[m['genres'] for m in M]
idx={int(m['movieId']):i for i,m in enumerate(M)}
R=[(int(x['userId']),int(x['timestamp']),int(x['movieId'])) for x in csv.DictReader(open(f'{d}/ratings.csv'))]
import re
def ours(t,g):
    m=re.match(r'^(.*) \((\d{4})\)\s*$',t.strip()); title=m.group(1) if m else t
    gs=[x for x in g.split('|') if x!='(no genres listed)']
    return title+('. Categories: '+', '.join(gs) if gs else '')
def ref(t,g): return f"{t}. Genres: {', '.join(g.split('|'))}"
model=SentenceTransformer('models/all-MiniLM-L6-v2',device='cpu')
R.sort()
tr={};te={}
for u,g in groupby(R,key=lambda x:x[0]):
    items=[idx[m] for _,_,m in g]; n=len(items)
    k=max(1,round(0.2*n)) if n>=5 else 0
    tr[u]=items[:n-k]; te[u]=set(items[n-k:])
for name,f in [('ours',ours),('ref',ref)]:
    V=model.encode([f(t,g) for t,g in zip(titles,genres)],batch_size=64,normalize_embeddings=True)
    nd=[]
    for u in tr:
        if not te[u]: continue
        v=V[tr[u]].mean(0); v/=np.linalg.norm(v); s=V@v; s[tr[u]]=-np.inf
        top=np.argsort(-s,kind='stable')[:10]
        dcg=sum(1/np.log2(i+2) for i,x in enumerate(top) if x in te[u]); idcg=sum(1/np.log2(i+2) for i in range(min(10,len(te[u]))))
        nd.append(dcg/idcg)
    print(name, f(titles[0],genres[0]), 'NDCG@10 %.4f'%np.mean(nd), flush=True)
