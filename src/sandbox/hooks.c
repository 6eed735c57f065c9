/* The sandbox's syscall hook: every riscv64 syscall that takes a path is listed here, either
 * in `rules` (its path argument is resolved inside the root and the normal handler runs with
 * the result, through os_path) or handled here in full (open, the working directory, rename
 * and link with their two paths, dup3/close on rvx's own fds). A path argument of a call
 * missing from both is refused by os_path with EACCES, so a new path syscall added to the
 * table without a rule here fails closed, not open. */
#define _GNU_SOURCE
#include "sandbox/sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mem/mem.h"
#include "os/guest_abi.h"
#include "os/os_impl.h"
#include "util/options.h"

bool sbx_on;

int sbx_set_path(uint64_t g, int dirfd, const char *path, bool follow);
void sbx_clear_paths(void);
int sbx_resolve(int dirfd, const char *path, bool follow, char *out, size_t cap);

/* riscv64 (asm-generic) numbers. */
enum {
  NR_getcwd = 17, NR_dup3 = 24, NR_inotify_add_watch = 27, NR_mknodat = 33, NR_mkdirat = 34,
  NR_unlinkat = 35, NR_symlinkat = 36, NR_linkat = 37, NR_statfs = 43, NR_truncate = 45,
  NR_faccessat = 48, NR_chdir = 49, NR_fchdir = 50, NR_fchmodat = 53, NR_fchownat = 54,
  NR_openat = 56, NR_close = 57, NR_readlinkat = 78, NR_newfstatat = 79, NR_utimensat = 88,
  NR_execve = 221, NR_renameat2 = 276, NR_execveat = 281, NR_statx = 291,
  NR_close_range = 436, NR_openat2 = 437, NR_faccessat2 = 439,
};

enum follow { ALWAYS, NEVER, UNLESS_FLAG, IF_FLAG };

/* One path argument: where its dirfd is (-1: none, AT_FDCWD), and whether the call follows
 * a final symlink, perhaps depending on a flag argument. */
static const struct rule {
  uint16_t nr;
  int8_t dirfd, path, flags;
  uint8_t follow;
  uint32_t bit;
} rules[] = {
  {NR_inotify_add_watch, -1, 1, 2, UNLESS_FLAG, 0x02000000 /* IN_DONT_FOLLOW */},
  {NR_mknodat, 0, 1, -1, NEVER, 0},
  {NR_mkdirat, 0, 1, -1, NEVER, 0},
  {NR_unlinkat, 0, 1, -1, NEVER, 0},
  {NR_symlinkat, 1, 2, -1, NEVER, 0},   /* the target (argument 0) is stored as it is */
  {NR_statfs, -1, 0, -1, ALWAYS, 0},
  {NR_truncate, -1, 0, -1, ALWAYS, 0},
  {NR_faccessat, 0, 1, -1, ALWAYS, 0},
  {NR_fchmodat, 0, 1, -1, ALWAYS, 0},
  {NR_fchownat, 0, 1, 4, UNLESS_FLAG, G_AT_SYMLINK_NOFOLLOW},
  {NR_readlinkat, 0, 1, -1, NEVER, 0},
  {NR_newfstatat, 0, 1, 3, UNLESS_FLAG, G_AT_SYMLINK_NOFOLLOW},
  {NR_utimensat, 0, 1, 3, UNLESS_FLAG, G_AT_SYMLINK_NOFOLLOW},
  {NR_statx, 0, 1, 2, UNLESS_FLAG, G_AT_SYMLINK_NOFOLLOW},
  {NR_faccessat2, 0, 1, 3, UNLESS_FLAG, G_AT_SYMLINK_NOFOLLOW},
  {NR_execve, -1, 0, -1, ALWAYS, 0},
  {NR_execveat, 0, 1, 4, UNLESS_FLAG, G_AT_SYMLINK_NOFOLLOW},
};

static bool follows(const struct rule *r, const uint64_t a[6])
{
  switch (r->follow) {
  case ALWAYS: return true;
  case NEVER: return false;
  case UNLESS_FLAG: return !(a[r->flags] & r->bit);
  default: return (a[r->flags] & r->bit) != 0;
  }
}

/* A guest path argument, copied out of guest memory by the resolution that follows. */
static int guest_str(uint64_t g, const char **out)
{
  return os_str(g, PATH_MAX - 1, out);
}

/* A path that must name something: an empty one is ENOENT, as Linux says. */
static int guest_path(uint64_t g, const char **out)
{
  int e = guest_str(g, out);
  return e ? e : **out ? 0 : -ENOENT;
}

/* openat's flags as openat2 accepts them: openat ignores unknown flags and, with O_PATH,
 * every flag but a few; openat2 refuses both, and mode bits without O_CREAT/O_TMPFILE. */
