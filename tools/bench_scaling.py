"""Does the build's cost grow linearly with the size of a page? Prints what each KB costs.

A small site (the project's theme, extensions and hooks) with one page of notes, built in this
process as `mkdocs serve` does, the fastest of five builds each (a full garbage collection
before each, so one build does not pay for the last one's garbage):
- the largest page in docs/, its body repeated 1, 4 and 16 times;
- one line of 14, 56 and 112 KB: the notes' lines that define an acronym ("Elastic Network
  Interface (ENI) ..."), joined into one paragraph, since each definition on a line is work
  for the term index.
The fixed cost of a site drowns a page's own, so the figure to read is the cost of each added
KB from one size to the next: linear growth keeps it flat, quadratic growth multiplies it.
Prints numbers; passes or fails nothing. Run: make bench-scaling
"""

from __future__ import annotations

import gc
import logging
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from sitebuild import write_small_site  # noqa: E402

RUNS = 5
DEFINES = re.compile(r"\([A-Z][A-Za-z0-9]{1,9}\)")


def page_cost(markdown: str, folder: Path) -> float:
    """Seconds for the fastest of RUNS builds of a small site holding `markdown` as one page."""
    config_file = write_small_site(folder, {"index.md": "# Home\n\nStart.\n", "notes/index.md": "# Notes\n",
                                            "notes/page.md": markdown})
    best = float("inf")
    for _ in range(RUNS):
        config = load_config(str(config_file), site_dir=str(folder / "site"))
        gc.collect()
        start = time.perf_counter()
        build(config)
        best = min(best, time.perf_counter() - start)
    return best


def report(sizes: list[tuple[str, int, float]]) -> None:
    """Each size's build time, and what each KB added since the size before cost."""
    for number, (label, size, seconds) in enumerate(sizes):
        line = f"  {label:>24}: {size / 1024:6.0f} KB, built in {seconds:.3f} s"
        if number:
            _, last_size, last_seconds = sizes[number - 1]
            line += f"; each added KB: {1000 * (seconds - last_seconds) / ((size - last_size) / 1024):.2f} ms"
        print(line)


def main() -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    pages = sorted((ROOT / "docs").rglob("*.md"), key=lambda p: p.stat().st_size)
    largest = pages[-1].read_text(encoding="utf-8")
    title, _, body = largest.partition("\n")
    defining = " ".join(line.strip(" *-") for p in pages for line in p.read_text(encoding="utf-8").split("\n")
                        if DEFINES.search(line))
    with tempfile.TemporaryDirectory() as scratch:
        print(f"The largest page, {pages[-1].relative_to(ROOT / 'docs')}, repeated:")
        sizes = []
        for times in (1, 4, 16):
            markdown = title + "\n" + body * times
            sizes.append((f"{times}x the largest page", len(markdown.encode()),
                          page_cost(markdown, Path(scratch) / f"page{times}")))
        report(sizes)
        print(f"One long line: the {len(defining) // 1024} KB of lines that define an acronym, joined and repeated:")
        sizes = []
        for kb in (14, 56, 112):
            line = ((defining + " ") * (kb * 1024 // (len(defining) + 1) + 1))[:kb * 1024]
            markdown = f"# Long line\n\n{line}\n"
            sizes.append((f"a {kb} KB line", kb * 1024, page_cost(markdown, Path(scratch) / f"line{kb}")))
        report(sizes)


if __name__ == "__main__":
    main()
