/* Thread life: thread-local storage (initialized and zero TLS, per-thread copies, key
 * destructors), guest tids (gettid, tgkill probes, set_tid_address, /proc/self/task),
 * churn (many short threads created and joined), detached threads, and a join after a raw
 * exit syscall (CLONE_CHILD_CLEARTID wakes the joiner). Usage: thr_life [churn-count] */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static __thread long tls_init = 42;
static __thread long tls_zero;
static __thread char tls_buf[256];
static pthread_key_t key;
static long dtor_runs, tls_errors, tid_errors;

static void dtor(void *p) {
  __atomic_fetch_add(&dtor_runs, (long)(intptr_t)p, __ATOMIC_RELAXED);
}

static void *tls_worker(void *arg) {
  long id = (long)(intptr_t)arg;
  if (tls_init != 42 || tls_zero != 0 || tls_buf[0] != 0)
    __atomic_fetch_add(&tls_errors, 1, __ATOMIC_RELAXED);
  tls_init = id * 1000;
  tls_zero = id;
  memset(tls_buf, (int)id, sizeof tls_buf);
  pthread_setspecific(key, (void *)(intptr_t)1);
  for (int i = 0; i < 1000; i++) {
    sched_yield();
    if (tls_init != id * 1000 || tls_zero != id || tls_buf[255] != (char)id)
      __atomic_fetch_add(&tls_errors, 1, __ATOMIC_RELAXED);
  }
  /* This thread's tid: gettid, a signal-0 probe of it, its /proc/self/task entry. */
  pid_t tid = (pid_t)syscall(SYS_gettid);
  char path[64];
  snprintf(path, sizeof path, "/proc/self/task/%d", tid);
  if (tid == getpid() || syscall(SYS_tgkill, getpid(), tid, 0) != 0 || access(path, F_OK) != 0)
    __atomic_fetch_add(&tid_errors, 1, __ATOMIC_RELAXED);
  return (void *)(intptr_t)tid;
}

static void *short_worker(void *arg) {
  __atomic_fetch_add((long *)arg, 1, __ATOMIC_RELAXED);
  return arg;
}

static long detached_done;
static void *detached_worker(void *arg) {
  (void)arg;
  __atomic_fetch_add(&detached_done, 1, __ATOMIC_RELEASE);
  return NULL;
}

/* Ends with the raw exit syscall: no glibc cleanup, but the kernel clears the tid word and
 * wakes pthread_join. */
static void *raw_exit_worker(void *arg) {
  __atomic_store_n((long *)arg, 7, __ATOMIC_RELEASE);
  syscall(SYS_exit, 0);
  return NULL;
}

int main(int argc, char **argv) {
  int churn = argc > 1 ? atoi(argv[1]) : 1000;
  pthread_key_create(&key, dtor);
  tls_init = -1;
  pthread_t t[8];
  pid_t tids[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&t[i], NULL, tls_worker, (void *)(intptr_t)(i + 1));
  for (int i = 0; i < 8; i++) {
    void *r;
    pthread_join(t[i], &r);
    tids[i] = (pid_t)(intptr_t)r;
  }
  int distinct = 1;
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < i; j++)
      if (tids[i] == tids[j])
        distinct = 0;
  printf("tls errors %ld, main tls %ld, destructors %ld\n", tls_errors, tls_init, dtor_runs);
  printf("tid errors %ld, distinct %d\n", tid_errors, distinct);
  printf("main gettid == getpid: %d\n", (pid_t)syscall(SYS_gettid) == getpid());
  pid_t tid_addr = (pid_t)syscall(SYS_set_tid_address, NULL);
  printf("set_tid_address returns the tid: %d\n", tid_addr == getpid());

  /* churn: batches of 8 short threads */
  long ran = 0, joined = 0;
  for (int i = 0; i < churn; i += 8) {
    int n = churn - i < 8 ? churn - i : 8;
    for (int k = 0; k < n; k++)
      if (pthread_create(&t[k], NULL, short_worker, &ran) != 0) {
        printf("pthread_create failed at %d\n", i + k);
        return 1;
      }
    for (int k = 0; k < n; k++) {
      void *r;
      pthread_join(t[k], &r);
      joined += r == &ran;
    }
  }
  printf("churn: %ld ran, %ld joined\n", ran, joined);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  for (int i = 0; i < 16; i++)
    pthread_create(&t[0], &attr, detached_worker, NULL);
  while (__atomic_load_n(&detached_done, __ATOMIC_ACQUIRE) < 16)
    sched_yield();
  printf("detached: %ld done\n", detached_done);

  long flag = 0;
  pthread_create(&t[0], NULL, raw_exit_worker, &flag);
  pthread_join(t[0], NULL);
  printf("raw exit joined, flag %ld\n", flag);
  return 0;
}
