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
# # 01 — Explore the graph
#
# Build a small store from two resolutions of the same series — the French reference text of
# A/RES/71/209 (2016) and the English A/RES/78/229 (2023) — then look at what the graph holds with
# the named queries of `queries/`.  The corpus is found through `$KG_CORPUS` (default
# `../../shared/corpus`, relative to this notebook); the store goes to a temporary directory.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt

from kg import query as q
from kg.api import build
from kg.stats import stats
from kg.store import GraphStore

CORPUS = Path(os.environ.get("KG_CORPUS", "../../shared/corpus")).resolve()
DOCS = [CORPUS / "fr/ga/A_RES_71_209.txt", CORPUS / "en/ga/A_RES_78_229.txt"]
store = GraphStore(Path(tempfile.mkdtemp(prefix="kg-nb01-")) / "store")
report = build([str(p) for p in DOCS], store)
print(report)


# %%
def ask(name, **params):
    """Run a named query and return its rows as dicts."""
    header, data = q.rows(q.run(store, q.library()[name], {k: str(v) for k, v in params.items()}))
    return [dict(zip(header, r)) for r in data]


for key, value in stats(store).items():
    print(f"{key:24} {value}")

# %% [markdown]
# ## The named queries

# %%
for name, nq in q.library().items():
    if not name.startswith("qc/"):
        print(f"{name:28} {nq.title}")

# %% [markdown]
# ## Which resolutions reaffirm A/RES/71/209?

# %%
ask("reaffirming-resolutions", resolution="A/RES/71/209")

# %% [markdown]
# ## What did the General Assembly ask UNODC to do?

# %%
mandates = ask("mandates-to-body", body="UNODC")
for r in mandates[:10]:
    print(r["symbol"], r["paragraph"], r["action"], "|", r["crimeTypes"])

# %%
from collections import Counter

by_action = Counter((r["symbol"], r["action"]) for r in mandates)
actions = sorted({a for _, a in by_action})
fig, ax = plt.subplots(figsize=(9, 4))
for i, symbol in enumerate(["A/RES/71/209", "A/RES/78/229"]):
    ax.bar([x + i * 0.4 for x in range(len(actions))], [by_action[symbol, a] for a in actions], width=0.4, label=symbol)
ax.set_xticks([x + 0.2 for x in range(len(actions))], actions, rotation=45, ha="right")
ax.set_ylabel("mandates addressed to UNODC")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Conventions States are urged to ratify

# %%
ratify = ask("instruments-to-ratify")
sorted({(r["label"][:70], r["symbol"]) for r in ratify})

# %% [markdown]
# ## Provenance: the text behind a mention

# %%
for r in ask("mention-provenance", entity="UNCAC", document="A/RES/71/209")[:3]:
    print(r["paragraph"], r["start"], r["end"], repr(r["anchor"]))
    print("   ", r["unitText"][:160], "…")

# %% [markdown]
# ## Quality checks: each must return no rows

# %%
for name, nq in q.library().items():
    if name.startswith("qc/"):
        print(f"{name:45} {len(q.rows(q.run(store, nq))[1])} row(s)")
