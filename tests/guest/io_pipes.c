/* Moving data without a user buffer and memory-backed files: splice, tee and vmsplice between
 * pipes and a file, sendfile, copy_file_range, memfd (with seals and a shared mapping),
 * FIONREAD on a pipe, and the page-range calls msync, mlock, mincore. Run in an empty
 * temporary directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../io/io_common.h"

static void show_file(const char *p)
{
  char b[128];
  int fd = open(p, O_RDONLY);
  ssize_t n = read(fd, b, sizeof b);
  close(fd);
  SAY("%s: [%.*s]", p, (int)(n > 0 ? n : 0), b);
}

static void splices(void)
{
  int fd = open("src", O_RDWR);
  lseek(fd, 0, SEEK_END);
  int p[2], q[2];
  pipe(p);
  pipe(q);
  loff_t off = 5;
  T(splice(fd, &off, p[1], NULL, 6, 0));
  SAY("off now %lld", (long long)off);
  int n = 0;
  T(ioctl(p[0], FIONREAD, &n));
  SAY("FIONREAD %d", n);
  T(tee(p[0], q[1], 100, SPLICE_F_NONBLOCK));
  T(ioctl(p[0], FIONREAD, &n));
  SAY("FIONREAD still %d", n);
  int out = open("dst", O_CREAT | O_RDWR | O_TRUNC, 0644);
  loff_t oo = 2;
  T(splice(p[0], NULL, out, &oo, 100, 0));
  SAY("out off %lld", (long long)oo);
  char b[16] = {0};
  T(read(q[0], b, sizeof b));
  SAY("tee copy [%s]", b);
  /* vmsplice user memory into a pipe, and from a pipe back into user memory. */
  char one[] = "vm", two[] = "splice";
  struct iovec iov[2] = {{one, 2}, {two, 6}};
  T(vmsplice(p[1], iov, 2, 0));
  char got[8] = {0};
  struct iovec back = {got, sizeof got};
  T(vmsplice(p[0], &back, 1, 0));
  SAY("vmsplice round trip [%.8s]", got);
  lseek(fd, 0, SEEK_SET);
  T(splice(fd, NULL, p[1], NULL, 4, SPLICE_F_MOVE));
  T(splice(p[0], NULL, out, NULL, 4, 0));
  close(out);
  show_file("dst");
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
  close(fd);
}

static void sendfiles(void)
{
  int in = open("src", O_RDONLY);
  int out = open("sent", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  off_t off = 10;
  T(sendfile(out, in, &off, 5));
  SAY("offset %lld, file position %lld", (long long)off, (long long)lseek(in, 0, SEEK_CUR));
  T(sendfile(out, in, NULL, 3));
  SAY("file position %lld", (long long)lseek(in, 0, SEEK_CUR));
  int p[2];
  pipe(p);
  T(sendfile(p[1], in, NULL, 4));
  char b[8] = {0};
  T(read(p[0], b, sizeof b));
  SAY("through a pipe [%s]", b);
  close(out);
  show_file("sent");
  loff_t oi = 0, oo = 1;
  out = open("copied", O_CREAT | O_RDWR | O_TRUNC, 0644);
  T(copy_file_range(in, &oi, out, &oo, 8, 0));
  SAY("offsets %lld %lld", (long long)oi, (long long)oo);
  lseek(in, 12, SEEK_SET);
  T(copy_file_range(in, NULL, out, NULL, 100, 0));
  SAY("positions %lld %lld", (long long)lseek(in, 0, SEEK_CUR), (long long)lseek(out, 0, SEEK_CUR));
  close(out);
  show_file("copied");
  close(in);
  close(p[0]);
  close(p[1]);
}

static void memfds(void)
{
  int m = memfd_create("rvx-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  SAY("memfd ok %d", m >= 0);
  T(fcntl(m, F_GETFD));
  T(write(m, "memory file", 11));
  T(ftruncate(m, 4096));
  char *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, m, 0);
  SAY("mapped %d", map != MAP_FAILED);
  SAY("map sees [%.11s]", map);
  memcpy(map, "MEMORY", 6);
  char b[12] = {0};
  T(pread(m, b, 11, 0));
  SAY("file sees [%s]", b);
  T(msync(map, 4096, MS_SYNC));
  T(fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW));
  T(fcntl(m, F_GET_SEALS));
  T(ftruncate(m, 100));
  T(write(m, "x", 1));
  T(munmap(map, 4096));
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", m);
  char link[64];
  ssize_t n = readlink(path, link, sizeof link);
  SAY("link [%.*s]", (int)(n > 0 ? n : 0), link);
  close(m);
  T(memfd_create("bad-flags", 0x100));
}

static void pages(void)
{
  long pg = sysconf(_SC_PAGESIZE);
  char *a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  T(munmap(a + 2 * pg, pg));
  a[0] = 1;
  unsigned char vec[4] = {9, 9, 9, 9};
  T(mincore(a, pg, vec));
  SAY("touched page resident %d", vec[0] & 1);
  T(mincore(a, 2 * pg, vec));
  SAY("vec[0] %d", vec[0] & 1);
  T(mincore(a, 4 * pg, vec));
  T(mincore(a + 2 * pg, pg, vec));
  T(mincore(a + 1, pg, vec));
  T(mincore(a, 0, vec));
  T(mincore(a, pg, (unsigned char *)8));
  T(mlock(a, 2 * pg));
  T(mincore(a, 2 * pg, vec));
  SAY("locked pages resident %d %d", vec[0] & 1, vec[1] & 1);
  T(munlock(a, 2 * pg));
  T(mlock(a, 4 * pg));
  T(munlock(a + 2 * pg, pg));
  T(mlock(a + 100, 10));
  T(munlock(a + 100, 10));
  T(mlockall(0));
  T(mlockall(MCL_ONFAULT));
  T(munlockall());
  T(msync(a, pg, MS_ASYNC));
  T(msync(a, 4 * pg, MS_SYNC));
  T(msync(a, 4 * pg, MS_ASYNC));
  T(msync(a + 1, pg, MS_SYNC));
  T(msync(a, pg, MS_SYNC | MS_ASYNC));
  T(msync(a, pg, 8));
  T(msync(a, 0, MS_SYNC));
  T(msync(a + 2 * pg, pg, MS_INVALIDATE));
  int fd = open("mapped", O_CREAT | O_RDWR | O_TRUNC, 0644);
  ftruncate(fd, pg);
  char *f = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  memcpy(f, "synced", 6);
  T(msync(f, pg, MS_SYNC));
  munmap(f, pg);
  close(fd);
  show_file("mapped");
}

int main(int argc, char **argv)
{
  const char *only = argc > 1 ? argv[1] : "";
  int fd = open("src", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "0123456789abcdefghij", 20);
  close(fd);
  if (!*only || !strcmp(only, "splice"))
    splices();
  if (!*only || !strcmp(only, "sendfile"))
    sendfiles();
  if (!*only || !strcmp(only, "memfd"))
    memfds();
  if (!*only || !strcmp(only, "pages"))
    pages();
  return 0;
}
