/* rvx's command line and RVX_* environment variables: every value is checked, and a bad one
 * is reported as one line for main to print with status 2 (see cmdline.h). */
#include "util/cmdline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache/code_cache.h"
#include "profile/profile.h"
#include "util/log.h"

/* Where Debian's riscv64 cross packages install the guest's libraries and dynamic loader. */
#define DEFAULT_SYSROOT "/usr/riscv64-linux-gnu"

const char rvx_usage[] =
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
  "  --code-cache-size=N[K|M|G]  bytes of translated code before a flush (default 64M,\n"
  "                   at most 1G; sizes below 32K count as 32K)\n"
  "  --max-memory=N[K|M|G|T]  the most guest memory mapped at once (readable, writable or\n"
  "                   executable; stack and program included): mmap, brk, mremap and\n"
  "                   mprotect fail with ENOMEM past it (default: no limit but the 256 GiB\n"
  "                   address space); also --max-memory N\n"
  "  --verify         run the interpreter and the translator in lockstep: compare the\n"
  "                   registers and the memory written after every translated block; the\n"
  "                   first divergence is reported on stderr and rvx exits with status 125\n"
  "  --perf-map       write /tmp/perf-PID.map naming each translation by its guest function\n"
  "                   and pc, for host perf (perf record; perf report)\n"
  "  -d ITEM[,ITEM...]  log what rvx does, like qemu's -d: in_asm, out_asm, exec, int,\n"
  "                   strace, unimp, page (rvx -d help says what each shows)\n"
  "  -d jit           out_asm, into /tmp/rvx-jit-PID.dump unless -D is given\n"
  "  -D FILE          write the -d log (and --strace) to FILE, not stderr; FILE is\n"
  "                   truncated first, \"%d\" in it becomes the process id\n"
  "  --log-append     append to the -D FILE rather than truncating it\n"
  "  --dump-jit=FILE  the out_asm records, appended to FILE; tools/rvx-jitdis FILE lists\n"
  "                   them with the host code disassembled\n"
  "  --sandbox DIR    DIR is the program's root: no path it uses resolves outside DIR,\n"
  "                   it can exec only riscv64 programs inside DIR, and rvx confines\n"
  "                   itself with a seccomp filter (docs/SECURITY.md); not with -L\n"
  "  --net=none       socket() fails with EACCES (socketpair still works); --net=host:\n"
  "                   the default\n"
  "  --profile FILE   sample the program (every thread, up to 1000 times a CPU second)\n"
  "                   and write a flame graph of its functions to FILE (SVG) at exit\n"
  "  --profile-text[=FILE]  print the functions with the most samples (self and total)\n"
  "                   to stderr, or to FILE, when the program exits\n"
  "  -g PORT, --gdb PORT  wait for gdb (gdb-multiarch: target remote :PORT) on\n"
  "                   127.0.0.1:PORT before the program's first instruction; also\n"
  "                   --gdb=PORT\n"
  "  --install-binfmt  register rvx with the kernel (binfmt_misc, as root) to run\n"
  "                   riscv64 programs directly: ./prog runs as rvx ./prog\n"
  "  --uninstall-binfmt  remove that registration\n"
  "  --binfmt-status  show the riscv64 binfmt_misc registrations (status 0: rvx's is on)\n"
  "  --               end of options\n"
  "\n"
  "environment: RVX_STRACE=1 and RVX_STATS=1 act as --strace and --stats (0: off);\n"
  "  RVX_LD_PREFIX=DIR acts as -L DIR, RVX_SANDBOX=DIR as --sandbox DIR, RVX_GDB=PORT as\n"
  "  --gdb PORT; RVX_ENGINE,\n"
  "  RVX_JIT_THRESHOLD, RVX_CODE_CACHE_SIZE and RVX_MAX_MEMORY as --engine,\n"
  "  --jit-threshold, --code-cache-size and --max-memory; RVX_LOG=ITEM,... and\n"
  "  RVX_LOG_FILENAME=FILE as -d and -D (the command line wins; an empty value counts as\n"
  "  unset).\n"
  "exit status: the program's, or 128+N (by dying of signal N) if a signal ended it;\n"
  "  2 for a bad command line or RVX_* variable, 126 if the program cannot be run, 127 if\n"
  "  it does not exist, 125 if --verify found the translator diverging from the\n"
  "  interpreter.\n";

