#!/bin/bash
# make fuzz: runs each libFuzzer harness (build/fuzz/fuzz_NAME, from tests/fuzz/fuzz_NAME.c)
# for SECONDS seconds, one after the other at nice 19 (the machine is shared), then merges
# what it found into tests/fuzz/corpus/NAME/ (only inputs that add coverage), and appends a
# line per harness to tests/fuzz/LOG.md. Crashes go to build/fuzz/crashes/ and are listed.
#   tests/fuzz/run.sh SECONDS [NAME...]      (default: every harness)
#   tests/fuzz/run.sh --totals               prints the hours and executions per harness
#   tests/fuzz/run.sh --minimize [NAME...]   shrinks each saved corpus to the smallest set with
#                                            the same coverage (keeps the regress-* inputs)
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
LOG=tests/fuzz/LOG.md
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer)}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ "$1" = --totals ]; then
  awk -F'|' '/^\| 20/ { h = $3; gsub(/ /, "", h); s[h] += $4; e[h] += $5; c[h] += $6 }
    END { for (h in s) printf "%-8s %7.2f hours %12d executions %3d crashes\n", h, s[h] / 3600, e[h], c[h] }' \
    "$LOG" | sort
  exit 0
fi

minimize=0
[ "$1" = --minimize ] && { minimize=1; shift; set -- 0 "$@"; }
secs=${1:-60}; shift
names=("$@")
if [ ${#names[@]} = 0 ]; then
  for f in tests/fuzz/fuzz_*.c; do n=${f#tests/fuzz/fuzz_}; names+=("${n%.c}"); done
fi
mkdir -p build/fuzz/crashes

# Per harness: the longest input, extra options, and read-only seed directories.
opts_of() {
  case $1 in
    elf) echo "-max_len=12288 -dict=$ROOT/tests/fuzz/elf.dict" ;;
    isa) echo "-max_len=512" ;;
    syscall) echo "-max_len=2048" ;;
    cmdline) echo "-max_len=1024 -dict=$ROOT/tests/fuzz/cmdline.dict" ;;
  esac
}
seeds_of() {   # a directory of small riscv64 ELF files the build and the suites made
  [ "$1" = elf ] || return 0
  local dir=$ROOT/build/fuzz/elf-seeds f
  mkdir -p "$dir"
  find build/isa build/loader build/dyn -maxdepth 1 -type f -size -12k 2>/dev/null |
    while read -r f; do
      [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] && cp "$f" "$dir/"
    done
  echo "$dir"
}

# --minimize: libFuzzer's merge of the saved corpus into an empty directory.
if [ $minimize = 1 ]; then
  for name in "${names[@]}"; do
    corpus=tests/fuzz/corpus/$name tmp=$(mktemp -d /tmp/rvx-fuzz-min.XXXXXX)
    mkdir "$tmp/out" "$tmp/t"
    # shellcheck disable=SC2046
    TMPDIR=$tmp/t nice -n 19 build/fuzz/fuzz_"$name" -merge=1 $(opts_of "$name") "$tmp/out" \
      "$corpus" </dev/null >/dev/null 2>&1 || { echo "fuzz: merge of $name failed"; rm -rf "$tmp"; continue; }
    find "$corpus" -maxdepth 1 -type f ! -name 'regress-*' -delete
    find "$tmp/out" -maxdepth 1 -type f -exec mv {} "$corpus/" \;
    for r in "$corpus"/regress-*; do   # the merge's copy of a reproducer (named by its SHA-1)
      [ -e "$r" ] && rm -f "$corpus/$(sha1sum <"$r" | cut -c1-40)"
    done
    rm -rf "$tmp"
    echo "fuzz: $name corpus: $(ls "$corpus" | wc -l) inputs, $(cat "$corpus"/* 2>/dev/null | wc -c) bytes"
  done
  exit 0
fi

status=0
for name in "${names[@]}"; do
  bin=$ROOT/build/fuzz/fuzz_$name
  corpus=$ROOT/tests/fuzz/corpus/$name
  [ -x "$bin" ] || { echo "fuzz: $bin is missing (make fuzz-build)"; status=1; continue; }
  mkdir -p "$corpus"
  new=$(mktemp -d /tmp/rvx-fuzz-new.XXXXXX)
  export TMPDIR=$new.tmp   # the syscall harness's scratch directory goes there
  mkdir -p "$TMPDIR"
  out=$(mktemp /tmp/rvx-fuzz-log.XXXXXX)
  before=$(ls build/fuzz/crashes | grep -cE -- "-(crash|leak|timeout|oom)-")
  echo "fuzz: $name for $secs s"
  start=$SECONDS
  # shellcheck disable=SC2046
  FUZZ_COUNT_FILE=$out.count nice -n 19 "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -handle_xfsz=0 \
    -print_final_stats=1 -artifact_prefix="$ROOT/build/fuzz/crashes/$name-" \
    $(opts_of "$name") "$new" "$corpus" $(seeds_of "$name") </dev/null 2>&1 | cat >"$out"
  rc=${PIPESTATUS[0]}   # through a pipe: a fuzzed lseek or ftruncate of descriptor 2 once
                        # rewound the log file and lost libFuzzer's final statistics
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -1)
  [ -z "$execs" ] && [ -s "$out.count" ] && execs=$(cat "$out.count")   # the harness's count
  rm -f "$out.count"
  took=$((SECONDS - start))   # wall time: a crash ends the run early
  crashes=$(( $(ls build/fuzz/crashes | grep -cE -- "-(crash|leak|timeout|oom)-") - before ))
  if [ "$rc" != 0 ]; then
    grep -E "ERROR|runtime error|invariant|SUMMARY|Test unit written" "$out" | head -20
    echo "fuzz: $name stopped with status $rc (log: $out)"
    status=1
  fi
  # Keep only what adds coverage to the saved corpus.
  nice -n 19 "$bin" -merge=1 $(opts_of "$name") "$corpus" "$new" </dev/null >/dev/null 2>&1
  rm -rf "$new" "$TMPDIR"
  [ "$rc" = 0 ] && rm -f "$out"
  [ -f "$LOG" ] || printf '# Fuzzing log\n\n| date | harness | seconds | executions | crashes |\n|---|---|---|---|---|\n' >"$LOG"
  printf '| %s | %s | %s | %s | %s |\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$name" "${took:-0}" \
    "${execs:-0}" "$crashes" >>"$LOG"
  echo "fuzz: $name: ${execs:-0} executions in ${took:-0} s, $crashes crashes; corpus $(ls "$corpus" | wc -l) inputs, $(cat "$corpus"/* 2>/dev/null | wc -c) bytes"
done
exit $status
