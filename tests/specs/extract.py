"""Write the fact files of tests/specs/ from a clone of each specification's repository.

The specifications detente's exports follow are other projects' texts; the repository keeps
only the facts the conformance tests need (field names and their order, types, code lists,
code-to-code tables, weights), each file headed by its source, commit and line range. To
refresh one, clone (or fetch) its repository and run, from the repository root:

    python tests/specs/extract.py plover    CLONE_OF_openeventdata/PLOVER
    python tests/specs/extract.py crosswalk CLONE_OF_openeventdata/PLOVER
    python tests/specs/extract.py phoenix   CLONE_OF_openeventdata/phoenix_pipeline
    python tests/specs/extract.py phoxy     CLONE_OF_ahalterman/phoxy
    python tests/specs/extract.py icews     CLONE_OF_andybega/icews
    python tests/specs/extract.py gdelt     CLONE_OF_linwoodc3/gdeltPyR

Each reads its files with `git show COMMIT:PATH` (a bare clone will do) at the commit in
SOURCES, or at --commit, and rewrites its fact file(s) (--out for another folder); then
`git diff tests/specs` shows what changed and tests/test_formats34.py where detente differs.
Where a source's layout has moved so that a fact can no longer be found, it stops and says
which. polecat_columns.tsv has no repository to read and is kept by hand (README.md).
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

SPECS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Source:
    repository: str
    commit: str
    paths: tuple[str, ...]
    outputs: tuple[str, ...]


SOURCES = {
    "plover": Source("https://github.com/openeventdata/PLOVER",
                     "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f",
                     ("PLOVER_MANUAL.tex",), ("plover_fields.yaml",)),
    "crosswalk": Source("https://github.com/openeventdata/PLOVER",
                        "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f",
                        ("CAMEO2PLOVER-2021.txt",), ("cameo2plover.tsv",)),
    "phoenix": Source("https://github.com/openeventdata/phoenix_pipeline",
                      "d1639c59a3592a52706d180f0ea26ef407d9e5b7",
                      ("postprocess.py",), ("phoenix_postprocess.yaml",)),
    "phoxy": Source("https://github.com/ahalterman/phoxy",
                    "18b30a10112ce059680c70f1586e27296ce2c62a",
                    ("R/ingest_phoenix.R",), ("phoenix_columns.yaml",)),
    "icews": Source("https://github.com/andybega/icews",
                    "3746c729551f5fcb5a49f643f82638011a5fcfec",
                    ("inst/extdata/events.2018.sample.tab", "R/read_events_tsv.R"),
                    ("icews_columns.tsv",)),
    "gdelt": Source("https://github.com/linwoodc3/gdeltPyR",
                    "8762db7f5aaa4f30eda0c9e72b2039ddb68ad593",
                    ("utils/schema_csvs/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv",
                     "utils/schema_csvs/GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016"
                     ".tsv"),
                    ("gdelt2_events_columns.tsv", "gdelt2_mentions_columns.tsv")),
}


class SourceChanged(Exception):
    """A fact the extractor looks for is not where it was: read the source and update this."""


def lines_cited(numbers: Iterable[int]) -> str:
    numbers = sorted(numbers)
    return f"line {numbers[0]}" if numbers[0] == numbers[-1] else \
        f"lines {numbers[0]}-{numbers[-1]}"


def preamble(source: Source, path: str, holds: str, lines: str) -> list[str]:
    """The comment every fact file starts with."""
    return [f"Extracted facts, not the source's text: {holds}.",
            f"Source: {source.repository}, {path} at commit {source.commit}, {lines}.",
            "Written by tests/specs/extract.py (see its docstring to re-extract); edit that, "
            "not this file."]


def commented(lines: Iterable[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


class FactDumper(yaml.SafeDumper):
    """Codes made of digits quoted ('08', not 08), so that no reader takes them for numbers."""


FactDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="'" if text.isdigit() else None))


def yaml_block(data: dict, flow: bool | None = None) -> str:
    """Lists and mappings of scalars on one line (flow None), or one item a line (False)."""
    return yaml.dump(data, Dumper=FactDumper, sort_keys=False, default_flow_style=flow,
                     width=96, allow_unicode=True)


# ---- the PLOVER manual --------------------------------------------------------------------------
# The manual describes each field in a sentence; these are the types, in detente's words, that
# the sentences give (a field the manual adds stops the extraction until its type is written
# here). "date" is YYYY-MM-DD where the manual says so; "time" an ISO 8601 time.
FIELD_TYPES = {
    "record": {
        "id": "string", "has_event": "boolean", "date": "date YYYY-MM-DD",
        "time": "time ISO 8601", "enddate": "date YYYY-MM-DD", "endtime": "time ISO 8601",
        "actor": "list of entity", "recipient": "list of entity", "event": "list of event type",
        "event_loc": "location", "event_text": "list of string", "quad_code": "integer",
        "event_scale": "float", "mode": "list of mode", "context": "list of context",
        "link": "string", "text": "string", "text_info": "text_info", "cite_info": "cite_info",
        "coder": "string", "coded_date": "date", "coded_time": "time ISO 8601",
        "comment": "string"},
    "entity": {
        "code": "string, 3 letters", "sector": "string, 3 or 6 letters",
        "entity_text": "string", "identifier_id": "string (a Wikidata ID)",
        "identifier_text": "string (a Wikidata name)", "religion": "code or string",
        "ethnicity": "code or string", "office": "code or string", "gender": "code or string",
        "age": "integer"},
    "text_info": {"sequence": "integer", "start": "integer", "end": "integer",
                  "text_story": "list of string"},
    "cite_info": {
        "corpus": "string", "citation": "string", "url": "string", "title": "string",
        "language": "string, ISO 639-1 code", "publication": "string", "license": "string",
        "copyright": "string", "coder": "string", "codebook": "string", "version": "string"},
    "location": {
        "extracted_place": "string", "resolved_place": "string", "geonameid": "integer",
        "lat": "float", "lon": "float", "city": "string", "district": "string",
        "province": "string", "country": "string",
        "country_code": "string, 3 letters (see country_codes)",
        "feature_class": "string, GeoNames feature class",
        "feature_code": "string, GeoNames feature code", "resolution": "integer"},
}
# The tables read, by caption, and the key each is written under.
PLOVER_TABLES = {
    "record": "PLOVER JSON",
    "entity": "Information object for entities",
    "text_info": "Information object for text",
    "cite_info": "Information object for citations",
    "location": "Location object: location information returned by Mordecai3, drawing from "
                "the Geonames database.",
}
QUAD_WORDS = ("VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT",
              "MATERIAL CONFLICT")


def latex_cell(cell: str) -> str:
    """A table cell's text: links and markup dropped (\\hyperref[x]{name} is name)."""
    cell = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", cell)
    cell = re.sub(r"\\(?:textbf|plcat|txt|texttt)\{([^}]*)\}", r"\1", cell)
    return cell.replace("\\_", "_").replace("~", "").strip()


