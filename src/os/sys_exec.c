/* execve and execveat. Everything that can fail is checked first, in Linux's order (path,
 * argv/envp, sizes, the file, its format, the interpreter), so errors come back to the guest
 * as Linux gives them and the process is replaced only when the exec would succeed:
 * - a riscv64 ELF runs under rvx again (rvx_opts.self_exe) with this rvx's options, the
 *   guest's argv (argv[0] through -0) and the guest's envp;
 * - a "#!" script has its interpreter line parsed as Linux's binfmt_script does and the
 *   interpreter takes its place (nested up to Linux's depth);
 * - a host (x86-64, i386) ELF is exec'd natively with the guest's argv and envp.
 * Every fd rvx opens itself is CLOEXEC, so only the guest's fds reach the new program. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/loader.h"
#include "prof/prof.h"
#include "sandbox/sandbox.h"
#include "util/options.h"

/* Linux's limits (include/uapi/linux/binfmts.h, fs/exec.c). */
#define MAX_ARG_STRLEN (32 * 4096)
#define ARG_MAX_MIN (32 * 4096)
#define STK_LIM_34 (8 * 1024 * 1024 / 4 * 3)
#define BINPRM_BUF_SIZE 256
#define MAX_DEPTH 5

/* Where the guest's absolute name lies on the host: the sysroot rule every path syscall
 * applies through os_path (loader/sysroot.c), here for interpreter names read from files. */
static const char *host_name(const char *name, char *buf, size_t cap)
{
  return ld_sysroot_path(name, buf, cap);
}

/* A guest NULL-terminated string array, as host pointers into guest memory. */
typedef struct strv {
  const char **v;
  size_t n;
  uint64_t bytes;   /* strings with their NULs */
} strv;

/* count(): the pointers up to NULL. A NULL array is empty. */
static int64_t read_ptrs(uint64_t g, strv *s, uint64_t *gptrs_out[])
{
  s->n = 0;
  s->v = NULL;
  s->bytes = 0;
  *gptrs_out = NULL;
  if (!g)
    return 0;
  size_t cap = 0;
  uint64_t *gp = NULL;
  for (;;) {
    const uint64_t *h = os_obj(g + 8 * s->n, 8, PROT_READ);
    if (!h) {
      free(gp);
      return -EFAULT;
    }
    uint64_t p;
    memcpy(&p, h, 8);
    if (!p)
      break;
    if (s->n >= 0x7fffffff / 8) {   /* far past any stack limit: E2BIG comes anyway */
      free(gp);
      return -E2BIG;
    }
    if (s->n + 1 >= cap) {
      cap = cap ? cap * 2 : 64;
      uint64_t *np = realloc(gp, cap * sizeof *gp);
      if (!np) {
        free(gp);
        return -ENOMEM;
      }
      gp = np;
    }
    gp[s->n++] = p;
  }
  *gptrs_out = gp;
  return 0;
}

/* copy_strings(): each string readable and at most MAX_ARG_STRLEN with its NUL; the total
 * within the limit. */
static int64_t read_strings(strv *s, const uint64_t *gp, uint64_t *room)
{
  s->v = calloc(s->n + 1, sizeof *s->v);
  if (!s->v)
    return -ENOMEM;
  for (size_t i = 0; i < s->n; i++) {
    const char *str;
    int e = os_str(gp[i], MAX_ARG_STRLEN - 1, &str);
    if (e)
      return e == -ENAMETOOLONG ? -E2BIG : e;
    uint64_t len = strlen(str) + 1;
    if (len > *room)
      return -E2BIG;
    *room -= len;
    s->bytes += len;
    s->v[i] = str;
  }
  return 0;
}

/* An open candidate: an O_PATH fd on a regular file the caller may execute, its first bytes,
 * and the host path to hand to execve. */
typedef struct exe {
  int fd;
  char buf[BINPRM_BUF_SIZE];
  size_t len;
  char host[PATH_MAX];
  int keep;   /* an fd left open for the new rvx, or -1 */
} exe;

static void exe_close(exe *x)
{
  if (x->fd >= 0)
    close(x->fd);
  if (x->keep >= 0)
    close(x->keep);
  x->fd = x->keep = -1;
}

