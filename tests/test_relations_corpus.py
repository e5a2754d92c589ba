"""On articles that describe a clear structure, relations and blocs show that structure."""

from __future__ import annotations

from detente.coder import Coder
from detente.dyads import graph, relations
from detente.dyads.blocs import find_blocs
from detente.ingest.pipeline import Ingest
from detente.store import Store

ARTICLES = {
    "2004-02-02": (
        "Serbia and Belarus signed a military cooperation agreement in Minsk on Monday. "
        "Serbian Defense Minister Petar Ilic praised Belarus for its support. "
        "Belarus promised to supply air defence systems to Serbia next year."
    ),
    "2004-03-15": (
        "Belarusian President Viktor Lobov visited Belgrade on Tuesday. "
        "Belgrade welcomed the Belarusian delegation and pledged closer trade ties with Minsk."
    ),
    "2004-04-20": (
        "Lithuania warned Belarus against deploying the new missiles near the border. "
        "Vilnius imposed sanctions on Serbian arms dealers on Friday. "
        "Lithuania also accused Serbia of helping Minsk evade the embargo."
    ),
    "2004-05-11": (
        "Lithuanian Foreign Minister Rasa Dauksiene condemned Belarus for the border incident. "
        "Belarus rejected the Lithuanian protest."
    ),
}


def test_cooperating_pair_and_their_adversary(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for date, text in ARTICLES.items():
        (corpus / f"{date}.txt").write_text(f"{date}\n\n{text}\n")
    db = tmp_path / "r.duckdb"
    with Store(db) as store:
        Ingest(store, Coder()).run([str(corpus)])
    pairs = relations(db, directed=False).set_index(["source", "target"])
    assert pairs.loc[("BLR", "SRB"), "net_cooperation"] > 0
    assert pairs.loc[("BLR", "LTU"), "net_cooperation"] < 0
    assert pairs.loc[("LTU", "SRB"), "net_cooperation"] < 0
    partition = find_blocs(graph(db))
    assert partition.blocs["SRB"] == partition.blocs["BLR"]
    assert partition.blocs["LTU"] != partition.blocs["BLR"]
    assert partition.fit == 1.0
