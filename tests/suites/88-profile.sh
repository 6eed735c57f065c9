#!/bin/bash
# The guest profiler (src/prof: --profile FILE.svg, --profile-text[=FILE]), under the
# translator and the interpreter:
#  - prof_hot (main -> hot 60-70%, main -> chain_a -> chain_b 30%): hot heads the text table
#    and no frame of the flame graph is wider than it but its callers down to the root; chain_b
#    sits on chain_a on main in the SVG; the guest's output and status are unchanged;
#  - prof_libc (dynamic): libc's strlen and memset are named from libc.so.6's symbols;
#  - prof_threads: three threads' functions all sampled; the forked child's function is in
#    no report, and the child wrote no file of its own;
#  - the SVG is well-formed XML (xmllint and python3), self-contained (no external
#    reference), has a <title> per frame, and headless Chromium renders it to a non-blank
#    screenshot (kept as build/prof/flame.png) and runs its script without an error: hover
#    fills the details line, a click zooms;
#  - option errors (status 2).
# Guests are built here with -fno-omit-frame-pointer (the call stacks come from s0).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build}
RV_CC=riscv64-linux-gnu-gcc
dir=$BUILD/prof
mkdir -p "$dir"
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0

pass() { echo "PASS profile-$1"; }
fail() { echo "FAIL profile-$1: $(echo "$2" | tr '\n' ' ' | head -c 400)"; }

# build OUT SRC FLAGS...: compiles when OUT is older than SRC.
build() {
  local out=$1 src=$2; shift 2
  [ -e "$out" ] && [ "$out" -nt "$src" ] && return 0
  "$RV_CC" -O2 -fno-omit-frame-pointer "$@" -o "$out" "$src" 2>"$out.log" ||
    { fail "build-$(basename "$out")" "$(head -c 300 "$out.log")"; rm -f "$out"; return 1; }
}
build "$dir/prof_hot" tests/guest/prof_hot.c -static
build "$dir/prof_threads" tests/guest/prof_threads.c -static -pthread
build "$dir/prof_libc" tests/guest/prof_libc.c
build "$dir/prof_sig64" tests/guest/prof_sig64.c -static

# Reads an SVG and a text report; prints one line per finding for the checks below:
#   xml ok | xml bad: why
#   external: what   (any href/url/@import that is not a local #fragment)
#   frames N titles N
#   top NAME         (first row of the text table)
#   wider than hot: NAMES|none  (frames wider than the widest hot frame, except those it
#                    sits on: its callers down to the root)
#   nested A B       (a frame B sits right on a frame A, within its width)
#   names NAME...    (every frame name)
cat >"$TMP/svgcheck.py" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
svg, txt = sys.argv[1], sys.argv[2]
ns = '{http://www.w3.org/2000/svg}'
try:
    root = ET.parse(svg).getroot()
    print('xml ok')
except Exception as e:
    print('xml bad:', e); sys.exit(0)
raw = open(svg, encoding='utf-8').read()
for m in re.finditer(r'(?:href\s*=\s*"([^"]*)"|url\(([^)]*)\)|@import)', raw):
    ref = m.group(1) or m.group(2) or '@import'
    if not ref.startswith('#'):
        print('external:', ref)
frames = []
for g in root.iter(ns + 'g'):
    if g.get('class') != 'f':
        continue
    r, t = g.find(ns + 'rect'), g.find(ns + 'title')
    frames.append((g.get('data-n'), float(r.get('x')), float(r.get('y')), float(r.get('width')),
                   t is not None and t.text or ''))
print('frames', len(frames), 'titles', sum(1 for f in frames if re.search(r'\(\d+ samples?, [\d.]+%\)$', f[4])))
rows = [l.split() for l in open(txt) if re.match(r'\s*\d+\s+[\d.]+%\s+\d+\s+[\d.]+%\s+\S', l)]
if rows:
    print('top', rows[0][4])
if frames:
    hot = [f for f in frames if f[0] == 'hot']
    if hot:
        h = max(hot, key=lambda f: f[3])
        below = lambda f: f[2] > h[2] and f[1] <= h[1] + 0.01 and f[1] + f[3] >= h[1] + h[3] - 0.01
        wider = [f[0] for f in frames if f is not h and not below(f) and f[3] > h[3]]
        print('wider than hot:', ' '.join(wider) if wider else 'none')
    for a in frames:
        for b in frames:
            if abs(b[2] - (a[2] - 16)) < 0.01 and b[1] >= a[1] - 0.01 and b[1] + b[3] <= a[1] + a[3] + 0.01:
                print('nested', a[0], b[0])
    print('names', ' '.join(sorted(set(f[0] for f in frames))))
