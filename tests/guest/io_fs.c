/* File-system round trips in the current (empty, temporary) directory: directories and their
 * listing, rename, hard and symbolic links, truncate, fallocate, timestamps, permissions,
 * ownership, statfs, fifos, flock, close_range, openat2. Prints what it sees, to compare
 * rvx with qemu-riscv64 and with a native build. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../io/io_common.h"

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists a directory with getdents64 (through readdir), sorted, with the entry types. */
static void list(const char *dir)
{
  DIR *d = opendir(dir);
  if (!d) {
    SAY("opendir %s failed: %s", dir, strerrorname_np(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) {
    char *s;
    if (asprintf(&s, "%s:%d", e->d_name, e->d_type) < 0)
      break;
    names[n++] = s;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp_str);
  printf("ls %s:", dir);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

static void show_stat(const char *p, int follow)
{
  struct stat st;
  int r = follow ? stat(p, &st) : lstat(p, &st);
  if (r < 0) {
    SAY("stat %s: %s", p, strerrorname_np(errno));
    return;
  }
  SAY("stat %s: mode %o nlink %lu size %lld", p, st.st_mode, (unsigned long)st.st_nlink,
      (long long)st.st_size);
}

static void show_times(const char *p, int follow)
{
  struct stat st;
  int r = follow ? stat(p, &st) : lstat(p, &st);
  if (r < 0) {
    SAY("times %s: %s", p, strerrorname_np(errno));
    return;
  }
  SAY("times %s: atime %lld.%09ld mtime %lld.%09ld", p, (long long)st.st_atim.tv_sec,
      st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static void dirs_and_links(void)
{
  T(mkdir("d", 0755));
  T(mkdir("d", 0755));
  int fd = open("a", O_CREAT | O_WRONLY, 0644);
  T(write(fd, "hello world\n", 12));
  close(fd);
  T(rename("a", "c"));
  T(access("a", F_OK));
  T(link("c", "d/hard"));
  show_stat("c", 1);
  T(symlink("target/../x", "s"));
  T(symlinkat("/nonexistent/absolute target", AT_FDCWD, "d/abs"));
  char buf[256];
  ssize_t n = readlink("s", buf, sizeof buf);
  SAY("readlink s: %.*s", (int)(n > 0 ? n : 0), buf);
  n = readlink("d/abs", buf, sizeof buf);
  SAY("readlink d/abs: %.*s", (int)(n > 0 ? n : 0), buf);
  n = readlink("d/abs", buf, 5);
  SAY("readlink d/abs, 5: %zd %.*s", n, (int)(n > 0 ? n : 0), buf);
  show_stat("s", 0);
  show_stat("s", 1);
  T(linkat(AT_FDCWD, "s", AT_FDCWD, "d/slink", 0));
  T(linkat(AT_FDCWD, "s", AT_FDCWD, "d/follow", AT_SYMLINK_FOLLOW));
  show_stat("d/slink", 0);
  T(mkfifo("fifo", 0600));
  T(mknodat(AT_FDCWD, "node", S_IFREG | 0640, 0));
  show_stat("fifo", 0);
  show_stat("node", 0);
  list(".");
  list("d");
  T(syscall(SYS_renameat2, AT_FDCWD, "c", AT_FDCWD, "node", RENAME_NOREPLACE));
  T(syscall(SYS_renameat2, AT_FDCWD, "c", AT_FDCWD, "node", RENAME_EXCHANGE));
  show_stat("c", 1);
  show_stat("node", 1);
  T(unlinkat(AT_FDCWD, "d", 0));
  T(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
  T(mkdir("e", 0700));
  T(unlinkat(AT_FDCWD, "e", AT_REMOVEDIR));
  T(getcwd(buf, 1) == NULL);
  T(getcwd(buf, sizeof buf) == buf);
}

static void sizes(void)
{
  int fd = open("node", O_RDWR);
  T(truncate("node", 100));
  show_stat("node", 1);
  T(ftruncate(fd, 3));
  show_stat("node", 1);
  T(fallocate(fd, 0, 0, 8192));
  show_stat("node", 1);
  T(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 4096));
  show_stat("node", 1);
  T(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096));
  char b[4];
  T(pread(fd, b, 4, 0));
  SAY("hole reads %d %d", b[0], b[3]);
  T(fsync(fd));
  T(fdatasync(fd));
  sync();
  T(syncfs(fd));
  T(sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
  T(readahead(fd, 0, 4096));
  TE(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
  TE(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED));
  T(flock(fd, LOCK_EX));
  int fd2 = open("node", O_RDONLY);
  T(flock(fd2, LOCK_SH | LOCK_NB));
  T(flock(fd, LOCK_UN));
  T(flock(fd2, LOCK_SH | LOCK_NB));
  close(fd2);
  close(fd);
}

static void times_and_modes(void)
{
  struct timespec ts[2] = {{1000000000, 123456789}, {1500000000, 987654321}};
  T(utimensat(AT_FDCWD, "node", ts, 0));
  show_times("node", 1);
  struct timespec omit[2] = {{0, UTIME_OMIT}, {1600000000, 5}};
  T(utimensat(AT_FDCWD, "node", omit, 0));
  show_times("node", 1);
  time_t before = time(NULL);
  struct timespec now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
  T(utimensat(AT_FDCWD, "node", now, 0));
  struct stat st;
  stat("node", &st);
  SAY("UTIME_NOW: mtime recent %d, atime kept %d", st.st_mtim.tv_sec >= before - 1,
      st.st_atim.tv_sec == 1000000000);
  T(utimensat(AT_FDCWD, "node", NULL, 0));
  stat("node", &st);
  SAY("NULL times: both recent %d", st.st_atim.tv_sec >= before - 1 && st.st_mtim.tv_sec >= before - 1);
  T(utimensat(AT_FDCWD, "s", ts, AT_SYMLINK_NOFOLLOW));
  show_times("s", 0);
  int fd = open("node", O_RDONLY);
  T(futimens(fd, ts));
  show_times("node", 1);
  /* Linux's quirk: a NULL path means the file dirfd refers to. */
  struct timespec ts2[2] = {{1234567890, 0}, {1234567891, 0}};
  T(syscall(SYS_utimensat, fd, NULL, ts2, 0));
  show_times("node", 1);
  T(syscall(SYS_utimensat, fd, NULL, ts2, AT_SYMLINK_NOFOLLOW));
  T(syscall(SYS_utimensat, AT_FDCWD, NULL, ts2, 0));

  T(fchmod(fd, 0600));
  show_stat("node", 1);
  T(fchmodat(AT_FDCWD, "node", 04751, 0));
  show_stat("node", 1);
  T(chmod("node", 0644));
  T(fchown(fd, getuid(), getgid()));
  T(fchownat(AT_FDCWD, "s", -1, -1, AT_SYMLINK_NOFOLLOW));
  T(fchownat(AT_FDCWD, "node", getuid(), -1, 0));
  T(fchownat(fd, "", -1, getgid(), AT_EMPTY_PATH));
  T(faccessat(AT_FDCWD, "node", R_OK | W_OK, 0));
  T(faccessat(AT_FDCWD, "node", X_OK, AT_EACCESS));
  close(fd);

  struct statfs a, b;
  T(statfs(".", &a));
  fd = open(".", O_RDONLY | O_DIRECTORY);
  T(fstatfs(fd, &b));
  SAY("statfs: type same %d bsize same %d namelen %ld blocks same %d bsize>0 %d",
      a.f_type == b.f_type, a.f_bsize == b.f_bsize, (long)a.f_namelen,
      a.f_blocks == b.f_blocks, a.f_bsize > 0);
  close(fd);
  T(statfs("no-such-dir", &a));
}

static void descriptors(void)
{
  int fd = open("node", O_RDONLY);
  T(dup2(fd, 50));
  T(dup2(fd, 51));
  T(dup2(fd, 52));
  T(syscall(SYS_close_range, 50, 51, 0));
  T(fcntl(50, F_GETFD));
  T(fcntl(51, F_GETFD));
  T(fcntl(52, F_GETFD));
  T(syscall(SYS_close_range, 52, 52, CLOSE_RANGE_CLOEXEC));
  T(fcntl(52, F_GETFD));
  T(syscall(SYS_close_range, 52, ~0u, 0));
  T(fcntl(52, F_GETFD));
  close(fd);
}

static void openat2_calls(void)
{
  struct { uint64_t flags, mode, resolve; } how = {O_RDONLY, 0, 0};
  long fd = syscall(SYS_openat2, AT_FDCWD, "node", &how, sizeof how);
  SAY("openat2 node: %s", fd >= 0 ? "fd" : strerrorname_np(errno));
  if (fd >= 0)
    close((int)fd);
  how.resolve = 0x04; /* RESOLVE_NO_SYMLINKS */
  T(syscall(SYS_openat2, AT_FDCWD, "s", &how, sizeof how));
  how.resolve = 0;
  how.flags = O_CREAT | O_WRONLY;
  how.mode = 0640;
  fd = syscall(SYS_openat2, AT_FDCWD, "made-by-openat2", &how, sizeof how);
  SAY("openat2 create: %s", fd >= 0 ? "fd" : strerrorname_np(errno));
  if (fd >= 0)
    close((int)fd);
  show_stat("made-by-openat2", 1);
}

int main(int argc, char **argv)
{
  umask(022);
  dirs_and_links();
  sizes();
  times_and_modes();
  descriptors();
  /* qemu-riscv64 7.2 has no openat2. */
  if (argc < 2 || strcmp(argv[1], "qemu"))
    openat2_calls();
  return 0;
}
