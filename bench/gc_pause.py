"""How long one full garbage collection stalls a web worker, before and after `gc.freeze()`.

    .venv/bin/python bench/gc_pause.py [--rounds 5]

Imports the app as a worker does (Reflex pages, states, models), then times full collections
with the start-up heap tracked, and again once it is frozen (what microshort/app.py does in its
`freeze_startup_heap` lifespan task). A full collection runs on the event loop's thread: every
live room of the worker waits for it.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _pauses_ms(rounds: int) -> list[float]:
    pauses = []
    for _ in range(rounds):
        started = time.perf_counter()
        gc.collect()
        pauses.append((time.perf_counter() - started) * 1000)
    return pauses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import microshort.app  # noqa: F401  (the worker's start-up heap)

    tracked = len(gc.get_objects())
    before = _pauses_ms(args.rounds)
    gc.freeze()
    after = _pauses_ms(args.rounds)
    print(f"objects tracked after start-up: {tracked:,}; frozen: {gc.get_freeze_count():,}\n")
    print("| heap | full collections | median ms | max ms |")
    print("|---|---|---|---|")
    for name, pauses in (("start-up heap tracked", before), ("after gc.freeze()", after)):
        print(f"| {name} | {len(pauses)} | {statistics.median(pauses):.2f} | {max(pauses):.2f} |")


if __name__ == "__main__":
    main()
