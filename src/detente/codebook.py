"""The CAMEO event codebook: names, Goldstein weights, quad classes and PLOVER types.

The facts live in ``detente/data/cameo.yaml``; this module is the only reader of that file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from detente.datafiles import read_packaged

GOLDSTEIN_MIN = -10.0
GOLDSTEIN_MAX = 10.0
_DATA_FILE = "cameo.yaml"


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its weight and classifications."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    root: str


# eq=False keeps identity hashing: the mapping fields are not hashable.
@dataclass(frozen=True, eq=False)
class Codebook:
    """All CAMEO event codes, keyed by code string (leading zeros kept)."""

    codes: Mapping[str, CameoCode]
    roots: Mapping[str, str]
    quad_classes: Mapping[int, str]
    plover_types: Mapping[str, int]

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; KeyError if CAMEO has no such event code."""
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO event code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self.codes.values())

    def __len__(self) -> int:
        return len(self.codes)

    def codes_under(self, root: str) -> list[CameoCode]:
        """Every code of a 2-digit root such as ``"19"``, in codebook order."""
        self.root_name(root)
        return [entry for entry in self.codes.values() if entry.root == root]

    def root_name(self, root: str) -> str:
        """The name of a 2-digit root, e.g. ``"19"`` -> ``"Fight"``."""
        try:
            return self.roots[root]
        except KeyError:
            raise KeyError(f"unknown CAMEO root {root!r}") from None

    def quad_class_name(self, n: int) -> str:
        """The name of quad class 1-4, e.g. ``4`` -> ``"material conflict"``."""
        try:
            return self.quad_classes[n]
        except KeyError:
            raise KeyError(f"unknown quad class {n!r}") from None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Codebook:
        """Build and validate a codebook from the parsed YAML document."""
        quad_classes = {int(n): str(name) for n, name in _section(data, "quad_classes").items()}
        plover_types: dict[str, int] = {}
        for name, quad in _section(data, "plover_types").items():
            if quad not in quad_classes:
                raise ValueError(f"PLOVER type {name}: quad class {quad!r} is not defined")
            plover_types[str(name)] = quad

        roots: dict[str, str] = {}
        root_quads: dict[str, int] = {}
        for root, entry in _section(data, "roots").items():
            if not (isinstance(root, str) and len(root) == 2 and root.isdigit()):
                raise ValueError(f"CAMEO root {root!r}: must be a quoted 2-digit string")
            if not isinstance(entry, Mapping) or not entry.get("name"):
                raise ValueError(f"CAMEO root {root}: needs a name and a quad_class")
            if entry.get("quad_class") not in quad_classes:
                raise ValueError(
                    f"CAMEO root {root}: quad class {entry.get('quad_class')!r} is not defined"
                )
            roots[root] = str(entry["name"])
            root_quads[root] = entry["quad_class"]

        entries = data.get("codes")
        if not isinstance(entries, list) or not entries:
            raise ValueError("codebook section 'codes' is missing or empty")
        codes: dict[str, CameoCode] = {}
        for entry in entries:
            if not isinstance(entry, Mapping):
                raise ValueError(f"codebook entry {entry!r} is not a mapping")
            parsed = _parse_code(entry, root_quads, plover_types)
            if parsed.code in codes:
                raise ValueError(f"CAMEO code {parsed.code}: listed twice")
            codes[parsed.code] = parsed

        return cls(
            codes=MappingProxyType(codes),
            roots=MappingProxyType(roots),
            quad_classes=MappingProxyType(quad_classes),
            plover_types=MappingProxyType(plover_types),
        )


def _section(data: Mapping[str, Any], key: str) -> Mapping[Any, Any]:
    section = data.get(key)
    if not isinstance(section, Mapping) or not section:
        raise ValueError(f"codebook section {key!r} is missing or empty")
    return section


def _parse_code(
    entry: Mapping[str, Any], root_quads: Mapping[str, int], plover_types: Mapping[str, int]
) -> CameoCode:
    code = entry.get("code")
    # An unquoted code in YAML arrives as an int with its leading zero lost.
    if not (isinstance(code, str) and len(code) in (3, 4) and code.isdigit()):
        raise ValueError(f"CAMEO code {code!r}: must be a quoted 3- or 4-digit string")
    root = code[:2]
    if root not in root_quads:
        raise ValueError(f"CAMEO code {code}: root {root!r} is not a known root")
    goldstein = entry.get("goldstein")
    if isinstance(goldstein, bool) or not isinstance(goldstein, int | float):
        raise ValueError(f"CAMEO code {code}: Goldstein weight {goldstein!r} is not a number")
    if not GOLDSTEIN_MIN <= goldstein <= GOLDSTEIN_MAX:
        raise ValueError(
            f"CAMEO code {code}: Goldstein weight {goldstein} is outside "
            f"[{GOLDSTEIN_MIN}, {GOLDSTEIN_MAX}]"
        )
    plover = entry.get("plover")
    if plover not in plover_types:
        raise ValueError(f"CAMEO code {code}: PLOVER type {plover!r} is not defined")
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"CAMEO code {code}: name is missing")
    return CameoCode(
        code=code,
        name=name,
        goldstein=float(goldstein),
        quad_class=root_quads[root],
        plover=plover,
        root=root,
    )


@functools.cache
def load_codebook() -> Codebook:
    """The packaged CAMEO codebook, read and validated once per process."""
    return Codebook.from_mapping(read_packaged(_DATA_FILE))
