/* What the -d items print about the guest: blocks (in_asm, exec), signals (int), what rvx
 * does not implement (unimp) and the memory map (page). Guest memory is read only where it is
 * mapped (mem_prot_at), as the predecoder does. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "isa/isa.h"
#include "jit/jit_tools.h"
#include "mem/mem.h"
#include "os/thread.h"
#include "util/log.h"

/* Appends to a growing text; on allocation failure what fits is kept. */
typedef struct text {
  char *p;
  size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
  for (int round = 0; round < 2; round++) {
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(t->p ? t->p + t->n : NULL, t->p ? t->cap - t->n : 0, fmt, ap);
    va_end(ap);
    if (k < 0)
      return;
    if (t->p && t->n + (size_t)k < t->cap) {
      t->n += (size_t)k;
      return;
    }
    size_t cap = 2 * (t->n + (size_t)k) + 256;
    char *p = realloc(t->p, cap);
    if (!p)
      return;
    t->p = p;
    t->cap = cap;
  }
}

static void flush(text *t)
{
  if (t->p)
    log_write(t->p, t->n);
  free(t->p);
  t->p = NULL;
}

/* The two bytes at g when they are mapped executable (code rvx decoded), else false. */
static bool read_code16(uint64_t g, uint16_t *v)
{
  int prot = g <= GUEST_SIZE - 2 ? mem_prot_at(g) : -1;
  if (prot < 0 || !(prot & PROT_EXEC) || ((g + 1) % GUEST_PAGE == 0 && mem_prot_at(g + 1) < 0))
    return false;
  memcpy(v, mem_g2h(g), 2);
  return true;
}

/* The instruction at g (length in *len), from mapped executable memory. */
static bool read_insn(uint64_t g, uint32_t *word, int *len)
{
  uint16_t lo, hi = 0;
  if (!read_code16(g, &lo))
    return false;
  *len = isa_length(lo);
  if (*len == 4 && !read_code16(g + 2, &hi))
    return false;
  *word = (uint32_t)hi << 16 | lo;
  return true;
}

static void put_insn(text *t, uint64_t pc, uint32_t word, int len)
{
  isa_insn in;
  char dis[96];
  if (isa_decode(word, &in))
    isa_disasm(&in, pc, dis, sizeof dis);
  else
    snprintf(dis, sizeof dis, "(illegal)");
  if (len == 2)
    put(t, "0x%016" PRIx64 ":  %04x      %s\n", pc, word & 0xffff, dis);
  else
    put(t, "0x%016" PRIx64 ":  %08x  %s\n", pc, word, dis);
}

void log_in_asm(uint64_t pc, uint64_t end)
{
  text t = { 0 };
  char sym[160];
  jit_guest_symbol(pc, sym, sizeof sym);
  put(&t, "----------------\nIN: %s\n", sym);
  for (uint64_t g = pc; g < end;) {
    uint32_t word;
    int len;
    if (!read_insn(g, &word, &len)) {
      put(&t, "0x%016" PRIx64 ":  (not executable)\n", g);
      break;
    }
    put_insn(&t, g, word, len);
    g += (uint64_t)len;
  }
  put(&t, "\n");
  flush(&t);
}

static int tid(void)
{
  return os_self ? os_self->tid : (int)gettid();
}

void log_exec(uint64_t pc, bool translated)
{
  char line[96];
  int k = snprintf(line, sizeof line, "Trace %d: 0x%016" PRIx64 " [%s]\n", tid(), pc,
                   translated ? "jit" : "interp");
  if (k > 0)
    log_write(line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1);
}

void log_int(int sig, int code, uint64_t pc, uint64_t handler)
{
  const char *name = sigabbrev_np(sig);
  char what[200];
  if (handler == 0) {
    snprintf(what, sizeof what, "default action");
  } else if (handler == 1) {
    snprintf(what, sizeof what, "ignored");
  } else {
    char sym[160];
    jit_guest_symbol(handler, sym, sizeof sym);
    snprintf(what, sizeof what, "handler 0x%" PRIx64 "%s%s%s", handler, sym[0] ? " <" : "", sym,
             sym[0] ? ">" : "");
  }
  log_printf("Signal %d (%s%s) code %d, tid %d, at pc 0x%" PRIx64 ": %s\n", sig,
             name ? "SIG" : "", name ? name : "real-time", code, tid(), pc, what);
}

