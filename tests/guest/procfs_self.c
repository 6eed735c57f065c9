/* Checks from inside that the process's /proc files describe the riscv64 guest as Linux
 * would: exe, auxv, cmdline, environ, stat, status, comm, maps, cpuinfo and uname, under
 * /proc/self, /proc/<pid> and /proc/thread-self. Prints "ok NAME" or "BAD NAME: why" per
 * check; the exit status is the number of BAD lines (at most 100). */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;
static int bad;

static void check(const char *name, int ok, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
static void check(const char *name, int ok, const char *fmt, ...)
{
  if (ok) {
    printf("ok %s\n", name);
    return;
  }
  bad++;
  printf("BAD %s: ", name);
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
}

/* The whole file (NUL-terminated as well); *len its size. NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap + 1);
  ssize_t r;
  while (buf && (r = read(fd, buf + n, cap - n)) > 0) {
    n += (size_t)r;
    if (n == cap)
      buf = realloc(buf, (cap *= 2) + 1);
  }
  close(fd);
  if (buf)
    buf[n] = 0;
  if (len)
    *len = n;
  return buf;
}

/* The NUL-separated list v[0..n) as /proc shows argv and environ. */
static size_t joined(char **v, int n, char *out, size_t cap)
{
  size_t at = 0;
  for (int i = 0; (n < 0 ? v[i] != NULL : i < n); i++) {
    size_t l = strlen(v[i]) + 1;
    if (at + l > cap)
      return (size_t)-1;
    memcpy(out + at, v[i], l);
    at += l;
  }
  return at;
}

/* Field f (1-based) of a stat line, with the comm (field 2) skipped over as a unit. */
static unsigned long long stat_field(const char *s, int f)
{
  const char *p = strrchr(s, ')');
  if (!p || f < 3)
    return 0;
  p += 2;
  for (int i = 3; i < f && p; i++) {
    p = strchr(p, ' ');
    if (p)
      p++;
  }
  return p ? strtoull(p, NULL, 10) : 0;
}

static void check_stat(const char *path, const char *comm, int argc, char **argv, char **envp0,
                       const char *tag)
{
  char name[64];
  char *s = slurp(path, NULL);
  snprintf(name, sizeof name, "%s-readable", tag);
  check(name, s != NULL, "cannot read %s", path);
  if (!s)
    return;
  int fields = 0;
  for (const char *p = strrchr(s, ')'); p && *p; p++)
    fields += *p == ' ';
  snprintf(name, sizeof name, "%s-fields", tag);
  check(name, fields + 2 == 52, "%d fields, want 52", fields + 2);
  char want[64];
  snprintf(want, sizeof want, "%d (%s) ", (int)getpid(), comm);
  snprintf(name, sizeof name, "%s-pid-comm", tag);
  check(name, strncmp(s, want, strlen(want)) == 0, "starts \"%.40s\", want \"%s\"", s, want);
  snprintf(name, sizeof name, "%s-ppid", tag);
  check(name, stat_field(s, 4) == (unsigned long long)getppid(), "ppid %llu",
        stat_field(s, 4));
  unsigned long long vsize = stat_field(s, 23);
  snprintf(name, sizeof name, "%s-vsize", tag);
  check(name, vsize > (1u << 16) && vsize < (1ull << 32), "vsize %llu", vsize);
  uintptr_t code = (uintptr_t)&check_stat;
  snprintf(name, sizeof name, "%s-code", tag);
  check(name, stat_field(s, 26) <= code && code < stat_field(s, 27),
        "startcode %llx endcode %llx, code at %lx", stat_field(s, 26), stat_field(s, 27),
        (unsigned long)code);
  uintptr_t sp = (uintptr_t)&name;
  snprintf(name, sizeof name, "%s-startstack", tag);
  check(name, stat_field(s, 28) > sp && stat_field(s, 28) < (uintptr_t)argv[0],
        "startstack %llx, sp %lx, argv[0] %lx", stat_field(s, 28), (unsigned long)sp,
        (unsigned long)(uintptr_t)argv[0]);
  snprintf(name, sizeof name, "%s-data-brk", tag);
  uintptr_t brk_now = (uintptr_t)sbrk(0);
  check(name, stat_field(s, 45) <= stat_field(s, 46) && stat_field(s, 46) <= stat_field(s, 47) &&
        stat_field(s, 47) <= brk_now, "start_data %llx end_data %llx start_brk %llx brk %lx",
        stat_field(s, 45), stat_field(s, 46), stat_field(s, 47), (unsigned long)brk_now);
  uintptr_t arg_end = (uintptr_t)argv[argc - 1] + strlen(argv[argc - 1]) + 1;
  int envc = 0;
  while (envp0[envc])
    envc++;
  snprintf(name, sizeof name, "%s-args-env", tag);
  if (envc == 0) {
    check(name, 0, "run me with an environment");
  } else {
    uintptr_t env_end = (uintptr_t)envp0[envc - 1] + strlen(envp0[envc - 1]) + 1;
    check(name, stat_field(s, 48) == (uintptr_t)argv[0] && stat_field(s, 49) == arg_end &&
          stat_field(s, 50) == (uintptr_t)envp0[0] && stat_field(s, 51) == env_end,
          "args %llx-%llx env %llx-%llx, want %lx-%lx %lx-%lx", stat_field(s, 48),
          stat_field(s, 49), stat_field(s, 50), stat_field(s, 51),
          (unsigned long)(uintptr_t)argv[0], (unsigned long)arg_end,
          (unsigned long)(uintptr_t)envp0[0], (unsigned long)env_end);
  }
  free(s);
}

static void check_maps(const char *exe)
{
  char *m = slurp("/proc/self/maps", NULL);
  check("maps-readable", m != NULL, "cannot read");
  if (!m)
    return;
  struct stat st;
  int have_st = stat(exe, &st) == 0;
  void *heap = malloc(64);   /* small: from brk, in [heap] */
  uintptr_t code = (uintptr_t)&check_maps, stack = (uintptr_t)&st, h = (uintptr_t)heap;
  int lines = 0, badfmt = 0, code_ok = 0, stack_ok = 0, heap_ok = 0, devino_ok = 1;
  char why[300] = "";
  for (char *line = strtok(m, "\n"); line; line = strtok(NULL, "\n")) {
    unsigned long lo, hi, off, ino;
    unsigned maj, min;
    char perm[8];
    int name_at = 0;
    lines++;
    if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %n", &lo, &hi, perm, &off, &maj, &min, &ino,
               &name_at) < 7 || strlen(perm) != 4 || strspn(line, "0123456789abcdef") < 8) {
      badfmt++;
      snprintf(why, sizeof why, "line \"%s\"", line);
      continue;
    }
    const char *nm = line + name_at;
    if (*nm && (strlen(line) - strlen(nm) != 73)) {
      badfmt++;
      snprintf(why, sizeof why, "name not at column 74: \"%s\"", line);
    }
    if (code >= lo && code < hi)
      code_ok = strcmp(perm, "r-xp") == 0 && strcmp(nm, exe) == 0;
    if (stack >= lo && stack < hi)
      stack_ok = strcmp(nm, "[stack]") == 0 && perm[0] == 'r' && perm[1] == 'w';
    if (h >= lo && h < hi)
      heap_ok = strcmp(nm, "[heap]") == 0;
    if (strcmp(nm, exe) == 0 && have_st &&
        (ino != st.st_ino || maj != major(st.st_dev) || min != minor(st.st_dev)))
      devino_ok = 0;
  }
  check("maps-format", badfmt == 0 && lines >= 4, "%d bad of %d: %s", badfmt, lines, why);
  check("maps-code", code_ok, "code at %lx not in an r-xp line named %s", (unsigned long)code,
        exe);
  check("maps-stack", stack_ok, "stack at %lx not in rw [stack]", (unsigned long)stack);
  check("maps-heap", heap_ok, "malloc(64) at %lx not in [heap]", (unsigned long)h);
  check("maps-dev-inode", devino_ok && have_st, "the exe's dev:inode differ from stat()");
  free(heap);
  free(m);
}

