/* Time: the clocks must be sane and consistent (their values are not printed), and the
 * calendar functions on fixed timestamps must format exactly (run with TZ=UTC). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
  time_t t0 = time(NULL);
  struct timespec rt, mono1, mono2, res, cpu;
  clock_gettime(CLOCK_REALTIME, &rt);
  clock_gettime(CLOCK_MONOTONIC, &mono1);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("realtime plausible: %d\n", rt.tv_sec > 1600000000 && rt.tv_sec - t0 <= 1 &&
                                         tv.tv_sec - rt.tv_sec <= 1 && rt.tv_nsec < 1000000000);

  struct timespec nap = {0, 20 * 1000 * 1000};
  int r = nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &mono2);
  long long ns = (mono2.tv_sec - mono1.tv_sec) * 1000000000LL + (mono2.tv_nsec - mono1.tv_nsec);
  printf("nanosleep r=%d slept>=20ms: %d\n", r, ns >= 20000000);
  nap.tv_nsec = 5 * 1000 * 1000;
  r = clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL);
  printf("clock_nanosleep r=%d\n", r);
  struct timespec until;
  clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_nsec += 2000000;
  if (until.tv_nsec >= 1000000000) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000;
  }
  r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
  printf("clock_nanosleep abs r=%d\n", r);
  printf("getres monotonic r=%d ok=%d\n", clock_getres(CLOCK_MONOTONIC, &res),
         res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
  printf("cputime r=%d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu));
  printf("bad clock r=%d\n", clock_gettime((clockid_t)12345, &cpu));
  struct tms tm;
  clock_t ticks = times(&tm);
  printf("times ok=%d\n", ticks != (clock_t)-1);
  struct rusage ru;
  printf("getrusage r=%d maxrss>0=%d\n", getrusage(RUSAGE_SELF, &ru), ru.ru_maxrss > 0);

  /* Calendar arithmetic on fixed points. */
  time_t fixed[] = {0, 951782400, 1234567890, 2147483647, 4102444800LL, -86400};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
    struct tm g, l;
    gmtime_r(&fixed[i], &g);
    localtime_r(&fixed[i], &l);
    char a[128], b[128];
    strftime(a, sizeof a, "%Y-%m-%d %H:%M:%S %a %b %j %U %W %u %Z %z", &g);
    strftime(b, sizeof b, "%c | %x %X | %D %T | %s", &l);
    printf("%lld: %s | %s | mktime=%lld yday=%d wday=%d\n", (long long)fixed[i], a, b,
           (long long)mktime(&l), l.tm_yday, l.tm_wday);
  }
  char *s = ctime(&fixed[2]);
  printf("ctime %s", s);
  struct tm parsed = {0};
  char *end = strptime("2021-07-04 12:34:56", "%Y-%m-%d %H:%M:%S", &parsed);
  printf("strptime rest=%d -> %lld\n", end ? *end : -1, (long long)timegm(&parsed));
  printf("difftime %.1f\n", difftime(fixed[3], fixed[2]));
  return 0;
}