EOF

# profile ID SCALE ENGINE PROGRAM: runs PROGRAM SCALE with --profile and --profile-text=FILE
# (and without, for the output); leaves $TMP/ID.{svg,txt,out,err,rc,plain}.
profile() {
  local id=$1 scale=$2 engine=$3 prog=$4
  (cd "$TMP" && timeout 120 "$RVX" --engine="$engine" --profile "$id.svg" \
     --profile-text="$id.txt" "$prog" "$scale" >"$id.out" 2>"$id.err"; echo $? >"$id.rc")
  timeout 120 "$RVX" --engine="$engine" "$prog" "$scale" >"$TMP/$id.plain" 2>/dev/null
  python3 "$TMP/svgcheck.py" "$TMP/$id.svg" "$TMP/$id.txt" >"$TMP/$id.check" 2>&1
}

# has ID LINE: the check output of ID has exactly LINE.
has() { grep -qxF "$2" "$TMP/$1.check"; }

check_svg_basics() {
  local id=$1 c=$TMP/$1.check
  if ! has "$id" "xml ok"; then fail "$id-xml" "$(head -3 "$c")"; return; fi
  if xmllint --noout "$TMP/$id.svg" 2>"$TMP/$id.xmllint"; then pass "$id-xmllint"
  else fail "$id-xmllint" "$(head -3 "$TMP/$id.xmllint")"; fi
  if grep -q '^external' "$c"; then fail "$id-self-contained" "$(grep '^external' "$c")"
  else pass "$id-self-contained"; fi
  local fr ti
  read -r _ fr _ ti < <(grep '^frames' "$c")
  if [ "${fr:-0}" -ge 3 ] && [ "$fr" = "$ti" ]; then pass "$id-titles"
  else fail "$id-titles" "frames ${fr:-?} titled ${ti:-?}"; fi
}

for engine in jit interp; do
  [ $engine = jit ] && scale=1500 || scale=300
  id=hot-$engine
  profile $id $scale $engine "$dir/prof_hot"
  if [ "$(cat "$TMP/$id.rc")" != 0 ] || [ -s "$TMP/$id.err" ] ||
     ! cmp -s "$TMP/$id.out" "$TMP/$id.plain"; then
    fail "$id-run" "status $(cat "$TMP/$id.rc"), stderr $(head -c 200 "$TMP/$id.err"), out $(cat "$TMP/$id.out") vs $(cat "$TMP/$id.plain")"
    continue
  fi
  pass "$id-run"
  check_svg_basics $id
  if has $id "top hot"; then pass "$id-text-top"
  else fail "$id-text-top" "$(head -5 "$TMP/$id.txt")"; fi
  if has $id "wider than hot: none"; then pass "$id-svg-widest"
  else fail "$id-svg-widest" "$(grep '^wider' "$TMP/$id.check")"; fi
  if has $id "nested main chain_a" && has $id "nested chain_a chain_b"; then pass "$id-nested"
  else fail "$id-nested" "$(grep -E '^nested (main|chain)' "$TMP/$id.check" | head -5)"; fi
  # The header: the engine, and under the translator most samples mapped from translated code.
  head -1 "$TMP/$id.txt" >"$TMP/$id.head"
  if [ $engine = jit ]; then
    n=$(sed -nE 's/.*translator: ([0-9]+) in translated code.*/\1/p' "$TMP/$id.head")
    s=$(sed -nE 's/^rvx profile: ([0-9]+) samples.*/\1/p' "$TMP/$id.head")
    if [ -n "$n" ] && [ "$s" -ge 20 ] && [ $((n * 2)) -gt "$s" ]; then pass "$id-header"
    else fail "$id-header" "$(cat "$TMP/$id.head")"; fi
  else
    if grep -qE '^rvx profile: [0-9]+ samples of 1 thread .*interpreter: 0 in translated code' "$TMP/$id.head"
    then pass "$id-header"; else fail "$id-header" "$(cat "$TMP/$id.head")"; fi
  fi
done

