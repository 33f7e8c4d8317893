"""Build a site in a subprocess, as a reader's `mkdocs build --strict` would, serve it on
127.0.0.1, and resolve its links: the helpers every test shares."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent

# What tests leave for the end of the run (hit@k tables, request logs, measured figures): conftest.py
# prints it after the results, gathered from every pytest-xdist worker.
summaries: list[str] = []


def summary(text: str) -> None:
    summaries.append(text)


@dataclass
class Build:
    returncode: int
    log: str
    site_dir: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def build(config_file: Path, site_dir: Path, strict: bool = True) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config_file.parent)
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def build_small_site(folder: Path, pages: dict[str, str | bytes], strict: bool = True) -> Build:
    """A throw-away site with the project's own theme, extensions and hooks, and the given pages.
    (Its own alias file would be folder/hooks/aliases.yml; it has none.)"""
    return build(write_small_site(folder, pages), folder / "site", strict)


def write_small_site(folder: Path, pages: dict[str, str | bytes]) -> Path:
    """Write the small site's docs and mkdocs.yml into folder; return the config file."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.Loader)
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["extra_css"] = []
    docs = folder / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # a page in some other encoding
            (docs / name).write_bytes(text)
        else:
            (docs / name).write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.dump(config, sort_keys=False), encoding="utf-8")
    return config_file


def site_path(page_url: str, href: str) -> str:
    """An href on the page at page_url ('ec2/ebs/') as a site path ('vpc/nat-gateway/#anchor')."""
    absolute = urlsplit(urljoin("http://site/" + page_url, href))
    return unquote(absolute.path.lstrip("/")) + (f"#{absolute.fragment}" if absolute.fragment else "")


@contextlib.contextmanager
def serve(directory: Path):
    """A built site over HTTP on 127.0.0.1, as a reader's browser gets it; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_documents(site_dir: Path) -> list[dict]:
    """What search finds: the documents the site's search worker indexes ({location, title, text})."""
    return json.loads((site_dir / "search" / "search_documents.json").read_text(encoding="utf-8"))["docs"]
