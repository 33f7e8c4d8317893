"""Where pages are published.

Two files published at the same URL (`a/b.md` and `a/b/index.md`): MkDocs silently keeps only
one of them, so a note would vanish from the site. Name both files and fail a strict build.
"""

from __future__ import annotations

from mkdocs.commands.build import get_context
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


def on_template_context(context, template_name, config, **kwargs):
    """The offline build is opened from file://, where a root-relative link leads nowhere. Its 404
    page sits at the site's root: its links are made relative to that, as every page's are."""
    offline = config.plugins.get("material/offline")
    if template_name == "404.html" and offline is not None and offline.config.enabled:
        context.update(get_context(context["nav"], context["pages"], config, base_url="."))
    return context
