"""What the knowledge layer (hooks/knowledge.py) costs: run `mkdocs build` with it and without
it, five times each, interleaved in pairs so both see the same machine load, and print the median
of the five pairs' ratios.

Each build is a fresh process, as a reader's or CI's `mkdocs build` is: nothing is cached from
one build to the next. The hooks are byte-compiled first, as pip compiles the packages both builds
use: with PYTHONDONTWRITEBYTECODE set (it is on these machines) every build would otherwise
compile the hooks' source again. Run with `make bench`. Prints numbers; passes or fails nothing.

Seconds on a shared machine vary by a fifth from run to run, and so does one pair's ratio: the
median of five moves by several hundredths between runs (`--pairs 25` narrows it).
`--instructions` also counts the instructions each build executes under valgrind's callgrind
(about three minutes), which is the same number on every run: the steady figure to compare one
change with the next.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_HOOK = "  - hooks/knowledge.py\n"
RUNS = 5
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_command(config_file: Path, site_dir: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file),
            "--site-dir", site_dir]


def build_seconds(config_file: Path, site_dir: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one `mkdocs build`. CPU time of the build process is the steadier
    of the two on a shared machine: another process's load does not count in it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(build_command(config_file, site_dir), cwd=ROOT, check=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def build_instructions(config_file: Path, site_dir: str) -> int:
    """Instructions one `mkdocs build` executes, counted by callgrind."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
                       + build_command(config_file, site_dir), cwd=ROOT, check=True, env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with valgrind (deterministic, ~3 minutes)")
    parser.add_argument("--pairs", type=int, default=RUNS,
                        help=f"with/without pairs to time (default {RUNS}); more give a steadier median")
    args = parser.parse_args()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert KNOWLEDGE_HOOK in config, "mkdocs.yml no longer lists hooks/knowledge.py"
    compileall.compile_dir(ROOT / "hooks", quiet=1)
    # Beside mkdocs.yml, so its relative paths (docs/, hooks/, overrides/) still resolve.
    without = ROOT / ".mkdocs-without-knowledge.yml"
    without.write_text(config.replace(KNOWLEDGE_HOOK, ""), encoding="utf-8")
    configs = {True: ROOT / "mkdocs.yml", False: without}
    timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    try:
        with tempfile.TemporaryDirectory() as site_dir:
            build_seconds(configs[True], site_dir)  # warm-up: the file cache
            for run in range(args.pairs):
                # Each pair runs back to back, so both see the same load; which goes first
                # alternates, so neither always runs on the machine the other left behind.
                for with_knowledge in (False, True) if run % 2 == 0 else (True, False):
                    timings[with_knowledge].append(build_seconds(configs[with_knowledge], site_dir))
        for clock, which in (("wall", 0), ("CPU", 1)):
            ratios = sorted(on[which] / off[which] for on, off in zip(timings[True], timings[False], strict=True))
            off = statistics.median(t[which] for t in timings[False])
            on = statistics.median(t[which] for t in timings[True])
            print(f"{clock:>4}: without {off:.2f} s, with {on:.2f} s (medians); "
                  f"ratio {statistics.median(ratios):.3f} (target <= 1.10), the median of the pairs' "
                  f"{', '.join(f'{r:.3f}' for r in ratios)}", flush=True)
        if args.instructions:
            if shutil.which("valgrind") is None:
                sys.exit("--instructions needs valgrind: apt-get install valgrind")
            with tempfile.TemporaryDirectory() as site_on, tempfile.TemporaryDirectory() as site_off, \
                    ThreadPoolExecutor(2) as pool:  # one build per core
                on, off = pool.map(build_instructions, (configs[True], configs[False]), (site_on, site_off))
            print(f"instructions: without {off / 1e9:.2f} G; with {on / 1e9:.2f} G; "
                  f"ratio {on / off:.3f} (target <= 1.10)")
    finally:
        without.unlink()


if __name__ == "__main__":
    main()
