"""Network analyses of the graph with networkx: citations, resolution series, co-mentions, mandates.

Every graph is built from the store through SPARQL (never by walking rdflib graphs), so the same
functions work on any store ``kg build`` wrote.  Outputs are plain files: CSV tables, PNG plots
(matplotlib, Agg backend), GraphML and GEXF for Gephi or Cytoscape.

>>> from kg.store import GraphStore
>>> g = citation_graph(GraphStore())          # an empty store gives an empty graph
>>> g.number_of_nodes(), g.is_directed()
(0, True)
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import iri
from .store import GraphStore

WHAT = ("citations", "series", "comention", "mandates")
SEED = 42

_CITES = "|".join(
    f"unkg:{p}"
    for p in (
        "cites", "reaffirms", "recalls", "welcomes", "takesNoteOf", "notes", "endorses", "adopts",
        "acknowledges", "bearsInMind", "isGuidedBy",
    )
)  # fmt: skip

_LABEL = """OPTIONAL {{ {v} skos:prefLabel ?{n}En FILTER(LANGMATCHES(LANG(?{n}En), "en")) }}
  OPTIONAL {{ {v} skos:prefLabel ?{n}Any }}
  OPTIONAL {{ {v} skos:notation ?{n}Code }}
  BIND(COALESCE(STR(?{n}En), STR(?{n}Any), STR(?{n}Code), REPLACE(STR({v}), "^.*[/#]", "")) AS ?{n})"""


def _label(var: str, name: str) -> str:
    return _LABEL.format(v=var, n=name)


def _val(term) -> str | None:
    return None if term is None else term.value


def _select(store: GraphStore, sparql: str) -> list[dict[str, str | None]]:
    res = store.query(sparql)
    names = [v.value for v in res.variables]
    return [{n: _val(sol[n]) for n in names} for sol in res]


# -- graphs ------------------------------------------------------------------------------------


def citation_graph(store: GraphStore) -> nx.DiGraph:
    """Documents and the documents they cite: an edge citing → cited per pair, with ``types``
    (the citation keys used, space-separated), ``weight`` (number of citations) and node
    attributes ``symbol``, ``adopted`` (ISO date or ""), ``ingested`` (bool)."""
    g = nx.DiGraph()
    rows = _select(
        store,
        """SELECT ?citing ?cited ?type (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?c a unkg:Citation ; cito:hasCitingEntity ?citing ; cito:hasCitedEntity ?cited ;
             cito:hasCitationCharacterization ?p .
          ?p unkg:citationKey ?type .
        } GROUP BY ?citing ?cited ?type""",
    )
    for r in rows:
        a, b = r["citing"], r["cited"]
        if g.has_edge(a, b):
            e = g.edges[a, b]
            e["weight"] += int(r["n"])
            e["types"] = " ".join(sorted(set(e["types"].split()) | {r["type"]}))
        else:
            g.add_edge(a, b, weight=int(r["n"]), types=r["type"])
    meta = _select(
        store,
        """SELECT ?d (SAMPLE(?s) AS ?symbol) (MIN(?a) AS ?adopted) (MAX(?i) AS ?ingested) WHERE {
          ?d unkg:symbol ?s .
          OPTIONAL { ?d unkg:adoptedOn ?a }
          OPTIONAL { ?d unkg:ingested ?i }
        } GROUP BY ?d""",
    )
    for r in meta:
        if r["d"] in g:
            g.nodes[r["d"]].update(symbol=r["symbol"], adopted=r["adopted"] or "", ingested=r["ingested"] == "true")
    for n, data in g.nodes(data=True):
        data.setdefault("symbol", iri.symbol_from_iri(n) or n)
        data.setdefault("adopted", "")
        data.setdefault("ingested", False)
        data["label"] = data["symbol"]
    return g


def centrality(g: nx.DiGraph) -> list[dict]:
    """PageRank, in-degree (distinct citing documents), weighted in-degree and HITS hub and
    authority scores of every node, most central first."""
    if g.number_of_nodes() == 0:
        return []
    pr = nx.pagerank(g, weight="weight")
    try:
        hubs, auth = nx.hits(g, max_iter=1000, normalized=True)
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny pathological graphs
        hubs = auth = dict.fromkeys(g, 0.0)
    rows = [
        {
            "node": n,
            "label": g.nodes[n].get("label", n),
            "pagerank": round(pr[n], 6),
            "in_degree": g.in_degree(n),
            "weighted_in_degree": g.in_degree(n, weight="weight"),
            "out_degree": g.out_degree(n),
            "hub": abs(round(hubs[n], 6)),
            "authority": abs(round(auth[n], 6)),
        }
        for n in g
    ]
    return sorted(rows, key=lambda r: (-r["pagerank"], -r["in_degree"], r["label"]))


IGRAPH_THRESHOLD = 2_000  # nodes: below this networkx is fast enough and needs nothing more


def betweenness(g: nx.Graph, *, k: int | None = None, seed: int = SEED, backend: str = "auto") -> dict:
    """Betweenness centrality, dispatched to igraph on large graphs when it is installed.

    networkx stays the graph users get; only the computation moves.  ``k`` samples that many
    source nodes (networkx) — igraph computes the exact value, which is still faster.
    ``backend`` is ``auto``, ``networkx`` or ``igraph``.
    """
    use_igraph = backend == "igraph" or (backend == "auto" and g.number_of_nodes() >= IGRAPH_THRESHOLD)
    if use_igraph:
        try:
            import igraph
        except ImportError:
            if backend == "igraph":
                raise
            use_igraph = False
    if not use_igraph:
        return nx.betweenness_centrality(g, k=min(k, len(g)) if k else None, seed=seed, normalized=True)
    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in g.edges()], directed=g.is_directed())
    raw = ig.betweenness(directed=g.is_directed())
    n = len(nodes)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if not g.is_directed():
        scale *= 2
    return {node: value * scale for node, value in zip(nodes, raw)}


_SYMBOL_ORDER = re.compile(r"(\d+)")


def symbol_key(symbol: str) -> tuple:
    """Sort key ordering UN symbols naturally: A/RES/71/209 before A/RES/78/229 before A/RES/78/1000."""
    return tuple(int(p) if p.isdigit() else p for p in _SYMBOL_ORDER.split(symbol or ""))


def series_lineage(store: GraphStore, title_pattern: str, *, symbols: Iterable[str] = ()) -> nx.DiGraph:
    """The documents of one resolution series, in order.

    Members are the documents whose title (``dcterms:title`` in any language, or the text of
    their title unit) matches the regular expression ``title_pattern`` (case-insensitive), plus
    the documents named in ``symbols`` — useful when a series has French and English titles.
    Consecutive members (by adoption date, then symbol) are joined by ``next`` edges; a member
    citing an earlier member also gets an edge with the citation types."""
    rows = _select(
        store,
        """SELECT ?d (SAMPLE(?s) AS ?symbol) (MIN(?a) AS ?adopted) (SAMPLE(?t) AS ?title) WHERE {
          ?d unkg:symbol ?s .
          { ?d dcterms:title ?t } UNION { ?d unkg:hasUnit ?u . ?u a unkg:Title ; unkg:text ?t }
          OPTIONAL { ?d unkg:adoptedOn ?a }
        } GROUP BY ?d""",
    )
    wanted = {iri.doc_iri(s) for s in symbols}
    pat = re.compile(title_pattern, re.I)
    members = {r["d"]: r for r in rows if r["d"] in wanted or pat.search(r["title"] or "")}
    for d in wanted - set(members):
        members[d] = {"d": d, "symbol": iri.symbol_from_iri(d), "adopted": None, "title": None}
    g = nx.DiGraph()
    order = sorted(members.values(), key=lambda r: (r["adopted"] or "9999", symbol_key(r["symbol"])))
    for i, r in enumerate(order):
        g.add_node(r["d"], symbol=r["symbol"], label=r["symbol"], adopted=r["adopted"] or "", title=r["title"] or "", position=i)
    for a, b in zip(order, order[1:]):
        g.add_edge(b["d"], a["d"], relation="next", types="")
    cites = citation_graph(store)
    for a, b, data in cites.edges(data=True):
        if a in g and b in g:
            if g.has_edge(a, b):
                g.edges[a, b]["types"] = data["types"]
            else:
                g.add_edge(a, b, relation="cites", types=data["types"])
    return g


def comention_graph(store: GraphStore) -> nx.Graph:
    """Crime types and instruments named in the same paragraph: an undirected weighted graph
    (``weight`` = number of paragraphs), nodes with ``kind`` (crime_type | instrument) and ``label``."""
    rows = _select(
        store,
        f"""SELECT ?a ?b ?ka ?kb ?la ?lb (COUNT(DISTINCT ?u) AS ?n) WHERE {{
          ?u unkg:mentions ?a , ?b .
          {{ ?a a unkg:CrimeType . BIND("crime_type" AS ?ka) }}
          UNION {{ ?a a ?ca . ?ca rdfs:subClassOf* unkg:Instrument . BIND("instrument" AS ?ka) }}
          {{ ?b a unkg:CrimeType . BIND("crime_type" AS ?kb) }}
          UNION {{ ?b a ?cb . ?cb rdfs:subClassOf* unkg:Instrument . BIND("instrument" AS ?kb) }}
          FILTER(STR(?a) < STR(?b))
          {_label("?a", "la")}
          {_label("?b", "lb")}
        }} GROUP BY ?a ?b ?ka ?kb ?la ?lb""",
    )
    g = nx.Graph()
    for r in rows:
        g.add_node(r["a"], kind=r["ka"], label=r["la"])
        g.add_node(r["b"], kind=r["kb"], label=r["lb"])
        g.add_edge(r["a"], r["b"], weight=int(r["n"]))
    return g


def mandate_graph(store: GraphStore) -> nx.DiGraph:
    """Who is asked to act by whom: issuing body → addressee, ``weight`` = number of mandates,
    ``actions`` = the actions with their counts (``requests:12 urges:3``)."""
    rows = _select(
        store,
        f"""SELECT ?issuer ?addressee ?act ?li ?la (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?m a unkg:Mandate ; unkg:addressee ?addressee ; unkg:action ?a .
          OPTIONAL {{ ?m unkg:issuedBy ?i }}
          BIND(COALESCE(?i, <{iri.entity_iri("body", "unknown")}>) AS ?issuer)
          BIND(REPLACE(STR(?a), "^.*/", "") AS ?act)
          {_label("?issuer", "li")}
          {_label("?addressee", "la")}
        }} GROUP BY ?issuer ?addressee ?act ?li ?la""",
    )
    g = nx.DiGraph()
    actions: dict[tuple, Counter] = defaultdict(Counter)
    for r in rows:
        g.add_node(r["issuer"], label=r["li"])
        g.add_node(r["addressee"], label=r["la"])
        actions[r["issuer"], r["addressee"]][r["act"]] += int(r["n"])
    for (a, b), c in actions.items():
        g.add_edge(a, b, weight=sum(c.values()), actions=" ".join(f"{k}:{v}" for k, v in c.most_common()))
    return g


def communities(g: nx.Graph, *, seed: int = SEED, weight: str = "weight") -> list[set]:
    """Louvain communities (networkx) of ``g`` taken as undirected, largest first; ``seed``
    fixes the result."""
    if g.number_of_nodes() == 0:
        return []
    und = g.to_undirected() if g.is_directed() else g
    parts = nx.community.louvain_communities(und, weight=weight, seed=seed)
    return sorted(parts, key=lambda c: (-len(c), min(c)))


def community_of(parts: list[set]) -> dict:
    """Node → index of its community."""
    return {n: i for i, c in enumerate(parts) for n in c}


# -- outputs -----------------------------------------------------------------------------------


def write_csv(rows: list[dict], path: Path) -> Path:
    """Write dict rows as CSV (columns of the first row)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        if rows:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    return path


