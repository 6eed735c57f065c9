/* Internal interface of the OS-call emulator: the handler type, every handler (declared from
 * the syscall table), guest pointer helpers and the struct conversions shared by the families. */
#ifndef RVX_OS_IMPL_H
#define RVX_OS_IMPL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/cpu.h"
#include "os/guest_abi.h"

/* A handler gets the six argument registers (a copy: a0 is overwritten with the result) and
 * returns the value for a0: a result, or -errno. */
typedef int64_t os_handler_fn(rv_cpu *cpu, const uint64_t a[6]);

#define SYSCALL(nr, name, handler, fmt) os_handler_fn handler;
#include "os/syscall_table.h"
#undef SYSCALL

/* One row of the table as the dispatcher and --strace see it. */
typedef struct os_sysdef {
  const char *name;
  os_handler_fn *fn;
  const char *fmt;   /* "R:ARGS", see syscall_table.h */
} os_sysdef;

/* Highest syscall number + 1 the table may use. */
#define OS_NR_MAX 512

/* The row for nr, or NULL when rvx does not emulate it. */
const os_sysdef *os_sysdef_of(uint64_t nr);

/* --strace: renders the call's input arguments (before it runs, as they may change), then
 * the output arguments and the result, and writes one line to stderr. */
typedef struct os_trace {
  const os_sysdef *def;
  uint64_t nr;
  uint64_t a[6];
  char args[6][192];
} os_trace;
void os_trace_begin(os_trace *t, const os_sysdef *def, uint64_t nr, const uint64_t a[6]);
/* True if fmt is a well-formed "R:ARGS" format of syscall_table.h that strace can render. */
bool os_trace_fmt_ok(const char *fmt);
void os_trace_end(os_trace *t, int64_t ret, bool returned);

/* ---- guest pointers (guest_ptr.c) ---- */

/* The result of a host call made through libc's syscall()/wrappers: value or -errno. */
static inline int64_t os_ret(long r) { return r == -1 ? -(int64_t)errno : r; }

/* Host pointer for a whole guest object [g, g+len) accessible with prot, or NULL (EFAULT). */
void *os_obj(uint64_t g, uint64_t len, int prot);
/* Copies len bytes from src to the writable guest object at g: 0, or -EFAULT. */
int64_t os_put(uint64_t g, const void *src, uint64_t len);
/* Copies the readable guest object at g (len bytes) to dst: 0, or -EFAULT. */
int64_t os_get(void *dst, uint64_t g, uint64_t len);
/* Host pointer for a guest I/O buffer: the host kernel gets the accessible prefix of
 * [g, g+*len) (*len is shortened to it), as Linux transfers up to the first bad page. NULL
 * (EFAULT) when *len > 0 and not even the first byte is accessible. */
void *os_buf(uint64_t g, uint64_t *len, int prot);
/* A NUL-terminated guest string of at most max bytes (without the NUL): 0 and *out set, or
 * -EFAULT, or -ENAMETOOLONG when no NUL comes within max bytes. */
int os_str(uint64_t g, size_t max, const char **out);
/* A path argument (PATH_MAX bound), as the host must see it: an absolute path names the file
 * under the sysroot when it exists there (ld_sysroot_path). The string stays valid until the
 * thread's fourth os_path call after it, so the two paths of one call are usable together. */
int os_path(uint64_t g, const char **out);
/* Guest iovec array → host iovec array (at most G_UIO_MAXIOV entries). Each buffer is checked
 * with prot; the array ends at the first entry that is not wholly accessible, after taking its
 * accessible prefix, as Linux stops the transfer there. Returns the host count (>= 0) or
 * -errno (EINVAL for a bad count, EFAULT when the array or the first buffer is unreadable). */
struct iovec;
int os_iovec(uint64_t g, int64_t cnt, int prot, struct iovec *out);

/* ---- conversions (conv.c) ---- */
struct stat;
void os_stat_to_guest(const struct stat *h, struct g_stat *g);

/* ---- process state shared between families ---- */
/* "/proc/self/exe" or "/proc/<our pid>/exe": the guest's view is the guest program
 * (self_exe.c). */
bool os_is_proc_self_exe(const char *path);
/* The host path a call that follows (follow) or does not follow a final symlink must use for
 * the guest's path at dirfd: the guest's program where the path reaches rvx's own executable,
 * by name or by inode; path itself otherwise (self_exe.c). */
const char *os_exe_path_at(int dirfd, const char *path, bool follow);
/* After a host open with flags gave fd (or -errno, returned as is): a descriptor of rvx's own
 * executable, however it was named, is made one of the guest's program, in the same slot. */
int64_t os_exe_opened(int64_t fd, int flags);
/* The symlink at dirfd/path is a /proc link to rvx's own executable: readlink must give the
 * guest's program. */
bool os_exe_is_link_at(int dirfd, const char *path);
/* openat of a /proc file about the process itself that rvx must fake (maps, cmdline): sets
 * *handled and returns the fd or -errno; otherwise *handled is false (proc_files.c). */
int64_t os_proc_open(const char *path, int flags, bool *handled);
/* After a host open of a guest path succeeded (fd >= 0; also takes -errno and returns it):
 * a file that would give the guest rvx's own memory (/proc/PID/mem, .../task/TID/mem,
 * /proc/PID/map_files/...), however it was named, is closed and refused (-EACCES, -EPERM for
 * map_files); anything else is returned as is (proc_files.c). */
int64_t os_proc_opened(int64_t fd);
/* Before the guest runs (os_init): notes where exec put argv, envp and auxv, and names the
 * process after the guest program, as exec does (proc_files.c). */
void os_proc_init(void);
/* clone of a thread (CLONE_VM without CLONE_VFORK; thread.c): the new guest thread starts
 * after the ecall with a0 = 0, sp = newsp, tp = tls (CLONE_SETTLS); the parent gets its tid
 * or -errno. sys_clone.c has checked the flags. */
int64_t os_clone_thread(rv_cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid,
                        uint64_t tls, uint64_t ctid);
/* A vfork child (sys_clone.c) hands its writes to the suspended parent's stack back before
 * each exec attempt (os_vfork_release) and lets the parent go on at exit (os_vfork_exit);
 * both do nothing in other processes. */
void os_vfork_release(void);
void os_vfork_exit(void);
/* Signal state setup (sys_signal.c), called by os_init. */
void os_signal_init(void);
/* The host signal mask rvx uses while the guest's mask is guest_mask (bit sig-1): signals rvx
 * needs for its own traps are never blocked on the host. */
uint64_t os_host_sigmask(uint64_t guest_mask);

#endif
