/* One-line diagnostics of rvx itself, and the items of the -d log (where the log goes is
 * log_file.c, what the items print log_guest.c). Depends on nothing else of rvx: unit tests
 * link it alone. */
#define _GNU_SOURCE
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void vlog(const char *fmt, va_list ap)
{
  char line[1024];
  vsnprintf(line, sizeof line, fmt, ap);
  fprintf(stderr, "rvx: %s\n", line);
}

void log_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vlog(fmt, ap);
  va_end(ap);
}

void log_fatal(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vlog(fmt, ap);
  va_end(ap);
  exit(125);
}

/* ---- the items ---- */

unsigned log_mask;

static const struct item {
  const char *name;
  unsigned bit;
} items[] = {
  { "in_asm", LOG_IN_ASM }, { "out_asm", LOG_OUT_ASM }, { "exec", LOG_EXEC },
  { "int", LOG_INT }, { "strace", LOG_STRACE }, { "unimp", LOG_UNIMP },
  { "page", LOG_PAGE }, { "jit", LOG_JIT },
};

const char log_items_help[] =
  "Log items (-d ITEM[,ITEM...] or RVX_LOG=ITEM,...); the log goes to -D FILE\n"
  "(RVX_LOG_FILENAME=FILE), else to stderr:\n"
  "in_asm   the guest instructions of each block when it is first decoded\n"
  "out_asm  each translation to x86-64: guest code and host code (as hex bytes;\n"
  "         tools/rvx-jitdis FILE disassembles them)\n"
  "exec     a line per block entered: 'Trace 0xPC [interp]' or '[jit]' (under the\n"
  "         translator, blocks reached by a predicted return or a loop inside one\n"
  "         translation are not listed; --engine=interp lists every block)\n"
  "int      each signal delivered to the program: number, pc, handler\n"
  "strace   every system call, as --strace\n"
  "unimp    system calls that return ENOSYS (unimplemented) and illegal instructions\n"
  "page     the guest's memory map at start, then each brk, mmap, munmap, mprotect and\n"
  "         mremap with its result\n"
  "jit      out_asm; without -D, into /tmp/rvx-jit-PID.dump (as in earlier versions)\n";

int log_parse_items(const char *list, unsigned *mask, char *err, size_t errlen)
{
  unsigned m = 0;
  const char *p = list;
  for (;;) {
    size_t len = strcspn(p, ",");
    if (len == 4 && strncmp(p, "help", 4) == 0)
      return 1;
    size_t i = 0;
    for (; i < sizeof items / sizeof *items; i++)
      if (strlen(items[i].name) == len && strncmp(p, items[i].name, len) == 0)
        break;
    if (i == sizeof items / sizeof *items) {
      if (errlen && len)
        snprintf(err, errlen, "unknown -d item '%.*s' (rvx -d help lists them)", (int)len, p);
      else if (errlen)
        snprintf(err, errlen, "empty -d item in '%s' (rvx -d help lists them)", list);
      return -1;
    }
    m |= items[i].bit;
    if (!p[len])
      break;
    p += len + 1;
  }
  *mask |= m;
  return 0;
}

void log_format_items(unsigned mask, char *buf, size_t cap)
{
  size_t n = 0;
  if (cap)
    buf[0] = 0;
  for (size_t i = 0; i < sizeof items / sizeof *items; i++)
    if (mask & items[i].bit) {
      int k = snprintf(buf + n, n < cap ? cap - n : 0, "%s%s", n ? "," : "", items[i].name);
      if (k > 0)
        n += (size_t)k;
    }
}
