/* /proc/self/exe by other names than the literal path: a dirfd on /proc/self with "exe", a
 * symlink to /proc/self/exe, /proc/self/fd/N of the program opened that way. Each must reach
 * the riscv64 program, as on Linux, never the emulator's own executable: open and read it,
 * stat it, readlink it, change its times (restored after) and exec it. Prints one line per
 * check, "ok NAME" or "FAIL NAME: why"; exit status 1 if any failed. */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;

static void check(const char *name, int ok, const char *why)
{
  if (ok)
    printf("ok %s\n", name);
  else
    printf("FAIL %s: %s\n", name, why), failed = 1;
}

/* The ELF machine of the file open as fd. */
static int machine_of(int fd)
{
  Elf64_Ehdr h;
  if (fd < 0 || pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h)
    return -1;
  return h.e_machine;
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    printf("ok exec-child\n");
    return 0;
  }
  struct stat want;
  if (stat("/proc/self/exe", &want) < 0) {
    perror("stat /proc/self/exe");
    return 2;
  }
  char target[4096];
  ssize_t n = readlink("/proc/self/exe", target, sizeof target - 1);
  target[n > 0 ? n : 0] = 0;

  int dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
  int fd = openat(dir, "exe", O_RDONLY);
  check("openat-dirfd", machine_of(fd) == EM_RISCV, "not the riscv64 program");
  struct stat st;
  check("fstatat-dirfd", fstatat(dir, "exe", &st, 0) == 0 && st.st_ino == want.st_ino &&
                             st.st_dev == want.st_dev, "another file");
  char got[4096];
  n = readlinkat(dir, "exe", got, sizeof got - 1);
  got[n > 0 ? n : 0] = 0;
  check("readlinkat-dirfd", n > 0 && strcmp(got, target) == 0, got);
  check("faccessat-dirfd", faccessat(dir, "exe", X_OK, 0) == 0, "not executable");

  char fdpath[64];
  snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
  int fd2 = open(fdpath, O_RDONLY);
  check("open-proc-fd", machine_of(fd2) == EM_RISCV, "not the riscv64 program");

  char dirname[] = "/tmp/rvx-exe-names.XXXXXX", link[64];
  if (!mkdtemp(dirname))
    return 2;
  snprintf(link, sizeof link, "%s/link", dirname);
  if (symlink("/proc/self/exe", link) < 0)
    return 2;
  int fd3 = open(link, O_RDONLY);
  check("open-symlink", machine_of(fd3) == EM_RISCV, "not the riscv64 program");
  check("stat-symlink", stat(link, &st) == 0 && st.st_ino == want.st_ino, "another file");

  /* utimensat through the symlink changes the program's times, not the emulator's. */
  struct timespec t[2] = {{.tv_sec = 1000000000, .tv_nsec = 0}, {.tv_sec = 1000000000}};
  int r = utimensat(AT_FDCWD, link, t, 0);
  struct stat after;
  stat(target, &after);
  check("utimensat-symlink", r == 0 && after.st_mtime == 1000000000, "the program's mtime is unchanged");
  struct timespec back[2] = {want.st_atim, want.st_mtim};
  utimensat(AT_FDCWD, target, back, 0);
  t[0].tv_sec = t[1].tv_sec = 1100000000;
  r = utimensat(dir, "exe", t, 0);
  stat(target, &after);
  check("utimensat-dirfd", r == 0 && after.st_mtime == 1100000000, "the program's mtime is unchanged");
  utimensat(AT_FDCWD, target, back, 0);
  unlink(link);
  rmdir(dirname);

  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char *args[] = {"procfs_exe_names", "child", NULL};
    execveat(dir, "exe", args, environ, 0);
    printf("FAIL exec-child: execveat failed\n");
    _exit(1);
  }
  int status;
  waitpid(pid, &status, 0);
  check("execveat-dirfd", WIFEXITED(status) && WEXITSTATUS(status) == 0, "child failed");
  return failed;
}
