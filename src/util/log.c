/* One-line diagnostics of rvx itself. */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
