#!/bin/bash
# Builds one unpacked source package twice, out of tree: natively (its test suite's helpers
# and the reference results) and cross for riscv64, static. A stamp per build makes a second
# run do nothing.  Usage: build.sh SRC_DIR WORLD_DIR PKG "CONFIGURE OPTIONS" ["MAKE ARGS"]
# (MAKE ARGS is shell text: quote inside it, e.g. "SUBDIRS='support .'").
src=$1 world=$2 pkg=$3 opts=$4 margs=$5
jobs=${WORLD_JOBS:-2}
build_one() {   # build_one FLAVOUR configure-args...
  local dir=$world/$1/$pkg; shift
  [ -e "$dir/.rvx-built" ] && return 0
  rm -rf "$dir" && mkdir -p "$dir" || return 1
  echo "   building $pkg ($(basename "$(dirname "$dir")")) in $dir"
  # MAKEINFO=true: Debian's patches touch the manuals, and the manual is not what we test.
  # shellcheck disable=SC2086  # opts is a list of words
  ( cd "$dir" &&
    "$src/configure" -q --disable-dependency-tracking --disable-nls $opts "$@" &&
    eval "make -s -j$jobs MAKEINFO=true $margs" ) >"$dir.log" 2>&1 ||
    { echo "   build failed: see $dir.log"; return 1; }
  touch "$dir/.rvx-built"
}
build_one native CFLAGS="-O2" || exit 1
build_one rv64 --host=riscv64-linux-gnu CFLAGS="-O2" LDFLAGS="-static" || exit 1