@dataclass(frozen=True)
class Row:
    line: int  # 1-based, in the manual
    cells: tuple[str, ...]


def manual_tables(lines: list[str]) -> dict[str, tuple[int, list[Row]]]:
    """The manual's tables by caption: (caption's line, rows). Rows struck out with % are left
    out (the manual's way of dropping a mode), and so are header rows and continuation rows."""
    tables = {}
    for number, line in enumerate(lines):
        caption = re.search(r"\\caption\{(.*)", line)
        if not caption:
            continue
        name = latex_cell(caption.group(1).split("\\\\")[0].rstrip("}").rstrip())
        rows = []
        for offset, row in enumerate(lines[number + 1:], start=number + 2):
            if re.search(r"\\end\{(?:tabular|longtable)\}", row):
                break
            cells = [latex_cell(c) for c in row.strip().removesuffix("\\\\").split("&")]
            if len(cells) > 1 and not row.lstrip().startswith("%") and cells[0] and \
                    cells[0] not in ("Name", "Code", "CATEGORY: Mode"):
                rows.append(Row(offset, tuple(cells)))
        tables[name] = (number + 1, rows)
    return tables


def table(tables: dict[str, tuple[int, list[Row]]], caption: str) -> list[Row]:
    if caption not in tables:
        raise SourceChanged(f"the manual has no table captioned {caption!r}")
    return tables[caption][1]


