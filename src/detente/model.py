"""The event record: one schema for JSON output, the store and every export."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

MODALITIES = ("asserted", "possible", "future", "conditional", "intended")


@dataclass(frozen=True)
class Article:
    """A document to code: an identifier, its text and (if known) its date."""

    doc_id: str
    text: str
    date: str | None = None
    meta: Any = None  # whatever the caller wants back with the result (e.g. the source record)


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

    def __init__(self, text: str, code: str | None, country: str | None,
                 sector: str | None = None, name: str | None = None, role: str | None = None,
                 kind: str = "state", start: int | None = None, end: int | None = None) -> None:
        # (the fields set at once: the __init__ a frozen dataclass is given sets each through
        # object.__setattr__, twice the cost, for the thousands of actors a corpus makes)
        self.__dict__.update(text=text, code=code, country=country, sector=sector, name=name,
                             role=role, kind=kind, start=start, end=end)

    def to_dict(self) -> dict[str, Any]:
        # (the fields by name: ``asdict`` copies each value deeply, for a few strings)
        return {"text": self.text, "code": self.code, "country": self.country,
                "sector": self.sector, "name": self.name, "role": self.role, "kind": self.kind,
                "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(**data)


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
    token_index: int | None = None  # the trigger's token in its Doc (not part of the record)

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

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        """The inverse of ``to_dict`` (events cross process boundaries as plain records)."""
        known = {f for f in cls.__dataclass_fields__ if f not in ("extra", "token_index")}
        fields = {k: v for k, v in record.items() if k in known}
        fields["source"] = Actor.from_dict(record["source"])
        fields["target"] = Actor.from_dict(record["target"])
        if record.get("attribution"):
            fields["attribution"] = Actor.from_dict(record["attribution"])
        trigger = record["trigger"]
        fields["trigger"] = Trigger(trigger["text"], trigger["start"], trigger["end"])
        extra = {k: v for k, v in record.items() if k not in known}
        return cls(**fields, extra=extra)


# ---- the flat form: one column per field, for the store, CSV and every tabular export ----------
ACTOR_FIELDS = ("text", "code", "country", "sector", "name", "role", "kind", "start", "end")
ACTOR_ROLES = ("source", "target", "attribution")
LOCATION_FIELDS = ("name", "feature", "country", "lat", "lon", "text", "qualifier", "start", "end")
_ACTOR_TYPES = {"start": "INTEGER", "end": "INTEGER"}

EVENT_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",
    "origin": "VARCHAR",  # config.ORIGINS: 'detente', or 'gdelt', 'icews', 'polecat' (imported)
    "article_id": "VARCHAR",
    "doc_id": "VARCHAR",
    "date": "DATE",  # when the event happened (first day for month, year and range precision)
    "date_end": "DATE",
    "date_precision": "VARCHAR",  # day, month, year, range, or article (the article's date)
    "date_text": "VARCHAR",
    "article_date": "DATE",
    "sentence_index": "INTEGER",
    "sentence": "VARCHAR",
    "sentence_start": "INTEGER",
    **{
        f"{role}_{field}": _ACTOR_TYPES.get(field, "VARCHAR")
        for role in ACTOR_ROLES
        for field in ACTOR_FIELDS
    },
    **{f"location_{name}": kind for name, kind in (
        ("name", "VARCHAR"), ("feature", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("text", "VARCHAR"), ("qualifier", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"))},
    "cameo": "VARCHAR",
    "cameo_root": "VARCHAR",
    "cameo_name": "VARCHAR",
    "plover": "VARCHAR",
    "quad_class": "INTEGER",
    "goldstein": "DOUBLE",
    "trigger_text": "VARCHAR",
    "trigger_start": "INTEGER",
    "trigger_end": "INTEGER",
    "modality": "VARCHAR",
    "confidence": "DOUBLE",
    "symmetric": "BOOLEAN",
    "rule": "VARCHAR",
    "duplicate_of": "VARCHAR",  # the event this one reports again (near-duplicate story)
    "source_url": "VARCHAR",
    "run_id": "VARCHAR",
}


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """An event record (``Event.to_dict()``) as flat columns; unknown columns are None."""
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS)
    for key, value in record.items():
        if key in ACTOR_ROLES:
            for field in ACTOR_FIELDS:
                row[f"{key}_{field}"] = (value or {}).get(field)
        elif key == "trigger":
            row["trigger_text"] = value["text"]
            row["trigger_start"] = value["start"]
            row["trigger_end"] = value["end"]
        elif key == "location":
            for field in LOCATION_FIELDS:
                row[f"location_{field}"] = (value or {}).get(field)
        elif key in row:
            row[key] = value
    return row


def sentence_cell(text: Any) -> Any:
    """A stored sentence as a cell of a line-based file: without the line break that ended it
    in the article (kept in the store, where offsets count it), one record stays one line."""
    return text.rstrip("\r\n") if isinstance(text, str) else text


def equipment_list(value: str | None) -> Any:
    """A stored transfer's equipment (a JSON list) as a list; a value that is not JSON (a store
    edited by hand) as the text it is, so that no output stops on it."""
    try:
        return json.loads(value or "[]")
    except ValueError:
        return value


def nest_row(row: dict[str, Any]) -> dict[str, Any]:
    """Flat columns back to the event record of the JSON contract."""
    record: dict[str, Any] = {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in ((key, row[key]) for key in _plain_keys(tuple(row)))}
    for role, columns in _ACTOR_COLUMNS:
        actor = {field: row.get(column) for field, column in columns}
        record[role] = actor if actor["code"] or actor["text"] else None
    location = {field: row.get(column) for field, column in _LOCATION_COLUMNS}
    record["location"] = location if location["name"] else None
    record["trigger"] = {
        "text": row.get("trigger_text"), "start": row.get("trigger_start"),
        "end": row.get("trigger_end"),
    }
    return record


# (field, flat column) of each nested part: made once, not for every row of an export
_ACTOR_COLUMNS = tuple((role, tuple((field, f"{role}_{field}") for field in ACTOR_FIELDS))
                       for role in ACTOR_ROLES)
_LOCATION_COLUMNS = tuple((field, f"location_{field}") for field in LOCATION_FIELDS)


@functools.lru_cache(maxsize=64)
def _plain_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a flat row that the record keeps as they are (not an actor's, the
    place's or the trigger's), in the row's order: the same few column lists, row after row."""
    kept = []
    for key in keys:
        role, _, field = key.partition("_")
        if role in ACTOR_ROLES and field in ACTOR_FIELDS:
            continue
        if key.startswith(("trigger_", "location_")):
            continue
        kept.append(key)
    return tuple(kept)


