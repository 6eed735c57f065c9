/* The profile from the samples: every pc named by the guest's ELF symbol tables (the
 * program, its loader and libraries: jit_guest_symbol, the lookup --perf-map uses), stacks
 * merged into a call tree, self and total samples per function; and the text report. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jit/jit_tools.h"
#include "prof/prf_internal.h"
#include "util/options.h"

/* Open-addressing maps from a 64-bit key to a 32-bit value (keys are never 0: callers add
 * one where 0 could occur). */
typedef struct map {
  uint64_t *keys;
  uint32_t *vals;
  size_t cap, n;
} map;

static uint64_t mix(uint64_t k)
{
  k ^= k >> 33;
  k *= UINT64_C(0xff51afd7ed558ccd);
  k ^= k >> 33;
  return k;
}

static bool map_get(const map *m, uint64_t k, uint32_t *v)
{
  if (!m->cap)
    return false;
  for (size_t i = mix(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (m->keys[i] == k) {
      *v = m->vals[i];
      return true;
    }
    if (!m->keys[i])
      return false;
  }
}

static bool map_put(map *m, uint64_t k, uint32_t v)
{
  if (2 * (m->n + 1) > m->cap) {
    map g = { calloc(m->cap ? 2 * m->cap : 1024, 8), calloc(m->cap ? 2 * m->cap : 1024, 4),
              m->cap ? 2 * m->cap : 1024, 0 };
    if (!g.keys || !g.vals) {
      free(g.keys);
      free(g.vals);
      return false;
    }
    for (size_t i = 0; i < m->cap; i++)
      if (m->keys[i])
        map_put(&g, m->keys[i], m->vals[i]);
    free(m->keys);
    free(m->vals);
    *m = g;
  }
  size_t i = mix(k) & (m->cap - 1);
  while (m->keys[i] && m->keys[i] != k)
    i = (i + 1) & (m->cap - 1);
  m->n += !m->keys[i];
  m->keys[i] = k;
  m->vals[i] = v;
  return true;
}

static void map_free(map *m)
{
  free(m->keys);
  free(m->vals);
}

typedef struct builder {
  prf_profile *p;
  map by_pc;      /* pc + 1 -> function */
  map by_name;    /* hash of the name -> first function with it (then a scan on collision) */
  map children;   /* (parent << 32 | func) + 1 -> node */
  size_t cap_funcs, cap_nodes;
  map tids;
  bool oom;
} builder;

static uint64_t hash_str(const char *s)
{
  uint64_t h = UINT64_C(1469598103934665603);
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
  return h | 1;
}

/* The function named `name`, added if new. */
static uint32_t func_named(builder *b, const char *name)
{
  prf_profile *p = b->p;
  uint64_t h = hash_str(name);
  uint32_t f;
  for (uint64_t k = h; map_get(&b->by_name, k, &f); k = mix(k) | 1)
    if (strcmp(p->funcs[f].name, name) == 0)
      return f;
  if (p->n_funcs == b->cap_funcs) {
    size_t cap = b->cap_funcs ? 2 * b->cap_funcs : 256;
    prf_func *nf = realloc(p->funcs, cap * sizeof *nf);
    if (!nf)
      goto oom;
    p->funcs = nf;
    b->cap_funcs = cap;
  }
  char *copy = strdup(name);
  if (!copy)
    goto oom;
  f = (uint32_t)p->n_funcs;
  p->funcs[p->n_funcs++] = (prf_func){ copy, 0, 0, UINT64_MAX };
  uint64_t k = h;
  uint32_t other;
  while (map_get(&b->by_name, k, &other))
    k = mix(k) | 1;
  if (!map_put(&b->by_name, k, f))
    goto oom;
  return f;
oom:
  b->oom = true;
  return 0;
}

/* The function holding guest address a: "name" without the "+0x..." offset that
 * jit_guest_symbol adds, the file's name where it has no symbol, "[unknown]" where no file
 * is mapped (the guest's own generated code, or unmapped since). */
static uint32_t func_at(builder *b, uint64_t a)
{
  uint32_t f;
  if (map_get(&b->by_pc, a + 1, &f))
    return f;
  char name[256];
  if (!jit_guest_symbol(a, name, sizeof name) || !name[0]) {
    snprintf(name, sizeof name, "[unknown]");
  } else {
    char *plus = strstr(name, "+0x"), *last = NULL;
    for (; plus; plus = strstr(plus + 1, "+0x"))
      last = plus;
    if (last && last > name && last[3] && strspn(last + 3, "0123456789abcdef") == strlen(last + 3))
      *last = 0;
  }
  f = func_named(b, name);
  if (!map_put(&b->by_pc, a + 1, f))
    b->oom = true;
  return f;
}

static uint32_t child_of(builder *b, uint32_t parent, uint32_t func)
{
  prf_profile *p = b->p;
  uint64_t k = ((uint64_t)parent << 32 | func) + 1;
  uint32_t n;
  if (map_get(&b->children, k, &n))
    return n;
  if (p->n_nodes == b->cap_nodes) {
    size_t cap = 2 * b->cap_nodes;
    prf_node *nn = realloc(p->nodes, cap * sizeof *nn);
    if (!nn) {
      b->oom = true;
      return parent;
    }
    p->nodes = nn;
    b->cap_nodes = cap;
  }
  n = (uint32_t)p->n_nodes++;
  p->nodes[n] = (prf_node){ func, parent, 0, p->nodes[parent].child, 0 };
  p->nodes[parent].child = n;
  if (!map_put(&b->children, k, n))
    b->oom = true;
  return n;
}

static void add_sample(const prf_sample *s, void *arg)
{
  builder *b = arg;
  prf_profile *p = b->p;
  if (b->oom)
    return;
  /* The stack innermost first: pc; ra when the function at pc has not saved it (it is then
   * not the first saved return address, and not in pc's own function: a function that made
   * a call has ra pointing into itself); then the saved return addresses. A return address
   * is looked up one byte back: the call, which may be a function's last instruction. */
  uint32_t st[PRF_MAX_FRAMES + 2];
  unsigned n = 0;
  st[n++] = func_at(b, s->pc);
  if ((s->flags & PRF_RA_MAYBE) && s->ra && (s->n == 0 || s->ra != s->ret[0])) {
    uint32_t f = func_at(b, s->ra - 1);
    if (f != st[0])
      st[n++] = f;
  }
  for (unsigned i = 0; i < s->n && n < PRF_MAX_FRAMES + 2; i++)
    st[n++] = func_at(b, s->ret[i] - 1);
  uint64_t id = p->samples++;
  p->in_jit += (s->flags & PRF_IN_JIT) != 0;
  p->at_boundary += (s->flags & PRF_AT_BOUNDARY) != 0;
  uint32_t t;
  if (!map_get(&b->tids, (uint64_t)s->tid + 1, &t) && map_put(&b->tids, (uint64_t)s->tid + 1, 1))
    p->threads++;
  p->funcs[st[0]].self++;
  uint32_t node = 0;
  p->nodes[0].count++;
  for (unsigned i = n; i-- > 0;) {
    prf_func *f = &p->funcs[st[i]];
    if (f->last != id) {
      f->total++;
      f->last = id;
    }
    node = child_of(b, node, st[i]);
    p->nodes[node].count++;
  }
  if (n > p->max_depth)
    p->max_depth = n;
}

bool prf_build(prf_profile *p)
{
  memset(p, 0, sizeof *p);
  builder b = { .p = p, .cap_nodes = 1024 };
  p->nodes = calloc(b.cap_nodes, sizeof *p->nodes);
  if (!p->nodes)
    return false;
  p->n_nodes = 1;
  func_named(&b, "all");   /* function 0: the root's */
  prf_each_sample(add_sample, &b);
  p->dropped = prf_dropped();
  map_free(&b.by_pc);
  map_free(&b.by_name);
  map_free(&b.children);
  map_free(&b.tids);
  if (b.oom) {
    prf_free(p);
    return false;
  }
  p->funcs[0].self = 0;
  p->funcs[0].total = p->samples;
  return true;
}

void prf_free(prf_profile *p)
{
  for (size_t i = 0; i < p->n_funcs; i++)
    free(p->funcs[i].name);
  free(p->funcs);
  free(p->nodes);
  memset(p, 0, sizeof *p);
}

/* ---- the text report ---- */

static const prf_profile *sort_p;

static int by_self(const void *a, const void *b)
{
  const prf_func *x = &sort_p->funcs[*(const uint32_t *)a];
  const prf_func *y = &sort_p->funcs[*(const uint32_t *)b];
  if (x->self != y->self)
    return x->self > y->self ? -1 : 1;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return strcmp(x->name, y->name);
}

static double pct(uint64_t part, uint64_t whole)
{
  return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

#define TEXT_ROWS 30

void prf_write_text(const prf_profile *p, FILE *out)
{
  /* The timers ask for PRF_HZ per thread's CPU second; the kernel fires CPU-clock timers at
   * its tick at the most (CONFIG_HZ, often 250), so say what the rate was. */
  struct timespec ts = { 0, 0 };
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  double cpu = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
  fprintf(out, "rvx profile: %" PRIu64 " samples of %" PRIu64 " thread%s in %.2f s of CPU "
          "(%.0f Hz; %s: %" PRIu64 " in translated code, %" PRIu64 " at a block boundary); %"
          PRIu64 " dropped\n", p->samples, p->threads, p->threads == 1 ? "" : "s", cpu,
          cpu > 0 ? (double)p->samples / cpu : 0.0,
          rvx_opts.engine == RVX_ENGINE_INTERP ? "interpreter" : "translator", p->in_jit,
          p->at_boundary, p->dropped);
  uint32_t *order = malloc((p->n_funcs ? p->n_funcs : 1) * sizeof *order);
  if (!order)
    return;
  size_t n = 0;
  for (size_t i = 1; i < p->n_funcs; i++)
    order[n++] = (uint32_t)i;
  sort_p = p;
  qsort(order, n, sizeof *order, by_self);
  fprintf(out, "%8s %7s %8s %7s  %s\n", "self", "self%", "total", "total%", "function");
  for (size_t i = 0; i < n && i < TEXT_ROWS; i++) {
    const prf_func *f = &p->funcs[order[i]];
    fprintf(out, "%8" PRIu64 " %6.2f%% %8" PRIu64 " %6.2f%%  %s\n", f->self,
            pct(f->self, p->samples), f->total, pct(f->total, p->samples), f->name);
  }
  if (n > TEXT_ROWS)
    fprintf(out, "(%zu more functions)\n", n - TEXT_ROWS);
  free(order);
}
