"""`python tools/serve_gzip.py SITE_DIR PORT`: serve a built site on 127.0.0.1 as a web host serves
it, text files gzipped (GitHub Pages, Netlify and most hosts compress HTML, CSS, JS, JSON, SVG and
XML; Python's http.server does not). For measuring the site as readers download it
(tools/lighthouse.sh --gzip); `make serve` and the tests do not need it."""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
from pathlib import Path

TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.name.endswith(TEXT) or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def main() -> None:
    site, port = Path(sys.argv[1]), int(sys.argv[2])
    handler = functools.partial(GzipHandler, directory=str(site))
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
