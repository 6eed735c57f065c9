/* libm: elementary functions, rounding, fma, remainders and classification over a fixed set of
 * inputs, printed exactly (%.17g and %a) so any last-bit difference shows. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double in[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, 2.5, -2.5, 3.0, 0.1, 10.0,
                            -7.25, 100.75, 1e-10, 1e10, 123456.789, M_PI, -M_PI / 3, 700.0,
                            -745.0, 1e308, 4.9e-324, INFINITY, -INFINITY, NAN};
#define N (sizeof in / sizeof in[0])

static void show(const char *name, double x, double r)
{
  printf("%s(%.17g) = %.17g %a\n", name, x, r, r);
}

static void show2(const char *name, double x, double y, double r)
{
  printf("%s(%.17g, %.17g) = %.17g %a\n", name, x, y, r, r);
}

int main(void)
{
  struct { const char *name; double (*f)(double); } one[] = {
    {"sin", sin}, {"cos", cos}, {"tan", tan}, {"asin", asin}, {"acos", acos}, {"atan", atan},
    {"sinh", sinh}, {"cosh", cosh}, {"tanh", tanh}, {"exp", exp}, {"exp2", exp2},
    {"expm1", expm1}, {"log", log}, {"log2", log2}, {"log10", log10}, {"log1p", log1p},
    {"sqrt", sqrt}, {"cbrt", cbrt}, {"floor", floor}, {"ceil", ceil}, {"round", round},
    {"trunc", trunc}, {"rint", rint}, {"nearbyint", nearbyint}, {"fabs", fabs},
    {"erf", erf}, {"tgamma", tgamma}, {"lgamma", lgamma}};
  for (size_t k = 0; k < sizeof one / sizeof one[0]; k++)
    for (size_t i = 0; i < N; i++)
      show(one[k].name, in[i], one[k].f(in[i]));

  for (size_t i = 0; i < N; i++) {
    double x = in[i];
    show2("pow", x, 2.5, pow(x, 2.5));
    show2("pow", 1.0001, x, pow(1.0001, x));
    show2("atan2", x, -1.5, atan2(x, -1.5));
    show2("fmod", x, 0.7, fmod(x, 0.7));
    show2("remainder", x, 0.7, remainder(x, 0.7));
    show2("hypot", x, 3.0, hypot(x, 3.0));
    show2("fmin", x, 1.0, fmin(x, 1.0));
    show2("fmax", x, 1.0, fmax(x, 1.0));
    show2("copysign", 2.0, x, copysign(2.0, x));
    show2("nextafter", x, 0.0, nextafter(x, 0.0));
    printf("fma(%.17g, 3, 1e-17) = %a\n", x, fma(x, 3.0, 1e-17));
    if (isfinite(x) && fabs(x) < 1e18)
      printf("lround(%.17g) = %ld llrint = %lld\n", x, lround(x), llrint(x));
    int e;
    double m = frexp(x, &e);
    printf("frexp(%.17g) = %a, %d; ldexp = %a; modf int part = %a\n", x, m, e,
           ldexp(x, 7), modf(x, &m));
    printf("class %d %d %d %d %d\n", fpclassify(x), isnan(x) != 0, isinf(x), signbit(x) != 0,
           isnormal(x) != 0);
  }

  /* Rounding modes around the same operations. */
  int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  const char *mname[] = {"nearest", "up", "down", "zero"};
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    volatile double a = 1.0, b = 3.0;
    printf("mode %s: 1/3=%a rint(2.5)=%g rint(-2.5)=%g sqrt(2)=%a fma=%a\n", mname[m], a / b,
           rint(2.5), rint(-2.5), sqrt(2.0), fma(a / b, b, -1.0));
  }
  fesetround(FE_TONEAREST);

  /* Exception flags. */
  feclearexcept(FE_ALL_EXCEPT);
  volatile double z = 0.0, one1 = 1.0;
  volatile double r = one1 / z;
  printf("div0 %g flags=%d\n", r, fetestexcept(FE_DIVBYZERO) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = sqrt(-one1);
  printf("sqrt(-1) nan=%d invalid=%d\n", isnan(r), fetestexcept(FE_INVALID) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  r = DBL_MAX * 2;
  printf("overflow %g flags=%d inexact=%d\n", r, fetestexcept(FE_OVERFLOW) != 0,
         fetestexcept(FE_INEXACT) != 0);

  /* Single precision versions. */
  float fs[] = {0.1f, 1.5f, -2.75f, 100.0f, 1e-20f};
  for (int i = 0; i < 5; i++)
    printf("f %a: sinf %a expf %a logf %a sqrtf %a powf %a roundf %a fmaf %a\n", (double)fs[i],
           (double)sinf(fs[i]), (double)expf(fs[i]), (double)logf(fabsf(fs[i])),
           (double)sqrtf(fabsf(fs[i])), (double)powf(fabsf(fs[i]), 1.5f),
           (double)roundf(fs[i]), (double)fmaf(fs[i], fs[i], -1.0f));
  return 0;
}
