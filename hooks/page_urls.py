"""Two files published at the same URL (`a/b.md` and `a/b/index.md`): MkDocs silently keeps only
one of them, so a note would vanish from the site. Name both files and fail a strict build."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def on_files(files, **kwargs):
    for dest, sources in clashing_destinations((file.src_uri, file.dest_uri) for file in files).items():
        log.warning(f"{' and '.join(sources)} are both published as {dest}; only one would reach the site: "
                    "rename or move one of them")
    return files


def clashing_destinations(files) -> dict[str, list[str]]:
    """Destination -> its source files, for every destination more than one source writes."""
    sources: dict[str, list[str]] = {}
    for src, dest in files:
        sources.setdefault(dest, []).append(src)
    return {dest: sorted(srcs) for dest, srcs in sources.items() if len(srcs) > 1}
