/* Signals and threads: pthread_kill reaches the chosen thread (its handler runs there, seen
 * by gettid), whether it spins in guest code or waits on a futex (a condition variable);
 * pthread_cancel (glibc's SIGCANCEL) ends a thread blocked in a syscall; a process signal
 * blocked in every thread but one is handled by that one. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile pid_t handled_by;
static volatile int stop_spin;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile pid_t tids[4];

static void on_usr1(int sig) {
  (void)sig;
  handled_by = (pid_t)syscall(SYS_gettid);
}

static void *spinner(void *arg) {
  tids[0] = (pid_t)syscall(SYS_gettid);
  while (!stop_spin)
    __asm__ volatile("" ::: "memory");
  return arg;
}

static void *waiter(void *arg) {
  tids[1] = (pid_t)syscall(SYS_gettid);
  pthread_mutex_lock(&mu);
  while (!handled_by)
    pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  return arg;
}

static void *sleeper(void *arg) {
  for (;;)
    sleep(10);
  return arg;
}

static void *catcher(void *arg) {
  tids[2] = (pid_t)syscall(SYS_gettid);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  pthread_sigmask(SIG_UNBLOCK, &s, NULL);
  while (!handled_by)
    usleep(1000);
  return arg;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t;

  pthread_create(&t, NULL, spinner, NULL);
  while (!tids[0])
    sched_yield();
  pthread_kill(t, SIGUSR1);
  while (!handled_by)
    sched_yield();
  printf("spinning thread handled it: %s\n", handled_by == tids[0] ? "yes" : "NO");
  stop_spin = 1;
  pthread_join(t, NULL);

  handled_by = 0;
  pthread_create(&t, NULL, waiter, NULL);
  while (!tids[1])
    sched_yield();
  usleep(20000);
  pthread_kill(t, SIGUSR1);
  while (!handled_by)
    sched_yield();
  pthread_mutex_lock(&mu);
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  pthread_join(t, NULL);
  printf("waiting thread handled it: %s\n", handled_by == tids[1] ? "yes" : "NO");

  pthread_create(&t, NULL, sleeper, NULL);
  usleep(20000);
  pthread_cancel(t);
  void *r;
  pthread_join(t, &r);
  printf("cancelled: %s\n", r == PTHREAD_CANCELED ? "yes" : "NO");

  /* Only the catcher leaves SIGUSR1 unblocked: a process-directed kill goes to it. */
  handled_by = 0;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  pthread_create(&t, NULL, catcher, NULL);
  while (!tids[2])
    sched_yield();
  kill(getpid(), SIGUSR1);
  pthread_join(t, NULL);
  printf("process signal went to the unblocked thread: %s\n",
         handled_by == tids[2] ? "yes" : "NO");
  return 0;
}
