/* The guest's view of the /proc files that describe the process itself: opening
 * /proc/self/{maps,cmdline,environ,auxv,stat,status} or /proc/cpuinfo gives a memory file
 * holding what Linux would show the riscv64 process, not rvx's own (/proc/self/exe is handled
 * by the path calls; comm is the host's, set to the guest's name by os_proc_init). The files
 * that would hand the guest rvx's own memory (/proc/PID/mem, map_files) are refused, by what
 * the opened file is rather than by its name (os_proc_opened). */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "mem/mem.h"
#include "util/options.h"

/* ---- what exec left on the guest stack ---- */

/* Where the loader put the process's strings and auxv (loader/stack.c lays them out as
 * Linux's exec does): the argv and envp strings are contiguous below the AT_EXECFN string at
 * the top of the stack, the auxv lies above the argv and envp pointer arrays. Linux keeps the
 * same addresses in mm->arg_start.. and a copy of the auxv in mm->saved_auxv. */
static struct {
  bool ok;                 /* the layout was found as expected */
  uint64_t arg_start, arg_end, env_start, env_end, start_stack;
  uint64_t auxv[2 * 48];   /* the pairs, with the AT_NULL pair */
  size_t auxv_words;
} layout;
static pthread_once_t layout_once = PTHREAD_ONCE_INIT;

static bool read_u64(uint64_t g, uint64_t *v)
{
  const void *h = os_obj(g, 8, PROT_READ);
  if (h)
    memcpy(v, h, 8);
  return h != NULL;
}

/* Finds the layout from rvx_opts (the strings the loader was given) before the guest has run,
 * or at the latest at the first /proc open: argc and argv[0] then locate the initial sp. */
static void find_layout(void)
{
  if (!rvx_opts.exe_path || !rvx_opts.guest_argv)
    return;
  size_t argc = rvx_opts.guest_argc > 0 ? (size_t)rvx_opts.guest_argc : 0, envc = 0;
  uint64_t p = GUEST_STACK_TOP - 8 - (strlen(rvx_opts.exe_path) + 1);
  layout.env_end = p;
  for (char **e = rvx_opts.guest_envp; e && *e; e++, envc++)
    p -= strlen(*e) + 1;
  layout.env_start = layout.arg_end = p;
  for (size_t i = 0; i < argc; i++)
    p -= strlen(rvx_opts.guest_argv[i]) + 1;
  layout.arg_start = p;
  /* Below the strings: 16 random bytes, padding to 16, the auxv, envp[], argv[], argc. */
  uint64_t items = 1 + (argc + 1) + (envc + 1);
  uint64_t lowest = layout.arg_start - 16 - 16 - 8 * (items + 2 * 48);
  for (uint64_t sp = (layout.arg_start - 16 - 8 * (items + 2)) & ~UINT64_C(7); sp >= lowest;
       sp -= 8) {
    uint64_t v0, v1;
    if (!read_u64(sp, &v0) || !read_u64(sp + 8, &v1))
      return;
    if (v0 != argc || (argc ? v1 != layout.arg_start : v1 != 0))
      continue;
    uint64_t a = sp + 8 * items;
    for (size_t n = 0; n < sizeof layout.auxv / 8; n += 2) {
      if (!read_u64(a + 8 * n, &layout.auxv[n]) || !read_u64(a + 8 * n + 8, &layout.auxv[n + 1]))
        return;
      if (layout.auxv[n] == AT_NULL) {
        layout.auxv_words = n + 2;
        layout.start_stack = sp;
        layout.ok = true;
        return;
      }
    }
    return;
  }
}

static void need_layout(void)
{
  pthread_once(&layout_once, find_layout);
}

static uint64_t auxv_value(uint64_t type)
{
  for (size_t i = 0; i + 1 < layout.auxv_words; i += 2)
    if (layout.auxv[i] == type)
      return layout.auxv[i + 1];
  return 0;
}