static int usage_error(char *err, size_t errlen, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
static int usage_error(char *err, size_t errlen, const char *fmt, ...)
{
  if (errlen > 0) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    /* The message quotes the user's words: keep it one printable line whatever they hold. */
    for (char *c = err; *c; c++)
      if ((unsigned char)*c < 0x20 || *c == 0x7f)
        *c = '?';
  }
  return RVX_ARGS_USAGE;
}

bool rvx_parse_size(const char *s, uint64_t *out)
{
  uint64_t v = 0;
  const char *p = s;
  if (*p < '0' || *p > '9')
    return false;
  for (; *p >= '0' && *p <= '9'; p++) {
    unsigned d = (unsigned)(*p - '0');
    if (v > (UINT64_MAX - d) / 10)
      return false;
    v = v * 10 + d;
  }
  unsigned shift = 0;
  switch (*p) {
  case 'K': case 'k': shift = 10; break;
  case 'M': case 'm': shift = 20; break;
  case 'G': case 'g': shift = 30; break;
  case 'T': case 't': shift = 40; break;
  default: break;
  }
  if (shift)
    p++;
  if (*p || (shift && v > (UINT64_MAX >> shift)))
    return false;
  *out = v << shift;
  return true;
}

/* ---- one checker per option value; `what` names the option or variable in messages ---- */

static int set_engine(struct rvx_options *o, const char *what, const char *v, char *err,
                      size_t errlen)
{
  if (strcmp(v, "interp") == 0)
    o->engine = RVX_ENGINE_INTERP;
  else if (strcmp(v, "jit") == 0)
    o->engine = RVX_ENGINE_JIT;
  else
    return usage_error(err, errlen, "%s: unknown engine '%s' (interp or jit)", what, v);
  return 0;
}

static int set_threshold(struct rvx_options *o, const char *what, const char *v, char *err,
                         size_t errlen)
{
  uint64_t n;
  /* No suffixes: a count, not a size. The profile keeps counts in 32 bits. */
  if (!rvx_parse_size(v, &n) || v[strspn(v, "0123456789")] || n > INT32_MAX)
    return usage_error(err, errlen, "%s: bad jit threshold '%s' (0..%d)", what, v, INT32_MAX);
  o->jit_threshold = n;
  return 0;
}

static int set_cache_size(struct rvx_options *o, const char *what, const char *v, char *err,
                          size_t errlen)
{
  uint64_t n;
  if (!rvx_parse_size(v, &n) || n == 0 || n > CC_MAX_SIZE)
    return usage_error(err, errlen, "%s: bad code cache size '%s' (1..1G bytes)", what, v);
  o->code_cache_size = n;
  return 0;
}

static int set_max_memory(struct rvx_options *o, const char *what, const char *v, char *err,
                          size_t errlen)
{
  uint64_t n;
  if (!rvx_parse_size(v, &n) || n == 0)
    return usage_error(err, errlen, "%s: bad memory size '%s' (a number of bytes > 0, "
                       "with K, M, G or T)", what, v);
  o->max_memory = n;
  return 0;
}

/* The directory need not exist: it matters only to dynamic programs and absolute paths, and
 * a dynamic program whose loader is not there ends with status 127 and one line naming it
 * (ld_load_elf), as 60-dynamic checks. */
static int set_sysroot(struct rvx_options *o, const char *what, const char *v, char *err,
                       size_t errlen)
{
  if (!*v)
    return usage_error(err, errlen, "%s: empty directory name", what);
  o->sysroot = v;
  return 0;
}

static int set_gdb_port(struct rvx_options *o, const char *what, const char *v, char *err,
                        size_t errlen)
{
  uint64_t n;
  if (!rvx_parse_size(v, &n) || v[strspn(v, "0123456789")] || n == 0 || n > 65535)
    return usage_error(err, errlen, "%s: bad port '%s' (1..65535)", what, v);
  o->gdb_port = (int)n;
  return 0;
}

static int set_flag(bool *flag, const char *what, const char *v, char *err, size_t errlen)
{
  if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
    return usage_error(err, errlen, "%s: '%s' is neither 0 nor 1", what, v);
  *flag = v[0] == '1';
  return 0;
}