def _clean_for_export(g: nx.Graph) -> nx.Graph:
    """A copy whose attribute values are str/int/float/bool only (GraphML and GEXF need that)."""
    h = g.copy()
    for _, data in h.nodes(data=True):
        for k, v in list(data.items()):
            if v is None:
                del data[k]
            elif not isinstance(v, (str, int, float, bool)):
                data[k] = str(v)
    for *_, data in h.edges(data=True):
        for k, v in list(data.items()):
            if v is None:
                del data[k]
            elif not isinstance(v, (str, int, float, bool)):
                data[k] = str(v)
    return h


def write_graph(g: nx.Graph, out: Path, name: str) -> list[Path]:
    """``name.graphml`` and ``name.gexf`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    h = _clean_for_export(g)
    paths = [out / f"{name}.graphml", out / f"{name}.gexf"]
    nx.write_graphml(h, paths[0])
    nx.write_gexf(h, paths[1])
    return paths


def _figure(width: float, height: float):
    """A matplotlib Figure not tied to pyplot (so no backend is switched: safe in notebooks)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def plot_graph(g: nx.Graph, path: Path, *, title: str, color_by: dict | None = None, top: int = 60) -> Path:
    """A spring-layout drawing of the ``top`` heaviest nodes of ``g`` as a PNG (Agg canvas)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    strength = dict(g.degree(weight="weight"))
    keep = sorted(strength, key=lambda n: (-strength[n], str(n)))[:top]
    h = g.subgraph(keep)
    fig, ax = _figure(11, 8)
    if h.number_of_nodes():
        pos = nx.spring_layout(h, seed=SEED, weight="weight")
        colors = [(color_by or {}).get(n, 0) for n in h]
        sizes = [60 + 25 * strength[n] for n in h]
        edge_style = {"arrows": True, "arrowsize": 6} if h.is_directed() else {}
        nx.draw_networkx_edges(h, pos, ax=ax, alpha=0.25, **edge_style)
        nx.draw_networkx_nodes(h, pos, ax=ax, node_size=sizes, node_color=colors, cmap="tab20", alpha=0.85)
        labels = {n: str(h.nodes[n].get("label", n))[:40] for n in h}
        nx.draw_networkx_labels(h, pos, labels, ax=ax, font_size=6)
    ax.set_title(title)
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def plot_bars(rows: list[dict], key: str, value: str, path: Path, *, title: str, top: int = 25) -> Path:
    """A horizontal bar chart of ``value`` by ``key`` for the first ``top`` rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = rows[:top]
    fig, ax = _figure(9, 0.3 * len(rows) + 1.5)
    ax.barh([str(r[key])[:50] for r in rows][::-1], [float(r[value]) for r in rows][::-1])
    ax.set_title(title)
    ax.set_xlabel(value)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


