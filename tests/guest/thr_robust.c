/* Robust mutexes: a thread that dies holding one (returns without unlocking, or exits with
 * the raw syscall) leaves it to the next locker with EOWNERDEAD, whether that locker was
 * already waiting or comes later; after pthread_mutex_consistent it works again, and a mutex
 * not made consistent becomes ENOTRECOVERABLE. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t m1, m2, m3;
static volatile int locked;

static void *die_holding(void *arg) {
  pthread_mutex_lock(arg);
  return NULL;   /* the thread ends owning it */
}

static void *die_raw(void *arg) {
  pthread_mutex_lock(arg);
  __atomic_store_n(&locked, 1, __ATOMIC_RELEASE);
  usleep(100000);   /* let main block on it first */
  syscall(SYS_exit, 0);
  return NULL;
}

static void init_robust(pthread_mutex_t *m) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(m, &a);
  pthread_mutexattr_destroy(&a);
}

static const char *name(int e) {
  return e == 0 ? "0" : e == EOWNERDEAD ? "EOWNERDEAD" : e == ENOTRECOVERABLE ?
         "ENOTRECOVERABLE" : strerror(e);
}

int main(void) {
  init_robust(&m1);
  init_robust(&m2);
  init_robust(&m3);
  pthread_t t;

  /* the owner is gone before we try */
  pthread_create(&t, NULL, die_holding, &m1);
  pthread_join(t, NULL);
  int e = pthread_mutex_lock(&m1);
  printf("lock after owner death: %s\n", name(e));
  printf("consistent: %s\n", name(pthread_mutex_consistent(&m1)));
  printf("unlock: %s\n", name(pthread_mutex_unlock(&m1)));
  printf("lock again: %s\n", name(pthread_mutex_lock(&m1)));
  pthread_mutex_unlock(&m1);

  /* we are blocked on it when the owner dies (raw exit: the kernel's robust list walk) */
  pthread_create(&t, NULL, die_raw, &m2);
  while (!__atomic_load_n(&locked, __ATOMIC_ACQUIRE))
    sched_yield();
  e = pthread_mutex_lock(&m2);
  printf("waiter woken by owner death: %s\n", name(e));
  pthread_join(t, NULL);
  pthread_mutex_consistent(&m2);
  pthread_mutex_unlock(&m2);

  /* not made consistent: unusable afterwards */
  pthread_create(&t, NULL, die_holding, &m3);
  pthread_join(t, NULL);
  printf("lock: %s\n", name(pthread_mutex_lock(&m3)));
  printf("unlock without consistent: %s\n", name(pthread_mutex_unlock(&m3)));
  printf("lock after that: %s\n", name(pthread_mutex_lock(&m3)));
  return 0;
}
