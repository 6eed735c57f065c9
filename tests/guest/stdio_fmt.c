/* stdio formatting and parsing: printf of integers and floats (%d %x %o %e %f %g %a), scanf
 * and strtod round trips, snprintf truncation, and reading lines from stdin. */
#define _GNU_SOURCE
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void ints(void)
{
  long long v[] = {0, 1, -1, 42, -42, INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN, 1234567890123LL};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    printf("int %lld|%+lld|%20lld|%-20lld|%llx|%llo|%#llx|%020lld\n", v[i], v[i], v[i], v[i],
           (unsigned long long)v[i], (unsigned long long)v[i], (unsigned long long)v[i], v[i]);
  printf("u %u %lu %zu %" PRIu64 " %" PRIx64 " %hhd %hd\n", UINT_MAX, ULONG_MAX, (size_t)-1,
         UINT64_MAX, UINT64_MAX, (signed char)200, (short)70000);
  printf("chars %c%c%c [%5s] [%-5s] [%.2s] %%\n", 'a', 'b', 'c', "xy", "xy", "xyz");
}

static void floats(void)
{
  double v[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 2.0 / 3, 1e300, 1e-300, 123456789.125,
                DBL_MAX, DBL_MIN, DBL_TRUE_MIN, DBL_EPSILON, M_PI, M_E, 1e21, 1e22, 5e-324,
                0.5, 2.5, 3.5, -2.5, 9007199254740993.0};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    printf("dbl %.17g|%g|%e|%.3f|%a|%.0f|%10.4g|%-12.3e|%A\n", v[i], v[i], v[i], v[i], v[i],
           v[i], v[i], v[i], v[i]);
  }
  printf("special %f %f %f %g %a\n", INFINITY, -INFINITY, NAN, -NAN, INFINITY);
  float f[] = {0.1f, 1.0f / 3, FLT_MAX, FLT_MIN, 16777217.0f};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    printf("flt %.9g %a %e\n", (double)f[i], (double)f[i], (double)f[i]);
  long double ld = 1.0L / 3;
  printf("ldbl %.33Lg %La\n", ld, ld);
}

static void roundtrips(void)
{
  const char *in[] = {"0", "1e-5", "3.14159265358979323846", "-2.5e+10", "0x1.8p3", "1e400",
                      "4.9406564584124654e-324", "inf", "-nan", "123abc", "  42.5", ".5", "1e",
                      "2.2250738585072011e-308", "0.1", "100000000000000000000000"};
  for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
    char *end;
    double d = strtod(in[i], &end);
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    double back = strtod(buf, NULL);
    printf("strtod \"%s\" -> %.17g (%a) rest=\"%s\" roundtrip=%s\n", in[i], d, d, end,
           (back == d || (isnan(back) && isnan(d))) ? "ok" : "BAD");
  }
  float ff = strtof("0.1", NULL);
  long double ll = strtold("0.1", NULL);
  printf("strtof %a strtold %La\n", (double)ff, ll);
  printf("strtol %ld %ld %lu %lld\n", strtol("-123", NULL, 10), strtol("0x7f", NULL, 0),
         strtoul("777", NULL, 8), strtoll("9223372036854775807", NULL, 10));

  int a, b;
  double x;
  char word[16];
  int n = sscanf("17 -4 2.75 hello", "%d %d %lf %15s", &a, &b, &x, word);
  printf("sscanf n=%d a=%d b=%d x=%g w=%s\n", n, a, b, x, word);
  unsigned h;
  n = sscanf("ff:12", "%x:%d", &h, &a);
  printf("sscanf hex n=%d h=%u a=%d\n", n, h, a);
}

static void snprintf_edges(void)
{
  char buf[8];
  int n = snprintf(buf, sizeof buf, "%s", "abcdefghijkl");
  printf("snprintf n=%d buf=%s\n", n, buf);
  n = snprintf(NULL, 0, "%d-%d", 123, 456);
  printf("snprintf null n=%d\n", n);
  char *s;
  n = asprintf(&s, "%.*f|%*d", 3, 2.0 / 3, 6, 42);
  printf("asprintf n=%d s=%s\n", n, s);
  free(s);
}

/* Reads stdin lines, numbers them and sums the numbers found. */
static void from_stdin(void)
{
  char line[256];
  double sum = 0;
  int lines = 0;
  while (fgets(line, sizeof line, stdin)) {
    lines++;
    line[strcspn(line, "\n")] = 0;
    double d;
    if (sscanf(line, "%lf", &d) == 1)
      sum += d;
    printf("stdin %d: [%s]\n", lines, line);
  }
  printf("stdin lines=%d sum=%.17g\n", lines, sum);
}

int main(void)
{
  ints();
  floats();
  roundtrips();
  snprintf_edges();
  from_stdin();
  fprintf(stderr, "stderr line %d\n", 7);
  return 0;
}
