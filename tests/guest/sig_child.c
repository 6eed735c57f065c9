/* SIGCHLD: the handler's siginfo (si_pid, si_status, si_code) for children that exit and are
 * killed, waitpid after it, waitpid interrupted by SIGALRM (EINTR), and SA_NOCLDWAIT
 * (children reaped by the kernel: waitpid says ECHILD). Mode "probe" only tells whether fork
 * works. The output is the same under qemu-riscv64 and Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld, alrm;
static volatile pid_t last_pid;
static volatile int last_status, last_code;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
  (void)sig, (void)uc;
  chld++;
  last_pid = si->si_pid;
  last_status = si->si_status;
  last_code = si->si_code;
}

static void on_alrm(int sig) { (void)sig; alrm++; }

static const char *code_name(int c)
{
  return c == CLD_EXITED ? "CLD_EXITED" : c == CLD_KILLED ? "CLD_KILLED" :
         c == CLD_DUMPED ? "CLD_DUMPED" : "?";
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1 && !strcmp(argv[1], "probe")) {
    pid_t p = fork();
    if (p == 0)
      _exit(0);
    puts(p < 0 ? "nofork" : "fork");
    if (p > 0)
      waitpid(p, NULL, 0);
    return 0;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGCHLD, &sa, NULL);
  sigset_t block, empty;
  sigemptyset(&block);
  sigaddset(&block, SIGCHLD);
  sigemptyset(&empty);
  sigprocmask(SIG_BLOCK, &block, NULL);

  for (int round = 0; round < 2; round++) {
    pid_t p = fork();
    if (p == 0) {
      if (round == 0)
        _exit(3);
      signal(SIGTERM, SIG_DFL);
      raise(SIGTERM);
      _exit(9);
    }
    while (!chld)
      sigsuspend(&empty);
    int st = 0;
    pid_t w = waitpid(p, &st, 0);
    printf("round %d: chld %d pid ok %d code %s status %d; waitpid ok %d %s %d\n", round,
           (int)chld, last_pid == p, code_name(last_code), last_status, w == p,
           WIFEXITED(st) ? "exited" : WIFSIGNALED(st) ? "signaled" : "?",
           WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
    chld = 0;
  }
  sigprocmask(SIG_UNBLOCK, &block, NULL);

  /* waitpid for a child that sleeps: SIGALRM without SA_RESTART interrupts it. */
  struct sigaction al;
  memset(&al, 0, sizeof al);
  al.sa_handler = on_alrm;   /* no SA_RESTART */
  sigaction(SIGALRM, &al, NULL);
  pid_t p = fork();
  if (p == 0) {
    sleep(1);
    _exit(0);
  }
  struct itimerval it = { { 0, 0 }, { 0, 50000 } };
  setitimer(ITIMER_REAL, &it, NULL);
  int st;
  pid_t w = waitpid(p, &st, 0);
  printf("waitpid interrupted: %d %s alrm %d\n", (int)w, w < 0 && errno == EINTR ? "EINTR" : "?",
         (int)alrm);
  w = waitpid(p, &st, 0);
  printf("waitpid again: ok %d\n", w == p);

  /* SA_NOCLDWAIT: no zombies, waitpid has nothing to wait for. */
  sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT;
  sigaction(SIGCHLD, &sa, NULL);
  chld = 0;
  sigprocmask(SIG_BLOCK, &block, NULL);   /* no SIGCHLD between the test and the wait */
  p = fork();
  if (p == 0)
    _exit(1);
  while (!chld)
    sigsuspend(&empty);
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  w = waitpid(-1, &st, 0);
  printf("nocldwait: chld %d waitpid %d %s\n", (int)chld, (int)w,
         w < 0 && errno == ECHILD ? "ECHILD" : "?");
  return 0;
}
