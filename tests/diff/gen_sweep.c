/* Special-value sweeps for the differential test: one unit runs an FP instruction over every
 * pair (for FMA every triple) of a 16-entry table of special values, in a small run-time loop,
 * and folds each result and its fflags into a hash stored per row in the buffer. Random operand
 * choice alone meets a given pair of classes (say fmin.d of -0 and +0) only by chance; a sweep
 * meets all of them: zeros of both signs, infinities, quiet and signalling NaNs with payloads,
 * subnormals, the normal range ends, +-1, values one ulp apart, unboxed singles. Conversions to
 * integers sweep values at the saturation edges and rounding ties instead. A differing row
 * word names the first operand (the table entry of that row). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define X(r) diff_xname[r]
#define F(r) diff_fname[r]
#define N 16 /* table entries */
#define BOX(s) (UINT64_C(0xffffffff00000000) | (uint32_t)(s))

static uint64_t dbits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}
static uint32_t sbits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

/* Entry k of a table of class values: the class is k (so every table holds all of them), the
 * variant (sign, payload, which subnormal) is random. Precision 's' gives boxed singles. */
static uint64_t class_val(uint64_t *rng, char p, int k, const uint64_t *prev) {
  int s = p == 's';
  uint64_t sign = s ? 0x80000000u : UINT64_C(1) << 63, neg = rng_pct(rng, 50) ? sign : 0;
  uint64_t man = s ? 0x7fffffu : (UINT64_C(1) << 52) - 1, inf = s ? 0x7f800000u : UINT64_C(0x7ff) << 52;
  uint64_t quiet = s ? 0x400000u : UINT64_C(1) << 51, one = s ? 0x3f800000u : 0x3ff0000000000000u;
  uint64_t v;
  switch (k) {
  case 0: v = 0; break;
  case 1: v = sign; break;
  case 2: v = inf; break;
  case 3: v = inf | sign; break;
  case 4: v = inf | quiet | neg | (rng_pct(rng, 50) ? 0 : rng_next(rng) & (man >> 1)); break;
  case 5: v = inf | neg | ((rng_next(rng) & (man >> 1)) | 1); break;
  case 6: v = rng_pct(rng, 50) ? 1 : rng_pct(rng, 50) ? man : rng_next(rng) & man; break;
  case 7: v = sign | (rng_pct(rng, 50) ? 1 : rng_pct(rng, 50) ? man : rng_next(rng) & man); break;
  case 8: v = (man + 1) | neg; break;                 /* min normal */
  case 9: v = (inf - 1) | neg; break;                 /* max finite */
  case 10: v = one; break;
  case 11: v = one | sign; break;
  case 12: { /* simple values whose products cancel exactly against others in the table */
    static const double simple[] = { 2.0, 0.5, 1.5, 3.0, 0.75, 4.0 };
    double d = simple[rng_below(rng, NELEM(simple))];
    v = (s ? sbits((float)d) : dbits(d)) | neg;
    break;
  }
  case 13: case 14: { /* one ulp from an earlier finite entry, or 1.0 +- 1 ulp */
    uint64_t b = prev[rng_below(rng, (uint64_t)k)];
    if (s) b &= 0xffffffffu;
    if ((b & inf) == inf) b = one;
    v = rng_pct(rng, 50) ? b + 1 : (b & ~sign) ? b - 1 : b + 1;
    break;
  }
  default: /* an ordinary value; for singles, sometimes one that is not NaN-boxed */
    v = s ? (uint32_t)gen_fval(rng) : gen_fval(rng);
    if (s && rng_pct(rng, 50)) return (rng_next(rng) & 0x7fffffff00000000u) | (uint32_t)v;
  }
  return s ? BOX(v) : v;
}