int main(int argc, char **argv)
{
  char **envp0 = environ;   /* the initial environment, before anything changes it */
  char exe[PATH_MAX];
  if (!realpath(argv[0], exe)) {
    printf("BAD setup: realpath %s\n", argv[0]);
    return 1;
  }
  char comm[16];
  snprintf(comm, sizeof comm, "%s", basename(exe));

  /* exe: the link and the file behind it */
  static const char *const exes[] = {"/proc/self/exe", "/proc/thread-self/exe", NULL};
  char own[64], link[PATH_MAX];
  for (int i = 0; i < 3; i++) {
    const char *p = exes[i];
    if (!p) {
      snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
      p = own;
    }
    ssize_t n = readlink(p, link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    char name[64];
    snprintf(name, sizeof name, "exe-link-%d", i);
    check(name, n > 0 && strcmp(link, exe) == 0, "%s -> \"%s\", want %s", p, link, exe);
  }
  int fd = open("/proc/self/exe", O_RDONLY);
  Elf64_Ehdr eh;
  check("exe-open-riscv", fd >= 0 && read(fd, &eh, sizeof eh) == sizeof eh &&
        memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_machine == EM_RISCV,
        "/proc/self/exe is not a riscv64 ELF");
  if (fd >= 0)
    close(fd);

  /* auxv: the pairs getauxval sees, ending with AT_NULL */
  size_t len;
  uint64_t *aux = (uint64_t *)slurp("/proc/self/auxv", &len);
  int aux_ok = aux && len >= 16 && len % 16 == 0 && aux[len / 8 - 2] == AT_NULL;
  size_t pairs = aux ? len / 16 : 0, mismatch = 0, seen = 0;
  for (size_t i = 0; aux_ok && i + 1 < pairs; i++) {
    if (aux[2 * i] == AT_NULL)
      aux_ok = 0;   /* AT_NULL only at the end */
    else if (getauxval(aux[2 * i]) != aux[2 * i + 1])
      mismatch++;
    seen += aux[2 * i] == AT_PHDR || aux[2 * i] == AT_ENTRY || aux[2 * i] == AT_RANDOM ||
            aux[2 * i] == AT_PAGESZ || aux[2 * i] == AT_HWCAP || aux[2 * i] == AT_EXECFN;
  }
  check("auxv", aux_ok && mismatch == 0 && seen == 6,
        "%zu bytes, %zu values differ from getauxval, %zu of 6 key entries", len, mismatch, seen);
  free(aux);

  /* cmdline and environ: the bytes exec was given */
  static char want[1 << 16];
  char *got = slurp("/proc/self/cmdline", &len);
  size_t wl = joined(argv, argc, want, sizeof want);
  check("cmdline", got && len == wl && memcmp(got, want, wl) == 0, "%zu bytes, want %zu", len,
        wl);
  free(got);
  got = slurp("/proc/self/environ", &len);
  wl = joined(envp0, -1, want, sizeof want);
  check("environ", got && len == wl && memcmp(got, want, wl) == 0, "%zu bytes, want %zu", len,
        wl);
  free(got);

  /* stat and status, under each name of the process */
  check_stat("/proc/self/stat", comm, argc, argv, envp0, "stat");
  snprintf(own, sizeof own, "/proc/%d/stat", (int)getpid());
  check_stat(own, comm, argc, argv, envp0, "pid-stat");
  check_stat("/proc/thread-self/stat", comm, argc, argv, envp0, "thread-stat");
  char *st = slurp("/proc/self/status", NULL);
  char line[128];
  snprintf(line, sizeof line, "Name:\t%s\n", comm);
  check("status-name", st && strncmp(st, line, strlen(line)) == 0, "starts \"%.30s\"",
        st ? st : "");
  snprintf(line, sizeof line, "\nPid:\t%d\n", (int)getpid());
  check("status-pid", st && strstr(st, line), "no line Pid:\t%d", (int)getpid());
  const char *vm = st ? strstr(st, "\nVmSize:") : NULL;
  unsigned long long vm_kb = vm ? strtoull(vm + 8, NULL, 10) : 0;
  char *sl = slurp("/proc/self/stat", NULL);
  unsigned long long vsize = sl ? stat_field(sl, 23) : 0;
  check("status-vmsize", vm && vm_kb * 1024 == vsize, "VmSize %llu kB, stat vsize %llu", vm_kb,
        vsize);
  const char *vexe = st ? strstr(st, "\nVmExe:") : NULL;
  check("status-vmexe", vexe && strtoull(vexe + 7, NULL, 10) > 0 &&
        strtoull(vexe + 7, NULL, 10) < 1u << 20, "VmExe line: %.30s", vexe ? vexe + 1 : "none");
  free(st);
  free(sl);

  /* comm and the thread name */
  char *c = slurp("/proc/self/comm", NULL);
  snprintf(line, sizeof line, "%s\n", comm);
  check("comm", c && strcmp(c, line) == 0, "\"%s\", want \"%s\\n\"", c ? c : "", comm);
  free(c);
  char pr[16] = "";
  prctl(PR_GET_NAME, pr);
  check("prctl-name", strcmp(pr, comm) == 0, "\"%s\"", pr);

  check_maps(exe);

  /* cpuinfo: one riscv64 entry per online CPU */
  char *ci = slurp("/proc/cpuinfo", NULL);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  int entries = 0, good = 0;
  for (char *p = ci; p && (p = strstr(p, "processor\t: ")) != NULL; p++) {
    int id = atoi(p + 12);
    char head[128];
    snprintf(head, sizeof head, "processor\t: %d\nhart\t\t: ", id);
    entries++;
    if (strncmp(p, head, strlen(head)) == 0 && strstr(p, "\nisa\t\t: rv64imafdc") &&
        strstr(p, "\nmmu\t\t: sv39\n"))
      good++;
  }
  check("cpuinfo", ci && entries == cpus && good == entries, "%d entries (%d good), %ld CPUs",
        entries, good, cpus);
  free(ci);

  struct utsname u;
  check("uname", uname(&u) == 0 && strcmp(u.machine, "riscv64") == 0 &&
        strcmp(u.sysname, "Linux") == 0, "machine %s sysname %s", u.machine, u.sysname);
  return bad > 100 ? 100 : bad;
}
