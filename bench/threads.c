/* Threaded workload, embarrassingly parallel: N threads (argv[1], default 1) each run the
 * same share of a fixed total amount of integer work (a hash chain over private data) and
 * the checksums are combined at the end. The total work does not depend on N, so the time
 * with N threads against 1 is the speed-up. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TOTAL_WORK 384000000L  /* inner iterations, split between the threads */

typedef struct job {
  long iters;
  uint64_t seed, result;
} job;

static void *work(void *arg) {
  job *j = arg;
  uint64_t data[64];
  for (int i = 0; i < 64; i++)
    data[i] = j->seed * (uint64_t)(i + 1);
  uint64_t h = j->seed;
  for (long k = 0; k < j->iters; k++) {
    uint64_t *d = &data[k & 63];
    h ^= *d;
    h *= 0x100000001b3ULL;
    *d = h >> 7;
  }
  j->result = h;
  return NULL;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1;
  if (n < 1 || n > 64)
    return 2;
  /* 48 equal pieces of work, dealt out to the threads in turn */
  enum { PIECES = 48 };
  job jobs[PIECES];
  for (int i = 0; i < PIECES; i++)
    jobs[i] = (job){ TOTAL_WORK / PIECES, 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1), 0 };
  pthread_t t[64];
  for (int round = 0; round < PIECES; round += n) {
    int m = PIECES - round < n ? PIECES - round : n;
    for (int i = 1; i < m; i++)
      pthread_create(&t[i], NULL, work, &jobs[round + i]);
    work(&jobs[round]);
    for (int i = 1; i < m; i++)
      pthread_join(t[i], NULL);
  }
  uint64_t sum = 0;
  for (int i = 0; i < PIECES; i++)
    sum = sum * 31 + jobs[i].result;
  printf("threads checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