def allowed_values(content: str) -> list[int] | None:
    """The values a field's description lists as "1, 2, 3 or 4" or "5=..., 4=..."."""
    if re.fullmatch(r"\d+(, \d+)* or \d+", content):
        return [int(n) for n in re.findall(r"\d+", content)]
    if listed := re.findall(r"(\d+)=", content):
        return sorted(int(n) for n in listed)
    return None


def field_rows(kind: str, rows: list[Row]) -> list[dict]:
    fields = []
    for row in rows:
        name = row.cells[0]
        if name not in FIELD_TYPES[kind]:
            raise SourceChanged(f"{kind} field {name!r} (manual line {row.line}) has no type "
                                "in FIELD_TYPES: write it from the manual's description")
        field = {"name": name, "type": FIELD_TYPES[kind][name]}
        if kind == "record":
            field["required"] = row.cells[-1] == "Y"
        if (values := allowed_values(row.cells[1])) is not None:
            field["values"] = values
        fields.append(field)
    return fields


def event_type_sections(lines: list[str]) -> dict[str, dict]:
    """Each event type's section: its quad category, whether it requires a recipient, and
    whether its supplementary fields are none (then it has no modes)."""
    sections, current = {}, None
    for number, line in enumerate(lines, start=1):
        if section := re.match(r"\\section\{([A-Z]+)\}", line):
            current = section.group(1)
            sections[current] = {"lines": [number]}
        elif current and (quad := re.match(r"\\subsection\{Quad category: ([A-Z ]+)\}", line)):
            sections[current]["quad"] = quad.group(1)
            sections[current]["lines"].append(number)
        elif current and (needs := re.match(r"\\subsection\{Requires recipient: (\w+)\}",
                                            line)):
            sections[current]["requires_recipient"] = needs.group(1) == "Yes"
        elif current and (extra := re.match(r"\\subsection\{Supplementary fields:(.*)\}",
                                            line)):
            sections[current]["no_modes"] = extra.group(1).strip() == "None"
    return {name: section for name, section in sections.items() if "quad" in section}


def country_code_facts(lines: list[str]) -> tuple[dict, list[int]]:
    """The code of a place's country and Kosovo's code, with the lines that give them."""
    def find(pattern: str) -> tuple[int, re.Match]:
        for number, line in enumerate(lines, start=1):
            if found := re.search(pattern, line):
                return number, found
        raise SourceChanged(f"the manual has no line matching {pattern!r}")

    place, _ = find(r"^country\\_code & .*actor/recipient countr")
    states, _ = find(r"^\\item Independent states .*ISO 3166")
    kosovo, code = find(r"Kosovo.*we use ``([A-Z]{3})(?:''|\")")
    folded, _ = find(r"^\\subsection\{Non-independent territories")
    recovered, _ = find(r"^Events arising in specific dependencies")
    rule = (f"A place's country_code is a 3-letter code, the same codes as the actor and "
            f"recipient countries (line {place}): ISO 3166 alpha-3 for a state (line "
            f"{states}); Kosovo, which has no ISO code, is {code.group(1)} (line {kosovo}); a "
            f"dependency's actors take their controlling state's country (lines {folded}-"
            f"{recovered - 1}), while a place can still say the dependency (line {recovered}).")
    return {"rule": rule, "Kosovo": code.group(1)}, [place, states, kosovo, folded, recovered]


