/* Files and directories in the current directory: create, write, read back, seek, stat,
 * pread/pwrite, readv/writev, dup, pipes, fcntl, ftruncate, rename, links, unlink, mkdir/rmdir,
 * readdir (sorted), getcwd/chdir, readlink of /proc/self/exe. Leaves a known set of files
 * behind for the test to compare. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x)                                                              \
  do {                                                                        \
    if (!(x)) {                                                               \
      printf("FAILED line %d: %s (errno %d %s)\n", __LINE__, #x, errno,       \
             strerror(errno));                                                \
      exit(1);                                                                \
    }                                                                         \
  } while (0)

static int cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path)
{
  DIR *d = opendir(path);
  CHECK(d);
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof names[0], cmp_names);
  printf("dir %s:", path);
  for (int i = 0; i < n; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

static void stdio_files(void)
{
  FILE *f = fopen("data.txt", "w");
  CHECK(f);
  for (int i = 0; i < 1000; i++)
    fprintf(f, "line %d %x\n", i, i * i);
  CHECK(fclose(f) == 0);
  f = fopen("data.txt", "r");
  CHECK(f);
  char line[64];
  int count = 0;
  unsigned long sum = 0;
  while (fgets(line, sizeof line, f)) {
    int a;
    unsigned b;
    CHECK(sscanf(line, "line %d %x", &a, &b) == 2 && b == (unsigned)a * a);
    sum += b;
    count++;
  }
  CHECK(fseek(f, 100, SEEK_SET) == 0);
  printf("stdio lines=%d sum=%lu ftell=%ld ", count, sum, ftell(f));
  CHECK(fgets(line, sizeof line, f));
  printf("at100=[%.*s]\n", (int)strcspn(line, "\n"), line);
  fclose(f);
  f = fopen("data.txt", "a");
  fputs("appended\n", f);
  fclose(f);
}

static void raw_io(void)
{
  int fd = open("raw.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0);
  char buf[8192];
  for (int i = 0; i < (int)sizeof buf; i++)
    buf[i] = (char)(i % 251);
  CHECK(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf);
  CHECK(lseek(fd, 0, SEEK_CUR) == 8192);
  CHECK(lseek(fd, 1000, SEEK_SET) == 1000);
  char rb[16];
  CHECK(read(fd, rb, 16) == 16);
  printf("read at 1000: %d %d\n", rb[0], rb[15]);
  CHECK(pwrite(fd, "PWRITE", 6, 4000) == 6);
  CHECK(pread(fd, rb, 10, 3998) == 10);
  printf("pread [%.10s]\n", rb + 2);
  CHECK(lseek(fd, 0, SEEK_END) == 8192);
  struct iovec iov[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
  CHECK(writev(fd, iov, 3) == 8);
  char v1[4] = {0}, v2[6] = {0};
  struct iovec riov[2] = {{v1, 3}, {v2, 5}};
  CHECK(lseek(fd, -8, SEEK_END) == 8192);
  CHECK(readv(fd, riov, 2) == 8);
  printf("readv [%s][%s]\n", v1, v2);
  CHECK(read(fd, rb, 16) == 0);
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  printf("fstat size=%lld mode=%o nlink=%lu reg=%d blksize>0=%d\n", (long long)st.st_size,
         st.st_mode & 07777, (unsigned long)st.st_nlink, S_ISREG(st.st_mode), st.st_blksize > 0);
  CHECK(ftruncate(fd, 5000) == 0);
  CHECK(fstat(fd, &st) == 0);
  printf("after ftruncate size=%lld\n", (long long)st.st_size);
  int fd2 = dup(fd);
  CHECK(fd2 > fd);
  CHECK(lseek(fd2, 10, SEEK_SET) == 10);
  printf("dup shares offset: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  int fd3 = dup3(fd, 20, O_CLOEXEC);
  printf("dup3 -> %d cloexec=%d\n", fd3, fcntl(fd3, F_GETFD) & FD_CLOEXEC);
  int fl = fcntl(fd, F_GETFL);
  printf("getfl accmode=%d append=%d\n", fl & O_ACCMODE, (fl & O_APPEND) != 0);
  CHECK(fcntl(fd, F_SETFL, fl | O_APPEND) == 0);
  printf("setfl append=%d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  CHECK(fcntl(fd, F_SETLK, &lk) == 0);
  lk.l_type = F_RDLCK;
  CHECK(fcntl(fd, F_GETLK, &lk) == 0);
  printf("getlk type=%d (unlck=%d)\n", lk.l_type, F_UNLCK);
  int fd4 = fcntl(fd, F_DUPFD, 30);
  printf("F_DUPFD -> %d\n", fd4);
  close(fd4);
  close(fd3);
  close(fd2);
  CHECK(fsync(fd) == 0);
  CHECK(close(fd) == 0);
  CHECK(truncate("raw.bin", 4096) == 0);
  CHECK(stat("raw.bin", &st) == 0);
  printf("stat after truncate size=%lld\n", (long long)st.st_size);
}

static void pipes(void)
{
  int p[2];
  CHECK(pipe(p) == 0);
  CHECK(write(p[1], "through the pipe", 16) == 16);
  char buf[32] = {0};
  CHECK(read(p[0], buf, sizeof buf) == 16);
  printf("pipe [%s]\n", buf);
  close(p[1]);
  printf("pipe eof %zd\n", read(p[0], buf, sizeof buf));
  close(p[0]);
  CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
  printf("pipe2 nonblock read=%zd errno=%s\n", read(p[0], buf, 1), strerrorname_np(errno));
  close(p[0]);
  close(p[1]);
}

static void tree(void)
{
  CHECK(mkdir("sub", 0755) == 0);
  CHECK(mkdir("sub/inner", 0700) == 0);
  int fd = open("sub/a.txt", O_CREAT | O_WRONLY, 0600);
  CHECK(fd >= 0 && write(fd, "A", 1) == 1 && close(fd) == 0);
  fd = open("sub/b.txt", O_CREAT | O_WRONLY | O_EXCL, 0640);
  CHECK(fd >= 0 && close(fd) == 0);
  CHECK(rename("sub/b.txt", "sub/c.txt") == 0);
  CHECK(link("sub/a.txt", "sub/hard") == 0);
  CHECK(symlink("a.txt", "sub/soft") == 0);
  char target[64] = {0};
  printf("readlink soft=%zd [%s]\n", readlink("sub/soft", target, sizeof target - 1), target);
  struct stat st, lst;
  CHECK(stat("sub/soft", &st) == 0 && lstat("sub/soft", &lst) == 0);
  printf("stat via link: size=%lld nlink=%lu reg=%d; lstat lnk=%d\n", (long long)st.st_size,
         (unsigned long)st.st_nlink, S_ISREG(st.st_mode), S_ISLNK(lst.st_mode));
  CHECK(chmod("sub/c.txt", 0604) == 0);
  CHECK(stat("sub/c.txt", &st) == 0);
  printf("chmod mode=%o\n", st.st_mode & 07777);
  printf("access r=%d x=%d missing=%d\n", access("sub/a.txt", R_OK), access("sub/a.txt", X_OK),
         access("sub/zzz", F_OK));
  list_dir("sub");
  CHECK(stat("sub", &st) == 0);
  printf("dir isdir=%d\n", S_ISDIR(st.st_mode));
  CHECK(unlink("sub/hard") == 0);
  CHECK(rmdir("sub/inner") == 0);
  list_dir("sub");

  char cwd[4096];
  CHECK(getcwd(cwd, sizeof cwd));
  CHECK(chdir("sub") == 0);
  char cwd2[4096];
  CHECK(getcwd(cwd2, sizeof cwd2));
  printf("chdir ok=%d tail=%s\n", strncmp(cwd, cwd2, strlen(cwd)) == 0, cwd2 + strlen(cwd));
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  CHECK(chdir("..") == 0);
  CHECK(fchdir(dfd) == 0);
  CHECK(access("a.txt", F_OK) == 0);
  CHECK(chdir("..") == 0);
  close(dfd);
  dfd = open("sub", O_RDONLY | O_DIRECTORY);
  CHECK(dfd >= 0);
  CHECK(fstatat(dfd, "a.txt", &st, 0) == 0);
  printf("fstatat size=%lld\n", (long long)st.st_size);
  CHECK(renameat(dfd, "c.txt", AT_FDCWD, "moved.txt") == 0);
  CHECK(unlinkat(dfd, "soft", 0) == 0);
  close(dfd);
  printf("getcwd small: %s errno=%s\n", getcwd(cwd2, 2) ? "ok" : "NULL", strerrorname_np(errno));
}

static void self_exe(void)
{
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n] = 0;
  printf("exe basename %s absolute=%d\n", basename(buf), buf[0] == '/');
  char small[4];
  printf("readlink truncated %zd\n", readlink("/proc/self/exe", small, sizeof small));
  struct stat st;
  printf("stat exe regular=%d\n", stat("/proc/self/exe", &st) == 0 && S_ISREG(st.st_mode));
}

int main(void)
{
  umask(022);
  stdio_files();
  raw_io();
  pipes();
  tree();
  self_exe();
  mode_t old = umask(077);
  printf("umask old=%o\n", old);
  return 0;
}