/* The value of NAME in envp, or NULL (also for an empty value). */
static const char *env_value(char **envp, const char *name)
{
  size_t n = strlen(name);
  for (char **e = envp; e && *e; e++)
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
      return (*e)[n + 1] ? *e + n + 1 : NULL;
  return NULL;
}

int rvx_parse_env(char **envp, struct rvx_options *o, char *err, size_t errlen)
{
  memset(o, 0, sizeof *o);
  o->jit_threshold = PROF_DEFAULT_THRESHOLD;
  o->guest_envp = envp;
  const char *v;
  int r = 0;
  if (!r && (v = env_value(envp, "RVX_STRACE")))
    r = set_flag(&o->strace, "RVX_STRACE", v, err, errlen);
  if (!r && (v = env_value(envp, "RVX_STATS")))
    r = set_flag(&o->stats, "RVX_STATS", v, err, errlen);
  /* The engine options also come from the environment (the command line wins), so that a
   * whole test run can be repeated under another engine without editing every command. */
  if (!r && (v = env_value(envp, "RVX_ENGINE")))
    r = set_engine(o, "RVX_ENGINE", v, err, errlen);
  if (!r && (v = env_value(envp, "RVX_JIT_THRESHOLD")))
    r = set_threshold(o, "RVX_JIT_THRESHOLD", v, err, errlen);
  if (!r && (v = env_value(envp, "RVX_CODE_CACHE_SIZE")))
    r = set_cache_size(o, "RVX_CODE_CACHE_SIZE", v, err, errlen);
  if (!r && (v = env_value(envp, "RVX_MAX_MEMORY")))
    r = set_max_memory(o, "RVX_MAX_MEMORY", v, err, errlen);
  if (!r && (v = env_value(envp, "RVX_SANDBOX")))
    o->sandbox = v;
  if (!r && (v = env_value(envp, "RVX_GDB")))
    r = set_gdb_port(o, "RVX_GDB", v, err, errlen);
  if (!r && (v = env_value(envp, "RVX_LOG"))) {
    char m[200];
    int lr = log_parse_items(v, &o->log_mask, m, sizeof m);
    if (lr)
      r = usage_error(err, errlen, "RVX_LOG: %s", lr > 0 ? "'help' is for the command line "
                      "(rvx -d help)" : m);
  }
  if (!r && (v = env_value(envp, "RVX_LOG_FILENAME")))
    o->log_file = v;
  if (!r && (v = env_value(envp, "RVX_LD_PREFIX")))
    r = set_sysroot(o, "RVX_LD_PREFIX", v, err, errlen);
  else if (!r) {
    struct stat st;
    if (stat(DEFAULT_SYSROOT, &st) == 0 && S_ISDIR(st.st_mode))
      o->sysroot = DEFAULT_SYSROOT;
  }
  return r;
}

/* ---- the guest environment: a NULL-terminated copy, edited by -E and -U in order ---- */

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

static bool env_push(envlist *e, char *s)
{
  if (e->n + 2 > e->cap) {
    size_t cap = e->cap ? e->cap * 2 : 64;
    char **v = realloc(e->v, cap * sizeof *v);
    if (!v)
      return false;
    e->v = v;
    e->cap = cap;
  }
  e->v[e->n++] = s;
  e->v[e->n] = NULL;
  return true;
}

static bool env_set(envlist *e, char *assignment)
{
  long i = env_find(e, assignment, name_len(assignment));
  if (i < 0)
    return env_push(e, assignment);
  e->v[i] = assignment;
  return true;
}

static void env_unset(envlist *e, const char *name)
{
  long i;
  while ((i = env_find(e, name, strlen(name))) >= 0) {
    memmove(&e->v[i], &e->v[i + 1], (e->n - (size_t)i) * sizeof *e->v);
    e->n--;
  }
}

/* ---- the command line ---- */

/* The value of an option that takes one: "--opt=V" (eq points at '=') or the next word. */
static const char *opt_value(int argc, char **argv, int *i, const char *eq)
{
  if (eq)
    return eq + 1;
  return *i + 1 < argc ? argv[++*i] : NULL;
}

void rvx_args_free(struct rvx_options *o)
{
  if (!o->args_owned)
    return;
  free(o->guest_argv);
  free(o->guest_envp);
  o->guest_argv = NULL;
  o->guest_envp = NULL;
  o->args_owned = false;
}

