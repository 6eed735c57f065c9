/* Shared inside src/sandbox/: the root, guest path arithmetic and resolution fds. */
#ifndef RVX_SANDBOX_IMPL_H
#define RVX_SANDBOX_IMPL_H

#include <limits.h>

#include "sandbox/sandbox.h"

/* A dirfd argument of sbx_openat2 meaning "the root, with RESOLVE_IN_ROOT". */
#define SBX_ROOT (-1000)

extern int sbx_root_fd;
/* The guest program's absolute guest path (for /proc/self/exe). */
extern char sbx_exe_guest[PATH_MAX];

/* Opens dir as the root: 0, or -errno (-ENOSYS: no openat2 or no host /proc). */
int sbx_root_open(const char *dir);
/* DIR's canonical host path. */
const char *sbx_root_host(void);
/* A canonical host path as the guest sees it (DIR's prefix stripped): 0, or -EACCES when
 * it lies outside DIR, -ENAMETOOLONG. */
int sbx_strip_root(const char *host, char *out, size_t cap);
/* The guest path of what fd refers to: 0, -EBADF, -ENOENT (deleted), -EACCES (outside). */
int sbx_fd_guest_path(int fd, char *out, size_t cap);
int sbx_cwd_guest_path(char *out, size_t cap);
/* path as an absolute guest path: as it is when absolute, else after the guest path of
 * dirfd (AT_FDCWD: the working directory). -EBADF, -ENOTDIR, -EACCES, -ENAMETOOLONG. */
int sbx_abs(int dirfd, const char *path, char *out, size_t cap);
/* openat2 with RESOLVE_NO_MAGICLINKS (and RESOLVE_IN_ROOT at the root when dirfd is
 * SBX_ROOT) added to resolve: an fd or -errno. */
int sbx_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve);
/* An O_PATH fd (with extra flags) on the absolute guest path gabs, following a final
 * symlink unless flags has O_NOFOLLOW, registered and closed by sbx_syscall_end. */
int sbx_transient(const char *gabs, uint64_t flags);
void sbx_reg_lock(void);
void sbx_reg_unlock(void);
/* True if rvx holds an fd numbered lo..hi (call with the lock held). */
bool sbx_reg_has(int lo, int hi);

/* Lexically normalized absolute path ("//", "." and ".." removed) for matching the
 * emulated /proc names only; never used to resolve. */
void sbx_lexical(const char *gabs, char *out, size_t cap);
/* True if the lexical path names the program's /proc/self/exe (self, thread-self, our pid). */
bool sbx_is_proc_exe(const char *lex);

/* Unix socket addresses and --net=none (net.c): true when handled, *ret set. */
bool sbx_net_call(uint64_t nr, const uint64_t a[6], int64_t *ret);

#endif
