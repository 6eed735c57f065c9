/* binfmt_misc registration of rvx for riscv64 ELF programs, and the command line the kernel
 * passes rvx for them. The match is the one qemu-user registers for riscv64: a 64-bit
 * little-endian ELF header (any OS ABI byte) of type EXEC or DYN for machine EM_RISCV (243).
 * Flags: F (the kernel opens rvx when registering, so programs run in any mount namespace or
 * chroot) and P (argv[0] is preserved: the kernel passes rvx the program's path and then its
 * own argv[0]; rvx learns that it did from AT_FLAGS_PRESERVE_ARGV0, Linux 5.12 and later, as
 * qemu does; on older kernels rvx registers without P). */
#define _GNU_SOURCE
#include "util/binfmt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "util/cmdline.h"

#define DIR_PATH "/proc/sys/fs/binfmt_misc"
/* Bit 0 of AT_FLAGS (linux/binfmts.h: AT_FLAGS_PRESERVE_ARGV0). */
#define PRESERVE_ARGV0 1ul

/* e_ident: \x7fELF, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, any OSABI, ABI version and padding
 * zero; e_type 2 or 3 (mask 0xfe); e_machine 243. */
static const unsigned char magic[20] = {
  0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0xf3, 0,
};
static const unsigned char mask[20] = {
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xfe, 0xff, 0xff, 0xff,
};

void binfmt_argv(int *argc, char ***argv)
{
  if (!(getauxval(AT_FLAGS) & PRESERVE_ARGV0) || *argc < 2)
    return;
  int n = *argc;
  char **v = malloc(((size_t)n + 4) * sizeof *v);
  if (!v)
    return;
  int k = 0;
  v[k++] = (*argv)[0];
  if (n >= 3) {
    v[k++] = "-0";
    v[k++] = (*argv)[2];
  }
  v[k++] = "--";
  v[k++] = (*argv)[1];
  for (int i = 3; i < n; i++)
    v[k++] = (*argv)[i];
  v[k] = NULL;
  *argc = k;
  *argv = v;
}

/* ---- the entries under /proc/sys/fs/binfmt_misc ---- */

static bool mounted(void)
{
  return access(DIR_PATH "/register", F_OK) == 0;
}

static bool write_file(const char *path, const char *text)
{
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  size_t n = strlen(text);
  bool ok = write(fd, text, n) == (ssize_t)n;
  int e = errno;
  close(fd);
  errno = e;
  return ok;
}

/* The text of an entry (at most cap-1 bytes), or false. */
static bool read_entry(const char *name, char *buf, size_t cap)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, DIR_PATH "/%s", name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  ssize_t n = read(fd, buf, cap - 1);
  close(fd);
  if (n < 0)
    return false;
  buf[n] = 0;
  return true;
}

/* The value of "KEY VALUE" (or "KEY: VALUE") in an entry's text, into out. */
static void field(const char *text, const char *key, char *out, size_t cap)
{
  size_t k = strlen(key);
  out[0] = 0;
  for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
    if (strncmp(l, key, k) == 0 && (l[k] == ' ' || l[k] == ':')) {
      const char *v = l + k + (l[k] == ':');
      v += strspn(v, " ");
      snprintf(out, cap, "%.*s", (int)strcspn(v, "\n"), v);
      return;
    }
}

static void hex(const unsigned char *b, size_t n, char *out)
{
  for (size_t i = 0; i < n; i++)
    sprintf(out + 2 * i, "%02x", b[i]);
}

/* Whether an entry's text matches riscv64 programs as rvx's does (qemu's does too). */
static bool is_riscv64(const char *text)
{
  char m[128], want[64];
  field(text, "magic", m, sizeof m);
  hex(magic, sizeof magic, want);
  return strcmp(m, want) == 0;
}

/* Lists every entry that matches riscv64 programs; returns whether rvx's is there and on. */
static bool list_riscv64(FILE *out, bool quiet_if_none)
{
  DIR *d = opendir(DIR_PATH);
  bool ours_on = false, any = false;
  struct dirent *e;
  while (d && (e = readdir(d))) {
    char text[4096], interp[PATH_MAX], flags[32];
    if (e->d_name[0] == '.' || !strcmp(e->d_name, "register") || !strcmp(e->d_name, "status") ||
        !read_entry(e->d_name, text, sizeof text) || !is_riscv64(text))
      continue;
    bool on = strncmp(text, "enabled", 7) == 0;
    field(text, "interpreter", interp, sizeof interp);
    field(text, "flags", flags, sizeof flags);
    fprintf(out, "%s: %s, interpreter %s, flags %s\n", e->d_name, on ? "enabled" : "disabled",
            interp, flags[0] ? flags : "(none)");
    any = true;
    if (strcmp(e->d_name, BINFMT_NAME) == 0)
      ours_on = on;
  }
  if (d)
    closedir(d);
  if (!any && !quiet_if_none)
    fprintf(out, "no binfmt_misc entry runs riscv64 programs\n");
  return ours_on;
}

