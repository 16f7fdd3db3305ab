#!/usr/bin/env bash
# Install the Debian packages planwatch needs, only those missing. Safe to run again.
#   base: nothing beyond Python (the venv brings the rest)
#   test: PostgreSQL 15 server for the store tests; Debian's chromium and CJK fonts for the browser tests;
#         LibreOffice Writer to export the seed's Word file as the PDFs the PDF reader is tested on
#   bench: poppler-utils (pdftotext, the yardstick bench/ingest.py times the PDF reader against)
set -euo pipefail
want=("$@")
missing=()
for group in "${want[@]}"; do
  case "$group" in
    test)
      ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
      [ -x /usr/bin/chromium ] || missing+=(chromium)
      # grep reads all of fc-list's output (-q would close the pipe early: SIGPIPE fails the pipeline under pipefail)
      fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
      [ -e /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui)  # Writer, not only soffice
      ;;
    bench)
      command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
      ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "需要安装系统软件包：${missing[*]}（请用 root 运行，或手工 apt-get install）" >&2
  exit 1
fi
echo "安装系统软件包：${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade "${missing[@]}" >/dev/null
