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
# # 03 — Crime types over the sessions
#
# How did the crime types of the resolution *Strengthening the United Nations crime prevention
# and criminal justice programme, in particular its technical cooperation capacity* change from
# A/RES/71/209 (2016, French text) to A/RES/78/229 (2023, English text)?  We add the related
# crime-prevention resolutions of sessions 78–80 (Crime Congress follow-up 78/223, 79/186, 80/225;
# trafficking in persons 78/228, 79/154, 80/9; cybercrime 79/243) to see the wider trend.

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt

from kg import analyse as an
from kg import query as q
from kg.api import build
from kg.store import GraphStore

CORPUS = Path(os.environ.get("KG_CORPUS", "../../shared/corpus")).resolve()
NAMES = ["78_223", "78_228", "78_229", "79_154", "79_186", "79_243", "80_9", "80_225"]
DOCS = [CORPUS / "fr/ga/A_RES_71_209.txt"] + [CORPUS / f"en/ga/A_RES_{n}.txt" for n in NAMES]
DOCS = [p for p in DOCS if p.exists()]
store = GraphStore(Path(tempfile.mkdtemp(prefix="kg-nb03-")) / "store")
print(build([str(p) for p in DOCS], store))


def ask(name, **params):
    header, data = q.rows(q.run(store, q.library()[name], {k: str(v) for k, v in params.items()}))
    return [dict(zip(header, r)) for r in data]


# %% [markdown]
# ## The series: 71/209 → 78/229

# %%
series = an.series_lineage(store, r"crime prevention and criminal justice programme|programme des Nations Unies pour la prévention du crime")
[(d["symbol"], d["adopted"]) for _, d in sorted(series.nodes(data=True), key=lambda x: x[1]["position"])]

# %%
diff = ask("series-diff", old="A/RES/71/209", new="A/RES/78/229")
for change in ("added", "dropped"):
    for kind in ("crime_type", "instrument"):
        labels = sorted(r["label"] for r in diff if r["change"] == change and r["kind"] == kind)
        print(f"{change} {kind}s ({len(labels)}):", "; ".join(labels) or "—")

# %%
old = {r["label"]: int(r["mentions"]) for r in ask("crime-types-per-resolution", document="A/RES/71/209")}
new = {r["label"]: int(r["mentions"]) for r in ask("crime-types-per-resolution", document="A/RES/78/229")}
labels = sorted(set(old) | set(new), key=lambda k: -(old.get(k, 0) + new.get(k, 0)))[:25]
fig, ax = plt.subplots(figsize=(9, 8))
y = range(len(labels))
ax.barh([i + 0.2 for i in y], [old.get(k, 0) for k in labels], height=0.4, label="A/RES/71/209 (2016)")
ax.barh([i - 0.2 for i in y], [new.get(k, 0) for k in labels], height=0.4, label="A/RES/78/229 (2023)")
ax.set_yticks(list(y), labels)
ax.invert_yaxis()
ax.set_xlabel("mentions")
ax.set_title("Crime types named by the programme resolution, 2016 vs 2023")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Across all the crime-prevention resolutions, by year of adoption

# %%
per_year = ask("crime-types-per-year")
years = sorted({int(r["year"]) for r in per_year})
totals = {}
for r in per_year:
    totals[r["label"]] = totals.get(r["label"], 0) + int(r["documents"])
top = sorted(totals, key=lambda k: -totals[k])[:8]
share = {k: [0] * len(years) for k in top}
for r in per_year:
    if r["label"] in share:
        share[r["label"]][years.index(int(r["year"]))] = int(r["documents"])
fig, ax = plt.subplots(figsize=(9, 5))
for k in top:
    ax.plot(years, share[k], marker="o", label=k)
ax.set_xticks(years)
ax.set_ylabel("documents naming it")
ax.set_title("Crime types named per year (crime-prevention resolutions in the sample)")
ax.legend(fontsize=7)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## ICCS codes of the crime types named by 78/229

# %%
sorted({(r["code"], r["label"]) for r in ask("iccs-codes", document="A/RES/78/229") if r["code"]})