int rvx_parse_args(int argc, char **argv, struct rvx_options *o, char *err, size_t errlen)
{
  envlist env = { 0 };
  for (char **p = o->guest_envp; p && *p; p++)
    if (!env_push(&env, *p))
      goto oom;
  if (!env.v && !env_push(&env, NULL))   /* an empty environment still needs its NULL */
    goto oom;
  if (env.n && !env.v[env.n - 1])
    env.n--;
  const char *argv0 = NULL;
  bool cli_sysroot = false;   /* -L given (refused with --sandbox) */
  int r = RVX_ARGS_RUN, i = 1;
  for (; i < argc && argv[i] && argv[i][0] == '-' && r == RVX_ARGS_RUN; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    /* Long options with a value: "--name=V", and "--name V" for --max-memory. */
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
#define IS(name) (nlen == sizeof(name) - 1 && strncmp(a, name, nlen) == 0)
    if (eq && (IS("--help") || IS("--version") || IS("--strace") || IS("--stats") ||
               IS("--verify") || IS("--perf-map") || IS("--log-append") ||
               IS("--install-binfmt") || IS("--uninstall-binfmt") || IS("--binfmt-status"))) {
      r = usage_error(err, errlen, "option '%.*s' takes no value", (int)nlen, a);
    } else if (IS("-h") || IS("--help")) {
      r = RVX_ARGS_HELP;
    } else if (IS("-V") || IS("--version")) {
      r = RVX_ARGS_VERSION;
    } else if (IS("--strace")) {
      o->strace = true;
    } else if (IS("--stats")) {
      o->stats = true;
    } else if (IS("--verify")) {
      o->verify = true;
    } else if (IS("--perf-map")) {
      o->perf_map = true;
    } else if (IS("--log-append")) {
      o->log_append = true;
    } else if (IS("--install-binfmt")) {
      r = RVX_ARGS_BINFMT_INSTALL;
    } else if (IS("--uninstall-binfmt")) {
      r = RVX_ARGS_BINFMT_UNINSTALL;
    } else if (IS("--binfmt-status")) {
      r = RVX_ARGS_BINFMT_STATUS;
    } else if (IS("--engine") || IS("--jit-threshold") || IS("--code-cache-size") ||
               IS("--dump-jit")) {
      if (!eq)
        r = usage_error(err, errlen, "option '%s' needs '=VALUE'", a);
      else if (IS("--engine"))
        r = set_engine(o, "--engine", eq + 1, err, errlen);
      else if (IS("--jit-threshold"))
        r = set_threshold(o, "--jit-threshold", eq + 1, err, errlen);
      else if (IS("--code-cache-size"))
        r = set_cache_size(o, "--code-cache-size", eq + 1, err, errlen);
      else if (!eq[1])
        r = usage_error(err, errlen, "--dump-jit= needs a file name");
      else
        o->dump_jit = eq + 1;
    } else if (IS("--sandbox")) {
      const char *v = opt_value(argc, argv, &i, eq);
      if (!v || !*v)
        r = usage_error(err, errlen, "option '--sandbox' needs a directory");
      else
        o->sandbox = v;
    } else if (IS("--profile")) {
      const char *v = opt_value(argc, argv, &i, eq);
      if (!v || !*v)
        r = usage_error(err, errlen, "option '--profile' needs a file name");
      else
        o->profile_svg = v;
    } else if (IS("--profile-text")) {
      if (eq && !eq[1])
        r = usage_error(err, errlen, "--profile-text= needs a file name");
      else
        o->profile_text = eq ? eq + 1 : "";
    } else if (IS("--net")) {
      if (eq && strcmp(eq + 1, "none") == 0)
        o->net_none = true;
      else if (eq && strcmp(eq + 1, "host") == 0)
        o->net_none = false;
      else
        r = usage_error(err, errlen, "option '--net' wants =none or =host, not '%s'", a);
    } else if (IS("-g") || IS("--gdb")) {
      const char *v = opt_value(argc, argv, &i, eq);
      r = v ? set_gdb_port(o, a[1] == 'g' ? "-g" : "--gdb", v, err, errlen)
            : usage_error(err, errlen, "option '%.*s' needs a port", (int)nlen, a);
    } else if (IS("--max-memory")) {
      const char *v = opt_value(argc, argv, &i, eq);
      r = v ? set_max_memory(o, "--max-memory", v, err, errlen)
            : usage_error(err, errlen, "option '--max-memory' needs an argument");
    } else if (IS("-d") || IS("-D") || IS("-L") || IS("-E") || IS("-U") || IS("-0")) {
      char *v = (char *)opt_value(argc, argv, &i, NULL);
      int lr;
      char m[200];   /* log_parse_items's message, made one printable line by usage_error */
      if (!v)
        r = usage_error(err, errlen, "option '%s' needs an argument", a);
      else if (a[1] == 'd' && (lr = log_parse_items(v, &o->log_mask, m, sizeof m)))
        r = lr > 0 ? RVX_ARGS_LOG_HELP : usage_error(err, errlen, "%s", m);
      else if (a[1] == 'd')
        ;
      else if (a[1] == 'D' && !*v)
        r = usage_error(err, errlen, "-D needs a file name");
      else if (a[1] == 'D')
        o->log_file = v;
      else if (a[1] == 'L')
        r = set_sysroot(o, "-L", v, err, errlen), cli_sysroot = true;
      else if (a[1] == 'E' && (!strchr(v, '=') || v[0] == '='))
        r = usage_error(err, errlen, "-E wants VAR=VALUE, not '%s'", v);
      else if (a[1] == 'E' && !env_set(&env, v))
        goto oom;
      else if (a[1] == 'U' && (!*v || strchr(v, '=')))
        r = usage_error(err, errlen, "-U wants a variable name, not '%s'", v);
      else if (a[1] == 'U')
        env_unset(&env, v);
      else if (a[1] == '0')
        argv0 = v;
    } else {
      r = usage_error(err, errlen, "unknown option '%s'", a);
    }
#undef IS
  }
  if (r == RVX_ARGS_RUN && (i >= argc || !argv[i]))
    r = usage_error(err, errlen, "no program given");
  if (r == RVX_ARGS_RUN && !argv[i][0])
    r = usage_error(err, errlen, "empty program name");
  if (r == RVX_ARGS_RUN && o->sandbox) {
    /* The sandbox's root is the guest's whole file system: a sysroot overlay would reopen
     * the host's files; the riscv64 libraries belong inside DIR instead. */
    if (cli_sysroot)
      r = usage_error(err, errlen, "-L cannot be used with --sandbox (copy or bind-mount the "
                      "sysroot into the sandbox)");
    o->sysroot = NULL;
  }
  if (r == RVX_ARGS_RUN && (o->log_mask & LOG_JIT)) {
    /* -d jit: out_asm; without -D, its records go to /tmp/rvx-jit-PID.dump as before. */
    if (!o->log_file && !o->dump_jit)
      o->dump_jit = "";
    else if (o->log_file)
      o->log_mask |= LOG_OUT_ASM;
  }
  if (o->log_mask & LOG_STRACE)
    o->strace = true;
  if (r == RVX_ARGS_RUN && o->verify) {
    if (o->engine == RVX_ENGINE_INTERP)
      r = usage_error(err, errlen, "--verify needs the translator (not --engine=interp)");
    o->jit_threshold = 0;   /* every block is compared from its first run */
  }
  if (r != RVX_ARGS_RUN) {
    free(env.v);
    return r;
  }
  /* The debugger is for this program only: a riscv64 program it execs would wait for gdb
   * again on the same port. */
  env_unset(&env, "RVX_GDB");
  int gargc = argc - i;
  char **gargv = malloc(((size_t)gargc + 1) * sizeof *gargv);
  if (!gargv)
    goto oom;
  memcpy(gargv, &argv[i], (size_t)gargc * sizeof *gargv);
  gargv[gargc] = NULL;
  if (argv0)
    gargv[0] = (char *)argv0;   /* exe_path keeps the file's name */
  rvx_args_free(o);
  o->exe_path = argv[i];
  o->guest_argc = gargc;
  o->guest_argv = gargv;
  o->guest_envp = env.v;
  o->args_owned = true;
  return RVX_ARGS_RUN;
oom:
  free(env.v);
  return usage_error(err, errlen, "out of memory");
}