/* Whether this kernel tells the interpreter about P (AT_FLAGS_PRESERVE_ARGV0: 5.12). */
static bool kernel_has_preserve_flag(void)
{
  struct utsname u;
  int major = 0, minor = 0;
  if (uname(&u) != 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2)
    return false;
  return major > 5 || (major == 5 && minor >= 12);
}

static int remove_ours(void)
{
  if (access(DIR_PATH "/" BINFMT_NAME, F_OK) != 0)
    return 0;
  if (!write_file(DIR_PATH "/" BINFMT_NAME, "-1")) {
    fprintf(stderr, "rvx: cannot remove " DIR_PATH "/" BINFMT_NAME ": %s\n", strerror(errno));
    return 1;
  }
  return 0;
}

static int install(void)
{
  if (!mounted() && mount("binfmt_misc", DIR_PATH, "binfmt_misc", 0, NULL) != 0) {
    fprintf(stderr, "rvx: binfmt_misc is not mounted on " DIR_PATH " and mounting it failed: "
            "%s\n", strerror(errno));
    return 1;
  }
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    fprintf(stderr, "rvx: cannot find rvx's own path: %s\n", strerror(errno));
    return 1;
  }
  self[n] = 0;
  if (strchr(self, ':') || strstr(self, " (deleted)")) {
    fprintf(stderr, "rvx: cannot register '%s' (a ':' in the path, or deleted)\n", self);
    return 1;
  }
  if (remove_ours())
    return 1;
  bool preserve = kernel_has_preserve_flag();
  /* ":name:type:offset:magic:mask:interpreter:flags", magic and mask as \xHH escapes. */
  char reg[PATH_MAX + 512];
  size_t k = (size_t)snprintf(reg, sizeof reg, ":" BINFMT_NAME ":M::");
  for (size_t i = 0; i < sizeof magic; i++)
    k += (size_t)snprintf(reg + k, sizeof reg - k, "\\x%02x", magic[i]);
  k += (size_t)snprintf(reg + k, sizeof reg - k, ":");
  for (size_t i = 0; i < sizeof mask; i++)
    k += (size_t)snprintf(reg + k, sizeof reg - k, "\\x%02x", mask[i]);
  snprintf(reg + k, sizeof reg - k, ":%s:%s", self, preserve ? "FP" : "F");
  if (!write_file(DIR_PATH "/register", reg)) {
    fprintf(stderr, "rvx: cannot register with binfmt_misc: %s%s\n", strerror(errno),
            geteuid() != 0 ? " (this needs root)" : "");
    return 1;
  }
  printf("registered " DIR_PATH "/" BINFMT_NAME ": riscv64 programs run with %s (flags %s)\n",
         self, preserve ? "FP" : "F");
  if (!preserve)
    printf("note: this kernel (before Linux 5.12) cannot tell rvx a program's own argv[0]: "
           "programs see their path as argv[0]\n");
  /* Newer entries are tried first, so rvx's now wins over any other riscv64 entry. */
  list_riscv64(stdout, true);
  return 0;
}

int binfmt_command(int what)
{
  if (what != RVX_ARGS_BINFMT_STATUS && geteuid() != 0) {
    fprintf(stderr, "rvx: %s needs root\n", what == RVX_ARGS_BINFMT_INSTALL ?
            "--install-binfmt" : "--uninstall-binfmt");
    return 1;
  }
  switch (what) {
  case RVX_ARGS_BINFMT_INSTALL:
    return install();
  case RVX_ARGS_BINFMT_UNINSTALL:
    if (!mounted() || access(DIR_PATH "/" BINFMT_NAME, F_OK) != 0) {
      printf("rvx is not registered with binfmt_misc: nothing to remove\n");
      return 0;
    }
    if (remove_ours())
      return 1;
    printf("removed " DIR_PATH "/" BINFMT_NAME "\n");
    return 0;
  default: {
    if (!mounted()) {
      printf("binfmt_misc is not mounted on " DIR_PATH ": rvx is not registered\n");
      return 1;
    }
    char st[64];
    bool all_on = read_entry("status", st, sizeof st) && strncmp(st, "enabled", 7) == 0;
    printf("binfmt_misc: %s\n", all_on ? "enabled" : "disabled (no entry is used)");
    bool on = list_riscv64(stdout, false) && all_on;
    if (access(DIR_PATH "/" BINFMT_NAME, F_OK) != 0)
      printf("rvx is not registered (rvx --install-binfmt, as root)\n");
    return on ? 0 : 1;
  }
  }
}