const void *os_proc_auxv(size_t *len)
{
  need_layout();
  *len = layout.ok ? layout.auxv_words * 8 : 0;
  return layout.auxv;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* Linux names a process after the file it executed (its basename, 15 bytes at most); the host
 * thread's name is the one ps, /proc/self/comm and PR_GET_NAME report. */
static void proc_init(void)
{
  need_layout();
  if (!rvx_opts.exe_path)
    return;
  const char *base = strrchr(rvx_opts.exe_path, '/');
  base = base ? base + 1 : rvx_opts.exe_path;
  char comm[16];
  snprintf(comm, sizeof comm, "%s", base);
  prctl(PR_SET_NAME, comm);
}

void os_proc_init(void)
{
  pthread_once(&init_once, proc_init);
}

/* ---- the files ---- */

/* A growable text buffer; on allocation failure it stops growing and remembers it. */
typedef struct text {
  char *s;
  size_t len, cap;
  bool oom;
} text;

static void add(text *t, const void *p, size_t n)
{
  if (t->oom)
    return;
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n + 1)
      cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s) {
      t->oom = true;
      return;
    }
    t->s = s, t->cap = cap;
  }
  memcpy(t->s + t->len, p, n);
  t->len += n;
  t->s[t->len] = 0;
}

static void addf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addf(text *t, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0)
    add(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* A read-only memory file holding the text, positioned at its start; frees the text. */
static int64_t memory_file(const char *name, text *t, int flags)
{
  if (t->oom) {
    free(t->s);
    return -ENOMEM;
  }
  int fd = memfd_create(name, (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
  if (fd < 0) {
    free(t->s);
    return -errno;
  }
  size_t done = 0;
  while (done < t->len) {
    ssize_t w = write(fd, t->s + done, t->len - done);
    if (w <= 0) {
      int e = w < 0 ? errno : EIO;
      close(fd);
      free(t->s);
      return -e;
    }
    done += (size_t)w;
  }
  free(t->s);
  lseek(fd, 0, SEEK_SET);
  return fd;
}

/* The host file at path, whole (small /proc files). */
static bool host_file(const char *path, text *t)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    add(t, buf, (size_t)n);
  close(fd);
  return n == 0 && !t->oom;
}

static void guest_maps(text *t)
{
  size_t cap = 1 << 16;
  for (;;) {
    char *buf = malloc(cap);
    if (!buf) {
      t->oom = true;
      return;
    }
    size_t len = mem_format_maps(buf, cap);
    if (len < cap) {
      add(t, buf, len);
      free(buf);
      return;
    }
    free(buf);
    cap = len + 4096;   /* grew meanwhile at most a little */
  }
}

/* Copies guest memory [g, end) as far as it is readable (Linux reads the process's memory
 * for cmdline and environ, so what the program wrote there since shows). */
static void guest_bytes(text *t, uint64_t g, uint64_t end)
{
  for (; g < end; g++) {
    const char *h = os_obj(g, 1, PROT_READ);
    if (!h)
      return;
    uint64_t page_end = (g | (GUEST_PAGE - 1)) + 1;
    uint64_t n = (end < page_end ? end : page_end) - g;
    if (!os_obj(g, n, PROT_READ))
      return;
    add(t, h, n);
    g += n - 1;
  }
}

static void guest_cmdline(text *t)
{
  if (!layout.ok) {   /* not found: the strings rvx was given */
    for (int i = 0; i < rvx_opts.guest_argc; i++)
      add(t, rvx_opts.guest_argv[i], strlen(rvx_opts.guest_argv[i]) + 1);
    return;
  }
  guest_bytes(t, layout.arg_start, layout.arg_end);
  /* A program that overwrote the final NUL (setproctitle) gets its text up to the next NUL
   * in the environment area, as Linux gives it. */
  if (t->len && t->s[t->len - 1] != 0 && !t->oom) {
    size_t at = t->len;
    guest_bytes(t, layout.env_start, layout.env_end);
    char *nul = t->oom ? NULL : memchr(t->s + at, 0, t->len - at);
    if (nul)
      t->len = (size_t)(nul - t->s);
  }
}

static void guest_environ(text *t)
{
  if (layout.ok)
    guest_bytes(t, layout.env_start, layout.env_end);
  else
    for (char **e = rvx_opts.guest_envp; e && *e; e++)
      add(t, *e, strlen(*e) + 1);
}

/* The guest's memory totals, summed from its VMA map as Linux's task_mem does. */
typedef struct vm_totals {
  uint64_t total, exec, data, stack;   /* bytes */
} vm_totals;

static void guest_totals(vm_totals *v)
{
  memset(v, 0, sizeof *v);
  text m = {0};
  guest_maps(&m);
  for (char *line = m.s; line && *line;) {
    char *next = strchr(line, '\n');
    if (next)
      *next++ = 0;
    unsigned long long lo, hi;
    char perm[8];
    if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perm) == 3 && hi > lo && strlen(perm) == 4) {
      uint64_t len = hi - lo;
      bool stack = strstr(line, "[stack]") != NULL;
      v->total += len;
      if (stack)
        v->stack += len;
      else if (perm[1] == 'w' && perm[3] == 'p')
        v->data += len;
      else if (perm[2] == 'x' && perm[1] != 'w')
        v->exec += len;
    }
    line = next;
  }
  free(m.s);
}