void log_unimp_syscall(uint64_t nr, const char *name, uint64_t pc)
{
  log_printf("Unimplemented syscall %" PRIu64 " (%s) at pc 0x%" PRIx64 ": ENOSYS\n", nr,
             name ? name : "not in rvx's table", pc);
}

void log_unimp_insn(uint64_t pc)
{
  uint32_t word;
  int len;
  if (!read_insn(pc, &word, &len)) {
    log_printf("Illegal instruction at pc 0x%" PRIx64 " (not readable)\n", pc);
    return;
  }
  text t = { 0 };
  put(&t, "Illegal instruction, tid %d:\n", tid());
  put_insn(&t, pc, word, len);
  flush(&t);
}

/* ---- page ---- */

static void prot_text(int prot, char s[4])
{
  s[0] = prot & PROT_READ ? 'r' : '-';
  s[1] = prot & PROT_WRITE ? 'w' : '-';
  s[2] = prot & PROT_EXEC ? 'x' : '-';
  s[3] = 0;
}

static uint64_t page_up(uint64_t len)
{
  return len > UINT64_MAX - (GUEST_PAGE - 1) ? UINT64_MAX & ~(uint64_t)(GUEST_PAGE - 1)
                                            : (len + GUEST_PAGE - 1) & ~(uint64_t)(GUEST_PAGE - 1);
}

static void put_result(text *t, int64_t ret)
{
  if (ret < 0 && ret >= -4095) {
    const char *e = strerrorname_np((int)-ret);
    put(t, " failed: %s\n", e ? e : "E?");
  } else {
    put(t, "\n");
  }
}

void log_page_call(const char *call, const uint64_t a[6], int64_t ret)
{
  text t = { 0 };
  char p[4];
  bool ok = ret >= 0 || ret < -4095;
  if (strcmp(call, "mmap") == 0) {
    int flags = (int)a[3];
    prot_text((int)a[2], p);
    uint64_t at = ok ? (uint64_t)ret : a[0];
    put(&t, "mmap 0x%" PRIx64 "-0x%" PRIx64 " %s %s%s%s", at, at + page_up(a[1]), p,
        (flags & MAP_TYPE) == MAP_PRIVATE ? "private" : "shared",
        flags & MAP_FIXED_NOREPLACE ? " fixed-noreplace" : flags & MAP_FIXED ? " fixed" : "",
        flags & MAP_ANONYMOUS ? " anonymous" : "");
    if (!(flags & MAP_ANONYMOUS))
      put(&t, " fd %d offset 0x%" PRIx64, (int)a[4], a[5]);
  } else if (strcmp(call, "munmap") == 0) {
    put(&t, "munmap 0x%" PRIx64 "-0x%" PRIx64, a[0], a[0] + page_up(a[1]));
  } else if (strcmp(call, "mprotect") == 0) {
    prot_text((int)a[2], p);
    put(&t, "mprotect 0x%" PRIx64 "-0x%" PRIx64 " %s", a[0], a[0] + page_up(a[1]), p);
  } else if (strcmp(call, "mremap") == 0) {
    put(&t, "mremap 0x%" PRIx64 "-0x%" PRIx64 " to ", a[0], a[0] + page_up(a[1]));
    if (ok)
      put(&t, "0x%" PRIx64 "-0x%" PRIx64, (uint64_t)ret, (uint64_t)ret + page_up(a[2]));
    else
      put(&t, "size 0x%" PRIx64, page_up(a[2]));
  } else {   /* brk returns the break, moved or not; it never fails with an error */
    put(&t, "brk 0x%" PRIx64 ": break at 0x%" PRIx64, a[0], (uint64_t)ret);
  }
  put_result(&t, ret);
  flush(&t);
}

void log_page_layout(const char *why)
{
  size_t len = mem_format_maps(NULL, 0);
  char *maps = malloc(len + 1);
  if (!maps)
    return;
  mem_format_maps(maps, len + 1);
  text t = { 0 };
  put(&t, "page layout (%s):\n%s\n", why, maps);
  free(maps);
  flush(&t);
}