# -- the whole analysis ----------------------------------------------------------------------------


@dataclass
class AnalysisReport:
    """What :func:`analyse` wrote, by analysis."""

    files: dict[str, list[Path]] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)


def _edge_rows(g: nx.Graph, *attrs: str) -> list[dict]:
    return [
        {"source": a, "source_label": g.nodes[a].get("label", a), "target": b, "target_label": g.nodes[b].get("label", b),
         **{k: d.get(k, "") for k in attrs}}
        for a, b, d in sorted(g.edges(data=True), key=lambda e: (-e[2].get("weight", 0), str(e[0]), str(e[1])))
    ]  # fmt: skip


def analyse(
    store: GraphStore,
    out: str | Path,
    what: Iterable[str] = WHAT,
    *,
    series_pattern: str = r"crime prevention and criminal justice programme|programme des Nations Unies pour la prévention du crime",
) -> AnalysisReport:
    """Run the analyses named in ``what`` and write their tables, plots and graph files to ``out``."""
    out = Path(out)
    rep = AnalysisReport()
    what = list(WHAT) if "all" in what else list(what)
    for w in what:
        if w not in WHAT:
            raise ValueError(f"unknown analysis {w!r} (choose from {', '.join(WHAT)}, all)")
    if "citations" in what:
        g = citation_graph(store)
        parts = communities(g)
        comm = community_of(parts)
        rows = [{**r, "community": comm.get(r["node"], -1)} for r in centrality(g)]
        rep.files["citations"] = [
            write_csv(rows, out / "citations-centrality.csv"),
            write_csv(_edge_rows(g, "types", "weight"), out / "citations-edges.csv"),
            *write_graph(g, out, "citations"),
            plot_graph(g, out / "citations.png", title="Citation network (top nodes, coloured by community)", color_by=comm),
            plot_bars(rows, "label", "pagerank", out / "citations-pagerank.png", title="PageRank of cited documents"),
        ]
        rep.summary["citations"] = f"{g.number_of_nodes()} documents, {g.number_of_edges()} citation links, {len(parts)} communities"
    if "series" in what:
        g = series_lineage(store, series_pattern)
        rows = [{"position": d["position"], "symbol": d["symbol"], "adopted": d["adopted"], "title": d["title"]} for _, d in sorted(g.nodes(data=True), key=lambda x: x[1]["position"])]
        rep.files["series"] = [write_csv(rows, out / "series.csv"), *write_graph(g, out, "series"), plot_graph(g, out / "series.png", title="Resolution series lineage")]
        rep.summary["series"] = f"{len(rows)} documents in the series matching {series_pattern!r}"
    if "comention" in what:
        g = comention_graph(store)
        parts = communities(g)
        comm = community_of(parts)
        nodes = [{"node": n, "label": d["label"], "kind": d["kind"], "strength": g.degree(n, weight="weight"), "community": comm.get(n, -1)} for n, d in g.nodes(data=True)]
        nodes.sort(key=lambda r: (-r["strength"], r["label"]))
        rep.files["comention"] = [
            write_csv(nodes, out / "comention-nodes.csv"),
            write_csv(_edge_rows(g, "weight"), out / "comention-edges.csv"),
            *write_graph(g, out, "comention"),
            plot_graph(g, out / "comention.png", title="Crime types and instruments named together", color_by=comm),
        ]
        rep.summary["comention"] = f"{g.number_of_nodes()} crime types and instruments, {g.number_of_edges()} pairs, {len(parts)} communities"
    if "mandates" in what:
        g = mandate_graph(store)
        rows = _edge_rows(g, "weight", "actions")
        rep.files["mandates"] = [
            write_csv(rows, out / "mandates-edges.csv"),
            *write_graph(g, out, "mandates"),
            plot_graph(g, out / "mandates.png", title="Mandates: issuing body → addressee"),
            plot_bars([{"addressee": r["target_label"], "mandates": r["weight"]} for r in rows], "addressee", "mandates", out / "mandates-addressees.png", title="Mandates by addressee"),
        ]
        rep.summary["mandates"] = f"{g.number_of_nodes()} bodies, {g.number_of_edges()} issuer→addressee links, {sum(d['weight'] for *_, d in g.edges(data=True))} mandates"
    return rep


__all__ = [
    "WHAT", "AnalysisReport", "analyse", "centrality", "citation_graph", "comention_graph", "communities",
    "community_of", "mandate_graph", "plot_bars", "plot_graph", "series_lineage", "symbol_key", "write_csv", "write_graph",
]  # fmt: skip