def extract_plover(source: Source, texts: list[str]) -> dict[str, str]:
    lines = texts[0].splitlines()
    tables = manual_tables(lines)
    cited: list[int] = []
    sections: list[tuple[str, dict]] = []

    def add(comment: str, data: dict, numbers: list[int], flow: bool | None = None) -> None:
        cited.extend(numbers)
        sections.append((f"{comment} ({lines_cited(numbers)})", data, flow))

    for kind, caption in PLOVER_TABLES.items():
        rows = table(tables, caption)
        add(f'table "{caption}": fields in order', {kind: field_rows(kind, rows)},
            [tables[caption][0], *(row.line for row in rows)])
    types = event_type_sections(lines)
    modes = {caption.split()[0]: (line, rows) for caption, (line, rows) in tables.items()
             if re.fullmatch(r"[A-Z]+ modes.*", caption)}
    event_types, numbers = {}, []
    for name, section in types.items():
        if section["quad"] not in QUAD_WORDS:
            raise SourceChanged(f"{name}'s quad category {section['quad']!r} is no known one")
        has_table = name in modes
        if has_table == section.get("no_modes", False):
            raise SourceChanged(f"{name}: its modes table and its 'Supplementary fields' "
                                "disagree")
        entry = {"quad": section["quad"], "requires_recipient": section["requires_recipient"],
                 "modes": [row.cells[0] for row in modes[name][1]] if has_table else []}
        event_types[name] = entry
        numbers += section["lines"] + ([modes[name][0]] + [r.line for r in modes[name][1]]
                                       if has_table else [])
    if set(modes) - set(types):
        raise SourceChanged(f"modes tables of no event type: {sorted(set(modes) - set(types))}")
    add("each event type's section: its quad category, whether it requires a recipient, and "
        "the names of its modes in the order of its modes table (none where its supplementary "
        "fields are none; modes struck out with % left out)", {"event_types": event_types},
        numbers)
    for key, caption in (("contexts", "General contexts"),
                         ("non_state", "International Non-state actor names"),
                         ("sectors", "Sector Codes")):
        rows = table(tables, caption)
        if key == "non_state":
            data = {row.cells[0]: row.cells[1] for row in rows}
        else:  # names; of the sector table, its 3-letter codes
            data = [row.cells[0] for row in rows
                    if key != "sectors" or re.fullmatch("[A-Z]{3}", row.cells[0])]
        add(f'table "{caption}": {"codes and names" if key == "non_state" else "names"} in '
            "order", {key: data}, [tables[caption][0], *(row.line for row in rows)],
            False if key == "non_state" else None)
    facts, numbers = country_code_facts(lines)
    add("country codes, the rule in detente's words", {"country_codes": facts}, numbers, False)

    head = preamble(source, source.paths[0],
                    "the names, order, types and allowed values of the PLOVER record's fields "
                    "and objects; each event type's quad category, recipient rule and modes; "
                    "the general contexts, non-state actor codes and sector codes; the "
                    "country-code rule in detente's words", lines_cited(cited))
    body = "".join(f"\n{commented([comment])}{yaml_block(data, flow)}"
                   for comment, data, flow in sections)
    return {source.outputs[0]: commented(head) + body}


# ---- the CAMEO-to-PLOVER crosswalk --------------------------------------------------------------
def extract_crosswalk(source: Source, texts: list[str]) -> dict[str, str]:
    """code, type, mode, contexts (";" between them) of each line "code: TYPE, mode, c1; c2";
    the descriptions after "#" and the root headings ("03: AGREE") are left out. A code given
    twice keeps its later line."""
    table, numbers = {}, []
    for number, line in enumerate(texts[0].splitlines(), start=1):
        code, _, rest = line.split("#")[0].partition(":")
        fields = [field.strip() for field in rest.split(",")]
        if len(fields) < 2:
            continue
        if len(fields) > 3:
            raise SourceChanged(f"line {number} has more than three fields")
        contexts = [c.strip() for c in (fields[2:] or [""])[0].split(";") if c.strip()]
        table[code.strip()] = (fields[0], fields[1], ";".join(contexts))
        numbers.append(number)
    head = preamble(source, source.paths[0],
                    "each CAMEO code's PLOVER type, mode and contexts (; between contexts, "
                    "empty where none), without the crosswalk's descriptions and root headings",
                    lines_cited(numbers))
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(("code", "type", "mode", "contexts"))
    writer.writerows((code, *values) for code, values in table.items())
    return {source.outputs[0]: commented(head) + out.getvalue()}


# ---- phoenix_pipeline's postprocess.py ----------------------------------------------------------
def literal_tables(tree: ast.AST) -> dict[str, tuple[object, int, int]]:
    """Every name assigned a literal: (value, first line, last line)."""
    tables = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                tables[node.targets[0].id] = (ast.literal_eval(node.value), node.lineno,
                                              node.end_lineno)
            except ValueError:
                continue
    return tables


def function(tree: ast.AST, name: str) -> ast.FunctionDef:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise SourceChanged(f"postprocess.py has no function {name}")


