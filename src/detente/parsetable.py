"""A parsed document's words as plain lists, read from spaCy's arrays once a document.

The coder scans every sentence several times for the few words that matter (nouns that may
name an actor, speech verbs, triggers, the tree from the root down). Asked of spaCy's tokens,
each word costs a Python object per access and a string lookup per attribute, for every
word and every scan (about a tenth of the coding time on news); read from these lists, a
scan costs a list index per word and makes tokens only of the words it keeps.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import get_string_id
from spacy.tokens import Doc


def string_ids(*texts: str) -> frozenset[int]:
    """The ids that ``ParseTable.dep`` and ``ParseTable.lower`` hold for these dependency
    labels or lower-case words (spaCy's ids of strings, the same in every vocabulary)."""
    return frozenset(get_string_id(text) for text in texts)


class ParseTable:
    """Part of speech, dependency label, lower-case form and head of every token of a
    document, by token index. The document's parse must not change while it is in use (the
    coder reads a finished parse)."""

    def __init__(self, doc: Doc) -> None:
        pos, dep, lower = doc.to_array([POS, DEP, LOWER]).T.tolist()
        self.pos: list[str] = [POS_NAMES[p] for p in pos]  # as ``token.pos_``
        self.dep: list[int] = dep  # label ids (``token.dep``): compare with ``string_ids``
        self.lower: list[int] = lower  # ids of the lower-case forms (``token.lower``)
        # (a head is stored as an offset, which can be negative: read as signed)
        offsets = doc.to_array(HEAD).astype("int64").tolist()
        self.heads: list[int] = [i + offset for i, offset in enumerate(offsets)]
        self._children: dict[int, list[int]] | None = None  # of the tokens that have any

    def children(self, i: int) -> Sequence[int]:
        """The indices of the token's children in order, as ``token.children`` gives them:
        spaCy keeps each token's edges from its heads (after a parse, a head set or arrays
        read), so its children are exactly the tokens headed by it."""
        if self._children is None:
            self._children = {}
            for child, head in enumerate(self.heads):
                if head != child:
                    self._children.setdefault(head, []).append(child)
        return self._children.get(i, ())
