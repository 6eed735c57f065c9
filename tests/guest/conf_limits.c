/* Resource bounds: a guest that takes memory, threads or file descriptors until it cannot,
 * gets the error Linux gives, and then goes on normally (frees, joins, closes, exits 0).
 *   conf_limits alloc    1 MiB mallocs (mmaps) until NULL, then sbrk until it fails
 *   conf_limits threads  threads (sleeping on a futex) until pthread_create fails
 *   conf_limits files N  RLIMIT_NOFILE = N, then opens until EMFILE
 *   conf_limits exec-alloc  execs itself (/proc/self/exe) with "alloc": rvx's limit holds
 *                        in the new program too
 * Prints the counts and errors; "FAIL ..." if an error is not Linux's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

static int failures;

static void want(const char *what, int got, int expected)
{
  printf("%s: %s\n", what, strerror(got));
  if (got != expected) {
    printf("FAIL %s: got %s, want %s\n", what, strerror(got), strerror(expected));
    failures++;
  }
}

static int alloc(void)
{
  static void *blocks[1 << 16];
  int n = 0;
  errno = 0;
  while (n < (1 << 16) && (blocks[n] = malloc(1 << 20)) != NULL) {
    memset(blocks[n], n, 4096);   /* touch a page of each */
    n++;
  }
  printf("malloc: %d MiB before NULL\n", n);
  want("malloc error", errno, ENOMEM);
  errno = 0;
  void *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  want("mmap past the limit", m == MAP_FAILED ? errno : 0, ENOMEM);
  /* PROT_NONE reservations do not count; making them accessible does. */
  void *r = mmap(NULL, 64 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  want("PROT_NONE reservation past the limit", r == MAP_FAILED ? errno : 0, 0);
  errno = 0;
  if (r != MAP_FAILED) {
    want("mprotect of it to read-write", mprotect(r, 64 << 20, PROT_READ | PROT_WRITE) ? errno : 0,
         ENOMEM);
    munmap(r, 64 << 20);
  }
  int pages = 0;
  errno = 0;
  while (sbrk(4096) != (void *)-1)
    pages++;
  printf("sbrk: %d pages before failing\n", pages);
  want("sbrk error", errno, ENOMEM);
  for (int i = 0; i < n; i++) {
    if (((unsigned char *)blocks[i])[4095] != (unsigned char)i)
      failures++, printf("FAIL block %d lost its contents\n", i);
    free(blocks[i]);
  }
  sbrk(-4096 * pages);
  /* All of it is back. */
  int again = 0;
  while (again < n && (blocks[again] = malloc(1 << 20)) != NULL)
    again++;
  printf("malloc again: %s\n", again == n ? "as many as before" : "fewer");
  if (again != n)
    failures++, printf("FAIL malloc again: %d of %d\n", again, n);
  for (int i = 0; i < again; i++)
    free(blocks[i]);
  return n;
}

static uint32_t go;

static void *sleeper(void *arg)
{
  (void)arg;
  while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
    syscall(98 /* futex */, &go, 0 /* FUTEX_WAIT */, 0, NULL, NULL, 0);
  return NULL;
}

static int threads(void)
{
  static pthread_t t[4096];
  int n = 0, e = 0;
  while (n < 4096 && (e = pthread_create(&t[n], NULL, sleeper, NULL)) == 0)
    n++;
  printf("threads: %d created before an error\n", n);
  want("pthread_create error", e, EAGAIN);
  __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
  syscall(98, &go, 1 /* FUTEX_WAKE */, 1 << 30, NULL, NULL, 0);
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
  /* And threads work again. */
  go = 1;
  pthread_t one;
  e = pthread_create(&one, NULL, sleeper, NULL);
  want("pthread_create after joining", e, 0);
  if (!e)
    pthread_join(one, NULL);
  return n;
}

static int files(int limit)
{
  struct rlimit rl = { (rlim_t)limit, (rlim_t)limit };
  if (setrlimit(RLIMIT_NOFILE, &rl)) {
    printf("FAIL setrlimit: %s\n", strerror(errno));
    return 0;
  }
  int before = 0;
  for (int i = 0; i < limit; i++)
    before += fcntl(i, F_GETFD) >= 0;
  int n = 0, fd, last = -1;
  errno = 0;
  while ((fd = open("/dev/null", O_RDONLY)) >= 0)
    n++, last = fd;
  printf("files: %d open before, %d opened, highest fd %d\n", before, n, last);
  if (n != limit - before || last != limit - 1)
    failures++, printf("FAIL files: %d opened of the %d free below the limit\n", n, limit - before);
  want("open error", errno, EMFILE);
  errno = 0;
  want("/proc/self/maps at the limit", open("/proc/self/maps", O_RDONLY) < 0 ? errno : 0, EMFILE);
  int p[2];
  errno = 0;
  want("pipe at the limit", pipe(p) ? errno : 0, EMFILE);
  close(last);
  fd = open("/proc/self/maps", O_RDONLY);
  char buf[64];
  want("/proc/self/maps after a close", fd >= 0 && read(fd, buf, sizeof buf) > 0 ? 0 : errno, 0);
  for (int i = 3; i <= last; i++)
    close(i);
  return n;
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1 && strcmp(argv[1], "alloc") == 0)
    alloc();
  else if (argc > 1 && strcmp(argv[1], "threads") == 0)
    threads();
  else if (argc > 1 && strcmp(argv[1], "exec-alloc") == 0)
    execv("/proc/self/exe", (char *[]){argv[0], "alloc", NULL});
  else if (argc > 2 && strcmp(argv[1], "files") == 0)
    files(atoi(argv[2]));
  else
    return 2;
  printf("%d failures\n", failures);
  return failures != 0;
}