static void open_args(uint64_t *flags, uint64_t *mode)
{
  const uint64_t known = O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND |
                         O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | 0100000 /* O_LARGEFILE */ |
                         O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH |
                         O_TMPFILE;
  *flags &= known;
  if (*flags & O_PATH)
    *flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  if ((*flags & O_CREAT) || (*flags & O_TMPFILE) == O_TMPFILE)
    *mode &= 07777;
  else
    *mode = 0;
}

static int64_t do_open(int dirfd, uint64_t gpath, uint64_t flags, uint64_t mode,
                       uint64_t resolve)
{
  const char *p;
  int e = guest_path(gpath, &p);
  if (e)
    return e;
  char gabs[PATH_MAX], lex[PATH_MAX];
  if (resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)) {
    /* The guest roots the lookup at dirfd itself: fine when dirfd lies inside. */
    e = dirfd == AT_FDCWD ? sbx_cwd_guest_path(gabs, sizeof gabs)
                          : sbx_fd_guest_path(dirfd, gabs, sizeof gabs);
    if (e)
      return e;
    strcpy(lex, p);   /* a copy: guest memory may change under the kernel's lookup */
    return sbx_openat2(dirfd, lex, flags, mode, resolve);
  }
  if ((e = sbx_abs(dirfd, p, gabs, sizeof gabs)))
    return e;
  sbx_lexical(gabs, lex, sizeof lex);
  if (sbx_is_proc_exe(lex)) {
    strcpy(gabs, sbx_exe_guest);
  } else if (strncmp(lex, "/proc/", 6) == 0) {
    bool handled;
    int64_t r = os_proc_open(lex, (int)flags, &handled);
    if (handled)
      return r;
  }
  return sbx_openat2(SBX_ROOT, gabs, flags, mode, resolve);
}

static int64_t sys_openat2(const uint64_t a[6])
{
  uint64_t size = a[3];
  if (size < sizeof(struct open_how))
    return -EINVAL;
  if (size > GUEST_PAGE)
    return -E2BIG;
  const uint8_t *h = os_obj(a[2], size, PROT_READ);
  if (!h)
    return -EFAULT;
  for (uint64_t i = sizeof(struct open_how); i < size; i++)
    if (h[i])
      return -E2BIG;
  struct open_how how;
  memcpy(&how, h, sizeof how);
  return do_open((int)a[0], a[1], how.flags, how.mode, how.resolve);
}

static int64_t sys_chdir(uint64_t gpath)
{
  const char *p;
  int e = guest_path(gpath, &p);
  if (e)
    return e;
  char host[PATH_MAX];
  if ((e = sbx_resolve(AT_FDCWD, p, true, host, sizeof host)))
    return e;
  struct stat st;
  if (stat(host, &st))
    return -errno;
  if (!S_ISDIR(st.st_mode))
    return -ENOTDIR;
  return chdir(host) ? -errno : 0;
}

static int64_t sys_fchdir(int fd)
{
  struct stat st;
  if (fstat(fd, &st))
    return -EBADF;
  if (!S_ISDIR(st.st_mode))
    return -ENOTDIR;
  char g[PATH_MAX];
  int e = sbx_fd_guest_path(fd, g, sizeof g);
  if (e)
    return e;
  return fchdir(fd) ? -errno : 0;
}

/* getcwd: the working directory as the guest sees it (ENOENT when deleted, as Linux). */
static int64_t sys_getcwd(uint64_t gbuf, uint64_t size)
{
  char g[PATH_MAX];
  int e = sbx_cwd_guest_path(g, sizeof g);
  if (e)
    return e == -EACCES ? -ENOENT : e;
  size_t n = strlen(g) + 1;
  if (size < n)
    return -ERANGE;
  return os_put(gbuf, g, n) ? -EFAULT : (int64_t)n;
}

static int64_t sys_renameat2(const uint64_t a[6])
{
  const char *p1, *p2;
  char h1[PATH_MAX], h2[PATH_MAX];
  int e;
  if ((e = guest_str(a[1], &p1)) || (e = sbx_resolve((int)a[0], p1, false, h1, sizeof h1)) ||
      (e = guest_str(a[3], &p2)) || (e = sbx_resolve((int)a[2], p2, false, h2, sizeof h2)))
    return e;
  return os_ret(syscall(SYS_renameat2, AT_FDCWD, h1, AT_FDCWD, h2, (unsigned)a[4]));
}

