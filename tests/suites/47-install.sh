#!/bin/bash
# What rvx installs and documents: --version (VERSION and the build), the man page (renders
# without a warning; every option and RVX_* variable --help names is in it), the bash
# completion (sources, completes options and their values; its -d items and options are
# --help's and -d help's), make install / uninstall into a DESTDIR tree, and
# dist/rvx-riscv64.binfmt.
source "$(dirname "$0")/../loader/common.sh"

HELLO=$(guest hello)
check() {   # NAME MESSAGE-IF-FAILED CONDITION...
  local name=$1 msg=$2; shift 2
  if "$@"; then pass "$name"; else fail "$name" "$msg"; fi
}

# ---- --version ----
"$RVX" --version >"$TMP/v.out" 2>"$TMP/v.err"; st=$?
check "--version: 'rvx $(cat VERSION)' and the build options" "status $st: $(tr '\n' '|' <"$TMP/v.out")" \
  eval '[ $st = 0 ] && [ ! -s "$TMP/v.err" ] && [ "$(head -1 "$TMP/v.out" | cut -d" " -f1-2)" = "rvx $(cat VERSION)" ] &&
        for k in "compiler: " "translator: " "interpreter dispatch: " "Zydis: " "canary build: " "sanitizers"; do
          grep -q "^$k" "$TMP/v.out" || exit 1; done'

# ---- the man page ----
"$RVX" --help >"$TMP/help" || fail help "rvx --help failed"
# The options of --help: the words starting with '-' in the option column of "  -x ..." lines.
sed -n 's/^  \(-[^ ].*\)$/\1/p' "$TMP/help" | sed 's/   .*//' | tr ',' '\n' |
  grep -o -- '^ *--\?[A-Za-z0-9][-A-Za-z0-9]*' | tr -d ' ' | sort -u >"$TMP/opts"
sed -n 's/^  \(--\) .*/\1/p' "$TMP/help" >>"$TMP/opts"
vars=$(grep -o 'RVX_[A-Z_]*' "$TMP/help" | sort -u)
check "--help lists options (found $(wc -l <"$TMP/opts"))" "$(tr '\n' ' ' <"$TMP/opts")" \
  eval '[ "$(wc -l <"$TMP/opts")" -ge 20 ] && grep -qx -- --engine "$TMP/opts" && grep -qx -- -d "$TMP/opts"'
if command -v groff >/dev/null; then
  groff -ww -z -man docs/rvx.1 >"$TMP/groff.out" 2>&1; st=$?
  check "groff -ww -z -man docs/rvx.1: no warning" "status $st: $(head -c 300 "$TMP/groff.out")" \
    eval '[ $st = 0 ] && [ ! -s "$TMP/groff.out" ]'
  # The rendered text, hyphens as '-': every option and variable of --help is in it.
  groff -man -Tascii -P-c -P-b -P-u docs/rvx.1 2>/dev/null >"$TMP/man.txt"
  missing=
  while read -r o; do
    grep -Eq -- "(^|[^-A-Za-z0-9])$o([^-A-Za-z0-9]|$)" "$TMP/man.txt" || missing+=" $o"
  done <"$TMP/opts"
  for v in $vars; do grep -q "$v" "$TMP/man.txt" || missing+=" $v"; done
  check "every option and RVX_ variable of --help is in rvx.1" "missing:$missing" eval '[ -z "$missing" ]'
  missing=
  for s in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    grep -q "^$s" "$TMP/man.txt" || missing+=" $s"
  done
  check "rvx.1 has its sections, and names qemu-riscv64(1)" "missing:$missing" \
    eval '[ -z "$missing" ] && grep -q "qemu-riscv64(1)" "$TMP/man.txt"'
else
  fail groff "groff is missing (make deps installs groff-base)"
fi
if command -v man >/dev/null; then
  MANWIDTH=80 man -l docs/rvx.1 >"$TMP/man.out" 2>"$TMP/man.err" </dev/null; st=$?
  check "man -l docs/rvx.1 renders, nothing on stderr" "status $st: $(head -c 300 "$TMP/man.err")" \
    eval '[ $st = 0 ] && [ ! -s "$TMP/man.err" ] && grep -q "rvx - run riscv64" "$TMP/man.out"'
else
  fail man "man is missing (make deps installs man-db)"
fi

# ---- bash completion ----
# comp WORD...: what _rvx completes for the last word (COMP_WORDS as bash splits "--x=y").
cat >"$TMP/comp.sh" <<'EOF'
source "$1"; shift
complete -p rvx || exit 3
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
_rvx
printf '%s\n' "${COMPREPLY[@]}"
EOF
comp() { bash --norc --noprofile "$TMP/comp.sh" dist/bash-completion/rvx "$@" 2>&1; }
out=$(comp rvx --eng)
check "completion: sources, 'complete -F _rvx rvx', --eng<TAB> is --engine=" "$out" \
  eval '[ "$out" = "$(printf "complete -F _rvx rvx\n--engine=")" ]'