# A dynamic guest: libc's functions named from libc.so.6 (.dynsym).
for engine in jit interp; do
  [ $engine = jit ] && scale=20000 || scale=3000
  id=libc-$engine
  profile $id $scale $engine "$dir/prof_libc"
  if [ "$(cat "$TMP/$id.rc")" != 0 ] || ! cmp -s "$TMP/$id.out" "$TMP/$id.plain"; then
    fail "$id-run" "status $(cat "$TMP/$id.rc"), $(head -c 200 "$TMP/$id.err")"
    continue
  fi
  check_svg_basics $id
  ok=1
  for f in strlen memset main fill_and_copy; do
    grep -qE "%  $f\$" "$TMP/$id.txt" || ok=
    grep -qE "^names .*\\b$f\\b" "$TMP/$id.check" || ok=
  done
  if [ -n "$ok" ]; then pass "$id-names"
  else fail "$id-names" "$(tr '\n' '|' <"$TMP/$id.txt" | head -c 300)"; fi
done

# Threads, and a fork: the child must not write over the parent's reports.
for engine in jit interp; do
  [ $engine = jit ] && scale=300 || scale=40
  id=thr-$engine
  profile $id $scale $engine "$dir/prof_threads"
  if [ "$(cat "$TMP/$id.rc")" != 0 ] || ! cmp -s "$TMP/$id.out" "$TMP/$id.plain"; then
    fail "$id-run" "status $(cat "$TMP/$id.rc"), $(head -c 200 "$TMP/$id.err") $(cat "$TMP/$id.out")"
    continue
  fi
  ok=1
  for f in spin_one spin_two spin_three; do
    grep -qE "%  $f\$" "$TMP/$id.txt" || ok=
  done
  grep -qE '^rvx profile: [0-9]+ samples of [34] threads' "$TMP/$id.txt" || ok=
  if [ -n "$ok" ]; then pass "$id-threads"
  else fail "$id-threads" "$(tr '\n' '|' <"$TMP/$id.txt" | head -c 300)"; fi
  if grep -q child_spin "$TMP/$id.txt" "$TMP/$id.svg"; then
    fail "$id-fork" "the child's function is in the parent's report"
  elif [ "$(cd "$TMP" && ls $id.* | grep -cvE "\.(svg|txt|out|err|rc|plain|check)$")" != 0 ]; then
    fail "$id-fork" "stray files: $(cd "$TMP" && ls $id.*)"
  else
    pass "$id-fork"
  fi
done

# Output to stderr by default; option errors.
out=$(cd "$TMP" && "$RVX" --profile-text "$dir/prof_hot" 300 2>&1 >/dev/null)
if echo "$out" | head -1 | grep -q '^rvx profile: [0-9]* samples' && echo "$out" | grep -qE '%  hot$'
then pass "text-stderr"; else fail "text-stderr" "$out"; fi
err=$("$RVX" --profile 2>&1); rc=$?
if [ $rc = 2 ] && echo "$err" | grep -q "'--profile' needs a file name"; then pass "error '--profile'"
else fail "error '--profile'" "status $rc: $err"; fi
for bad in "--profile=" "--profile-text=" "--profile $TMP/no/such/dir/x.svg" \
           "--profile-text=$TMP/no/such/dir/x.txt"; do
  # shellcheck disable=SC2086
  err=$("$RVX" $bad "$dir/prof_hot" 2>&1 >/dev/null); rc=$?
  if [ $rc = 2 ] && echo "$err" | grep -q profile; then pass "error '${bad/$TMP/TMP}'"
  else fail "error '${bad/$TMP/TMP}'" "status $rc: $err"; fi
done
if "$RVX" --help | grep -q -- '--profile FILE' && "$RVX" --help | grep -q -- '--profile-text'
then pass "help"; else fail "help" "--help does not list the options"; fi

# Headless Chromium renders the translator's flame graph: the screenshot must not be blank.
# (A PNG decoder of our own: python3 has zlib but maybe not PIL.)
cat >"$TMP/png.py" <<'EOF'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w = 8, b'', 0
while pos < len(d):
    n, = struct.unpack('>I', d[pos:pos + 4]); kind = d[pos + 4:pos + 8]; body = d[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        assert depth == 8 and ctype in (2, 6) and interlace == 0, 'unsupported PNG'
        bpp = 3 if ctype == 2 else 4
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw, stride, prev, colours, i = zlib.decompress(idat), w * bpp, None, {}, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x] if prev else 0
        c = prev[x - bpp] if prev and x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        k = bytes(line[x:x + 3]); colours[k] = colours.get(k, 0) + 1
    prev = line
