# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 — The citation network
#
# Which earlier texts do the crime-prevention resolutions of sessions 78–80 build on?  We build
# the store from the French A/RES/71/209 and a dozen English crime-prevention resolutions, turn
# the citations into a networkx `DiGraph` (`kg.analyse.citation_graph`) and rank the cited
# documents by PageRank, in-degree and HITS authority, then find Louvain communities.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx

from kg import analyse as an
from kg.api import build
from kg.store import GraphStore

CORPUS = Path(os.environ.get("KG_CORPUS", "../../shared/corpus")).resolve()
NAMES = ["78_223", "78_225", "78_228", "78_229", "79_154", "79_186", "79_188", "79_243", "80_9", "80_225"]
DOCS = [CORPUS / "fr/ga/A_RES_71_209.txt"] + [CORPUS / f"en/ga/A_RES_{n}.txt" for n in NAMES]
DOCS = [p for p in DOCS if p.exists()]
store = GraphStore(Path(tempfile.mkdtemp(prefix="kg-nb02-")) / "store")
print(build([str(p) for p in DOCS], store))

# %%
g = an.citation_graph(store)
print(g.number_of_nodes(), "documents,", g.number_of_edges(), "citation links")
ranking = an.centrality(g)
for r in ranking[:15]:
    print(f"{r['label']:22} pagerank={r['pagerank']:.4f} in={r['in_degree']:2} authority={r['authority']:.3f}")

# %%
top = ranking[:20]
fig, ax = plt.subplots(figsize=(9, 6))
ax.barh([r["label"] for r in top][::-1], [r["in_degree"] for r in top][::-1])
ax.set_xlabel("number of citing documents in the corpus sample")
ax.set_title("Most-cited documents")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## How do the documents cite each other?  Edge types

# %%
from collections import Counter

types = Counter(t for *_, d in g.edges(data=True) for t in d["types"].split())
types.most_common()

# %% [markdown]
# ## Communities (Louvain, fixed seed) among the ingested documents and what they cite

# %%
parts = an.communities(g, seed=an.SEED)
comm = an.community_of(parts)
ingested = [n for n, d in g.nodes(data=True) if d["ingested"]]
for n in sorted(ingested, key=lambda n: an.symbol_key(g.nodes[n]["symbol"])):
    print(g.nodes[n]["symbol"], "→ community", comm[n], f"({len(parts[comm[n]])} documents)")

# %%
core = g.subgraph([n for n in g if g.in_degree(n) >= 2 or g.nodes[n]["ingested"]])
pos = nx.spring_layout(core, seed=an.SEED)
fig, ax = plt.subplots(figsize=(11, 8))
nx.draw_networkx_edges(core, pos, ax=ax, alpha=0.2, arrows=True, arrowsize=6)
nx.draw_networkx_nodes(core, pos, ax=ax, node_size=[40 + 30 * core.in_degree(n) for n in core],
                       node_color=[comm[n] for n in core], cmap="tab20")
nx.draw_networkx_labels(core, pos, {n: core.nodes[n]["symbol"] for n in core if core.nodes[n]["ingested"] or core.in_degree(n) >= 4}, ax=ax, font_size=7)
ax.set_title("Ingested resolutions and the documents cited at least twice")
ax.axis("off")
plt.show()

# %% [markdown]
# The same analysis from the command line: `kg analyse --what citations --out out/analysis`
# writes the table (CSV), the plot (PNG) and the graph (GraphML, GEXF).
