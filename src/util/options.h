/* Options the command line sets and other components read. */
#ifndef RVX_OPTIONS_H
#define RVX_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

/* Which engine runs the guest (--engine): the default is the translator on x86-64 hosts. */
enum { RVX_ENGINE_DEFAULT, RVX_ENGINE_INTERP, RVX_ENGINE_JIT };

struct rvx_options {
  bool strace;            /* --strace: log each guest syscall to stderr */
  bool stats;             /* --stats: print counters at exit */
  const char *exe_path;   /* the guest program as given (for /proc/self/exe, AT_EXECFN) */
  const char *exe_real;   /* its absolute, resolved path */
  /* -L DIR, else $RVX_LD_PREFIX, else /usr/riscv64-linux-gnu when it exists, else NULL: the
   * guest's root for PT_INTERP and absolute paths (looked up there first, then on the host). */
  const char *sysroot;
  /* rvx's own executable on the host (to run again for a riscv64 program the guest execs). */
  const char *self_exe;
  /* The guest's initial command line and environment (for /proc/self/cmdline, environ). */
  int guest_argc;
  char **guest_argv;
  char **guest_envp;
  int engine;                 /* --engine: RVX_ENGINE_* */
  uint64_t jit_threshold;     /* --jit-threshold: block entries before translation */
  uint64_t code_cache_size;   /* --code-cache-size in bytes (0: the default) */
  bool verify;                /* --verify: interpreter and translator in lockstep (jit/verify.c) */
  bool perf_map;              /* --perf-map: /tmp/perf-PID.map for host perf (jit/perf_map.c) */
  /* -d jit ("": /tmp/rvx-jit-PID.dump) or --dump-jit=FILE: a record per translation
   * (jit/dump.c; tools/rvx-jitdis lists it); NULL: none. */
  const char *dump_jit;
  /* --max-memory / RVX_MAX_MEMORY in bytes (0: no limit): the most guest memory that can be
   * mapped accessible at once (mem_set_limit); past it mmap, brk, mremap, mprotect fail. */
  uint64_t max_memory;
  /* Set by rvx_parse_args when guest_argv and guest_envp are arrays it allocated. */
  bool args_owned;
  /* --sandbox DIR ($RVX_SANDBOX): the guest's root (src/sandbox/); NULL: none. */
  const char *sandbox;
  bool net_none;              /* --net=none: socket() fails with EACCES */
  /* --profile FILE: a flame graph (SVG) of the guest written at exit (src/prof); NULL: none.
   * --profile-text ("": to stderr) or --profile-text=FILE: the top functions as text. */
  const char *profile_svg;
  const char *profile_text;
  /* -g PORT, --gdb PORT / --gdb=PORT, RVX_GDB=PORT: wait for gdb on 127.0.0.1:PORT before
   * the first instruction (src/gdb/); 0: no debugger. Not passed on across execve. */
  int gdb_port;
  /* -d ITEM,... ($RVX_LOG): LOG_* bits (util/log.h); -D FILE ($RVX_LOG_FILENAME): where the
   * log goes (NULL: stderr); --log-append: FILE is not truncated at start. */
  unsigned log_mask;
  const char *log_file;
  bool log_append;
};
extern struct rvx_options rvx_opts;

/* The rvx options a riscv64 program the guest execs must run with again (engine, tracing,
 * sysroot; not -E/-U/-0, which shaped this program's start only): up to max words into out,
 * valid until the next call. Returns how many. */
int rvx_option_words(const char **out, int max);

/* Prints the --stats report to stderr (once; later calls do nothing); os_exit and
 * exc_die_by_signal call it. Async-signal-safe. */
void rvx_print_stats(void);

#endif
