/* Copies files to stdout byte for byte with open/read/write (no stdio buffering of the input,
 * so a /proc file is read the way cat reads it); "-l PATH" prints readlink(PATH) instead, and
 * "-s PATH" reads PATH in 7-byte pieces (a short-read pattern). Exit status 1 when any fails. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int copy(const char *path, size_t piece)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "open %s: %s\n", path, strerror(errno));
    return 1;
  }
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, piece)) > 0)
    if (write(1, buf, (size_t)n) != n)
      return 1;
  close(fd);
  if (n < 0) {
    fprintf(stderr, "read %s: %s\n", path, strerror(errno));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv)
{
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-l") == 0 && i + 1 < argc) {
      char buf[4096];
      ssize_t n = readlink(argv[++i], buf, sizeof buf - 1);
      if (n < 0) {
        fprintf(stderr, "readlink %s: %s\n", argv[i], strerror(errno));
        bad = 1;
        continue;
      }
      buf[n] = 0;
      printf("%s\n", buf);
      fflush(stdout);
    } else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
      bad |= copy(argv[++i], 7);
    } else {
      bad |= copy(argv[i], 65536);
    }
  }
  return bad;
}