# ---- GDELT's own fields, kept beside an imported GDELT event (table gdelt_events) ------------
GDELT_ACTOR_FIELDS = ("country_raw", "known_group", "ethnic", "religion1", "religion2",
                      "type1", "type2", "type3")
GDELT_GEO_FIELDS: dict[str, str] = {
    "type": "INTEGER", "fullname": "VARCHAR", "fips": "VARCHAR", "country": "VARCHAR",
    "adm1": "VARCHAR", "adm2": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE",
    "feature_id": "VARCHAR",
}
GDELT_GEOS = ("actor1_geo", "actor2_geo", "action_geo")
GDELT_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",
    "gdelt_version": "VARCHAR",
    "date_added": "TIMESTAMP",  # DATEADDED: a day in 1.0, to the second (UTC) in 2.0
    "is_root_event": "BOOLEAN",
    "event_base_code": "VARCHAR",
    "num_mentions": "INTEGER",
    "num_sources": "INTEGER",
    "num_articles": "INTEGER",
    "avg_tone": "DOUBLE",
    **{f"{actor}_{name}": "VARCHAR" for actor in ("actor1", "actor2")
       for name in GDELT_ACTOR_FIELDS},
    **{f"{geo}_{name}": kind for geo in GDELT_GEOS for name, kind in GDELT_GEO_FIELDS.items()},
}


# ---- ICEWS's own fields, kept beside an imported ICEWS event (table icews_events) ------------
# Every column of an ICEWS file as the file wrote it (data/icews.yaml `columns` names them):
# country names as ICEWS spells them, the CAMEO Code as given.
ICEWS_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",  # detente's: icews-<Event ID>-<Event Date as YYYYMMDD>
    "icews_event_id": "BIGINT",
    "event_date": "DATE",
    "source_name": "VARCHAR",
    "source_sectors": "VARCHAR",  # comma-separated, as in the file
    "source_country": "VARCHAR",
    "event_text": "VARCHAR",
    "cameo_code": "VARCHAR",
    "intensity": "DOUBLE",
    "target_name": "VARCHAR",
    "target_sectors": "VARCHAR",
    "target_country": "VARCHAR",
    "story_id": "BIGINT",
    "sentence_number": "INTEGER",
    "publisher": "VARCHAR",
    "city": "VARCHAR",
    "district": "VARCHAR",
    "province": "VARCHAR",
    "country": "VARCHAR",
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
    "source_file": "VARCHAR",  # the file it was read from, as named on the command line
    "extra": "VARCHAR",  # JSON: columns of the file outside the published list, by header
}


