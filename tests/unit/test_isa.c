/* Unit test of the ISA component: the decoder against a brute-force reading of the table
 * (every 16-bit word, a million random 32-bit words), and the disassembler against binutils'
 * objdump for random instances of every row. Prints "PASS name" or "FAIL name: reason".
 *
 * The field extraction here is written independently of decode.c: immediates are described
 * as the specification's bit-placement strings ("12=5 6:2=4:0" = word bit 12 holds imm[5],
 * word bits 6..2 hold imm[4:0]) and read by one generic routine. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>
#include "isa/isa.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void) {
  uint64_t x = rng_state;
  x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
  rng_state = x;
  return (uint32_t)((x * 0x2545f4914f6cdd1dull) >> 32);
}

/* ---- independent field extraction ---- */

/* Reads an immediate from `w` per spec: space-separated "H:L=parts" segments; parts are
 * '|'-separated "a:b" or "a" imm bit ranges filling word bits H downwards. */
static uint64_t spec_imm(uint32_t w, const char *spec, int *top) {
  uint64_t imm = 0;
  *top = 0;
  const char *p = spec;
  while (*p) {
    int hi = (int)strtol(p, (char **)&p, 10), lo = hi;
    if (*p == ':') lo = (int)strtol(p + 1, (char **)&p, 10);
    if (*p++ != '=') abort();
    int bit = hi;
    for (;;) {
      int a = (int)strtol(p, (char **)&p, 10), b = a;
      if (*p == ':') b = (int)strtol(p + 1, (char **)&p, 10);
      for (int i = a; i >= b; i--, bit--) {
        imm |= (uint64_t)((w >> bit) & 1) << i;
        if (i > *top) *top = i;
      }
      if (*p != '|') break;
      p++;
    }
    if (bit != lo - 1) abort(); /* the spec string must cover exactly H..L */
    while (*p == ' ') p++;
  }
  return imm;
}

/* Register operand sources. */
enum { R_NONE, R_117, R_1915, R_2420, R_3127, R_62, R_P97, R_P42, R_SP, R_RA };
static int reg_of(uint32_t w, int kind) {
  switch (kind) {
  case R_117: return (w >> 7) & 31;
  case R_1915: return (w >> 15) & 31;
  case R_2420: return (w >> 20) & 31;
  case R_3127: return (w >> 27) & 31;
  case R_62: return (w >> 2) & 31;
  case R_P97: return 8 + ((w >> 7) & 7);
  case R_P42: return 8 + ((w >> 2) & 7);
  case R_SP: return 2;
  case R_RA: return 1;
  default: return 0;
  }
}

struct layout {
  const char *imm;  /* spec string, or NULL for imm = 0 */
  bool sign;
  int rd, rs1, rs2, rs3;
  int rm_hi, rm_lo; /* rm bit range, 0/0 for none */
};

static const struct layout lay32[] = {
  [FMT_R] = {NULL, 0, R_117, R_1915, R_2420, 0, 14, 12},
  [FMT_R4] = {NULL, 0, R_117, R_1915, R_2420, R_3127, 14, 12},
  [FMT_I] = {"31:20=11:0", 1, R_117, R_1915, 0, 0, 0, 0},
  [FMT_SH5] = {"24:20=4:0", 0, R_117, R_1915, 0, 0, 0, 0},
  [FMT_SH6] = {"25:20=5:0", 0, R_117, R_1915, 0, 0, 0, 0},
  [FMT_S] = {"31:25=11:5 11:7=4:0", 1, 0, R_1915, R_2420, 0, 0, 0},
  [FMT_B] = {"31=12 30:25=10:5 11:8=4:1 7=11", 1, 0, R_1915, R_2420, 0, 0, 0},
  [FMT_U] = {"31:12=31:12", 1, R_117, 0, 0, 0, 0, 0},
  [FMT_J] = {"31=20 30:21=10:1 20=11 19:12=19:12", 1, R_117, 0, 0, 0, 0, 0},
  [FMT_CSR] = {"31:20=11:0", 0, R_117, R_1915, 0, 0, 0, 0},
  [FMT_AMO] = {NULL, 0, R_117, R_1915, R_2420, 0, 26, 25},
  [FMT_FENCE] = {"31:20=11:0", 0, 0, 0, 0, 0, 0, 0},
  [FMT_NONE] = {NULL, 0, 0, 0, 0, 0, 0, 0},
};

