#!/usr/bin/env bash
# Copy the pinned front-end assets (package.json / package-lock.json) from node_modules into the
# web app's static/vendor/: served by planwatch itself, never from a CDN. Not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/echarts/dist/echarts.min.js ] || [ ! -f node_modules/htmx.org/dist/htmx.min.js ] \
  || [ ! -f node_modules/swagger-ui-dist/swagger-ui-bundle.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
vendor=planwatch/present/web/static/vendor
mkdir -p "$vendor"
cp node_modules/echarts/dist/echarts.min.js "$vendor/echarts.min.js"
cp node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx.min.js"
cp node_modules/echarts/LICENSE "$vendor/echarts.LICENSE"
cp node_modules/htmx.org/LICENSE "$vendor/htmx.LICENSE"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$vendor/"
cp node_modules/swagger-ui-dist/LICENSE "$vendor/swagger-ui.LICENSE"
echo "vendored: $(ls "$vendor" | tr '\n' ' ')"
