/* pthread synchronization under real parallelism, with exact results: a mutex-protected
 * counter, a condition-variable producer/consumer queue, barrier phases, a rwlock-protected
 * pair that readers must always see consistent, and semaphores. */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NT 4

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *mutex_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 20000; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

/* A bounded queue: NT producers push 1..N each, NT consumers sum what they pop. */
#define QCAP 16
#define PER_PRODUCER 5000
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long queue[QCAP];
static int qhead, qlen, producers_left = NT;

static void *producer(void *arg) {
  (void)arg;
  for (long v = 1; v <= PER_PRODUCER; v++) {
    pthread_mutex_lock(&qmu);
    while (qlen == QCAP)
      pthread_cond_wait(&not_full, &qmu);
    queue[(qhead + qlen++) % QCAP] = v;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&qmu);
  }
  pthread_mutex_lock(&qmu);
  if (--producers_left == 0)
    pthread_cond_broadcast(&not_empty);
  pthread_mutex_unlock(&qmu);
  return NULL;
}

static void *consumer(void *arg) {
  long *sum = arg;
  for (;;) {
    pthread_mutex_lock(&qmu);
    while (qlen == 0 && producers_left > 0)
      pthread_cond_wait(&not_empty, &qmu);
    if (qlen == 0) {
      pthread_mutex_unlock(&qmu);
      return NULL;
    }
    long v = queue[qhead];
    qhead = (qhead + 1) % QCAP;
    qlen--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&qmu);
    *sum += v;
  }
}

/* Barrier phases: in phase p every thread writes slot[id] = p * 100 + id, then after the
 * barrier checks every other slot. */
#define PHASES 200
static pthread_barrier_t bar;
static int slots[NT];
static long barrier_errors, serial_count;

static void *barrier_worker(void *arg) {
  int id = (int)(intptr_t)arg;
  for (int p = 0; p < PHASES; p++) {
    slots[id] = p * 100 + id;
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
      __atomic_fetch_add(&serial_count, 1, __ATOMIC_RELAXED);
    for (int j = 0; j < NT; j++)
      if (slots[j] != p * 100 + j)
        __atomic_fetch_add(&barrier_errors, 1, __ATOMIC_RELAXED);
    pthread_barrier_wait(&bar);
  }
  return NULL;
}

/* rwlock: writers keep a == -b; readers check it. */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static volatile long pa, pb;
static long rw_errors, rw_reads;

static void *rw_reader(void *arg) {
  (void)arg;
  for (int i = 0; i < 20000; i++) {
    pthread_rwlock_rdlock(&rw);
    if (pa != -pb)
      __atomic_fetch_add(&rw_errors, 1, __ATOMIC_RELAXED);
    pthread_rwlock_unlock(&rw);
    __atomic_fetch_add(&rw_reads, 1, __ATOMIC_RELAXED);
  }
  return NULL;
}

static void *rw_writer(void *arg) {
  (void)arg;
  for (int i = 0; i < 5000; i++) {
    pthread_rwlock_wrlock(&rw);
    pa = pa + 1;
    for (volatile int k = 0; k < 10; k++)
      ;
    pb = pb - 1;
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}

/* Semaphores: a ping-pong between two threads. */
static sem_t ping, pong;
static long rounds;

static void *ponger(void *arg) {
  (void)arg;
  for (int i = 0; i < 2000; i++) {
    sem_wait(&ping);
    rounds++;
    sem_post(&pong);
  }
  return NULL;
}

int main(void) {
  pthread_t t[2 * NT];
  for (int i = 0; i < NT; i++)
    pthread_create(&t[i], NULL, mutex_worker, NULL);
  for (int i = 0; i < NT; i++)
    pthread_join(t[i], NULL);
  printf("mutex counter %ld (expect %d)\n", counter, NT * 20000);

  long sums[NT] = { 0 };
  for (int i = 0; i < NT; i++) {
    pthread_create(&t[i], NULL, producer, NULL);
    pthread_create(&t[NT + i], NULL, consumer, &sums[i]);
  }
  for (int i = 0; i < 2 * NT; i++)
    pthread_join(t[i], NULL);
  long total = 0;
  for (int i = 0; i < NT; i++)
    total += sums[i];
  printf("condvar queue sum %ld (expect %ld)\n", total,
         (long)NT * PER_PRODUCER * (PER_PRODUCER + 1) / 2);

  pthread_barrier_init(&bar, NULL, NT);
  for (int i = 0; i < NT; i++)
    pthread_create(&t[i], NULL, barrier_worker, (void *)(intptr_t)i);
  for (int i = 0; i < NT; i++)
    pthread_join(t[i], NULL);
  pthread_barrier_destroy(&bar);
  printf("barrier errors %ld, serial threads %ld (expect %d)\n", barrier_errors, serial_count,
         PHASES);

  for (int i = 0; i < NT; i++)
    pthread_create(&t[i], NULL, i < 2 ? rw_writer : rw_reader, NULL);
  for (int i = 0; i < NT; i++)
    pthread_join(t[i], NULL);
  printf("rwlock errors %ld, reads %ld, a %ld b %ld\n", rw_errors, rw_reads, pa, pb);

  sem_init(&ping, 0, 0);
  sem_init(&pong, 0, 0);
  pthread_create(&t[0], NULL, ponger, NULL);
  for (int i = 0; i < 2000; i++) {
    sem_post(&ping);
    sem_wait(&pong);
  }
  pthread_join(t[0], NULL);
  printf("semaphore rounds %ld\n", rounds);
  return 0;
}
