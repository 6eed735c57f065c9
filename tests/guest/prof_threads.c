/* Profiler test guest (tests/suites/88-profile.sh): three threads, each busy in a function
 * of its own (spin_one, spin_two, spin_three) while main waits for them; then main forks a
 * child that spins in child_spin() and exits (its profile must not replace the parent's).
 * The argument scales the work (default: a few milliseconds). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long scale = 1;

static unsigned long spin(unsigned long n, unsigned long x)
{
  for (unsigned long i = 0; i < n; i++)
    x = x * 6364136223846793005UL + (i ^ (x >> 31));
  return x;
}

__attribute__((noinline, noclone)) unsigned long spin_one(unsigned long n) { return spin(n, 1); }
__attribute__((noinline, noclone)) unsigned long spin_two(unsigned long n) { return spin(n, 2); }
__attribute__((noinline, noclone)) unsigned long spin_three(unsigned long n) { return spin(n, 3); }
__attribute__((noinline, noclone)) unsigned long child_spin(unsigned long n) { return spin(n, 4); }

static void *worker(void *arg)
{
  long k = (long)arg;
  unsigned long n = 200000 * scale;
  unsigned long r = k == 0 ? spin_one(n) : k == 1 ? spin_two(n) : spin_three(n);
  return (void *)(r & 1);
}

int main(int argc, char **argv)
{
  if (argc > 1)
    scale = strtoul(argv[1], NULL, 10);
  pthread_t t[3];
  for (long k = 0; k < 3; k++)
    if (pthread_create(&t[k], NULL, worker, (void *)k) != 0)
      return 1;
  unsigned long sum = 0;
  for (int k = 0; k < 3; k++) {
    void *r;
    pthread_join(t[k], &r);
    sum += (unsigned long)r;
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0)
    _exit((int)(child_spin(200000 * scale) & 1) + 10);
  int st = 0;
  waitpid(pid, &st, 0);
  printf("threads %lu child %d\n", sum, WIFEXITED(st) ? WEXITSTATUS(st) >= 10 : -1);
  return 0;
}
