/* The options the command line sets, and the --stats report. */
#include "util/options.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "exc/exc.h"
#include "jit/jit.h"
#include "util/canary.h"
#include "util/log.h"

struct rvx_options rvx_opts;

int rvx_option_words(const char **out, int max)
{
  static char threshold[48], cache[48], maxmem[48], dump[4200], items[128];
  const char *w[32];
  int n = 0;
  if (rvx_opts.strace)
    w[n++] = "--strace";
  if (rvx_opts.stats)
    w[n++] = "--stats";
  if (rvx_opts.engine == RVX_ENGINE_INTERP)
    w[n++] = "--engine=interp";
  else if (rvx_opts.engine == RVX_ENGINE_JIT)
    w[n++] = "--engine=jit";
  snprintf(threshold, sizeof threshold, "--jit-threshold=%llu",
           (unsigned long long)rvx_opts.jit_threshold);
  w[n++] = threshold;
  if (rvx_opts.code_cache_size) {
    snprintf(cache, sizeof cache, "--code-cache-size=%llu",
             (unsigned long long)rvx_opts.code_cache_size);
    w[n++] = cache;
  }
  if (rvx_opts.verify)
    w[n++] = "--verify";
  if (rvx_opts.perf_map)
    w[n++] = "--perf-map";
  if (rvx_opts.dump_jit && !rvx_opts.dump_jit[0]) {
    w[n++] = "-d";
    w[n++] = "jit";
  } else if (rvx_opts.dump_jit) {
    snprintf(dump, sizeof dump, "--dump-jit=%s", rvx_opts.dump_jit);
    w[n++] = dump;
  }
  /* -d jit is passed on above (as dump_jit) or became out_asm (with -D). */
  if (rvx_opts.log_mask & ~LOG_JIT) {
    log_format_items(rvx_opts.log_mask & ~LOG_JIT, items, sizeof items);
    w[n++] = "-d";
    w[n++] = items;
  }
  if (rvx_opts.log_file) {   /* absolute (log_start); the exec'd rvx must not truncate it */
    w[n++] = "-D";
    w[n++] = rvx_opts.log_file;
    w[n++] = "--log-append";
  }
  if (rvx_opts.max_memory) {
    snprintf(maxmem, sizeof maxmem, "--max-memory=%llu",
             (unsigned long long)rvx_opts.max_memory);
    w[n++] = maxmem;
  }
  if (rvx_opts.sandbox) {
    w[n++] = "--sandbox";
    w[n++] = rvx_opts.sandbox;
  }
  if (rvx_opts.net_none)
    w[n++] = "--net=none";
  if (rvx_opts.sysroot && !rvx_opts.sandbox) {
    w[n++] = "-L";
    w[n++] = rvx_opts.sysroot;
  }
  if (n > max)
    n = max;
  for (int i = 0; i < n; i++)
    out[i] = w[i];
  return n;
}

/* Appends "rvx: stats: NAME: VALUE\n" to buf (async-signal-safe formatting). */
static size_t put_counter(char *buf, size_t n, size_t cap, const char *name, uint64_t v)
{
  const char *pre = "rvx: stats: ";
  for (const char *s = pre; *s && n < cap; s++)
    buf[n++] = *s;
  for (const char *s = name; *s && n < cap; s++)
    buf[n++] = *s;
  if (n + 2 < cap) {
    buf[n++] = ':';
    buf[n++] = ' ';
  }
  char tmp[24];
  int k = 0;
  do {
    tmp[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (k > 0 && n < cap)
    buf[n++] = tmp[--k];
  if (n < cap)
    buf[n++] = '\n';
  return n;
}

/* When rvx started, for the wall-clock line of --stats (bench/run.sh relates the
 * translator's time to it). */
static struct timespec started;
__attribute__((constructor)) static void note_start(void)
{
  clock_gettime(CLOCK_MONOTONIC, &started);
}

void rvx_print_stats(void)
{
  /* Exec and death by a signal pass here (os_exit's _exit is wrapped in the canary build). */
  canary_check();
  static atomic_flag done = ATOMIC_FLAG_INIT;
  if (!rvx_opts.stats || atomic_flag_test_and_set(&done))
    return;
  /* Called on the way out, possibly from a fault handler: no stdio. */
  const rv_cpu *cpu = exc_cpu;
  char buf[256];
  size_t n = 0;
  n = put_counter(buf, n, sizeof buf, "instructions executed", cpu ? cpu->instret : 0);
  n = put_counter(buf, n, sizeof buf, "blocks decoded", cpu ? cpu->blocks_decoded : 0);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  n = put_counter(buf, n, sizeof buf, "wall-clock microseconds",
                  (uint64_t)((now.tv_sec - started.tv_sec) * 1000000 +
                             (now.tv_nsec - started.tv_nsec) / 1000));
  size_t off = 0;
  while (off < n) {
    ssize_t w = write(2, buf + off, n - off);
    if (w <= 0)
      break;
    off += (size_t)w;
  }
  jit_print_stats();
}
