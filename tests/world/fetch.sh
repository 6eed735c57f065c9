#!/bin/bash
# Fetches the Debian source packages check-world builds (apt-get source) into $1, adding a
# deb-src line for the configured Debian suites when apt has none. Needs root (apt-get update).
set -e
dest=$1; shift
mkdir -p "$dest"
if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  src=/etc/apt/sources.list.d/rvx-world-src.sources
  # The same archive and suites as the binary entries, for sources.
  sed -n '/^Types: deb$/,/^$/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null |
    sed 's/^Types: deb$/Types: deb-src/' >"$src"
  [ -s "$src" ] || echo "deb-src http://deb.debian.org/debian bookworm main" >"$src"
  apt-get update -qq
fi
cd "$dest"
for pkg in "$@"; do
  if ! ls -d "$pkg"-*/ >/dev/null 2>&1; then
    apt-get source -qq "$pkg" >/dev/null
    # Debian's patches touch autotools inputs (Makefile.am, ...); the shipped configure and
    # Makefile.in are what we build with, so make the inputs older than them: no autoreconf.
    find "$pkg"-*/ \( -name '*.am' -o -name '*.mk' -o -name configure.ac -o -name '*.m4' \) \
      -exec touch -d 2000-01-01 {} +
  fi
done
