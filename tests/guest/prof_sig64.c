/* Signal 64 (SIGRTMAX) belongs to the guest even while rvx's profiler samples with it: a
 * handler the guest installs runs for a signal it sends itself, with the value it sent, while
 * a busy loop runs long enough to be sampled. Prints what the handler saw. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got, value;

static void on_rtmax(int sig, siginfo_t *si, void *uc)
{
  (void)uc;
  got = sig;
  value = si->si_value.sival_int;
}

int main(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_rtmax;
  sa.sa_flags = SA_SIGINFO;
  if (sigaction(SIGRTMAX, &sa, NULL) < 0) {
    perror("sigaction");
    return 1;
  }
  volatile unsigned long x = 0;
  for (unsigned long i = 0; i < 100000000UL; i++)   /* sampled meanwhile */
    x += i ^ (x >> 3);
  union sigval v = { .sival_int = 4242 };
  sigqueue(getpid(), SIGRTMAX, v);
  for (int i = 0; i < 1000 && !got; i++)
    usleep(1000);
  printf("signal %d value %d\n", (int)got, (int)value);
  return got == SIGRTMAX && value == 4242 ? 0 : 1;
}
