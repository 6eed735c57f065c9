#!/bin/bash
# make check-world: real command-line tools from Debian source packages (GNU sed, grep, gawk),
# built natively and cross-built static for riscv64, then each package's own upstream test
# suite run three times from copies of the native build tree: with the native tool, and with
# the tool replaced by a stand-in (wrap.c) that runs the riscv64 build under qemu-riscv64 or
# under rvx. Everything lives in build/world/. Prints a table of pass counts and, per engine,
# the failing tests with the first lines of their logs; the last line is "N passed, N failed"
# for rvx's runs. Environment: RVX, QEMU, WORLD_JOBS (make -j, default 2), WORLD_PKGS (a
# subset, e.g. "sed grep"), WORLD_ENGINES (default "native qemu rvx").
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
RVX=${RVX:-$ROOT/rvx}
QEMU=$(command -v "${QEMU:-qemu-riscv64}") || { echo "check-world: no qemu-riscv64"; exit 2; }
W=$ROOT/build/world
JOBS=${WORLD_JOBS:-2}
PKGS=${WORLD_PKGS:-sed grep gawk}
ENGINES=${WORLD_ENGINES:-native qemu rvx}
LIMIT=${WORLD_TEST_LIMIT:-120}   # seconds one emulated run of a tool may take

# name | Debian source dir | configure options | make arguments | the tool in the build tree
# | command that builds the suite's helpers | command that runs the suite | result format
pkg_row() {
  case $1 in
    sed)  echo "sed-4.9|--without-selinux --disable-acl||sed/sed|make -s -j$JOBS check SUBDIRS=. TESTS=|make -k -j$JOBS check SUBDIRS=.|automake:test-suite.log" ;;
    grep) echo "grep-3.8|--disable-perl-regexp||src/grep|make -s -j$JOBS -C tests check TESTS=|make -k -j$JOBS -C tests check|automake:tests/test-suite.log" ;;
    gawk) echo "gawk-5.2.1|--without-readline --without-mpfr --disable-extensions|SUBDIRS='support .'|gawk|true|make -k -C test check|gawk:test" ;;
    *) return 1 ;;
  esac
}

tests/world/fetch.sh "$W/src" $PKGS || { echo "check-world: apt-get source failed"; exit 2; }
[ -x "$RVX" ] || { echo "check-world: $RVX not built"; exit 2; }

declare -A total pass fail
for pkg in $PKGS; do
  IFS='|' read -r srcdir copts margs tool helpers runcmd format <<<"$(pkg_row "$pkg")"
  tests/world/build.sh "$W/src/$srcdir" "$W" "$pkg" "$copts" "$margs" || continue
  if [ ! -e "$W/native/$pkg/.rvx-helpers" ]; then
    (cd "$W/native/$pkg" && eval "$helpers") >"$W/native/$pkg.helpers.log" 2>&1 &&
      touch "$W/native/$pkg/.rvx-helpers"
  fi
  for engine in $ENGINES; do
    run=$W/run/$engine/$pkg
    rm -rf "$run" && mkdir -p "$W/run/$engine" && cp -a "$W/native/$pkg" "$run" || continue
    if [ "$engine" != native ]; then
      eng=$QEMU
      [ "$engine" = rvx ] && eng=$RVX
      rm -f "$run/$tool"
      cc -O2 -DENGINE="\"$eng\"" -DTARGET="\"$W/rv64/$pkg/$tool\"" -DLIMIT="$LIMIT" \
        -o "$run/$tool" tests/world/wrap.c || continue
    fi
    echo "   $pkg under $engine: $runcmd"
    start=$(date +%s)
    (cd "$run" && eval "timeout 1200 $runcmd") >"$run.out" 2>&1
    secs=$(( $(date +%s) - start ))
    # Results: automake's harness writes test-suite.log and one .trs per test; gawk's
    # Makefile names each test as it starts it and leaves _NAME files for the failing ones.
    : >"$run.failed"
    case $format in
      automake:*)
        log=$run/${format#automake:}
        t=$(sed -n 's/^# TOTAL: *//p' "$log" 2>/dev/null); p=$(sed -n 's/^# PASS: *//p' "$log" 2>/dev/null)
        s=$(sed -n 's/^# SKIP: *//p' "$log" 2>/dev/null); x=$(sed -n 's/^# XFAIL: *//p' "$log" 2>/dev/null)
        grep -lE ':test-result: (FAIL|ERROR|XPASS)' $(find "$run" -name '*.trs') 2>/dev/null |
          sed "s|^$run/||; s|\.trs$||" | sort >"$run.failed"
        t=${t:-0}; p=$((${p:-0} + ${x:-0})); s=${s:-0}
        total[$pkg.$engine]=$((t - s)); pass[$pkg.$engine]=$p ;;
      gawk:*)
        dir=$run/${format#gawk:}
        grep -E '^[A-Za-z0-9_+-]+$' "$run.out" | sort -u >"$run.names"
        # A crashing tool can print more such lines: the native run's list is the reference.
        ref=$W/run/native/$pkg.names
        [ "$engine" != native ] && [ -s "$ref" ] && cp "$ref" "$run.names"
        (cd "$dir" && ls _* 2>/dev/null) | sed 's/^_//; s/\..*//' | sort -u |
          comm -12 - "$run.names" >"$run.failed"
        t=$(wc -l <"$run.names")
        total[$pkg.$engine]=$t; pass[$pkg.$engine]=$((t - $(wc -l <"$run.failed"))) ;;
    esac
    fail[$pkg.$engine]=$(( ${total[$pkg.$engine]} - ${pass[$pkg.$engine]} ))
    echo "   $pkg under $engine: ${pass[$pkg.$engine]} of ${total[$pkg.$engine]} passed in ${secs}s (log: ${run#$ROOT/}.out)"
  done
done

echo
echo "| package | tests (not skipped) | $(echo "$ENGINES" | sed 's/ / | /g') |"
echo "|---|---:|$(for _ in $ENGINES; do printf -- '---:|'; done)"
for pkg in $PKGS; do
  row="| $pkg |"
  first=1
  for engine in $ENGINES; do
    [ $first = 1 ] && row="$row ${total[$pkg.$engine]:-?} |" && first=0
    row="$row ${pass[$pkg.$engine]:-?} |"
  done
  echo "$row"
done
echo
for engine in $ENGINES; do
  for pkg in $PKGS; do
    f=$W/run/$engine/$pkg.failed
    [ -s "$f" ] || continue
    echo "failing under $engine, $pkg ($(wc -l <"$f")):"
    while read -r t; do
      log=$W/run/$engine/$pkg/$t.log
      [ -f "$log" ] || log=$(ls "$W/run/$engine/$pkg"/test/_"$t"* 2>/dev/null | head -n1)
      why=$( [ -n "$log" ] && grep -m2 -iE 'not implemented|enosys|error|fail|signal|differ|unexpected' "$log" | tr '\n' ' ' | cut -c1-160)
      [ -z "$why" ] && [ -n "$log" ] && why=$(head -n2 "$log" | tr '\n' ' ' | cut -c1-160)
      echo "  $t: $why"
    done <"$f"
  done
done
p=0 f=0
for pkg in $PKGS; do
  p=$((p + ${pass[$pkg.rvx]:-0})); f=$((f + ${fail[$pkg.rvx]:-0}))
done
echo "world: $p passed, $f failed"