/* The compressed formats, transcribed from the RVC chapter's encoding figures. */
static const struct layout lay16[] = {
  [CF_NONE] = {NULL, 0, 0, 0, 0, 0, 0, 0},
  [CF_CIW_ADDI4SPN] = {"12:5=5:4|9:6|2|3", 0, R_P42, R_SP, 0, 0, 0, 0},
  [CF_CL_W] = {"12:10=5:3 6:5=2|6", 0, R_P42, R_P97, 0, 0, 0, 0},
  [CF_CL_D] = {"12:10=5:3 6:5=7:6", 0, R_P42, R_P97, 0, 0, 0, 0},
  [CF_CS_W] = {"12:10=5:3 6:5=2|6", 0, 0, R_P97, R_P42, 0, 0, 0},
  [CF_CS_D] = {"12:10=5:3 6:5=7:6", 0, 0, R_P97, R_P42, 0, 0, 0},
  [CF_CI] = {"12=5 6:2=4:0", 1, R_117, R_117, 0, 0, 0, 0},
  [CF_CI_LI] = {"12=5 6:2=4:0", 1, R_117, 0, 0, 0, 0, 0},
  [CF_CI_ADDI16SP] = {"12=9 6:2=4|6|8:7|5", 1, R_SP, R_SP, 0, 0, 0, 0},
  [CF_CI_LUI] = {"12=17 6:2=16:12", 1, R_117, 0, 0, 0, 0, 0},
  [CF_CI_SLLI] = {"12=5 6:2=4:0", 0, R_117, R_117, 0, 0, 0, 0},
  [CF_CI_LWSP] = {"12=5 6:2=4:2|7:6", 0, R_117, R_SP, 0, 0, 0, 0},
  [CF_CI_LDSP] = {"12=5 6:2=4:3|8:6", 0, R_117, R_SP, 0, 0, 0, 0},
  [CF_CSS_SWSP] = {"12:7=5:2|7:6", 0, 0, R_SP, R_62, 0, 0, 0},
  [CF_CSS_SDSP] = {"12:7=5:3|8:6", 0, 0, R_SP, R_62, 0, 0, 0},
  [CF_CB_SHIFT] = {"12=5 6:2=4:0", 0, R_P97, R_P97, 0, 0, 0, 0},
  [CF_CB_ANDI] = {"12=5 6:2=4:0", 1, R_P97, R_P97, 0, 0, 0, 0},
  [CF_CB_BRANCH] = {"12:10=8|4:3 6:2=7:6|2:1|5", 1, 0, R_P97, 0, 0, 0, 0},
  [CF_CA] = {NULL, 0, R_P97, R_P97, R_P42, 0, 0, 0},
  [CF_CJ] = {"12:2=11|4|9:8|10|6|7|3:1|5", 1, 0, 0, 0, 0, 0, 0},
  [CF_CR_JR] = {NULL, 0, 0, R_117, 0, 0, 0, 0},
  [CF_CR_JALR] = {NULL, 0, R_RA, R_117, 0, 0, 0, 0},
  [CF_CR_MV] = {NULL, 0, R_117, 0, R_62, 0, 0, 0},
  [CF_CR_ADD] = {NULL, 0, R_117, R_117, R_62, 0, 0, 0},
};

static isa_insn expect_fields(uint32_t w, const struct layout *l) {
  isa_insn e = {0};
  if (l->imm) {
    int top;
    uint64_t v = spec_imm(w, l->imm, &top);
    e.imm = l->sign ? (int64_t)(v << (63 - top)) >> (63 - top) : (int64_t)v;
  }
  e.rd = reg_of(w, l->rd), e.rs1 = reg_of(w, l->rs1), e.rs2 = reg_of(w, l->rs2);
  e.rs3 = reg_of(w, l->rs3);
  if (l->rm_hi) e.rm = (w >> l->rm_lo) & ((1u << (l->rm_hi - l->rm_lo + 1)) - 1);
  return e;
}

