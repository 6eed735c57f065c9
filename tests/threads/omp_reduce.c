/* OpenMP: parallel-for reductions (sum, max), a critical section, atomics, and the thread
 * count the runtime reports (OMP_NUM_THREADS is set by the test). Results are exact. */
#include <omp.h>
#include <stdio.h>

int main(void) {
  long sum = 0;
  long maxv = 0;
  long crit = 0, atom = 0;
  int nthreads = 0;
#pragma omp parallel
  {
#pragma omp single
    nthreads = omp_get_num_threads();
  }
#pragma omp parallel for reduction(+ : sum) reduction(max : maxv) schedule(dynamic, 1000)
  for (long i = 1; i <= 2000000; i++) {
    sum += i % 7 == 0 ? i : 1;
    long v = (i * 7919) % 1000003;
    if (v > maxv)
      maxv = v;
  }
#pragma omp parallel for
  for (int i = 0; i < 10000; i++) {
#pragma omp critical
    crit += i;
#pragma omp atomic
    atom += 2;
  }
  double pi = 0;
#pragma omp parallel for reduction(+ : pi)
  for (int i = 0; i < 1000000; i++)
    pi += (i % 2 ? -4.0 : 4.0) / (2 * i + 1);
  printf("threads %d\nsum %ld\nmax %ld\ncritical %ld\natomic %ld\npi %.6f\n", nthreads, sum,
         maxv, crit, atom, pi);
  return 0;
}
