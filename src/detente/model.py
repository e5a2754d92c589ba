"""The event record: one schema for JSON output, the store and every export."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MODALITIES = ("asserted", "possible", "future", "conditional", "intended")


@dataclass(frozen=True)
class Actor:
    """A political actor as coded: words in the text plus CAMEO-style codes."""

    text: str
    code: str | None
    country: str | None
    sector: str | None = None
    name: str | None = None
    role: str | None = None
    kind: str = "state"  # state, igo, group, person
    start: int | None = None  # character offsets of `text` in the document
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Trigger:
    text: str
    start: int
    end: int
    lemma: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Event:
    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor
    target: Actor
    cameo: str
    cameo_root: str
    cameo_name: str
    plover: str
    quad_class: int
    goldstein: float
    trigger: Trigger
    modality: str = "asserted"
    attribution: Actor | None = None
    confidence: float = 0.5
    symmetric: bool = False
    date: str | None = None
    sentence_start: int = 0
    rule: str = ""  # which mechanism produced the event, for explanations
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        record = {
            "doc_id": self.doc_id,
            "date": self.date,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "trigger": self.trigger.to_dict(),
            "modality": self.modality,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "confidence": round(self.confidence, 3),
            "symmetric": self.symmetric,
            "rule": self.rule,
        }
        record.update(self.extra)
        return record
