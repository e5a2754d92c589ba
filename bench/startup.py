"""Start-up: what `Coder()` costs beyond loading the spaCy pipeline, and `detente code` on one
article against a bare spaCy script that parses the same text.

    .venv/bin/python bench/startup.py                    # samples/01-caspian-arms.txt
    .venv/bin/python bench/startup.py --text one.txt --rounds 5

Every measurement is a fresh process (imports and loading paid as a user pays them); the
commands alternate and the best of ``--rounds`` counts. The data-table cache
(``detente.tablecache``) goes into a temporary folder: one untimed run builds it first, and its
time is printed as the cold start.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from processes import alternate  # noqa: E402

from detente.config import model_name  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "01-caspian-arms.txt"

# Each child prints one JSON line of in-process timings.
SPACY_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import spacy
t1 = time.perf_counter()
nlp = spacy.load(sys.argv[1])
t2 = time.perf_counter()
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "parse": t3 - t2}))
"""
CODER_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import spacy
t1 = time.perf_counter()
from detente.coder import Coder
t2 = time.perf_counter()
Coder(model=sys.argv[1])
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "import_detente": t2 - t1, "coder": t3 - t2}))
"""


def detente_command() -> list[str]:
    script = Path(sys.executable).parent / "detente"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from detente.cli import main; sys.exit(main())"]


def main() -> int:
    parser = argparse.ArgumentParser(description="Coder start-up against spacy.load.")
    parser.add_argument("--text", type=Path, default=SAMPLE, help="the one article to code")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    model = model_name(args.model)
    commands = {
        "spacy": [sys.executable, "-c", SPACY_CHILD, model, str(args.text)],
        "coder": [sys.executable, "-c", CODER_CHILD, model],
        "detente code": [*detente_command(), "code", str(args.text), "--format", "jsonl",
                         "--model", model],
    }
    cache = tempfile.mkdtemp(prefix="detente-cache-")
    try:
        env = {"DETENTE_CACHE_DIR": cache}
        cold = alternate({"coder": commands["coder"]}, rounds=1, env=env)["coder"]
        runs = alternate(commands, rounds=args.rounds, env=env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)

    spacy_load = runs["spacy"].best_of("load")
    coder = runs["coder"].best_of("coder")
    bare, full = runs["spacy"].best, runs["detente code"].best
    print(f"fresh processes, alternating, best of {args.rounds}; model {model}; "
          f"text {args.text.name}")
    print(f"import spacy                 {runs['spacy'].best_of('import'):6.2f} s")
    print(f"spacy.load                   {spacy_load:6.2f} s")
    print(f"import detente.coder         {runs['coder'].best_of('import_detente'):6.2f} s "
          "(after spacy)")
    print(f"Coder()                      {coder:6.2f} s  (cold cache: "
          f"{cold.reports[0]['coder']:.2f} s)")
    print(f"Coder() beyond spacy.load    {coder - spacy_load:6.2f} s")
    print(f"bare spaCy script, wall      {bare:6.2f} s  (rounds {runs['spacy'].rounds()})")
    print(f"detente code one.txt, wall   {full:6.2f} s  (rounds {runs['detente code'].rounds()})")
    print(f"detente code beyond spaCy    {full - bare:6.2f} s  (ratio {full / bare:.2f})")
    print(json.dumps({"spacy_load": spacy_load, "coder": coder, "beyond": coder - spacy_load,
                      "bare_wall": bare, "detente_wall": full}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
