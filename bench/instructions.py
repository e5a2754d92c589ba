"""bench/speed.py's two legs counted in instructions, which no load on the host moves.

    .venv/bin/python bench/instructions.py               # the first 20 VOA stories
    .venv/bin/python bench/instructions.py --stories 65  # the whole corpus (about 3x as long)

Wall and CPU seconds of the two legs spread by 20-40% on a shared machine, more than the
coding's share the issue bounds (25%). This runs itself under valgrind's callgrind: it loads
the coder, codes the stories once (so both legs start warm), then runs (a) spaCy alone (the
pipeline without the event step, as in speed.py) and (b) detente end to end
(`Coder.code_articles`), with a marker call between the parts at which callgrind writes a
dump; each leg's instruction count is its dump's total. Needs `valgrind` (Debian: apt-get
install valgrind) and takes about 15 minutes for 20 stories on an idle core, as callgrind
runs some 50 times slower than the program. Instructions leave out memory stalls and what
vector units do per instruction, so the ratio is a machine-independent proxy for the time
ratio, not the same figure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# os.getppid is called nowhere else while the legs run; its C function is the dump marker
MARKER = "os_getppid"
LEGS = ("load and warm pass", "(a) spaCy alone", "(b) detente end to end")
_TOTAL = re.compile(r"^(?:totals|summary):\s*(\d+)", re.MULTILINE)


def run_legs(stories: int) -> None:
    """The measured program, run under callgrind: a marker call after each part."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from speed import voa_articles

    from detente.coder import EVENT_COMPONENT, PIPE_BATCH, Coder

    articles = voa_articles()[:stories]
    texts = [article.text for article in articles]
    coder = Coder()
    nlp = coder.nlp
    for _ in coder.code_articles(articles, PIPE_BATCH, 1):
        pass
    os.getppid()
    with nlp.select_pipes(disable=[EVENT_COMPONENT]):
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):
            pass
    os.getppid()
    events = sum(len(found) for _, found in coder.code_articles(articles, PIPE_BATCH, 1))
    os.getppid()
    print(f"stories {len(articles)}, events {events}")


def instructions(dump: Path) -> int:
    found = _TOTAL.search(dump.read_text(encoding="utf-8", errors="replace"))
    if found is None:
        raise SystemExit(f"{dump}: no instruction total in the callgrind dump")
    return int(found.group(1))


def measure(stories: int) -> int:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="detente-instructions-") as folder:
        out = Path(folder) / "callgrind.out"
        command = [valgrind, "--tool=callgrind", f"--dump-before={MARKER}",
                   f"--callgrind-out-file={out}", sys.executable, __file__, "--legs",
                   "--stories", str(stories)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"callgrind run failed ({done.returncode}): {done.stderr.strip()[-400:]}",
                  file=sys.stderr)
            return 1
        print(done.stdout.strip())
        counts = [instructions(Path(f"{out}.{number}")) for number in (1, 2, 3)]
    for leg, count in zip(LEGS, counts, strict=True):
        print(f"{leg:24} {count / 1e9:8.2f} G instructions")
    bare, full = counts[1], counts[2]
    print(f"instruction ratio (b / a) {full / bare:.3f}  "
          f"(coding adds {100 * (full / bare - 1):.1f}% instructions)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="speed.py's legs counted in instructions.")
    parser.add_argument("--stories", type=int, default=20, help="first N VOA stories (20)")
    parser.add_argument("--legs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if args.legs:
        run_legs(args.stories)
        return 0
    return measure(args.stories)


if __name__ == "__main__":
    sys.exit(main())