/* The main program's code and data bounds, as Linux's load_elf_binary computes them from the
 * PT_LOAD headers (code: the executable ones; data: up to the highest file contents). */
typedef struct elf_bounds {
  uint64_t start_code, end_code, start_data, end_data;
} elf_bounds;

static void guest_elf_bounds(elf_bounds *b)
{
  memset(b, 0, sizeof *b);
  int fd = rvx_opts.exe_real ? open(rvx_opts.exe_real, O_RDONLY | O_CLOEXEC) : -1;
  if (fd < 0)
    return;
  Elf64_Ehdr eh;
  Elf64_Phdr ph[64];
  if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh || eh.e_phentsize != sizeof ph[0] ||
      eh.e_phnum > 64 ||
      pread(fd, ph, eh.e_phnum * sizeof ph[0], (off_t)eh.e_phoff) !=
          (ssize_t)(eh.e_phnum * sizeof ph[0])) {
    close(fd);
    return;
  }
  close(fd);
  uint64_t bias = auxv_value(AT_ENTRY) - eh.e_entry;
  uint64_t start_code = ~UINT64_C(0);
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    if (ph[i].p_type != PT_LOAD)
      continue;
    uint64_t k = ph[i].p_vaddr, e = ph[i].p_vaddr + ph[i].p_filesz;
    if ((ph[i].p_flags & PF_X) && k < start_code)
      start_code = k;
    if (b->start_data < k)
      b->start_data = k;
    if ((ph[i].p_flags & PF_X) && b->end_code < e)
      b->end_code = e;
    if (b->end_data < e)
      b->end_data = e;
  }
  if (start_code == ~UINT64_C(0))
    start_code = 0;
  b->start_code = start_code + bias;
  b->end_code += bias;
  b->start_data += bias;
  b->end_data += bias;
}

/* The start of the brk area: the [heap] line of the maps, else the current break (which has
 * not moved yet then). */
static uint64_t guest_start_brk(void)
{
  text m = {0};
  guest_maps(&m);
  char *heap = m.s ? strstr(m.s, "[heap]") : NULL;
  uint64_t r = 0;
  if (heap) {
    while (heap > m.s && heap[-1] != '\n')
      heap--;
    r = strtoull(heap, NULL, 16);
  }
  free(m.s);
  return heap ? r : (uint64_t)mem_brk(0);
}

/* The host's stat line with the fields that describe memory (vsize, code, data, stack,
 * brk, argument and environment bounds) replaced by the guest's. */
static bool guest_stat(const char *host_path, text *t)
{
  text h = {0};
  if (!host_file(host_path, &h)) {
    free(h.s);
    return false;
  }
  char *close_paren = strrchr(h.s, ')');
  if (!close_paren || close_paren[1] != ' ') {
    free(h.s);
    return false;
  }
  add(t, h.s, (size_t)(close_paren + 1 - h.s));   /* "pid (comm)" */
  vm_totals v;
  elf_bounds b;
  guest_totals(&v);
  guest_elf_bounds(&b);
  char *save = NULL;
  int field = 3;   /* the first after the comm */
  for (char *f = strtok_r(close_paren + 2, " \n", &save); f; f = strtok_r(NULL, " \n", &save)) {
    unsigned long long val;
    bool mine = true;
    switch (field++) {
    case 23: val = v.total; break;
    case 26: val = b.start_code; break;
    case 27: val = b.end_code; break;
    case 28: val = layout.start_stack; break;
    case 45: val = b.start_data; break;
    case 46: val = b.end_data; break;
    case 47: val = guest_start_brk(); break;
    case 48: val = layout.arg_start; break;
    case 49: val = layout.arg_end; break;
    case 50: val = layout.env_start; break;
    case 51: val = layout.env_end; break;
    default: mine = false; val = 0; break;
    }
    if (mine)
      addf(t, " %llu", val);
    else
      addf(t, " %s", f);
  }
  add(t, "\n", 1);
  free(h.s);
  return true;
}

