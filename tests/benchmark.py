"""What the knowledge layer (hooks/knowledge.py) costs: run `mkdocs build` with it and without
it, five times each, interleaved so both see the same machine load, and print the median ratio.

Each build is a fresh process, as a reader's or CI's `mkdocs build` is: nothing is cached from
one build to the next. Run with `make bench`. Prints numbers; passes or fails nothing.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_HOOK = "  - hooks/knowledge.py\n"
RUNS = 5


def build_seconds(config_file: Path, site_dir: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one `mkdocs build`. CPU time of the build process is the steadier
    of the two on a shared machine: another process's load does not count in it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file),
                    "--site-dir", site_dir], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert KNOWLEDGE_HOOK in config, "mkdocs.yml no longer lists hooks/knowledge.py"
    # Beside mkdocs.yml, so its relative paths (docs/, hooks/, overrides/) still resolve.
    without = ROOT / ".mkdocs-without-knowledge.yml"
    without.write_text(config.replace(KNOWLEDGE_HOOK, ""), encoding="utf-8")
    configs = {True: ROOT / "mkdocs.yml", False: without}
    timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    try:
        with tempfile.TemporaryDirectory() as site_dir:
            build_seconds(configs[True], site_dir)  # warm-up: the file cache, .pyc files
            for _ in range(RUNS):
                for with_knowledge in (False, True):
                    timings[with_knowledge].append(build_seconds(configs[with_knowledge], site_dir))
    finally:
        without.unlink()
    for clock, which in (("wall", 0), ("CPU", 1)):
        on = statistics.median(t[which] for t in timings[True])
        off = statistics.median(t[which] for t in timings[False])
        runs_off = ", ".join(f"{t[which]:.2f}" for t in timings[False])
        runs_on = ", ".join(f"{t[which]:.2f}" for t in timings[True])
        print(f"{clock:>4}: without {off:.2f} s ({runs_off}); with {on:.2f} s ({runs_on}); "
              f"ratio {on / off:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
