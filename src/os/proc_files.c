/* The guest's view of the /proc files that describe the process itself: opening
 * /proc/self/maps or /proc/self/cmdline gives a memory file holding what Linux would show the
 * riscv64 process, not rvx's own (/proc/self/exe is handled by the path calls). */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem/mem.h"
#include "util/options.h"

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

/* A read-only memory file holding len bytes of text, positioned at its start. */
static int64_t memory_file(const char *name, const char *text, size_t len, int flags)
{
  int fd = memfd_create(name, (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
  if (fd < 0)
    return -errno;
  size_t done = 0;
  while (done < len) {
    ssize_t w = write(fd, text + done, len - done);
    if (w <= 0) {
      int e = w < 0 ? errno : EIO;
      close(fd);
      return -e;
    }
    done += (size_t)w;
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

static int64_t open_maps(int flags)
{
  size_t cap = 1 << 16;
  for (;;) {
    char *buf = malloc(cap);
    if (!buf)
      return -ENOMEM;
    size_t len = mem_format_maps(buf, cap);
    if (len < cap) {
      int64_t r = memory_file("maps", buf, len, flags);
      free(buf);
      return r;
    }
    free(buf);
    cap = len + 4096;   /* grew meanwhile at most a little */
  }
}

static int64_t open_cmdline(int flags)
{
  size_t len = 0;
  for (int i = 0; i < rvx_opts.guest_argc; i++)
    len += strlen(rvx_opts.guest_argv[i]) + 1;
  char *buf = malloc(len + 1);
  if (!buf)
    return -ENOMEM;
  size_t at = 0;
  for (int i = 0; i < rvx_opts.guest_argc; i++) {
    size_t n = strlen(rvx_opts.guest_argv[i]) + 1;
    memcpy(buf + at, rvx_opts.guest_argv[i], n);
    at += n;
  }
  int64_t r = memory_file("cmdline", buf, len, flags);
  free(buf);
  return r;
}

int64_t os_proc_open(const char *path, int flags, bool *handled)
{
  const char *entry = self_entry(path);
  *handled = false;
  if (!entry)
    return 0;
  bool maps = strcmp(entry, "maps") == 0;
  bool cmdline = strcmp(entry, "cmdline") == 0 && rvx_opts.guest_argv;
  if (!maps && !cmdline)
    return 0;
  *handled = true;
  if ((flags & O_ACCMODE) != O_RDONLY && geteuid() != 0)
    return -EACCES;   /* both are mode 0444 (root may open them, and gets the copy) */
  return maps ? open_maps(flags) : open_cmdline(flags);
}

bool os_is_proc_self_exe(const char *path)
{
  if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, "/proc/thread-self/exe") == 0)
    return true;
  char own[40];
  snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
  return strcmp(path, own) == 0;
}
