/* rvx: runs a riscv64 Linux program. The command line, the guest's environment, and the
 * start: reserve memory, load the ELF, build the stack, run; rvx ends with the guest's exit
 * status (os_exit) or dies of the signal that killed the guest (exc_die_by_signal). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "exc/exc.h"
#include "interp/interp.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "os/os.h"
#include "os/thread.h"
#include "profile/profile.h"
#include "util/log.h"
#include "util/options.h"

#define RVX_VERSION "0.1"
/* Where Debian's riscv64 cross packages install the guest's libraries and dynamic loader. */
#define DEFAULT_SYSROOT "/usr/riscv64-linux-gnu"

extern char **environ;

static const char usage[] =
  "usage: rvx [options] program [arguments...]\n"
  "Runs a riscv64 (RV64GC) Linux program on this host.\n"
  "\n"
  "options:\n"
  "  -h, --help       print this help and exit\n"
  "  -V, --version    print the version and exit\n"
  "  -E VAR=VALUE     set VAR in the program's environment\n"
  "  -U VAR           remove VAR from the program's environment\n"
  "  -0 ARGV0         the argv[0] the program sees (default: program as given)\n"
  "  -L DIR           the riscv64 system root: dynamic loader, libraries and absolute\n"
  "                   paths are looked up there first (default: $RVX_LD_PREFIX, else\n"
  "                   /usr/riscv64-linux-gnu when it exists)\n"
  "  --strace         log every system call of the program to stderr\n"
  "  --stats          print execution counters to stderr at exit\n"
  "  --engine=E       interp: interpret only; jit: translate hot code to x86-64 (default)\n"
  "  --jit-threshold=N  translate a block after N entries (default 50)\n"
  "  --code-cache-size=N[K|M]  bytes of translated code before a flush (default 64M)\n"
  "  --verify         run the interpreter and the translator in lockstep: compare the\n"
  "                   registers and the memory written after every translated block; the\n"
  "                   first divergence is reported on stderr and rvx exits with status 125\n"
  "  --perf-map       write /tmp/perf-PID.map naming each translation by its guest function\n"
  "                   and pc, for host perf (perf record; perf report)\n"
  "  -d jit           log each translation (guest code, host code) to /tmp/rvx-jit-PID.dump\n"
  "  --dump-jit=FILE  the same, appended to FILE; tools/rvx-jitdis FILE lists it with the\n"
  "                   host code disassembled\n"
  "  --               end of options\n"
  "\n"
  "environment: RVX_STRACE=1 and RVX_STATS=1 act as --strace and --stats;\n"
  "  RVX_LD_PREFIX=DIR acts as -L DIR; RVX_ENGINE, RVX_JIT_THRESHOLD and\n"
  "  RVX_CODE_CACHE_SIZE as --engine, --jit-threshold and --code-cache-size.\n"
  "exit status: the program's, or 128+N (by dying of signal N) if a signal ended it;\n"
  "  1 for a bad command line, 126 if the program cannot be run, 127 if it does not exist,\n"
  "  125 if --verify found the translator diverging from the interpreter.\n";

/* The guest environment: a NULL-terminated copy of rvx's, edited by -E and -U in order. */
typedef struct envlist {
  char **v;
  size_t n, cap;
} envlist;

static size_t name_len(const char *s)
{
  const char *eq = strchr(s, '=');
  return eq ? (size_t)(eq - s) : strlen(s);
}

static long env_find(const envlist *e, const char *name, size_t len)
{
  for (size_t i = 0; i < e->n; i++)
    if (strncmp(e->v[i], name, len) == 0 && e->v[i][len] == '=')
      return (long)i;
  return -1;
}

static void env_push(envlist *e, char *s)
{
  if (e->n + 2 > e->cap) {
    e->cap = e->cap ? e->cap * 2 : 64;
    e->v = realloc(e->v, e->cap * sizeof *e->v);
    if (!e->v)
      log_fatal("out of memory");
  }
  e->v[e->n++] = s;
  e->v[e->n] = NULL;
}