# "warm" pixels: a frame's fill (red high, blue low)
warm = sum(v for k, v in colours.items() if k[0] >= 200 and k[2] <= 90)
print(w, h, len(colours), warm)
EOF
CHROME=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROME" ]; then
  fail "chromium" "chromium is not installed (tools/deps.sh installs the Debian package)"
elif [ ! -s "$TMP/hot-jit.svg" ]; then
  fail "chromium" "no SVG to render"
else
  rm -f "$dir/flame.png"
  # --in-process-gpu: without a GPU process (it cannot start in a container without a
  # sandbox); --no-sandbox: root.
  timeout 60 "$CHROME" --headless=new --no-sandbox --disable-gpu --in-process-gpu \
    --disable-dev-shm-usage --hide-scrollbars --window-size=1200,200 \
    --user-data-dir="$TMP/chrome" --enable-logging=stderr --v=0 \
    --screenshot="$dir/flame.png" "file://$TMP/hot-jit.svg" \
    >"$TMP/chrome.log" 2>&1
  if [ ! -s "$dir/flame.png" ]; then
    fail "chromium" "no screenshot: $(grep -E 'FATAL|ERROR' "$TMP/chrome.log" | head -3)"
  else
    read -r w h ncol warm < <(python3 "$TMP/png.py" "$dir/flame.png" 2>&1)
    # The frames: at least the five frames' colours (and anti-aliasing), and a good share of
    # warm pixels (the frames cover about 1180 x 80 of 1200 x 200).
    if [ "${ncol:-0}" -ge 8 ] && [ "${warm:-0}" -ge 30000 ]; then
      pass "chromium-screenshot"
    else
      fail "chromium-screenshot" "size ${w}x$h, $ncol colours, $warm frame pixels"
    fi
  fi
  if grep -q 'Uncaught' "$TMP/chrome.log"; then
    fail "chromium-script" "$(grep Uncaught "$TMP/chrome.log" | head -2)"
  else
    # The script at work: hovering chain_b fills the details line, clicking it zooms it to
    # the full width and hides hot (not under it); a second script appended to a copy logs.
    sed 's|</svg>|<script type="text/ecmascript"><![CDATA[\
var z=fr.filter(function(g){return g.getAttribute("data-n")=="chain_b";})[0];\
z.onmouseover();console.log("DETAILS "+det.textContent);z.onclick();\
var h=fr.filter(function(g){return g.getAttribute("data-n")=="hot";})[0];\
console.log("ZOOM "+R(z).getAttribute("width")+" "+h.style.display+" "+T(z).textContent);\
]]></script></svg>|' "$TMP/hot-jit.svg" >"$TMP/zoom.svg"
    timeout 60 "$CHROME" --headless=new --no-sandbox --disable-gpu --in-process-gpu \
      --disable-dev-shm-usage --window-size=1200,200 --user-data-dir="$TMP/chrome" \
      --enable-logging=stderr --v=0 --screenshot="$TMP/zoom.png" "file://$TMP/zoom.svg" \
      >"$TMP/zoom.log" 2>&1
    if grep -q '"DETAILS chain_b ([0-9]* samples, [0-9.]*%)"' "$TMP/zoom.log" &&
       grep -q '"ZOOM 1180.00 none chain_b"' "$TMP/zoom.log"; then
      pass "chromium-script"
    else
      fail "chromium-script" "$(grep -E 'CONSOLE' "$TMP/zoom.log" | head -3)"
    fi
  fi
fi

# Signal 64 stays the guest's while the profiler samples with it (docs/COMPATIBILITY.md).
for engine in jit interp; do
  want=$(RVX_ENGINE=$engine "$RVX" "$dir/prof_sig64" 2>&1; echo "status $?")
  got=$(RVX_ENGINE=$engine "$RVX" --profile "$TMP/s64.svg" "$dir/prof_sig64" 2>&1; echo "status $?")
  if [ "$want" = "signal 64 value 4242
status 0" ] && [ "$got" = "$want" ]; then
    pass "sig64-stays-the-guests-$engine"
  else
    fail "sig64-stays-the-guests-$engine" "without: $want; with --profile: $got"
  fi
done
