"""What the knowledge layer (hooks/knowledge.py) costs: build the site with it and without it,
five times each, interleaved so both see the same machine load, and print the median ratio.

Run with `make bench`. Prints numbers; passes or fails nothing (these machines are shared).
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_HOOK = "hooks/knowledge.py"
RUNS = 5


def build_seconds(with_knowledge: bool, site_dir: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one build. CPU time of this process is the steadier of the two on
    a shared machine: another process's load does not count in it."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
    if not with_knowledge:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir,
                             hooks=[h for h in _hooks() if h != KNOWLEDGE_HOOK])
    wall, cpu = time.perf_counter(), time.process_time()
    build(config)
    return time.perf_counter() - wall, time.process_time() - cpu


def _hooks() -> list[str]:
    import yaml
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text())["hooks"]


def main() -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as site_dir:
        build_seconds(True, site_dir)  # warm-up: imports, file cache
        for _ in range(RUNS):
            for with_knowledge in (False, True):
                timings[with_knowledge].append(build_seconds(with_knowledge, site_dir))
    for clock, which in (("wall", 0), ("CPU", 1)):
        on = statistics.median(t[which] for t in timings[True])
        off = statistics.median(t[which] for t in timings[False])
        runs_off = ", ".join(f"{t[which]:.2f}" for t in timings[False])
        runs_on = ", ".join(f"{t[which]:.2f}" for t in timings[True])
        print(f"{clock:>4}: without {off:.2f} s ({runs_off}); with {on:.2f} s ({runs_on}); "
              f"ratio {on / off:.3f} (target <= 1.10)")


if __name__ == "__main__":
    sys.exit(main())