static void env_set(envlist *e, char *assignment)
{
  long i = env_find(e, assignment, name_len(assignment));
  if (i >= 0)
    e->v[i] = assignment;
  else
    env_push(e, assignment);
}

static void env_unset(envlist *e, const char *name)
{
  long i;
  while ((i = env_find(e, name, strlen(name))) >= 0) {
    memmove(&e->v[i], &e->v[i + 1], (e->n - (size_t)i) * sizeof *e->v);
    e->n--;
  }
}

static _Noreturn void bad_usage(const char *fmt, const char *arg)
{
  fputs("rvx: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs(" (try 'rvx --help')\n", stderr);
  exit(1);
}

/* A non-negative decimal number with an optional K, M or G suffix; false if malformed. */
static bool parse_size(const char *s, uint64_t *out)
{
  char *end;
  errno = 0;
  if (*s < '0' || *s > '9')
    return false;
  unsigned long long v = strtoull(s, &end, 10);
  unsigned shift = 0;
  if (*end == 'K' || *end == 'k')
    shift = 10;
  else if (*end == 'M' || *end == 'm')
    shift = 20;
  else if (*end == 'G' || *end == 'g')
    shift = 30;
  if (shift)
    end++;
  if (errno || *end || v > (UINT64_MAX >> shift))
    return false;
  *out = (uint64_t)v << shift;
  return true;
}

static void set_engine(const char *v)
{
  if (strcmp(v, "interp") == 0)
    rvx_opts.engine = RVX_ENGINE_INTERP;
  else if (strcmp(v, "jit") == 0)
    rvx_opts.engine = RVX_ENGINE_JIT;
  else
    bad_usage("unknown engine '%s' (interp or jit)", v);
}

static void set_jit_threshold(const char *v)
{
  if (!parse_size(v, &rvx_opts.jit_threshold))
    bad_usage("bad jit threshold '%s'", v);
}

static void set_code_cache_size(const char *v)
{
  if (!parse_size(v, &rvx_opts.code_cache_size) || rvx_opts.code_cache_size == 0)
    bad_usage("bad code cache size '%s'", v);
}

static bool env_flag(const char *name)
{
  const char *v = getenv(name);
  return v && *v && strcmp(v, "0") != 0;
}

int main(int argc, char **argv)
{
  envlist env = { 0 };
  for (char **p = environ; p && *p; p++)
    env_push(&env, *p);
  if (!env.v) {   /* an empty environment still needs its NULL */
    env_push(&env, NULL);
    env.n = 0;
  }
  const char *argv0 = NULL;
  rvx_opts.strace = env_flag("RVX_STRACE");
  rvx_opts.stats = env_flag("RVX_STATS");
  rvx_opts.jit_threshold = PROF_DEFAULT_THRESHOLD;
  /* The engine options also come from the environment (the command line wins), so that a
   * whole test run can be repeated under another engine without editing every command. */
  const char *ev;
  if ((ev = getenv("RVX_ENGINE")) && *ev)
    set_engine(ev);
  if ((ev = getenv("RVX_JIT_THRESHOLD")) && *ev)
    set_jit_threshold(ev);
  if ((ev = getenv("RVX_CODE_CACHE_SIZE")) && *ev)
    set_code_cache_size(ev);
  const char *prefix = getenv("RVX_LD_PREFIX");
  if (prefix && *prefix)
    rvx_opts.sysroot = prefix;
  else if (access(DEFAULT_SYSROOT, F_OK) == 0)
    rvx_opts.sysroot = DEFAULT_SYSROOT;
  static char self[PATH_MAX];
  ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
  if (sl > 0) {
    self[sl] = 0;
    rvx_opts.self_exe = self;
  }

  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    }
    if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
      printf("rvx %s (riscv64 RV64GC Linux guest, %s host)\n", RVX_VERSION, "x86-64 Linux");
      return 0;
    }
    if (strcmp(a, "--strace") == 0) {
      rvx_opts.strace = true;
      continue;
    }
    if (strcmp(a, "--stats") == 0) {
      rvx_opts.stats = true;
      continue;
    }
    if (strncmp(a, "--engine=", 9) == 0) {
      set_engine(a + 9);
      continue;
    }
    if (strncmp(a, "--jit-threshold=", 16) == 0) {
      set_jit_threshold(a + 16);
      continue;
    }
    if (strncmp(a, "--code-cache-size=", 18) == 0) {
      set_code_cache_size(a + 18);
      continue;
    }
    if (strcmp(a, "--verify") == 0) {
      rvx_opts.verify = true;
      continue;
    }
    if (strcmp(a, "--perf-map") == 0) {
      rvx_opts.perf_map = true;
      continue;
    }
    if (strcmp(a, "-d") == 0) {
      if (i + 1 >= argc)
        bad_usage("option '%s' needs an argument", a);
      if (strcmp(argv[++i], "jit") != 0)
        bad_usage("unknown -d item '%s' (jit)", argv[i]);
      rvx_opts.dump_jit = "";
      continue;
    }
    if (strncmp(a, "--dump-jit=", 11) == 0) {
      if (!a[11])
        bad_usage("%s", "--dump-jit= needs a file name");
      rvx_opts.dump_jit = a + 11;
      continue;
    }
    if (strcmp(a, "-L") == 0) {
      if (i + 1 >= argc)
        bad_usage("option '%s' needs an argument", a);
      rvx_opts.sysroot = argv[++i];
      continue;
    }
    if (strcmp(a, "-E") == 0 || strcmp(a, "-U") == 0 || strcmp(a, "-0") == 0) {
      if (i + 1 >= argc)
        bad_usage("option '%s' needs an argument", a);
      char *v = argv[++i];
      if (a[1] == 'E') {
        if (!strchr(v, '=') || v[0] == '=')
          bad_usage("-E wants VAR=VALUE, not '%s'", v);
        env_set(&env, v);
      } else if (a[1] == 'U') {
        if (!*v || strchr(v, '='))
          bad_usage("-U wants a variable name, not '%s'", v);
        env_unset(&env, v);
      } else {
        argv0 = v;
      }
      continue;
    }
    bad_usage("unknown option '%s'", a);
  }
  if (i >= argc)
    bad_usage("%s", "no program given");
  if (rvx_opts.verify) {
    if (rvx_opts.engine == RVX_ENGINE_INTERP)
      bad_usage("%s", "--verify needs the translator (not --engine=interp)");
    rvx_opts.jit_threshold = 0;   /* every block is compared from its first run */
  }

  const char *path = argv[i];
  /* The kernel named this process after rvx; Linux names it after the program (comm). */
  const char *slash = strrchr(path, '/');
  prctl(PR_SET_NAME, slash ? slash + 1 : path);
  char **gargv = &argv[i];
  int gargc = argc - i;
  if (argv0)
    gargv[0] = (char *)argv0;   /* argv[] is ours to edit; path keeps the file's name */
  rvx_opts.exe_path = path;
  rvx_opts.guest_argc = gargc;
  rvx_opts.guest_argv = gargv;
  rvx_opts.guest_envp = env.v;

  int e = mem_init();
  if (e < 0)
    log_fatal("cannot reserve the guest address space: %s", strerror(-e));
  exc_init();

  ld_image img;
  char err[512];
  int st = ld_load_elf(path, &img, err, sizeof err);
  if (st) {
    fprintf(stderr, "rvx: %s: %s\n", path, err);
    return st;
  }
  char *real = realpath(path, NULL);
  rvx_opts.exe_real = real ? real : path;

  uint64_t sp = ld_build_stack(&img, gargc, gargv, env.v, path);
  if (!sp) {
    fprintf(stderr, "rvx: %s: %s\n", path, strerror(errno));
    return 126;
  }

  os_init();
  rv_cpu *cpu = &os_thread_first()->cpu;
  cpu->x[REG_SP] = sp;
  cpu->pc = img.entry;
  exc_run(cpu);
}