/* ---- brute-force decoding straight from the rows ---- */

static bool cons_ok(uint32_t w, uint32_t cons, int64_t imm) {
  uint32_t r = (w >> 7) & 31;
  return !((cons & C_NZ_RD) && r == 0) && !((cons & C_NOT_SP) && r == 2) &&
         !((cons & C_NZ_RS2) && ((w >> 2) & 31) == 0) && !((cons & C_NZ_IMM) && imm == 0);
}

/* Returns the number of rows that apply; the out parameters describe the last one. */
static int brute16(uint32_t w, int *cop, isa_insn *e) {
  int n = 0;
  for (int c = 1; c < COP_COUNT; c++) {
    const struct isa_row *r = &isa_crows[c];
    if ((w & r->mask) != r->match) continue;
    isa_insn f = expect_fields(w, &lay16[r->fmt]);
    if (!cons_ok(w, r->cons, f.imm)) continue;
    n++, *cop = c, *e = f;
  }
  return n;
}

static int brute32(uint32_t w, int *op, isa_insn *e) {
  int n = 0;
  for (int o = 1; o < OP_COUNT; o++) {
    const struct isa_row *r = &isa_rows[o];
    if ((w & r->mask) != r->match) continue;
    uint32_t rm = (w >> 12) & 7;
    if ((r->flags & F_RM) && (rm == 5 || rm == 6)) continue;
    n++, *op = o, *e = expect_fields(w, &lay32[r->fmt]);
  }
  return n;
}