def slices(node: ast.AST, names: Iterable[str]) -> dict[str, tuple[list, int]]:
    """name = something[a:b] inside node: name -> ([a, b], line)."""
    found = {}
    for assign in ast.walk(node):
        if isinstance(assign, ast.Assign) and isinstance(assign.targets[0], ast.Name) and \
                assign.targets[0].id in names and isinstance(assign.value, ast.Subscript) and \
                isinstance(assign.value.slice, ast.Slice):
            bounds = [ast.literal_eval(b) if b else None for b in
                      (assign.value.slice.lower, assign.value.slice.upper)]
            found[assign.targets[0].id] = (bounds, assign.lineno)
    if missing := set(names) - set(found):
        raise SourceChanged(f"no slice assigned to {sorted(missing)}")
    return found


def goldstein_lookup(cameo: ast.FunctionDef) -> tuple[list[str], list[int]]:
    """The keys process_cameo tries in goldstein_scale, in order, from its nested
    try/except KeyError blocks, and the lines of those blocks."""
    keys, numbers, node = [], [], cameo
    while True:
        tries = [t for t in ast.walk(node) if isinstance(t, ast.Try) and any(
            isinstance(s, ast.Subscript) and isinstance(s.value, ast.Name) and
            s.value.id == "goldstein_scale" for s in ast.walk(t.body[0]))]
        if not tries:
            break
        attempt = tries[0]
        subscript = next(s for s in ast.walk(attempt.body[0]) if isinstance(s, ast.Subscript)
                         and isinstance(s.value, ast.Name) and s.value.id == "goldstein_scale")
        keys.append(ast.unparse(subscript.slice))
        numbers += [attempt.lineno, attempt.end_lineno]
        node = ast.Module(body=attempt.handlers[0].body, type_ignores=[])
    last = [s for s in node.body if isinstance(s, ast.Assign)]
    if not keys or not last or ast.unparse(last[-1].value) != "''":
        raise SourceChanged("process_cameo's goldstein_scale look-up changed")
    return keys, numbers


def extract_phoenix(source: Source, texts: list[str]) -> dict[str, str]:
    tree = ast.parse(texts[0])
    tables = literal_tables(tree)
    cameo = function(tree, "process_cameo")
    keys, lookup_lines = goldstein_lookup(cameo)
    root = slices(cameo, ["root_code"])["root_code"]
    dates = slices(function(tree, "split_process"), ["year", "month", "day"])
    if keys != ["event[3]", "root_code"] or root[0] != [None, 2]:
        raise SourceChanged(f"process_cameo's look-up changed: {keys}, root_code {root[0]}")
    sections, cited = [], lookup_lines + [root[1]] + [line for _, line in dates.values()]
    for name, comment in (("quad_conversion", "process_cameo: each root code's quad class"),
                          ("goldstein_scale", "process_cameo: the Goldstein weight of each "
                                              "code it lists")):
        value, first, last = tables[name]
        cited += [first, last]
        sections.append((f"{comment} (lines {first}-{last})", {name: value}))
    sections.append((
        f"process_cameo: a code's weight is its goldstein_scale entry; a code the table lacks "
        f"takes the entry of its root code, the code's first two digits (line {root[1]}); a "
        f"root the table lacks too gets an empty weight ({lines_cited(lookup_lines)})",
        {"goldstein_lookup": ["code", "root_code"], "root_code_digits": root[0][1]}))
    sections.append((
        f"split_process: year, month and day are these slices of the story date, YYYYMMDD "
        f"({lines_cited(line for _, line in dates.values())})",
        {"story_date_slices": {name: bounds for name, (bounds, _) in dates.items()}}))
    for name, comment in (("countries", "process_actors: the codes an actor's Entity can be, "
                                        "in order"),
                          ("root_actors", "process_actors: the other codes an Entity can be"),
                          ("primary_agent", "process_actors: the codes a Role can be")):
        value, first, last = tables[name]
        cited += [first, last]
        sections.append((f"{comment} ({lines_cited([first, last])})", {name: list(value)}))
    head = preamble(source, source.paths[0],
                    "the code tables and look-ups with which postprocess.py writes the Phoenix "
                    "data set's rows", lines_cited(cited))
    body = "".join(f"\n{commented([comment])}{yaml_block(data)}" for comment, data in sections)
    return {source.outputs[0]: commented(head) + body}


