/* Random differential test, comparator: reads the state dumps a generated program wrote under
 * the reference (qemu-riscv64) and under rvx, and explains the first differing record: which
 * registers, fcsr fields and buffer words differ, and the case's instructions.
 *
 *   cmp PROGRAM.S REF.out TEST.out [NAME]    exit 0 when the dumps are equal, 1 otherwise
 *   cmp -f ...   only print the id of the first differing (or missing) record, or "none"
 *   cmp -p ...   PROGRAM.S is a prefix program (gen -p): show the unit the record adds
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

typedef struct blob {
  unsigned char *p;
  size_t n;
} blob;

static blob slurp(const char *path) {
  blob b = { NULL, 0 };
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cmp: cannot open %s\n", path);
    exit(2);
  }
  size_t cap = 0;
  for (;;) {
    if (b.n == cap) {
      cap = cap ? cap * 2 : 65536;
      b.p = realloc(b.p, cap + 1);
      if (!b.p) abort();
    }
    size_t got = fread(b.p + b.n, 1, cap - b.n, f);
    if (!got) break;
    b.n += got;
  }
  fclose(f);
  b.p[b.n] = 0;
  return b;
}

static uint64_t rd64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static uint32_t rd32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* "1.5" / "nan" / "-inf" for a double and, when NaN-boxed, the single. */
static void fdesc(uint64_t v, char *buf, size_t n) {
  double d;
  memcpy(&d, &v, 8);
  if ((v >> 32) == 0xffffffffu) {
    float s;
    uint32_t lo = (uint32_t)v;
    memcpy(&s, &lo, 4);
    int snan = (lo & 0x7fc00000u) == 0x7f800000u && (lo & 0x3fffff);
    snprintf(buf, n, "single %.9g%s", (double)s, snan ? " (signalling)" : "");
  } else {
    snprintf(buf, n, "double %.17g%s", d,
             isnan(d) && !(v & 0x0008000000000000u) ? " (signalling)" : "");
  }
}

static void fcsr_desc(uint64_t v, char *buf, size_t n) {
  static const char *const rm[] = { "rne", "rtz", "rdn", "rup", "rmm", "5?", "6?", "7?" };
  snprintf(buf, n, "frm=%s flags=%s%s%s%s%s", rm[(v >> 5) & 7], v & 16 ? "NV " : "",
           v & 8 ? "DZ " : "", v & 4 ? "OF " : "", v & 2 ? "UF " : "", v & 1 ? "NX" : "");
}

/* The instruction text of record `id`: *len bytes at the returned pointer, or NULL. */
static const char *find_body(const char *src, unsigned id, size_t *len) {
  char key[64];
  snprintf(key, sizeof key, "# record %u begin", id);
  const char *p = strstr(src, key);
  const char *b = p ? strstr(p, "# body begin\n") : NULL, *e = b ? strstr(b, "# body end") : NULL;
  if (!e) return NULL;
  b += strlen("# body begin\n");
  *len = (size_t)(e - b);
  return b;
}

static void print_lines(const char *b, size_t len) {
  const char *e = b + len;
  while (b < e) {
    const char *nl = memchr(b, '\n', (size_t)(e - b));
    if (!nl) nl = e;
    if (*b == '\t') b++;
    printf("    %.*s\n", (int)(nl - b), b);
    b = nl + 1;
  }
}

/* For a prefix program: prints the registers the unit names, as they were before it ran (the
 * reference's record id-1), so the failing instruction can be checked by hand. */
static void print_inputs(const char *unit, size_t len, const unsigned char *before) {
  char done[64] = { 0 }, a[96];
  printf("  state before it (qemu):");
  const char *p = unit, *e = unit + len;
  while (p < e) {
    while (p < e && !isalnum((unsigned char)*p)) p++;
    const char *w = p;
    while (p < e && isalnum((unsigned char)*p)) p++;
    size_t n = (size_t)(p - w);
    for (int i = 0; i < 64 && n; i++) {
      const char *nm = i < 32 ? diff_xname[i] : diff_fname[i - 32];
      if (done[i] || strlen(nm) != n || memcmp(nm, w, n)) continue;
      done[i] = 1;
      if (i == 0) printf(" zero=0");
      else if (i < 32) printf(" %s=0x%" PRIx64, nm, rd64(before + REC_X + 8 * (i - 1)));
      else {
        uint64_t v = rd64(before + REC_F + 8 * (i - 32));
        fdesc(v, a, sizeof a);
        printf(" %s=0x%" PRIx64 " (%s)", nm, v, a);
      }
    }
  }
  fcsr_desc(rd64(before + REC_FCSR), a, sizeof a);
  printf(" fcsr: %s\n", a);
}

/* Prints the header line of record `id` and its instructions; for a prefix program (-p) only
 * the unit that record adds to the one before. */