/* do_open_execat() and the permission checks of exec. */
static int64_t exe_open(int dirfd, const char *path, bool empty_ok, bool nofollow, exe *x)
{
  x->fd = x->keep = -1;
  int fd;
  if (!*path) {
    if (!empty_ok)
      return -ENOENT;
    char p[64];
    if (dirfd == AT_FDCWD)
      snprintf(p, sizeof p, ".");
    else
      snprintf(p, sizeof p, "/proc/self/fd/%d", dirfd);
    if (dirfd != AT_FDCWD && fcntl(dirfd, F_GETFD) < 0)
      return -EBADF;
    fd = open(p, O_PATH | O_CLOEXEC);
  } else {
    fd = openat(dirfd, path, O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
  }
  if (fd < 0)
    return -errno;
  x->fd = fd;
  struct stat st;
  if (fstat(fd, &st))
    return -errno;
  if (S_ISLNK(st.st_mode))
    return -ELOOP;
  if (!S_ISREG(st.st_mode))
    return -EACCES;
  /* Execute permission for the effective ids, and not on a noexec mount. */
  if (syscall(SYS_faccessat2, fd, "", X_OK, AT_EMPTY_PATH | AT_EACCESS))
    return -errno;
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
  int rfd = open(p, O_RDONLY | O_CLOEXEC);
  if (rfd < 0)
    return -errno;   /* execute-only files: rvx must read what it runs */
  memset(x->buf, 0, sizeof x->buf);
  ssize_t n = pread(rfd, x->buf, sizeof x->buf, 0);
  int e = errno;
  close(rfd);
  if (n < 0)
    return -e;
  x->len = (size_t)n;
  /* The host path: as given when it means the same from anywhere, else where the fd is. */
  if (*path && (dirfd == AT_FDCWD || path[0] == '/')) {
    if (strlen(path) >= sizeof x->host)
      return -ENAMETOOLONG;
    strcpy(x->host, path);
    return 0;
  }
  ssize_t l = readlink(p, x->host, sizeof x->host - 1);
  struct stat st2;
  if (l > 0) {
    x->host[l] = 0;
    if (x->host[0] == '/' && stat(x->host, &st2) == 0 && st2.st_dev == st.st_dev &&
        st2.st_ino == st.st_ino)
      return 0;
  }
  /* Deleted or anonymous (memfd): a new rvx reaches it only through an inherited fd. */
  int keep = fcntl(fd, F_DUPFD, 3);
  if (keep < 0)
    return -errno;
  x->keep = keep;
  snprintf(x->host, sizeof x->host, "/proc/self/fd/%d", keep);
  return 0;
}

enum kind { K_RISCV, K_HOST, K_SCRIPT };

/* What the file is, and for riscv64 ELF programs whether their PT_INTERP can be found. */
static int64_t classify(exe *x, enum kind *k)
{
  if (x->len >= 2 && x->buf[0] == '#' && x->buf[1] == '!') {
    *k = K_SCRIPT;
    return 0;
  }
  Elf64_Ehdr eh;
  if (x->len < sizeof eh || memcmp(x->buf, ELFMAG, SELFMAG) != 0) {
    /* An ELF32 header is shorter: host i386 programs are still ELF. */
    if (x->len >= sizeof(Elf32_Ehdr) && memcmp(x->buf, ELFMAG, SELFMAG) == 0) {
      Elf32_Ehdr e32;
      memcpy(&e32, x->buf, sizeof e32);
      if (e32.e_machine == EM_386) {
        *k = K_HOST;
        return 0;
      }
    }
    return -ENOEXEC;
  }
  memcpy(&eh, x->buf, sizeof eh);
  if (eh.e_machine == EM_X86_64 || eh.e_machine == EM_386) {
    *k = K_HOST;
    return 0;
  }
  if (eh.e_machine != EM_RISCV || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_ident[EI_DATA] != ELFDATA2LSB || (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) ||
      eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum > 65536 / sizeof(Elf64_Phdr))
    return -ENOEXEC;
  *k = K_RISCV;
  /* The program interpreter: missing or unreadable fails the exec (ENOENT, EACCES). */
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", x->fd);
  int rfd = open(p, O_RDONLY | O_CLOEXEC);
  if (rfd < 0)
    return -errno;
  int64_t ret = 0;
  size_t plen = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
  Elf64_Phdr *ph = malloc(plen);
  if (!ph || pread(rfd, ph, plen, (off_t)eh.e_phoff) != (ssize_t)plen) {
    ret = ph ? -EIO : -ENOMEM;
    goto out;
  }
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    if (ph[i].p_type != PT_INTERP)
      continue;
    char name[PATH_MAX], rbuf[PATH_MAX];
    if (ph[i].p_filesz < 2 || ph[i].p_filesz > sizeof name ||
        pread(rfd, name, ph[i].p_filesz, (off_t)ph[i].p_offset) != (ssize_t)ph[i].p_filesz ||
        name[ph[i].p_filesz - 1] != 0) {
      ret = -ENOEXEC;
      goto out;
    }
    const char *host = host_name(name, rbuf, sizeof rbuf);
    int ifd = open(host, O_RDONLY | O_CLOEXEC);
    if (ifd < 0)
      ret = -errno;
    else
      close(ifd);
    break;
  }
out:
  free(ph);
  close(rfd);
  return ret;
}