out=$(comp rvx --engine = "" | tail -n +2 | sort | tr '\n' ' ')
check "completion: --engine=<TAB> is interp, jit" "$out" eval '[ "$out" = "interp jit " ]'
out=$(comp rvx -d in_asm,e | tail -n +2)
check "completion: -d in_asm,e<TAB> is in_asm,exec" "$out" eval '[ "$out" = in_asm,exec ]'
"$RVX" -d help | sed -n 's/^\([a-z_][a-z_]*\) .*/\1/p' | sort >"$TMP/items"; echo help >>"$TMP/items"
out=$(comp rvx -d "" | tail -n +2 | sort)
check "completion: -d <TAB> offers exactly rvx -d help's items" "$(echo $out) vs $(sort "$TMP/items" | tr '\n' ' ')" \
  eval '[ "$out" = "$(sort "$TMP/items")" ]'
missing=
while read -r o; do
  comp rvx "$o" | tail -n +2 | grep -qx -- "$o=\?" || missing+=" $o"
done <"$TMP/opts"
check "completion: every option of --help completes" "missing:$missing" eval '[ -z "$missing" ]'
mkdir -p "$TMP/cdir/sub" && touch "$TMP/cdir/prog1" "$TMP/cdir/prog2"
out=$(comp rvx --strace "$TMP/cdir/pr" | tail -n +2 | sort | tr '\n' ' ')
check "completion: the program is a file name" "$out" \
  eval '[ "$out" = "$TMP/cdir/prog1 $TMP/cdir/prog2 " ]'
out=$(comp rvx -L "$TMP/cdir/" | tail -n +2 | tr '\n' ' ')
check "completion: -L completes directories only" "$out" eval '[ "$out" = "$TMP/cdir/sub " ]'
out=$(comp rvx "$TMP/cdir/prog1" --eng | tail -n +2)
check "completion: after the program no rvx option" "$out" eval '[ "$out" != --engine= ]'

# ---- make install / uninstall ----
root=$TMP/root
make -s --no-print-directory install PREFIX=/usr/local DESTDIR="$root" >"$TMP/inst.out" 2>&1; st=$?
check "make install PREFIX=/usr/local DESTDIR=...: rvx, rvx.1, completion" \
  "status $st: $(head -c 300 "$TMP/inst.out"); $(cd "$root" 2>/dev/null && find . -type f | tr '\n' ' ')" \
  eval '[ $st = 0 ] && [ -x "$root/usr/local/bin/rvx" ] &&
        cmp -s docs/rvx.1 "$root/usr/local/share/man/man1/rvx.1" &&
        cmp -s dist/bash-completion/rvx "$root/usr/local/share/bash-completion/completions/rvx" &&
        [ "$(stat -c %a "$root/usr/local/share/man/man1/rvx.1")" = 644 ]'
out=$("$root/usr/local/bin/rvx" "$HELLO" 2>&1)
check "the installed rvx runs a program" "$out" eval '[ "$out" = "Hello from RISC-V!" ]'
make -s --no-print-directory uninstall PREFIX=/usr/local DESTDIR="$root" >"$TMP/inst.out" 2>&1; st=$?
left=$(find "$root" -type f | wc -l)
check "make uninstall removes them" "status $st, $left files left" eval '[ $st = 0 ] && [ "$left" = 0 ]'
make -s --no-print-directory install PREFIX=/opt/rvx DESTDIR="$root" >/dev/null 2>&1
check "make install PREFIX=/opt/rvx" "$(find "$root" -type f | tr '\n' ' ')" \
  eval '[ -x "$root/opt/rvx/bin/rvx" ] && [ -f "$root/opt/rvx/share/man/man1/rvx.1" ]'

# ---- dist/rvx-riscv64.binfmt (update-binfmts --import's format) ----
f=dist/rvx-riscv64.binfmt
check "$f: qemu's riscv64 magic and mask, fix_binary and preserve" "$(tr '\n' '|' <"$f")" \
  eval 'grep -qx "magic \\\\x7f\\\\x45\\\\x4c\\\\x46\\\\x02\\\\x01\\\\x01\\\\x00\\\\x00\\\\x00\\\\x00\\\\x00\\\\x00\\\\x00\\\\x00\\\\x00\\\\x02\\\\x00\\\\xf3\\\\x00" "$f" &&
        grep -qx "mask \\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\x00\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xfe\\\\xff\\\\xff\\\\xff" "$f" &&
        grep -qx "interpreter /usr/local/bin/rvx" "$f" && grep -qx "fix_binary yes" "$f" &&
        grep -qx "preserve yes" "$f"'
if command -v update-binfmts >/dev/null; then
  mkdir -p "$TMP/ub/admin" "$TMP/ub/import" && cp "$f" "$TMP/ub/import/rvx-riscv64"
  update-binfmts --test --admindir "$TMP/ub/admin" --importdir "$TMP/ub/import" \
    --import rvx-riscv64 >"$TMP/ub.out" 2>&1; st=$?
  check "update-binfmts --test --import accepts it" "status $st: $(head -c 300 "$TMP/ub.out")" \
    eval '[ $st = 0 ] && grep -q "fix_binary = yes" "$TMP/ub.out" && grep -q "preserve = yes" "$TMP/ub.out"'
else
  pass "update-binfmts --import (not checked: binfmt-support is not installed)"
fi