# ---- POLECAT's own fields, kept beside an imported POLECAT event (table polecat_events) -------
# Every column of a POLECAT release file as the file wrote it (data/polecat.yaml `columns`
# names them), lists ("; " between actors, " | " within one) as written, "None" as null.
POLECAT_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",  # detente's: polecat-<Event ID>, -<actor>-<recipient> for a pair
    "polecat_event_id": "VARCHAR",
    "event_date": "DATE",
    "event_type": "VARCHAR",
    "event_mode": "VARCHAR",
    "intensity": "DOUBLE",
    "quad_code": "VARCHAR",
    "contexts": "VARCHAR",
    **{f"{role}_{name}": "VARCHAR" for role in ("actor", "recipient")
       for name in ("name", "country", "cow", "primary_sector", "sectors", "title", "name_raw",
                    "wikipedia_id")},
    **{name: "VARCHAR" for name in ("placename", "city", "district", "province", "country")},
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
    **{name: "VARCHAR" for name in ("geonames_id", "raw_placename", "feature_type", "source")},
    "publication_date": "DATE",
    **{name: "VARCHAR" for name in ("story_people", "story_organizations", "story_locations",
                                    "language", "version")},
    "source_file": "VARCHAR",  # the file it was read from, as named on the command line
    "extra": "VARCHAR",  # JSON: columns of the file outside the published list, by header
}


# ---- arms transfers, flat: the arms_transfers table and its exports ---------------------------
TRANSFER_COLUMNS: dict[str, str] = {
    "transfer_id": "VARCHAR",
    "article_id": "VARCHAR",
    "doc_id": "VARCHAR",
    "date": "DATE",
    "sentence_index": "INTEGER",
    "sentence": "VARCHAR",
    **{f"{side}_{field}": "VARCHAR" for side in ("supplier", "recipient")
       for field in ("code", "country", "text")},
    "equipment": "VARCHAR",  # JSON list of the equipment items (text, designation, category...)
    "categories": "VARCHAR",  # the items' categories, comma-separated
    "designations": "VARCHAR",
    "quantity": "INTEGER",
    "value": "DOUBLE",
    "currency": "VARCHAR",
    "value_text": "VARCHAR",
    "status": "VARCHAR",  # delivered, contracted, planned, requested, possible
    "trigger_text": "VARCHAR",
    "trigger_start": "INTEGER",
    "trigger_end": "INTEGER",
    "duplicate_of": "VARCHAR",
    "run_id": "VARCHAR",
}


# What an event's and an arms transfer's id is hashed from, besides its article's id: the same
# event of the same article gets the same id on every run, and in every store (a store or a
# shard of an older detente whose codes were renamed has its ids made again from the new codes).
EVENT_ID_FIELDS = ("sentence_index", "trigger_start", "source_code", "source_start",
                   "target_code", "target_start", "cameo")
TRANSFER_ID_FIELDS = ("sentence_index", "trigger_start", "designations", "categories",
                      "supplier_code", "recipient_code")


def event_id(article_key: str, row: dict[str, Any]) -> str:
    """Stable id of one of detente's own events (a flat row), from its article and fields."""
    return _hashed(article_key, [row[name] for name in EVENT_ID_FIELDS])


def transfer_id(article_key: str, row: dict[str, Any]) -> str:
    """Stable id of an arms transfer (a flat row), from its article and fields."""
    return _hashed(article_key, [row[name] for name in TRANSFER_ID_FIELDS])


def _hashed(article_key: str, parts: list[Any]) -> str:
    return hashlib.sha256("|".join(map(str, [article_key, *parts])).encode()).hexdigest()[:24]


def flatten_transfer(record: dict[str, Any]) -> dict[str, Any]:
    """A transfer record (``Transfer.to_dict()``) as flat columns."""
    row: dict[str, Any] = dict.fromkeys(TRANSFER_COLUMNS)
    for key in ("doc_id", "date", "sentence_index", "sentence", "quantity", "value",
                "currency", "value_text", "status"):
        row[key] = record.get(key)
    for side in ("supplier", "recipient"):
        actor = record.get(side) or {}
        for name in ("code", "country", "text"):
            row[f"{side}_{name}"] = actor.get(name)
    items = record.get("equipment") or []
    row["equipment"] = json.dumps(items, ensure_ascii=False)
    row["categories"] = ",".join(dict.fromkeys(i["category"] for i in items if i.get("category")))
    row["designations"] = ",".join(i["designation"] for i in items if i.get("designation"))
    trigger = record.get("trigger") or {}
    row["trigger_text"] = trigger.get("text")
    row["trigger_start"] = trigger.get("start")
    row["trigger_end"] = trigger.get("end")
    return row