static bool spacetab(char c) { return c == ' ' || c == '\t'; }

/* binfmt_script: "#!" name [arg]. Writes into x->buf (NUL-terminating name and arg). */
static int64_t parse_shebang(exe *x, const char **name, const char **arg)
{
  char *buf = x->buf, *end = buf + sizeof x->buf - 1;
  char *nl = memchr(buf, '\n', sizeof x->buf);
  char *i_end;
  if (nl) {
    i_end = nl;
  } else {
    char *p = buf + 2;
    while (p < end && spacetab(*p))
      p++;
    if (p >= end)
      return -ENOEXEC;
    char *t = p;
    while (t < end && !spacetab(*t) && *t)
      t++;
    if (t >= end)
      return -ENOEXEC;   /* the interpreter's name may go on past what was read */
    i_end = end;
  }
  while (i_end > buf + 2 && spacetab(i_end[-1]))
    i_end--;
  char *i_name = buf + 2;
  while (i_name < i_end && spacetab(*i_name))
    i_name++;
  if (i_name >= i_end)
    return -ENOEXEC;
  char *i_sep = i_name;
  while (i_sep < i_end && !spacetab(*i_sep) && *i_sep)
    i_sep++;
  char *i_arg = NULL;
  if (i_sep < i_end && *i_sep) {
    i_arg = i_sep;
    while (i_arg < i_end && spacetab(*i_arg))
      i_arg++;
    if (i_arg >= i_end)
      i_arg = NULL;
  }
  *i_end = 0;
  if (i_sep < i_end)
    *i_sep = 0;
  *name = i_name;
  *arg = i_arg;
  return 0;
}

/* The argv under construction, with room to prepend. */
typedef struct argvec {
  const char **v;
  size_t n, cap;
} argvec;

static bool av_insert(argvec *a, size_t at, const char *s)
{
  if (a->n + 2 > a->cap) {
    size_t nc = a->cap ? a->cap * 2 : 16;
    const char **nv = realloc(a->v, nc * sizeof *nv);
    if (!nv)
      return false;
    a->v = nv;
    a->cap = nc;
  }
  memmove(&a->v[at + 1], &a->v[at], (a->n - at) * sizeof *a->v);
  a->v[at] = s;
  a->n++;
  a->v[a->n] = NULL;
  return true;
}

static int64_t run(exe *x, enum kind k, argvec *av, char *const envp[])
{
  int se;
  if (sbx_on && (se = sbx_exec_check(x->fd, k == K_RISCV, x->host, sizeof x->host)))
    return se;
  os_vfork_release();
  if (k == K_HOST) {
    if (x->keep >= 0) {   /* the kernel opens it through x->fd: nothing to leak */
      close(x->keep);
      x->keep = -1;
    }
    if (strncmp(x->host, "/proc/self/fd/", 14) == 0)
      syscall(SYS_execveat, x->fd, "", (char *const *)av->v, envp, AT_EMPTY_PATH);
    else
      execve(x->host, (char *const *)av->v, envp);
    return -errno;
  }
  if (!rvx_opts.self_exe)
    return -ENOEXEC;
  /* rvx [options] -0 argv0 -- path argv[1..] */
  argvec r = {0};
  const char *argv0 = av->n ? av->v[0] : "";
  bool ok = av_insert(&r, r.n, rvx_opts.self_exe);
  const char *words[32];
  int nw = rvx_option_words(words, 32);
  for (int i = 0; i < nw; i++)
    ok = ok && av_insert(&r, r.n, words[i]);
  ok = ok && av_insert(&r, r.n, "-0") && av_insert(&r, r.n, argv0) &&
       av_insert(&r, r.n, "--") && av_insert(&r, r.n, x->host);
  for (size_t i = 1; ok && i < av->n; i++)
    ok = av_insert(&r, r.n, av->v[i]);
  if (!ok) {
    free(r.v);
    return -ENOMEM;
  }
  /* The old image ends here: its --stats report is due now, and its profile. */
  prf_finish(false);
  rvx_print_stats();
  execve(rvx_opts.self_exe, (char *const *)r.v, envp);
  int e = errno;
  free(r.v);
  return -e;
}