/* The host's status with the Vm* sizes the guest's (RSS lines stay the host's: the guest's
 * pages are rvx's pages). VmPeak is the largest VmSize any read has seen. */
static bool guest_status(const char *host_path, text *t)
{
  static uint64_t peak;
  text h = {0};
  if (!host_file(host_path, &h)) {
    free(h.s);
    return false;
  }
  vm_totals v;
  elf_bounds b;
  guest_totals(&v);
  guest_elf_bounds(&b);
  uint64_t seen = __atomic_load_n(&peak, __ATOMIC_RELAXED);
  while (seen < v.total && !__atomic_compare_exchange_n(&peak, &seen, v.total, false,
                                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    ;
  uint64_t exe = b.end_code > b.start_code
                     ? ((b.end_code + GUEST_PAGE - 1) & ~(uint64_t)(GUEST_PAGE - 1)) -
                           (b.start_code & ~(uint64_t)(GUEST_PAGE - 1))
                     : 0;
  struct { const char *key; uint64_t bytes; } vm[] = {
    {"VmPeak:", seen > v.total ? seen : v.total}, {"VmSize:", v.total},
    {"VmData:", v.data}, {"VmStk:", v.stack}, {"VmExe:", exe},
    {"VmLib:", v.exec > exe ? v.exec - exe : 0},
  };
  for (char *line = h.s; *line;) {
    char *next = strchr(line, '\n');
    next = next ? next + 1 : line + strlen(line);
    bool done = false;
    for (size_t i = 0; i < sizeof vm / sizeof vm[0] && !done; i++)
      if (strncmp(line, vm[i].key, strlen(vm[i].key)) == 0) {
        addf(t, "%s\t%8llu kB\n", vm[i].key, (unsigned long long)(vm[i].bytes >> 10));
        done = true;
      }
    if (!done)
      add(t, line, (size_t)(next - line));
    line = next;
  }
  free(h.s);
  return true;
}

/* /proc/cpuinfo as riscv64 Linux prints it (arch/riscv/kernel/cpu.c) for a hart without a
 * uarch name, one entry per host CPU that is online: the ISA rvx executes. */
static void guest_cpuinfo(text *t)
{
  static const char isa[] = "rv64imafdc_zicntr_zicsr_zifencei";
  text h = {0};
  int cpus = 0;
  if (host_file("/proc/cpuinfo", &h)) {
    for (char *p = h.s; (p = strstr(p, "processor")) != NULL; p++) {
      if (p != h.s && p[-1] != '\n')
        continue;
      char *colon = strchr(p, ':');
      if (!colon)
        break;
      int id = atoi(colon + 1);
      addf(t, "processor\t: %d\nhart\t\t: %d\nisa\t\t: %s\nmmu\t\t: sv39\n", id, id, isa);
      addf(t, "mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\nhart isa\t: %s\n\n", isa);
      cpus++;
    }
  }
  free(h.s);
  for (int id = 0; cpus == 0 && id < sysconf(_SC_NPROCESSORS_ONLN); id++) {
    addf(t, "processor\t: %d\nhart\t\t: %d\nisa\t\t: %s\nmmu\t\t: sv39\n", id, id, isa);
    addf(t, "mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\nhart isa\t: %s\n\n", isa);
  }
}

/* ---- opening ---- */

/* ---- what the guest may not open ---- */

#define PROC_SUPER_MAGIC 0x9fa0

/* Skips "/DIGITS" at *p; false if not there. */
static bool skip_number(const char **p)
{
  const char *s = *p;
  if (*s++ != '/' || *s < '0' || *s > '9')
    return false;
  while (*s >= '0' && *s <= '9')
    s++;
  *p = s;
  return true;
}

/* 0, or the error for a /proc file of some process's memory: "/PID/mem", "/PID/task/TID/mem"
 * or "/PID[/task/TID]/map_files/..." at the end of the link text (procfs may be mounted
 * anywhere; the link shows its mount point first). Another rvx process's memory is rvx's
 * too: every pid is refused, not only ours. */
static int forbidden_link(const char *link)
{
  for (const char *p = strchr(link, '/'); p; p = strchr(p + 1, '/')) {
    const char *q = p;
    if (!skip_number(&q))
      continue;
    if (strncmp(q, "/task", 5) == 0) {
      q += 5;
      if (!skip_number(&q))
        continue;
    }
    if (strcmp(q, "/mem") == 0)
      return -EACCES;
    if (strcmp(q, "/map_files") == 0 || strncmp(q, "/map_files/", 11) == 0)
      return -EPERM;
  }
  /* A map_files entry opens the mapped file itself, so its link shows that file: rvx's own
   * memfds (the code cache, whose pages rvx executes) are refused by name. */
  if (strncmp(link, "/memfd:rvx-", 11) == 0)
    return -EPERM;
  return 0;
}

int64_t os_proc_opened(int64_t fd)
{
  struct statfs fs;
  if (fd < 0 || fstatfs((int)fd, &fs) < 0)
    return fd;
  /* procfs files, and memfds (tmpfs, or hugetlbfs) reached through map_files. */
  if (fs.f_type != PROC_SUPER_MAGIC && fs.f_type != 0x01021994 && fs.f_type != 0x958458f6)
    return fd;
  char self[40], link[PATH_MAX];
  snprintf(self, sizeof self, "/proc/self/fd/%d", (int)fd);
  ssize_t n = readlink(self, link, sizeof link - 1);
  if (n <= 0)
    return fd;
  link[n] = 0;
  int e = forbidden_link(link);
  if (e) {
    close((int)fd);
    return e;
  }
  return fd;
}

/* The file name after "/proc/self/", "/proc/thread-self/" or "/proc/<our pid>/", or NULL. */
static const char *self_entry(const char *path)
{
  static const char *const prefixes[] = {"/proc/self/", "/proc/thread-self/"};
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncmp(path, prefixes[i], strlen(prefixes[i])) == 0)
      return path + strlen(prefixes[i]);
  char own[32];
  int n = snprintf(own, sizeof own, "/proc/%d/", (int)getpid());
  return strncmp(path, own, (size_t)n) == 0 ? path + n : NULL;
}

enum proc_kind { P_NONE, P_MAPS, P_CMDLINE, P_ENVIRON, P_AUXV, P_STAT, P_STATUS, P_CPUINFO };

static enum proc_kind kind_of(const char *path)
{
  if (strcmp(path, "/proc/cpuinfo") == 0)
    return P_CPUINFO;
  const char *entry = self_entry(path);
  if (!entry)
    return P_NONE;
  static const struct { const char *name; enum proc_kind kind; } names[] = {
    {"maps", P_MAPS}, {"cmdline", P_CMDLINE}, {"environ", P_ENVIRON}, {"auxv", P_AUXV},
    {"stat", P_STAT}, {"status", P_STATUS},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(entry, names[i].name) == 0)
      return names[i].kind;
  return P_NONE;
}

int64_t os_proc_open(const char *path, int flags, bool *handled)
{
  /* map_files entries by their plain names (os_proc_opened catches the rest). */
  if (strncmp(path, "/proc/", 6) == 0 && strstr(path, "/map_files")) {
    *handled = true;
    return -EPERM;
  }
  enum proc_kind kind = kind_of(path);
  *handled = kind != P_NONE;
  if (kind == P_NONE)
    return 0;
  /* Read-only files (environ and auxv are the owner's only: mode 0400); root may open them
   * for writing, and gets the copy. */
  if ((flags & O_ACCMODE) != O_RDONLY && geteuid() != 0)
    return -EACCES;
  os_proc_init();
  text t = {0};
  switch (kind) {
  case P_MAPS: guest_maps(&t); break;
  case P_CMDLINE: guest_cmdline(&t); break;
  case P_ENVIRON: guest_environ(&t); break;
  case P_AUXV: add(&t, layout.auxv, layout.auxv_words * 8); break;
  case P_CPUINFO: guest_cpuinfo(&t); break;
  case P_STAT:
  case P_STATUS:
    /* The host's file of the same name: the guest's pid and tid are rvx's. */
    if (!(kind == P_STAT ? guest_stat(path, &t) : guest_status(path, &t))) {
      int e = errno;
      free(t.s);
      return e ? -e : -EIO;
    }
    break;
  case P_NONE: break;
  }
  static const char *const names[] = {"", "maps", "cmdline", "environ", "auxv", "stat",
                                      "status", "cpuinfo"};
  return memory_file(names[kind], &t, flags);
}
