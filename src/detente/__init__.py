"""detente: code international news into political events and the relations they add up to."""

__version__ = "0.1.0"


def relations(db, **options):
    """Dyad measures as a pandas DataFrame (see ``detente.dyads.relations``)."""
    from detente.dyads import relations as dyad_relations

    return dyad_relations(db, **options)


def graph(db, **options):
    """The signed network of states as a networkx graph (see ``detente.dyads.graph``)."""
    from detente.dyads import graph as signed_graph

    return signed_graph(db, **options)
