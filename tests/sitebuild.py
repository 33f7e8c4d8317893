"""Build a site in a subprocess, as a reader's `mkdocs build --strict` would, and read what it made."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


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
