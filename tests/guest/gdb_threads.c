/* Threads for the gdb suite: three workers spin in guest code (not in a syscall) until main,
 * having seen them all start, reaches all_started() (a breakpoint: gdb must list and select
 * every thread, all stopped); then each worker calls worker_done() (a breakpoint hit in a
 * thread other than main) and main joins them. Exit status 0. */
#include <pthread.h>
#include <stdio.h>

#define N 3
static volatile int started, go;
static volatile unsigned long spins[N];
static int ids[N];

__attribute__((noinline)) void all_started(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((noinline)) void worker_done(int id) { spins[id] += 0; }

static void *worker(void *arg)
{
  int id = *(int *)arg;
  __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
  while (!go)
    spins[id]++;
  worker_done(id);
  return NULL;
}

int main(void)
{
  pthread_t t[N];
  for (int i = 0; i < N; i++) {
    ids[i] = i;
    pthread_create(&t[i], NULL, worker, &ids[i]);
  }
  while (started < N)
    ;
  all_started();
  go = 1;
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  printf("joined %d\n", N);
  return 0;
}