static int mismatches;
static void report(const char *what, uint32_t w, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(const char *what, uint32_t w, const char *fmt, ...) {
  if (mismatches++ >= 10) return;
  va_list ap;
  va_start(ap, fmt);
  printf("  %s %08x: ", what, w);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
}

static bool same_fields(const isa_insn *a, const isa_insn *e) {
  return a->rd == e->rd && a->rs1 == e->rs1 && a->rs2 == e->rs2 && a->rs3 == e->rs3 &&
         a->rm == e->rm && a->imm == e->imm;
}

static void check_word16(uint32_t w) {
  int cop = 0;
  isa_insn e = {0}, d;
  int n = brute16(w, &cop, &e);
  bool ok = isa_decode(w, &d);
  if (n > 1) report("c16", w, "%d rows apply", n);
  if (n == 0) {
    if (ok || d.op != OP_illegal || d.len != 2) report("c16", w, "decoded, the table has no row");
    return;
  }
  if (!ok || d.cop != cop || d.op != isa_crows[cop].base || d.len != 2 || d.raw != w) {
    report("c16", w, "got op %d cop %d, want %s", d.op, d.cop, isa_crows[cop].mnemonic);
    return;
  }
  if (!same_fields(&d, &e))
    report("c16", w, "%s fields rd %d/%d rs1 %d/%d rs2 %d/%d imm %" PRId64 "/%" PRId64,
           isa_crows[cop].mnemonic, d.rd, e.rd, d.rs1, e.rs1, d.rs2, e.rs2, d.imm, e.imm);
}

static void check_word32(uint32_t w) {
  int op = 0;
  isa_insn e = {0}, d;
  int n = brute32(w, &op, &e);
  bool ok = isa_decode(w, &d);
  if (n > 1) report("i32", w, "%d rows apply", n);
  if (n == 0) {
    if (ok || d.op != OP_illegal || d.len != 4) report("i32", w, "decoded, the table has no row");
    return;
  }
  if (!ok || d.op != op || d.cop != COP_none || d.len != 4 || d.raw != w) {
    report("i32", w, "got op %d, want %s", d.op, isa_rows[op].mnemonic);
    return;
  }
  if (!same_fields(&d, &e))
    report("i32", w, "%s fields rd %d/%d rs1 %d/%d rs2 %d/%d rs3 %d/%d rm %d/%d imm %" PRId64
           "/%" PRId64, isa_rows[op].mnemonic, d.rd, e.rd, d.rs1, e.rs1, d.rs2, e.rs2, d.rs3,
           e.rs3, d.rm, e.rm, d.imm, e.imm);
}

static void verdict(const char *name, const char *detail) {
  if (mismatches) printf("FAIL %s: %d mismatches\n", name, mismatches);
  else printf("PASS %s%s%s\n", name, detail ? " " : "", detail ? detail : "");
  mismatches = 0;
}

/* ---- (a) and (b): decoder ---- */

static void test_disjoint32(void) {
  /* Two match/mask rows share a word iff they agree on the bits both fix. */
  for (int a = 1; a < OP_COUNT; a++)
    for (int b = a + 1; b < OP_COUNT; b++) {
      const struct isa_row *x = &isa_rows[a], *y = &isa_rows[b];
      if (((x->match ^ y->match) & x->mask & y->mask) == 0)
        report("rows", x->match, "%s overlaps %s", x->mnemonic, y->mnemonic);
    }
  verdict("isa-rows-disjoint", NULL);
}

static void test_all16(void) {
  int words = 0;
  for (uint32_t w = 0; w < 0x10000; w++) {
    if ((w & 3) == 3) {
      isa_insn d;
      /* A 32-bit prefix: isa_length says 4 and decoding reads the upper parcel. */
      if (isa_length((uint16_t)w) != 4) report("len", w, "not a 32-bit prefix");
      (void)isa_decode(w, &d);
      if (d.len != 4) report("len", w, "decoded with length %d", d.len);
      continue;
    }
    check_word16(w);
    /* The upper half of the word must not matter. */
    isa_insn a, b;
    bool oka = isa_decode(w, &a), okb = isa_decode(w | (rnd() << 16), &b);
    if (oka != okb || memcmp(&a, &b, sizeof a) != 0) report("c16", w, "depends on bits 31:16");
    words++;
  }
  char detail[64];
  snprintf(detail, sizeof detail, "(%d compressed words)", words);
  verdict("isa-decode-16bit-exhaustive", detail);
}

static void test_random32(void) {
  int n = 0;
  for (int i = 0; i < 1000000; i++, n++) check_word32(rnd() | 3);
  /* Every row's own words, with random don't-care bits. */
  for (int o = 1; o < OP_COUNT; o++)
    for (int i = 0; i < 200; i++, n++)
      check_word32(isa_rows[o].match | (rnd() & ~isa_rows[o].mask));
  char detail[64];
  snprintf(detail, sizeof detail, "(%d words)", n);
  verdict("isa-decode-32bit-random", detail);
}

/* ---- (c): disassembly against objdump ---- */

struct sample {
  uint32_t word, pc;
  int len, op, cop;
};
static struct sample *samples;
static int nsamples, cap;

static void add_sample(uint32_t w, int len, uint32_t *pc) {
  isa_insn d;
  if (!isa_decode(w, &d)) return;
  if (nsamples == cap) {
    cap = cap ? cap * 2 : 4096;
    samples = realloc(samples, cap * sizeof *samples);
    if (!samples) abort();
  }
  samples[nsamples++] = (struct sample){w, *pc, len, d.op, d.cop};
  *pc += len;
}

/* Random instances of 32-bit row o that objdump 2.40 also accepts. It is stricter than the
 * specification and QEMU in places, so these fields are pinned (rvx follows QEMU there):
 * fence needs fm, rd and rs1 zero (fence.tso is its own pattern); fence.i all-zero fields;
 * the exact widening conversions (row operand code M) rm = 0. */
static uint32_t instance32(int o) {
  const struct isa_row *r = &isa_rows[o];
  uint32_t w = r->match | (rnd() & ~r->mask);
  if (o == OP_fence) w &= 0x0ff0707fu;
  if (o == OP_fence_i) w = r->match;
  if (strstr(r->args, "M")) w &= ~0x7000u;
  return w;
}

static char *normalize(char *s) {
  /* Drop objdump's symbolic target "<...>" and "# ..." comments, collapse blanks. */
  char *cut = strstr(s, " <");
  if (cut) *cut = 0;
  cut = strchr(s, '#');
  if (cut) *cut = 0;
  char *o = s;
  for (char *p = s; *p; p++) {
    if (isspace((unsigned char)*p)) {
      if (o > s && o[-1] != ' ') *o++ = ' ';
    } else {
      *o++ = *p;
    }
  }
  while (o > s && o[-1] == ' ') o--;
  *o = 0;
  return s;
}

static void test_objdump(const char *objdump, const char *tmpdir) {
  uint32_t pc = 0;
  int per_row = 300;
  for (int o = 1; o < OP_COUNT; o++) {
    int got = 0;
    for (int t = 0; got < per_row && t < per_row * 20; t++) {
      uint32_t w = instance32(o);
      isa_insn d;
      if (isa_decode(w, &d) && d.op == o) add_sample(w, 4, &pc), got++;
    }
  }
  for (int c = 1; c < COP_COUNT; c++) {
    int got = 0;
    for (int t = 0; got < per_row && t < per_row * 50; t++) {
      uint32_t w = isa_crows[c].match | (rnd() & ~isa_crows[c].mask & 0xffff);
      isa_insn d;
      if (isa_decode(w, &d) && d.cop == c) add_sample(w, 2, &pc), got++;
    }
  }
  /* Every CSR number, the fence sets, fence.tso, and the illegal all-zero parcel. */
  for (uint32_t csr = 0; csr < 4096; csr++) add_sample(csr << 20 | 0x000a2573u, 4, &pc);
  for (uint32_t ps = 0; ps < 256; ps++) add_sample(ps << 20 | 0x0000000fu, 4, &pc);
  add_sample(0x8330000fu, 4, &pc);

  char bin[4096], cmd[8192];
  snprintf(bin, sizeof bin, "%s/test_isa.%d.bin", tmpdir, (int)getpid());
  FILE *f = fopen(bin, "wb");
  if (!f) {
    printf("FAIL isa-disasm-objdump: cannot write %s\n", bin);
    return;
  }
  for (int i = 0; i < nsamples; i++) fwrite(&samples[i].word, 1, samples[i].len, f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "%s -D -b binary -m riscv:rv64 -M no-aliases '%s'", objdump, bin);
  FILE *p = popen(cmd, "r");
  if (!p) {
    printf("FAIL isa-disasm-objdump: cannot run %s\n", objdump);
    return;
  }
  int *covered = calloc(OP_COUNT + COP_COUNT, sizeof *covered);
  int next = 0, compared = 0, bad = 0;
  char line[1024], ours[256];
  while (fgets(line, sizeof line, p)) {
    /* "    1a4:\t0001                \tc.addi\tzero,0" */
    char *colon = strchr(line, ':'), *end;
    if (!colon || line[0] != ' ') continue;
    unsigned long addr = strtoul(line, &end, 16);
    if (end != colon || colon[1] != '\t') continue;
    char *text = strchr(colon + 2, '\t');
    if (!text) continue;
    text[strcspn(text, "\n")] = 0;
    while (next < nsamples && samples[next].pc < addr) next++;
    if (next >= nsamples || samples[next].pc != addr) continue;
    struct sample *s = &samples[next];
    isa_insn d;
    isa_decode(s->word, &d);
    isa_disasm(&d, s->pc, ours, sizeof ours);
    normalize(text);
    normalize(ours);
    compared++;
    if (strcmp(text, ours) != 0) {
      if (bad++ < 20)
        printf("  %0*x: objdump \"%s\", rvx \"%s\"\n", s->len * 2, s->word, text, ours);
    } else {
      covered[s->cop ? OP_COUNT + s->cop : s->op]++;
    }
  }
  int rc = pclose(p);
  unlink(bin);
  int uncovered = 0;
  for (int o = 1; o < OP_COUNT; o++)
    if (!covered[o]) printf("  row %s: no matching instance\n", isa_rows[o].mnemonic), uncovered++;
  for (int c = 1; c < COP_COUNT; c++)
    if (!covered[OP_COUNT + c])
      printf("  row %s: no matching instance\n", isa_crows[c].mnemonic), uncovered++;
  free(covered);
  if (rc != 0 || compared != nsamples)
    printf("FAIL isa-disasm-objdump: objdump status %d, compared %d of %d\n", rc, compared,
           nsamples);
  else if (bad || uncovered)
    printf("FAIL isa-disasm-objdump: %d of %d differ, %d rows uncovered\n", bad, compared,
           uncovered);
  else
    printf("PASS isa-disasm-objdump (%d instructions, %d+%d rows)\n", compared, OP_COUNT - 1,
           COP_COUNT - 1);
}

/* A few fixed cases of the interface contract, spelled out. */
static void test_examples(void) {
  static const struct {
    uint32_t w;
    const char *text;
    int op, rd, rs1, rs2;
    int64_t imm;
  } ex[] = {
    {0x0020, "c.addi4spn\ts0,sp,8", OP_addi, 8, 2, 0, 8},
    {0xa095, "c.j\t0x8a", OP_jal, 0, 0, 0, 100},      /* at pc 0x26 */
    {0x8082, "c.jr\tra", OP_jalr, 0, 1, 0, 0},
    {0x9502, "c.jalr\ta0", OP_jalr, 1, 10, 0, 0},
    {0x852e, "c.mv\ta0,a1", OP_add, 10, 0, 11, 0},
    {0x557d, "c.li\ta0,-1", OP_addi, 10, 0, 0, -1},
    {0xdd75, "c.beqz\ta0,0x26", OP_beq, 0, 10, 0, -4}, /* at pc 0x2a */
    {0x0000, "c.unimp", OP_illegal, 0, 0, 0, 0},
    {0x6101, ".2byte\t0x6101", OP_illegal, 0, 0, 0, 0},        /* c.addi16sp 0: reserved */
    {0x00b5d553, ".4byte\t0xb5d553", OP_illegal, 0, 0, 0, 0},  /* fadd.s rm=5 */
    {0x1605a52f, "lr.w.aqrl\ta0,(a1)", OP_lr_w, 10, 11, 0, 0},
    {0x8330000f, "fence.tso", OP_fence, 0, 0, 0, 0x833},
    {0xc0002573, "csrrs\ta0,cycle,zero", OP_csrrs, 10, 0, 0, 0xc00},
  };
  static const uint64_t pcs[] = {0, 0x26, 0, 0, 0, 0, 0x2a, 0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
    isa_insn d;
    char buf[128];
    bool ok = isa_decode(ex[i].w, &d);
    isa_disasm(&d, pcs[i], buf, sizeof buf);
    if (ok != (ex[i].op != OP_illegal) || d.op != ex[i].op || strcmp(buf, ex[i].text) ||
        (ok && (d.rd != ex[i].rd || d.rs1 != ex[i].rs1 || d.rs2 != ex[i].rs2 ||
                d.imm != ex[i].imm)))
      report("example", ex[i].w, "got \"%s\" op %d rd %d rs1 %d rs2 %d imm %" PRId64, buf, d.op,
             d.rd, d.rs1, d.rs2, d.imm);
  }
  /* Truncation behaves like snprintf. */
  isa_insn d;
  char small[7];
  isa_decode(0x00b50533, &d); /* add a0,a0,a1 */
  int n = isa_disasm(&d, 0, small, sizeof small);
  if (n != (int)strlen("add\ta0,a0,a1") || memcmp(small, "add\ta0", 7))
    report("example", 0x00b50533, "truncation: %d \"%s\"", n, small);
  verdict("isa-examples", NULL);
}

int main(int argc, char **argv) {
  const char *objdump = getenv("OBJDUMP");
  if (!objdump) objdump = "riscv64-linux-gnu-objdump";
  const char *tmpdir = argc > 1 ? argv[1] : "/tmp";
  setvbuf(stdout, NULL, _IOLBF, 0);
  test_examples();
  test_disjoint32();
  test_all16();
  test_random32();
  test_objdump(objdump, tmpdir);
  return 0;
}