static void print_body(const char *src, unsigned id, const blob *ref) {
  char key[64];
  snprintf(key, sizeof key, "# record %u begin", id);
  const char *p = strstr(src, key);
  size_t len, plen = 0;
  const char *b = find_body(src, id, &len);
  if (!p || !b) {
    printf("  (record %u not found in the program)\n", id);
    return;
  }
  const char *eol = strchr(p, '\n');
  printf("  %.*s\n", (int)(eol - p - 2), p + 2);
  if (ref && id > 0 && find_body(src, id - 1, &plen) && plen <= len) {
    printf("  unit %u, the first after which the states differ:\n", id);
    print_lines(b + plen, len - plen);
    if ((size_t)id * REC_SIZE <= ref->n)
      print_inputs(b + plen, len - plen, ref->p + (size_t)(id - 1) * REC_SIZE);
  } else {
    printf("  instructions:\n");
    print_lines(b, len);
  }
}

/* Prints the differences of two records, returns how many fields differ. */
static int diff_record(const unsigned char *r, const unsigned char *t, const char *name) {
  int nd = 0;
  char a[96], b[96];
  for (int i = 1; i < 32; i++) {
    uint64_t x = rd64(r + REC_X + 8 * (i - 1)), y = rd64(t + REC_X + 8 * (i - 1));
    if (x != y) {
      printf("  %-5s qemu 0x%016" PRIx64 "  %s 0x%016" PRIx64 "\n", diff_xname[i], x, name, y);
      nd++;
    }
  }
  for (int i = 0; i < 32; i++) {
    uint64_t x = rd64(r + REC_F + 8 * i), y = rd64(t + REC_F + 8 * i);
    if (x != y) {
      fdesc(x, a, sizeof a);
      fdesc(y, b, sizeof b);
      printf("  %-5s qemu 0x%016" PRIx64 " (%s)  %s 0x%016" PRIx64 " (%s)\n", diff_fname[i], x, a,
             name, y, b);
      nd++;
    }
  }
  uint64_t x = rd64(r + REC_FCSR), y = rd64(t + REC_FCSR);
  if (x != y) {
    fcsr_desc(x, a, sizeof a);
    fcsr_desc(y, b, sizeof b);
    printf("  fcsr  qemu 0x%" PRIx64 " (%s)  %s 0x%" PRIx64 " (%s)\n", x, a, name, y, b);
    nd++;
  }
  for (int i = 0; i < BUF_SIZE; i += 8) {
    x = rd64(r + REC_BUF + i);
    y = rd64(t + REC_BUF + i);
    if (x != y) {
      printf("  mem sp%+d: qemu 0x%016" PRIx64 "  %s 0x%016" PRIx64 "\n", i - BUF_SIZE / 2, x,
             name, y);
      nd++;
    }
  }
  return nd;
}

int main(int argc, char **argv) {
  int first_only = 0, prefixes = 0;
  for (; argc > 1 && argv[1][0] == '-'; argv++, argc--) {
    if (!strcmp(argv[1], "-f")) first_only = 1;
    else if (!strcmp(argv[1], "-p")) prefixes = 1;
    else break;
  }
  if (argc != 4 && argc != 5) {
    fprintf(stderr, "usage: cmp [-f] [-p] PROGRAM.S REF.out TEST.out [NAME]\n");
    return 2;
  }
  const char *name = argc == 5 ? argv[4] : "rvx";
  blob src = slurp(argv[1]), ref = slurp(argv[2]), tst = slurp(argv[3]);
  size_t nref = ref.n / REC_SIZE, ntst = tst.n / REC_SIZE;
  size_t bad = 0, first = SIZE_MAX;
  for (size_t i = 0; i < nref; i++) {
    if (i >= ntst || memcmp(ref.p + i * REC_SIZE, tst.p + i * REC_SIZE, REC_SIZE)) {
      if (first == SIZE_MAX) first = i;
      bad++;
    }
  }
  if (ref.n % REC_SIZE || (nref && rd32(ref.p) != REC_MAGIC)) {
    printf("  reference output is malformed (%zu bytes)\n", ref.n);
    return 2;
  }
  if (first_only) {
    if (first == SIZE_MAX && tst.n == ref.n) printf("none\n");
    else if (first == SIZE_MAX) printf("extra\n");
    else printf("%u\n", rd32(ref.p + first * REC_SIZE + 4));
    return first == SIZE_MAX && tst.n == ref.n ? 0 : 1;
  }
  if (first == SIZE_MAX) {
    if (tst.n == ref.n) return 0;
    printf("  %s wrote %zu bytes after the %zu records qemu wrote\n", name, tst.n - ref.n, nref);
    return 1;
  }
  const unsigned char *r = ref.p + first * REC_SIZE;
  unsigned id = rd32(r + 4);
  if (first >= ntst) {
    printf("  %s stopped before the end of record %u (%zu of %zu records written)\n", name, id,
           ntst, nref);
  } else {
    printf("  record %u differs (%zu of %zu records differ):\n", id, bad, nref);
    diff_record(r, tst.p + first * REC_SIZE, name);
  }
  print_body((const char *)src.p, id, prefixes ? &ref : NULL);
  return 1;
}
