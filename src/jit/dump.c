/* -d jit / --dump-jit=FILE: a text record per translation (guest block disassembled by
 * isa_disasm, host code as hex), which tools/rvx-jitdis turns into a listing with the host
 * code disassembled by Zydis. rvx itself cannot link Zydis (it is shared-only here and rvx is
 * static), and a record of raw bytes loses nothing: the tool decodes them with the same
 * addresses. Also the hook every translation passes through (jit_tools_translated).
 *
 * A record:
 *   translation guest 0x10450 ops 3 host 0x7f0000001040 size 57 fn hot_loop+0x10
 *   guest 0x10450 00a50533 add a0,a0,a0
 *   guest 0x10454 0585     addi a1,a1,1
 *   host 0x7f0000001040 833b000f85...
 *   end                                                                               */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jit/jit_tools.h"
#include "mem/mem.h"
#include "util/log.h"
#include "util/options.h"

void jit_perf_map_add(const interp_block *b, const uint8_t *code, size_t size);

typedef struct out {
  char *p;
  size_t n, cap;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(o->p + (o->n < o->cap ? o->n : o->cap), o->n < o->cap ? o->cap - o->n : 0,
                    fmt, ap);
  va_end(ap);
  if (k > 0)
    o->n += (size_t)k;
}

size_t jit_dump_record(char *buf, size_t cap, const interp_block *b, unsigned n_ops,
                       const uint8_t *code, size_t size) {
  out o = { buf, 0, cap };
  if (cap)
    buf[0] = 0;
  char sym[160];
  jit_guest_symbol(b->pc, sym, sizeof sym);
  put(&o, "translation guest 0x%llx ops %u host 0x%llx size %zu%s%s\n",
      (unsigned long long)b->pc, n_ops, (unsigned long long)(uintptr_t)code, size,
      sym[0] ? " fn " : "", sym);
  for (unsigned i = 0; i < n_ops && i < b->n_ops; i++) {
    const interp_op *op = &b->ops[i];
    if (op->hid == H_next_block || op->hid == H_fetch_fault || op->pc >= GUEST_SIZE - 4)
      continue;
    /* The block was decoded from these bytes just now; they are still mapped. */
    uint32_t word = 0;
    memcpy(&word, mem_g2h(op->pc), op->len == 2 ? 2 : 4);
    isa_insn in;
    char text[96];
    if (isa_decode(word, &in))
      isa_disasm(&in, op->pc, text, sizeof text);
    else
      snprintf(text, sizeof text, "(illegal)");
    if (op->len == 2)
      put(&o, "guest 0x%llx %04x     %s\n", (unsigned long long)op->pc, word & 0xffff, text);
    else
      put(&o, "guest 0x%llx %08x %s\n", (unsigned long long)op->pc, word, text);
  }
  for (size_t off = 0; off < size; off += 32) {
    put(&o, "host 0x%llx ", (unsigned long long)(uintptr_t)(code + off));
    for (size_t i = off; i < size && i < off + 32; i++)
      put(&o, "%02x", code[i]);
    put(&o, "\n");
  }
  put(&o, "end\n");
  return o.n;
}

/* Appends buf to path; the first write of this process truncates it (a child after fork
 * writes to its own file, named by its pid). Opened for each record so that no descriptor
 * of rvx's sits among the guest's. */
void jit_tools_append(const char *path, bool *started, const char *buf, size_t n);
void jit_tools_append(const char *path, bool *started, const char *buf, size_t n) {
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (*started ? O_APPEND : O_TRUNC), 0644);
  if (fd < 0)
    return;
  *started = true;
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w <= 0)
      break;
    buf += w;
    n -= (size_t)w;
  }
  close(fd);
}

static void dump_add(const interp_block *b, unsigned n_ops, const uint8_t *code, size_t size) {
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  static char path[4096];
  static bool started;
  static pid_t pid;
  size_t cap = 2 * size + 128 * (b->n_ops + 2) + 512;
  char *buf = malloc(cap);
  if (!buf)
    return;
  size_t n = jit_dump_record(buf, cap, b, n_ops, code, size);
  if (log_on(LOG_OUT_ASM))
    log_write(buf, n < cap ? n : cap);
  if (!rvx_opts.dump_jit) {
    free(buf);
    return;
  }
  pthread_mutex_lock(&lock);
  if (pid != getpid()) {
    /* -d jit: a fresh file per process, named by its pid; --dump-jit=FILE: one file that
     * every process appends to (a record is one write). */
    pid = getpid();
    started = rvx_opts.dump_jit[0] != 0;
    if (!started)
      snprintf(path, sizeof path, "/tmp/rvx-jit-%d.dump", (int)pid);
    else
      snprintf(path, sizeof path, "%s", rvx_opts.dump_jit);
  }
  jit_tools_append(path, &started, buf, n < cap ? n : cap);
  pthread_mutex_unlock(&lock);
  free(buf);
}

void jit_tools_translated(const interp_block *b, const uint8_t *code, size_t size,
                          unsigned n_ops) {
  if (rvx_opts.perf_map)
    jit_perf_map_add(b, code, size);
  if (rvx_opts.dump_jit || log_on(LOG_OUT_ASM))
    dump_add(b, n_ops, code, size);
}
