# Sourced by tests/run.sh and tests/fuzz/san_check.sh: runs one suite and tallies its
# PASS/FAIL lines into $passed and $failed (the caller sets both to 0 first).
# run_suite FILE LABEL: runs one suite; LABEL (may be empty) goes in brackets before each
# test name.
run_suite() {
  local suite=$1 label=$2 name out rc p f
  name=$(basename "$suite" .sh)
  echo "== $name${label:+ [$label]}"
  out=$(mktemp)
  bash "$suite" >"$out" 2>&1
  rc=$?
  [ -n "$label" ] && sed -i -E "s/^(PASS|FAIL) /\1 [$label] /" "$out"
  p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out")
  grep -v '^PASS ' "$out"
  echo "   $name${label:+ [$label]}: $p passed, $f failed"
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    echo "FAIL $name${label:+ [$label]}: suite exited with status $rc"; f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$out"
}
