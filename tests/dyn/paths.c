/* Absolute paths seen through the system root (rvx -L ROOT, qemu -L ROOT): the suite's ROOT
 * has etc/rvx-dyn-probe, lib -> the real riscv64 lib directory, and host-state decoys.
 *   paths common HOSTDIR   what rvx and qemu agree on (HOSTDIR: a host-only directory)
 *   paths rvx FILE         rvx only: access() is translated too (qemu 7.2's faccessat is
 *                          not), and /proc, /tmp stay the host's though ROOT has them (FILE:
 *                          a host file under /tmp that ROOT has a decoy of)
 *   paths maps             prints AT_BASE and /proc/self/maps (where everything went) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

static void show_file(const char *path)
{
  char buf[128] = "";
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("open %s: %s\n", path, strerror(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  buf[strcspn(buf, "\n")] = 0;
  printf("open %s: \"%s\"\n", path, buf);
  close(fd);
}

static void show_stat(const char *path)
{
  struct stat st;
  if (stat(path, &st) < 0)
    printf("stat %s: %s\n", path, strerror(errno));
  else
    printf("stat %s: %s\n", path, S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : "other");
}

static int common(const char *host)
{
  show_file("/etc/rvx-dyn-probe");   /* only in ROOT */
  show_stat("/lib/libc.so.6");        /* ROOT/lib/libc.so.6 */
  char target[64] = "";
  ssize_t n = readlink("/lib/libm.so", target, sizeof target - 1);
  printf("readlink /lib/libm.so: %s\n", n > 0 ? (target[n] = 0, target) : strerror(errno));
  show_stat("/etc/rvx-no-such-file");

  /* Files created under a host-only directory stay there: create, rename (two paths), link
   * (two paths), unlink. */
  char a[512], b[512], c[512];
  snprintf(a, sizeof a, "%s/created", host);
  snprintf(b, sizeof b, "%s/renamed", host);
  snprintf(c, sizeof c, "%s/linked", host);
  int fd = open(a, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0 || write(fd, "made by the guest\n", 18) != 18 || close(fd) < 0)
    printf("create: %s\n", strerror(errno));
  printf("rename: %d\n", rename(a, b));
  printf("link: %d\n", link(b, c));
  show_file(c);
  show_stat(a);
  printf("unlink: %d\n", unlink(c));
  printf("mkdir: %d\n", mkdir(a, 0755));
  show_stat(a);
  printf("rmdir: %d\n", rmdir(a));
  return 0;
}

static int rvx_only(const char *file)
{
  printf("access ld.so: %d\n", access("/lib/ld-linux-riscv64-lp64d.so.1", R_OK | X_OK));
  show_stat("/proc/self/maps");   /* ROOT/proc is an empty directory */
  show_file(file);                /* ROOT has a decoy of the same name */
  show_stat("/dev/null");
  return 0;
}

int main(int argc, char **argv)
{
  if (argc == 3 && strcmp(argv[1], "common") == 0)
    return common(argv[2]);
  if (argc == 2 && strcmp(argv[1], "maps") == 0) {
    printf("AT_BASE %lx\n", getauxval(AT_BASE));
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f))
      fputs(line, stdout);
    return f ? 0 : 1;
  }
  if (argc == 3 && strcmp(argv[1], "rvx") == 0)
    return rvx_only(argv[2]);
  fprintf(stderr, "usage: paths common HOSTDIR | paths rvx FILE\n");
  return 2;
}