/* Values near where conversion to integer type t (0 w, 1 wu, 2 l, 3 lu) saturates, and ties. */
static uint64_t edge_val(uint64_t *rng, char p, int t) {
  static const double edge[4][8] = {
    { 2147483647.0, 2147483647.5, 2147483648.0, 2147483646.5, -2147483648.0, -2147483648.5,
      -2147483649.0, -2147483647.5 },
    { 4294967295.0, 4294967295.5, 4294967296.0, 4294967294.5, -0.5, -1.0, -0.0, 0.75 },
    { 9223372036854775808.0, -9223372036854775808.0, 9223372036854774784.0, 4611686018427387904.5,
      -9223372036854774784.0, 2147483648.5, -0.0, -4294967296.5 },
    { 18446744073709551616.0, 9223372036854775808.0, 18446744073709549568.0, -0.5, -1.0, -0.0,
      0.49999999999999994, 4294967296.5 },
  };
  static const double tie[] = { 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1e-300, -1e-300 };
  double d = rng_pct(rng, 70) ? edge[t][rng_below(rng, 8)] : tie[rng_below(rng, NELEM(tie))];
  if (rng_pct(rng, 10)) d = (double)rng_range(rng, -1000, 1000) + 0.5;
  int step = (int)rng_below(rng, 5); /* 0,1: as is; 2,3: one ulp up/down; 4: two ulps down */
  if (p == 's') {
    float f = (float)d;
    if (step == 2) f = nextafterf(f, INFINITY);
    if (step >= 3) f = nextafterf(f, -INFINITY);
    if (step == 4) f = nextafterf(f, -INFINITY);
    return BOX(sbits(f));
  }
  if (step == 2) d = nextafter(d, INFINITY);
  if (step >= 3) d = nextafter(d, -INFINITY);
  if (step == 4) d = nextafter(d, -INFINITY);
  return dbits(d);
}

/* Distinct integer registers (not x0, sp, or the ones kept) and FP registers. */
static void pick_x(gen_ctx *c, int *r, int n) {
  for (int i = 0; i < n; i++) {
    int again;
    do {
      r[i] = (int)rng_range(c->rng, 1, 31);
      again = r[i] == 2 || r[i] == c->avoid || r[i] == c->avoid2;
      for (int j = 0; j < i; j++) again |= r[j] == r[i];
    } while (again);
  }
}

static void pick_f(gen_ctx *c, int *r, int n) {
  for (int i = 0; i < n; i++) {
    int again;
    do {
      r[i] = (int)rng_below(c->rng, 32);
      again = 0;
      for (int j = 0; j < i; j++) again |= r[j] == r[i];
    } while (again);
  }
}

