"""`make offline`: the whole site for reading from file:// with no server, search included, zipped.

Material's offline plugin is listed in mkdocs.yml but off, because it turns directory URLs off
(`ec2/ebs.html` instead of `ec2/ebs/`); this build turns it on. Search on file:// needs a Web Worker
shim, which the plugin would fetch from a CDN: the site ships its own copy instead
(overrides/assets/javascripts/iframe-worker.js), so the offline site asks no other host for anything.

    python tools/offline.py [SITE_DIR [ZIP_FILE]]   (defaults: build/offline-site, build/offline-site.zip)
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "build" / "offline-site"
ZIP_FILE = ROOT / "build" / "offline-site.zip"
WORKER_SHIM = "assets/javascripts/iframe-worker.js"


def build_offline(site_dir: Path) -> None:
    """A strict build of mkdocs.yml with the offline plugin on; raises on any warning."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    offline = config.plugins.get("material/offline")
    if offline is None:
        raise SystemExit("mkdocs.yml must list Material's offline plugin (- offline: enabled: false)")
    offline.config.enabled = True
    # The plugin adds the CDN shim only when no polyfill named "iframe-worker" is listed.
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), WORKER_SHIM]
    build(config)


def zip_site(site_dir: Path, zip_file: Path) -> Path:
    """The site as one zip with its folder inside: unzip, open offline-site/index.html."""
    zip_file.parent.mkdir(parents=True, exist_ok=True)
    archive = shutil.make_archive(str(zip_file.with_suffix("")), "zip", root_dir=site_dir.parent,
                                  base_dir=site_dir.name)
    return Path(archive)


if __name__ == "__main__":
    site_dir = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else SITE_DIR
    zip_file = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ZIP_FILE
    build_offline(site_dir)
    print(f"Offline site: {site_dir / 'index.html'}\nZipped: {zip_site(site_dir, zip_file)}")
