/* The guest's file-system view: an absolute guest path names the file under the riscv64
 * system root (rvx_opts.sysroot) when one exists there, else the host's file of that name,
 * the rule qemu-user's -L applies (util/path.c). Used for PT_INTERP and every path syscall.
 *
 * Decisions, and why:
 * - "exists" means the sysroot has a directory entry of that name (lstat, not following a
 *   final symlink), so readlink/unlink/lstat of a sysroot symlink see the symlink itself. qemu
 *   uses access(F_OK), which would send a dangling sysroot symlink to the host file instead.
 * - A file the guest creates goes to the host path unless the name already exists in the
 *   sysroot: the sysroot is an overlay of the guest's libraries, not a chroot, and is often
 *   read-only (/usr belongs to root). Reading a file back finds it where it was created,
 *   since the sysroot still lacks it. qemu behaves the same.
 * - /proc, /sys, /dev, /tmp and /run are never redirected, even when the sysroot has them (a
 *   rootfs made by debootstrap has them as empty directories or stale files): they are the
 *   live kernel's and the host's shared state, which other host processes use too.
 * - "/" itself stays the host's root, so chdir("/") and relative paths after it keep
 *   meaning the host; qemu would redirect it to the sysroot's top directory.
 * - No cache: a file created or removed later must change the answer (qemu caches the answer
 *   per path forever). The cost is one lstat per absolute path, only when a sysroot is set.
 * - Relative paths and dirfd-relative paths are never redirected (nor are they by qemu). */
#include "loader/loader.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "sandbox/sandbox.h"
#include "util/options.h"

/* True if path is prefix or lies below it (prefix has no trailing slash). */
static bool under(const char *path, const char *prefix)
{
  size_t n = strlen(prefix);
  return strncmp(path, prefix, n) == 0 && (path[n] == 0 || path[n] == '/');
}

static bool host_state(const char *path)
{
  static const char *const keep[] = { "/proc", "/sys", "/dev", "/tmp", "/run" };
  while (path[1] == '/')   /* "//proc" is "/proc" */
    path++;
  if (path[1] == 0)
    return true;
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    if (under(path, keep[i]))
      return true;
  return false;
}

const char *ld_sysroot_path(const char *path, char *buf, size_t cap)
{
  if (sbx_on)
    return sbx_host_path(path, buf, cap);   /* inside the sandbox's root, never the host */
  const char *root = rvx_opts.sysroot;
  if (!root || !*root || path[0] != '/' || host_state(path))
    return path;
  size_t rn = strlen(root), pn = strlen(path);
  while (rn > 1 && root[rn - 1] == '/')   /* "-L /x/" is "-L /x" */
    rn--;
  if (rn == 1 && root[0] == '/')   /* -L /: the host root already */
    return path;
  if (rn + pn + 1 > cap)
    return path;   /* too long to be in the sysroot; Linux would say ENAMETOOLONG anyway */
  memcpy(buf, root, rn);
  memcpy(buf + rn, path, pn + 1);
  struct stat st;
  if (fstatat(AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) == 0)
    return buf;
  return path;
}