static int64_t sys_linkat(const uint64_t a[6])
{
  int flags = (int)a[4];
  if (flags & ~(G_AT_SYMLINK_FOLLOW | G_AT_EMPTY_PATH))
    return -EINVAL;
  const char *p1, *p2;
  char h1[PATH_MAX], h2[PATH_MAX];
  int e;
  if ((e = guest_str(a[1], &p1)))
    return e;
  if (!*p1 && (flags & G_AT_EMPTY_PATH)) {
    /* Linking an open file by its fd: only one that lies inside the root (an inherited
     * fd on a host file must not get a name inside). */
    char g[PATH_MAX];
    if ((e = sbx_fd_guest_path((int)a[0], g, sizeof g)))
      return e;
  }
  if ((e = sbx_resolve((int)a[0], p1, flags & G_AT_SYMLINK_FOLLOW, h1, sizeof h1)) ||
      (e = guest_str(a[3], &p2)) || (e = sbx_resolve((int)a[2], p2, false, h2, sizeof h2)))
    return e;
  return os_ret(syscall(SYS_linkat, *h1 ? AT_FDCWD : (int)a[0], h1, AT_FDCWD, h2, flags));
}

/* readlink of /proc/self/exe: the program's guest path. */
static bool proc_exe_link(const uint64_t a[6], int64_t *ret)
{
  const char *p;
  char gabs[PATH_MAX], lex[PATH_MAX];
  if (guest_str(a[1], &p) || !*p || sbx_abs((int)a[0], p, gabs, sizeof gabs))
    return false;
  sbx_lexical(gabs, lex, sizeof lex);
  if (!sbx_is_proc_exe(lex))
    return false;
  if ((int)a[3] <= 0) {
    *ret = -EINVAL;
    return true;
  }
  size_t n = strlen(sbx_exe_guest);
  if (n > (size_t)(int)a[3])
    n = (size_t)(int)a[3];
  *ret = os_put(a[2], sbx_exe_guest, n) ? -EFAULT : (int64_t)n;
  return true;
}

/* rvx's own fds (the root, live resolutions) cannot be closed or replaced by the guest. */
static int64_t fd_calls(uint64_t nr, const uint64_t a[6])
{
  int64_t r;
  sbx_reg_lock();
  if (nr == NR_close) {
    r = sbx_reg_has((int)a[0], (int)a[0]) ? -EBADF : os_ret(close((int)a[0]));
  } else if (nr == NR_dup3) {
    r = sbx_reg_has((int)a[1], (int)a[1]) ? -EBADF
                                          : os_ret(syscall(SYS_dup3, (int)a[0], (int)a[1], (int)a[2]));
  } else {
    /* close_range(lo, hi, flags) around rvx's fds: the gaps between them, in turn. */
    unsigned lo = (unsigned)a[0], hi = (unsigned)a[1], flags = (unsigned)a[2];
    r = 0;
    if (lo > hi) {
      r = -EINVAL;
    } else {
      unsigned from = lo;
      for (unsigned fd = lo;; fd++) {
        if (fd <= (unsigned)INT32_MAX && sbx_reg_has((int)fd, (int)fd)) {
          if (fd > from && (r = os_ret(syscall(SYS_close_range, from, fd - 1, flags))))
            break;
          from = fd + 1;
        }
        if (fd >= hi || fd >= 65536) {   /* no rvx fd lies higher */
          if (from <= hi)
            r = os_ret(syscall(SYS_close_range, from, hi, flags));
          break;
        }
      }
    }
  }
  sbx_reg_unlock();
  return r;
}

bool sbx_syscall(rv_cpu *cpu, uint64_t nr, const uint64_t a[6], int64_t *ret)
{
  (void)cpu;
  sbx_clear_paths();
  if (sbx_net_call(nr, a, ret))
    return true;
  if (!sbx_on)
    return false;
  switch (nr) {
  case NR_openat: {
    uint64_t flags = a[2], mode = a[3];
    open_args(&flags, &mode);
    *ret = do_open((int)a[0], a[1], flags, mode, 0);
    return true;
  }
  case NR_openat2: *ret = sys_openat2(a); return true;
  case NR_chdir: *ret = sys_chdir(a[0]); return true;
  case NR_fchdir: *ret = sys_fchdir((int)a[0]); return true;
  case NR_getcwd: *ret = sys_getcwd(a[0], a[1]); return true;
  case NR_renameat2: *ret = sys_renameat2(a); return true;
  case NR_linkat: *ret = sys_linkat(a); return true;
  case NR_close:
  case NR_dup3:
  case NR_close_range: *ret = fd_calls(nr, a); return true;
  case NR_readlinkat:
    if (proc_exe_link(a, ret))
      return true;
    break;
  case NR_utimensat:
    if (!a[1])
      return false;   /* NULL path: the file dirfd refers to */
    break;
  }
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    const struct rule *r = &rules[i];
    if (r->nr != nr)
      continue;
    const char *p;
    int e = guest_str(a[r->path], &p);
    if (!e)
      e = sbx_set_path(a[r->path], r->dirfd < 0 ? AT_FDCWD : (int)a[r->dirfd], p, follows(r, a));
    if (e) {
      *ret = e;
      return true;
    }
    return false;
  }
  return false;
}
