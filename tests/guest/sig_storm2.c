/* A signal storm between two processes: the parent queues N real-time signals (sigqueue, each
 * with its sequence number as value) to the child, which counts them and checks that every
 * value arrives exactly once, in order (Linux delivers queued real-time signals of one number
 * in order); then M rounds of a SIGUSR1 / SIGUSR2 ping-pong, each side waiting in sigsuspend,
 * where a lost signal would hang (the test's time limit catches that). Prints the counts. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_RT 100000
#define N_PING 20000
#define BATCH 1000    /* well below RLIMIT_SIGPENDING */

static volatile sig_atomic_t rt_count, rt_bad, got;
static volatile long rt_next;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
  (void)sig, (void)uc;
  if (si->si_value.sival_int != rt_next)
    rt_bad++;
  rt_next = si->si_value.sival_int + 1;
  rt_count++;
}

static void on_usr(int sig) { got = sig; }

static void handle(int sig, void (*h)(int))
{
  struct sigaction sa = { .sa_handler = h };
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

/* Waits (signals blocked outside sigsuspend) until the handler saw sig. */
static void wait_for(int sig, const sigset_t *open)
{
  while (got != sig)
    sigsuspend(open);
  got = 0;
}

/* Waits until no rt signal is pending: each sigsuspend with only rt open takes at least one. */
static void drain(int rt, const sigset_t *block)
{
  sigset_t only = *block, pend;
  sigdelset(&only, rt);
  for (;;) {
    sigpending(&pend);
    if (!sigismember(&pend, rt))
      return;
    sigsuspend(&only);
  }
}

int main(void)
{
  int rt = SIGRTMIN + 2;
  sigset_t block, open;
  sigemptyset(&block);
  sigaddset(&block, rt);
  sigaddset(&block, SIGUSR1);
  sigaddset(&block, SIGUSR2);
  sigprocmask(SIG_BLOCK, &block, &open);
  sigset_t all_blocked;
  sigprocmask(SIG_BLOCK, NULL, &all_blocked);
  struct sigaction sa = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO };
  sigemptyset(&sa.sa_mask);
  sigaction(rt, &sa, NULL);
  handle(SIGUSR1, on_usr);
  handle(SIGUSR2, on_usr);
  fflush(stdout);

  pid_t parent = getpid();
  pid_t child = fork();
  if (child < 0)
    return 1;
  if (child == 0) {
    kill(parent, SIGUSR2);                   /* ready */
    for (int b = 0; b < N_RT / BATCH; b++) {
      wait_for(SIGUSR1, &open);              /* a batch is queued (some may be in already) */
      drain(rt, &all_blocked);
      kill(parent, SIGUSR2);                 /* taken */
    }
    printf("child: rt received %d, out of order %d\n", (int)rt_count, (int)rt_bad);
    for (int i = 0; i < N_PING; i++) {
      wait_for(SIGUSR1, &open);
      kill(parent, SIGUSR2);
    }
    printf("child: ping-pong %d rounds\n", N_PING);
    return 0;
  }
  wait_for(SIGUSR2, &open);
  long sent = 0;
  for (int b = 0; b < N_RT / BATCH; b++) {
    for (int i = 0; i < BATCH; i++, sent++) {
      union sigval v = { .sival_int = (int)sent };
      if (sigqueue(child, rt, v) != 0)
        return 2;
    }
    kill(child, SIGUSR1);
    wait_for(SIGUSR2, &open);
  }
  for (int i = 0; i < N_PING; i++) {
    kill(child, SIGUSR1);
    wait_for(SIGUSR2, &open);
  }
  int st;
  if (waitpid(child, &st, 0) != child || !WIFEXITED(st))
    return 3;
  printf("parent: queued %ld, ping-pong %d rounds, child status %d\n", sent, N_PING,
         WEXITSTATUS(st));
  return 0;
}