void gen_sweep(gen_ctx *c, sbuf *o) {
  static const char *const ops[] = {
    "fadd", "fsub", "fmul", "fdiv", "fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax", "feq", "flt",
    "fle", "fmadd", "fmsub", "fnmsub", "fnmadd", "fsqrt", "fclass", "fcvt.w", "fcvt.wu",
    "fcvt.l", "fcvt.lu", "fcvt.x", "fmv.x",
  };
  static const char *const rms[] = { "rne", "rtz", "rdn", "rup", "rmm", "dyn" };
  char p = rng_pct(c->rng, 50) ? 's' : 'd';
  int k = (int)rng_below(c->rng, NELEM(ops));
  const char *op = ops[k];
  int fma = k >= 12 && k <= 15, unary = k >= 16, cvt = k >= 18 && k <= 21;
  int intdst = (k >= 9 && k <= 11) || k == 17 || cvt || k == 23;
  int rounds = k <= 3;
  const char *rm = rms[rng_below(c->rng, NELEM(rms))];
  char q = k == 22 ? (p == 's' ? 'd' : 's') : p; /* the precision of the operands */
  uint64_t tab[N];
  for (int i = 0; i < N; i++) tab[i] = cvt ? edge_val(c->rng, q, k - 18) : class_val(c->rng, q, i, tab);
  /* A, B, C: table pointers; I, J, L: counts; T: result; G: flags; H: hash; K: multiplier;
   * O: where the row hashes go (the buffer's lower half, 8 * N bytes). */
  int x[10], f[4];
  pick_x(c, x, 10);
  pick_f(c, f, 4);
  int A = x[0], B = x[1], C = x[2], I = x[3], J = x[4], L = x[5], T = x[6], G = x[7], H = x[8];
  int K = x[9];
  int fd = f[0], fa = f[1], fb = f[2], fc = f[3];
  long long row = rng_range(c->rng, -BUF_SIZE / 16, -N) * 8;
  sb_printf(o, "# sweep %s.%c: the hash of the row of table entry e is at sp%+lld + 8 * e\n",
            op, p, row);
  sb_printf(o, "\t.pushsection .data\n\t.balign 8\n5:\n");
  for (int i = 0; i < N; i++) sb_printf(o, "\t.quad 0x%016llx\n", (unsigned long long)tab[i]);
  sb_printf(o, "\t.popsection\n\tli %s, 0x9e3779b97f4a7c15\n", X(K));
  sb_printf(o, "\tlla %s, 5b\n\tli %s, %d\n3:\n\tli %s, 0\n\tfld %s, 0(%s)\n", X(A), X(I),
            unary ? 1 : N, X(H), F(fa), X(A));
  sb_printf(o, "\tlla %s, 5b\n\tli %s, %d\n4:\n\tfld %s, 0(%s)\n", X(B), X(J), N, F(fb), X(B));
  if (fma) sb_printf(o, "\tlla %s, 5b\n\tli %s, %d\n6:\n\tfld %s, 0(%s)\n", X(C), X(L), N, F(fc), X(C));
  char ins[128];
  const char *src1 = unary ? F(fb) : F(fa);
  if (k == 22 && p == 's') /* from the other precision: s <- d, d <- s */
    snprintf(ins, sizeof ins, "fcvt.s.d %s, %s, %s", F(fd), src1, rm);
  else if (k == 22)
    snprintf(ins, sizeof ins, "fcvt.d.s %s, %s", F(fd), src1);
  else if (k == 23)
    snprintf(ins, sizeof ins, "fmv.x.%c %s, %s", p == 's' ? 'w' : 'd', X(T), src1);
  else if (cvt)
    snprintf(ins, sizeof ins, "%s.%c %s, %s, %s", op, p, X(T), src1, rm);
  else if (k == 16)
    snprintf(ins, sizeof ins, "fsqrt.%c %s, %s, %s", p, F(fd), src1, rm);
  else if (k == 17)
    snprintf(ins, sizeof ins, "fclass.%c %s, %s", p, X(T), src1);
  else if (fma)
    snprintf(ins, sizeof ins, "%s.%c %s, %s, %s, %s, %s", op, p, F(fd), F(fa), F(fb), F(fc), rm);
  else if (intdst)
    snprintf(ins, sizeof ins, "%s.%c %s, %s, %s", op, p, X(T), F(fa), F(fb));
  else if (rounds)
    snprintf(ins, sizeof ins, "%s.%c %s, %s, %s, %s", op, p, F(fd), F(fa), F(fb), rm);
  else
    snprintf(ins, sizeof ins, "%s.%c %s, %s, %s", op, p, F(fd), F(fa), F(fb));
  sb_printf(o, "\t%s\n", ins);
  if (!intdst) sb_printf(o, "\tfmv.x.d %s, %s\n", X(T), F(fd));
  /* hash = ((hash + result) * K + flags) * K: any one differing result or flags changes it */
  sb_printf(o, "\tcsrrw %s, fflags, x0\n\tadd %s, %s, %s\n\tmul %s, %s, %s\n", X(G), X(H), X(H),
            X(T), X(H), X(H), X(K));
  sb_printf(o, "\tadd %s, %s, %s\n\tmul %s, %s, %s\n", X(H), X(H), X(G), X(H), X(H), X(K));
  if (fma) sb_printf(o, "\taddi %s, %s, 8\n\taddi %s, %s, -1\n\tbnez %s, 6b\n", X(C), X(C), X(L), X(L), X(L));
  sb_printf(o, "\taddi %s, %s, 8\n\taddi %s, %s, -1\n\tbnez %s, 4b\n", X(B), X(B), X(J), X(J), X(J));
  /* Row I (counting down from N) hashes table entry N - I with all others; its word goes to
   * row + 8 * (N - I), so the differing words name the first operands that differ. */
  sb_printf(o, "\tslli %s, %s, 3\n\tsub %s, sp, %s\n\tsd %s, %lld(%s)\n", X(G), X(I), X(G), X(G),
            X(H), row + 8 * N, X(G));
  sb_printf(o, "\taddi %s, %s, 8\n\taddi %s, %s, -1\n\tbnez %s, 3b\n", X(A), X(A), X(I), X(I), X(I));
  if (!intdst) c->ftype[fd] = p;
  c->ftype[fa] = c->ftype[fb] = c->ftype[fc] = q;
}
