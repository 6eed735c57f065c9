/* Random differential test, generator: writes a riscv64 assembly program of random cases for
 * a seed (straight-line code, some forward branches and small counted loops). Each case loads
 * its initial registers, fcsr and memory buffer from its record, runs its instructions and
 * writes the record back to stdout (layout in diff.h), so two emulators can be compared byte
 * for byte.
 *
 *   gen SEED FIRST COUNT      cases FIRST .. FIRST+COUNT-1 of SEED, record id = case number
 *   gen -p SEED CASE          case CASE cut after 0, 1, ..., all of its units, record id = the
 *                             number of units kept: the first differing record names the unit
 *                             where two emulators part ways
 *
 * A case depends only on (SEED, CASE), never on the batch it is generated in. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define MIN_UNITS 40
#define MAX_UNITS 120

typedef struct gcase {
  uint64_t x[32], f[32], fcsr, buf[BUF_SIZE / 8];
  unsigned nunits;
  size_t *unit_end; /* text offset after each unit */
  sbuf body;
} gcase;

static void make_case(gcase *k, uint64_t seed, uint64_t n) {
  uint64_t rng = seed ^ (n * 0xd1b54a32d192ed03u);
  rng_next(&rng);
  gen_regs(&rng, k->x, k->f);
  k->x[0] = k->x[2] = 0;
  k->fcsr = gen_fcsr(&rng);
  for (int i = 0; i < BUF_SIZE / 8; i++)
    k->buf[i] = rng_pct(&rng, 50) ? gen_xval(&rng) : gen_fval(&rng);
  k->nunits = (unsigned)rng_range(&rng, MIN_UNITS, MAX_UNITS);
  k->unit_end = malloc(sizeof(size_t) * k->nunits);
  if (!k->unit_end) abort();
  memset(&k->body, 0, sizeof k->body);
  gen_ctx c = { .rng = &rng };
  for (int i = 0; i < 32; i++) c.ftype[i] = (k->f[i] >> 32) == 0xffffffffu ? 's' : 'd';
  if (rng_pct(&rng, 50)) {
    /* Half the cases work on few FP registers (duplicates allowed, they weigh more). */
    c.nfset = (int)rng_range(&rng, 3, 8);
    for (int i = 0; i < c.nfset; i++) c.fset[i] = (int)rng_below(&rng, 32);
  }
  if (rng_pct(&rng, 30)) {
    c.nxset = (int)rng_range(&rng, 3, 8);
    for (int i = 0; i < c.nxset; i++) c.xset[i] = (int)rng_range(&rng, 3, 31); /* not sp */
  }
  for (unsigned u = 0; u < k->nunits; u++) {
    gen_unit(&c, &k->body, 0);
    k->unit_end[u] = k->body.len;
  }
}

static void free_case(gcase *k) {
  free(k->unit_end);
  free(k->body.s);
}

/* Offset of a record slot from sp. */
static int sp_off(int slot) { return slot - REC_SP; }

static void emit_case(const gcase *k, unsigned rec, uint64_t seed, uint64_t n, unsigned units) {
  printf("# record %u begin: seed %" PRIu64 " case %" PRIu64 " units %u/%u\n", rec, seed, n,
         units, k->nunits);
  printf("\t.data\n\t.balign 16\nrec_%u:\n\t.word 0x%x, %u\n", rec, REC_MAGIC, rec);
  for (int i = 1; i < 32; i++) printf("\t.quad 0x%016" PRIx64 "\t# %s\n", k->x[i], diff_xname[i]);
  for (int i = 0; i < 32; i++) printf("\t.quad 0x%016" PRIx64 "\t# %s\n", k->f[i], diff_fname[i]);
  printf("\t.quad 0x%" PRIx64 "\t# fcsr\n", k->fcsr);
  for (int i = 0; i < BUF_SIZE / 8; i += 4)
    printf("\t.quad 0x%016" PRIx64 ", 0x%016" PRIx64 ", 0x%016" PRIx64 ", 0x%016" PRIx64 "\n",
           k->buf[i], k->buf[i + 1], k->buf[i + 2], k->buf[i + 3]);
  printf("\t.text\ncase_%u:\n\tlla sp, rec_%u+%d\n", rec, rec, REC_SP);
  printf("\tld t0, %d(sp)\n\tfscsr t0\n", sp_off(REC_FCSR));
  for (int i = 0; i < 32; i++) printf("\tfld %s, %d(sp)\n", diff_fname[i], sp_off(REC_F + 8 * i));
  for (int i = 1; i < 32; i++)
    if (i != 2) printf("\tld %s, %d(sp)\n", diff_xname[i], sp_off(REC_X + 8 * (i - 1)));
  printf("# body begin\n");
  size_t len = units ? k->unit_end[units - 1] : 0;
  fwrite(k->body.s, 1, len, stdout);
  printf("# body end\n");
  for (int i = 1; i < 32; i++)
    printf("\tsd %s, %d(sp)\n", diff_xname[i], sp_off(REC_X + 8 * (i - 1)));
  for (int i = 0; i < 32; i++) printf("\tfsd %s, %d(sp)\n", diff_fname[i], sp_off(REC_F + 8 * i));
  printf("\tfrcsr t0\n\tsd t0, %d(sp)\n", sp_off(REC_FCSR));
  printf("\tli a0, 1\n\taddi a1, sp, %d\n\tli a2, %d\n\tli a7, 64\n\tecall\n", -REC_SP, REC_SIZE);
  printf("# record %u end\n", rec);
}

static uint64_t num(const char *s) {
  char *end;
  uint64_t v = strtoull(s, &end, 0);
  if (!*s || *end) {
    fprintf(stderr, "gen: not a number: %s\n", s);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  int prefixes = argc == 4 && !strcmp(argv[1], "-p");
  if (argc != 4) {
    fprintf(stderr, "usage: gen SEED FIRST COUNT | gen -p SEED CASE\n");
    return 2;
  }
  /* No linker relaxation: it would turn lla into gp-relative code, and gp is random here. */
  printf("# rvx differential test program (tests/diff/gen.c)\n");
  printf("\t.option norelax\n\t.text\n\t.globl _start\n_start:\n");
  if (prefixes) {
    uint64_t seed = num(argv[2]), n = num(argv[3]);
    gcase k;
    make_case(&k, seed, n);
    for (unsigned u = 0; u <= k.nunits; u++) emit_case(&k, u, seed, n, u);
    free_case(&k);
  } else {
    uint64_t seed = num(argv[1]), first = num(argv[2]), count = num(argv[3]);
    for (uint64_t n = first; n < first + count; n++) {
      gcase k;
      make_case(&k, seed, n);
      emit_case(&k, (unsigned)n, seed, n, k.nunits);
      free_case(&k);
    }
  }
  printf("\tli a0, 0\n\tli a7, 93\n\tecall\n");
  return 0;
}