static int64_t do_exec(int dirfd, uint64_t gpath, uint64_t gargv, uint64_t genvp, int flags)
{
  if (flags & ~(G_AT_EMPTY_PATH | G_AT_SYMLINK_NOFOLLOW))
    return -EINVAL;
  const char *given, *path;
  int e = os_path(gpath, &path);
  if (e)
    return e;
  path = os_exe_path_at(dirfd, path, !(flags & G_AT_SYMLINK_NOFOLLOW));   /* not rvx */
  if ((e = os_str(gpath, PATH_MAX - 1, &given)))
    return e;
  if (!*given && !(flags & G_AT_EMPTY_PATH))
    return -ENOENT;
  strv args = {0}, env = {0};
  uint64_t *gargs = NULL, *genv = NULL;
  argvec av = {0};
  exe x = {.fd = -1, .keep = -1}, y = {.fd = -1, .keep = -1};
  char *owned[2 * (MAX_DEPTH + 1)] = {0};   /* interpreter names and arguments */
  size_t nowned = 0;
  int64_t ret;
  char **envv = NULL;
  if ((ret = read_ptrs(gargv, &args, &gargs)) || (ret = read_ptrs(genvp, &env, &genv)))
    goto out;
  /* bprm_stack_limits(): a quarter of the stack limit (at most 6 MiB, at least 128 KiB)
   * for the pointers and strings together. */
  struct rlimit rl;
  uint64_t limit = STK_LIM_34;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur / 4 < limit)
    limit = rl.rlim_cur / 4;
  if (limit < ARG_MAX_MIN)
    limit = ARG_MAX_MIN;
  uint64_t ptr_size = ((args.n ? args.n : 1) + env.n) * 8;
  if (limit <= ptr_size) {
    ret = -E2BIG;
    goto out;
  }
  uint64_t room = limit - ptr_size;
  uint64_t fname = strlen(given) + 1;
  if (fname > room) {
    ret = -E2BIG;
    goto out;
  }
  room -= fname;
  if ((ret = read_strings(&env, genv, &room)) || (ret = read_strings(&args, gargs, &room)))
    goto out;
  envv = (char **)env.v;

  if ((ret = exe_open(dirfd, path, flags & G_AT_EMPTY_PATH, flags & G_AT_SYMLINK_NOFOLLOW, &x)))
    goto out;
  for (size_t i = 0; i < args.n; i++)
    if (!av_insert(&av, av.n, args.v[i])) {
      ret = -ENOMEM;
      goto out;
    }
  if (!args.n && !av_insert(&av, 0, "")) {   /* Linux gives an empty argv an argv[0] "" */
    ret = -ENOMEM;
    goto out;
  }
  /* The name a script's interpreter gets: as given, or /dev/fd/N[/name]. */
  char fdname[PATH_MAX + 32];
  const char *script_name = given;
  if (dirfd != AT_FDCWD && given[0] != '/') {
    if (*given)
      snprintf(fdname, sizeof fdname, "/dev/fd/%d/%s", dirfd, given);
    else
      snprintf(fdname, sizeof fdname, "/dev/fd/%d", dirfd);
    script_name = fdname;
  }
  exe *cur = &x, *next = &y;
  for (int depth = 0;; depth++) {
    if (depth > MAX_DEPTH) {
      ret = -ELOOP;
      goto out;
    }
    enum kind k;
    if ((ret = classify(cur, &k)))
      goto out;
    if (k != K_SCRIPT) {
      ret = run(cur, k, &av, envv);
      goto out;
    }
    /* A script reached through a close-on-exec fd cannot be opened by its interpreter. */
    if (depth == 0 && script_name == fdname && (fcntl(dirfd, F_GETFD) & FD_CLOEXEC)) {
      ret = -ENOENT;
      goto out;
    }
    const char *iname, *iarg;
    if ((ret = parse_shebang(cur, &iname, &iarg)))
      goto out;
    /* They live in cur's buffer, which the next round reuses. */
    if (!(iname = owned[nowned++] = strdup(iname)) || (iarg && !(iarg = owned[nowned++] = strdup(iarg)))) {
      ret = -ENOMEM;
      goto out;
    }
    /* argv[0] gives way to: interpreter, its argument, the script's name. */
    av.v[0] = script_name;
    if ((iarg && !av_insert(&av, 0, iarg)) || !av_insert(&av, 0, iname)) {
      ret = -ENOMEM;
      goto out;
    }
    char rbuf[PATH_MAX];
    const char *ihost = host_name(iname, rbuf, sizeof rbuf);
    exe_close(next);
    if ((ret = exe_open(AT_FDCWD, ihost, false, false, next)))
      goto out;
    /* The next script's name is where this interpreter was found (its argv[0] stays). */
    script_name = iname;
    exe *t = cur;
    cur = next;
    next = t;
  }
out:
  for (size_t i = 0; i < nowned; i++)
    free(owned[i]);
  exe_close(&x);
  exe_close(&y);
  free(av.v);
  free(args.v);
  free(env.v);
  free(gargs);
  free(genv);
  return ret;
}

int64_t os_sys_execve(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return do_exec(AT_FDCWD, a[0], a[1], a[2], 0);
}

int64_t os_sys_execveat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return do_exec((int)a[0], a[1], a[2], a[3], (int)a[4]);
}
