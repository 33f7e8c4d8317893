#!/usr/bin/env bash
# Lighthouse's mobile performance audit (its default: a mid-range phone, slow 4G) of the home page
# and a content page of a strict build, served on 127.0.0.1 by Python's http.server.
# A measurement, not a test: `make test` does not run it (npm is not part of the test set-up).
#
#   tools/lighthouse.sh [--gzip] [SITE_DIR]   (default: a fresh strict build into build/lighthouse-site)
#
# --gzip serves the files gzipped (tools/serve_gzip.py), as the published host does; without it
# Python's http.server sends them uncompressed, and Lighthouse's first advice is text compression.
# Needs Node and Lighthouse from npm, installed once into a folder of your choice:
#   mkdir -p /tmp/lh && (cd /tmp/lh && npm install lighthouse)
# and LIGHTHOUSE (default /tmp/lh/node_modules/.bin/lighthouse), CHROME_PATH (default /usr/bin/chromium).
# Prints, per page, for the median of RUNS runs (default 3): the performance score (and every run's),
# First and Largest Contentful Paint, Total Blocking Time,
# Cumulative Layout Shift and the bytes transferred (and the largest requests); the full reports
# are written to build/lighthouse/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHTHOUSE=${LIGHTHOUSE:-/tmp/lh/node_modules/.bin/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
PAGES=${PAGES:-"/ /ec2/ebs/"}
RUNS=${RUNS:-3}  # runs per page; the median run is printed (a busy machine moves TBT by hundreds of ms)
if [ ! -x "$LIGHTHOUSE" ]; then
  echo "No Lighthouse at $LIGHTHOUSE: mkdir -p /tmp/lh && (cd /tmp/lh && npm install lighthouse)" >&2
  exit 2
fi
SERVER_COMMAND=http.server
if [ "${1:-}" = "--gzip" ]; then
  SERVER_COMMAND=tools/serve_gzip.py
  shift
fi
SITE=${1:-}
if [ -z "$SITE" ]; then
  SITE=build/lighthouse-site
  rm -rf "$SITE"
  NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet --site-dir "$SITE"
fi
OUT=build/lighthouse
mkdir -p "$OUT"
PORT=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$SERVER_COMMAND" = tools/serve_gzip.py ]; then
  .venv/bin/python tools/serve_gzip.py "$SITE" "$PORT" &
else
  .venv/bin/python -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
fi
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
for path in $PAGES; do
  name=$(echo "$path" | tr -c 'a-z0-9\n' '-' | sed 's/^-*$/home/; s/^-//; s/-$//')
  reports=()
  for run in $(seq "$RUNS"); do
    report="$OUT/lighthouse-$name-$run.json"
    "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" --only-categories=performance --output=json \
      --output-path="$report" --quiet --chrome-flags="--headless=new --no-sandbox --disable-gpu"
    reports+=("$report")
  done
  .venv/bin/python - "$path" "${reports[@]}" <<'PY'
import json, sys
path, files = sys.argv[1], sys.argv[2:]
runs = sorted((json.load(open(file)) for file in files), key=lambda r: r["categories"]["performance"]["score"])
report = runs[len(runs) // 2]  # the median run, as Lighthouse advises for a noisy machine
audits = report["audits"]
value = lambda key: audits[key]["displayValue"]
requests = audits["network-requests"]["details"]["items"]
largest = sorted(requests, key=lambda r: -r.get("transferSize", 0))[:4]
scores = ", ".join(f"{r['categories']['performance']['score'] * 100:.0f}" for r in runs)
print(f"{path}: performance {report['categories']['performance']['score'] * 100:.0f} (median of {len(runs)} runs: "
      f"{scores}); FCP {value('first-contentful-paint')}, LCP {value('largest-contentful-paint')}, "
      f"TBT {value('total-blocking-time')}, CLS {value('cumulative-layout-shift')}; "
      f"{value('total-byte-weight')} in {len(requests)} requests; largest: "
      + ", ".join(f"{r['url'].rsplit('/', 1)[-1] or '/'} {r.get('transferSize', 0) / 1024:.0f} KiB" for r in largest))
PY
done