# ---- phoxy's column names -----------------------------------------------------------------------
def extract_phoxy(source: Source, texts: list[str]) -> dict[str, str]:
    lines = texts[0].splitlines()
    start = next((n for n, line in enumerate(lines) if "names(events) <- c(" in line), None)
    if start is None:
        raise SourceChanged("ingest_phoenix.R names no columns")
    end = next(n for n in range(start, len(lines)) if ")" in lines[n].split("c(")[-1])
    names = re.findall(r'"([A-Za-z]+)"', "\n".join(lines[start:end + 1]).split("c(", 1)[1])
    head = preamble(source, source.paths[0],
                    "the names, in order, of the columns of the Phoenix data set's headerless "
                    "files, as phoxy's reader gives them", lines_cited([start + 1, end + 1]))
    return {source.outputs[0]: commented(head) + "\n" + yaml_block({"columns": names})}


# ---- andybega/icews ------------------------------------------------------------------------------
def extract_icews(source: Source, texts: list[str]) -> dict[str, str]:
    header = texts[0].splitlines()[0].split("\t")
    lines = texts[1].splitlines()
    start = next((n for n, line in enumerate(lines) if "col_fmt <- readr::cols(" in line), None)
    if start is None:
        raise SourceChanged("read_events_tsv.R gives no column types")
    end = next(n for n in range(start + 1, len(lines)) if lines[n].strip() == ")")
    found = dict(re.findall(r"(`[^`]+`|[.\w]+) = col_(\w+)\(", "\n".join(lines[start:end])))
    types = {name.strip("`"): kind for name, kind in found.items()}
    default = types.pop(".default")
    if unknown := set(types) - set(header):
        raise SourceChanged(f"types of columns the header lacks: {sorted(unknown)}")
    head = [f"Extracted facts, not the source's text: the ICEWS event files' column names in "
            f"order and the type of each ({default} unless read_events_tsv gives another).",
            f"Source: {source.repository} at commit {source.commit}: the names from the "
            f"header, line 1, of {source.paths[0]}; the types from {source.paths[1]}, "
            f"{lines_cited([start + 1, end + 1])}. The same function reads the dates of the "
            "2017 file as m/d/Y when that file's first row has them.",
            "Written by tests/specs/extract.py (see its docstring to re-extract); edit that, "
            "not this file."]
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(("name", "type"))
    writer.writerows((name, types.get(name, default)) for name in header)
    return {source.outputs[0]: commented(head) + out.getvalue()}


# ---- GDELT 2.0's column tables, as gdeltPyR keeps them -------------------------------------------
def extract_gdelt(source: Source, texts: list[str]) -> dict[str, str]:
    files = {}
    for path, text, output in zip(source.paths, texts, source.outputs, strict=True):
        delimiter = "," if path.endswith(".csv") else "\t"
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        head = preamble(source, path, "the name and type of each column, in order (the "
                        "tableId and dataType columns; the descriptions left out)",
                        f"lines 2-{len(rows) + 1}")
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(("name", "type"))
        writer.writerows((row["tableId"], row["dataType"]) for row in rows)
        files[output] = commented(head) + out.getvalue()
    return files


EXTRACTORS: dict[str, Callable[[Source, list[str]], dict[str, str]]] = {
    "plover": extract_plover, "crosswalk": extract_crosswalk, "phoenix": extract_phoenix,
    "phoxy": extract_phoxy, "icews": extract_icews, "gdelt": extract_gdelt}


def read_at(clone: Path, commit: str, path: str) -> str:
    shown = subprocess.run(["git", "-C", str(clone), "show", f"{commit}:{path}"],
                           capture_output=True, text=True, encoding="utf-8")
    if shown.returncode:
        raise SystemExit(f"{clone}: cannot read {path} at {commit}: {shown.stderr.strip()}")
    return shown.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", choices=sorted(SOURCES))
    parser.add_argument("clone", type=Path, help="a clone of the source's repository")
    parser.add_argument("--commit", help="another commit than the one the files cite")
    parser.add_argument("--out", type=Path, default=SPECS, help="folder to write to")
    args = parser.parse_args(argv)
    source = SOURCES[args.source]
    if args.commit:
        source = Source(source.repository, args.commit, source.paths, source.outputs)
    texts = [read_at(args.clone, source.commit, path) for path in source.paths]
    try:
        files = EXTRACTORS[args.source](source, texts)
    except SourceChanged as change:
        print(f"{args.source}: {change}", file=sys.stderr)
        return 1
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
