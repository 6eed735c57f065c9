/* dlopen/dlsym/dlclose of a guest shared library named by argv[1], and dlerror's messages. */
#define _GNU_SOURCE   /* dladdr */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
  if (argc < 2)
    return 2;
  void *h = dlopen("libnonexistent-rvx.so", RTLD_NOW);
  printf("missing library: %s\n", h ? "opened?!" : dlerror());
  h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  int (*add)(int, int) = (int (*)(int, int))dlsym(h, "demo_add");
  double (*hyp)(double, double) = (double (*)(double, double))dlsym(h, "demo_hypot");
  const char *(*name)(void) = (const char *(*)(void))dlsym(h, "demo_name");
  int *counter = dlsym(h, "demo_counter");
  if (!add || !hyp || !name || !counter) {
    printf("dlsym: %s\n", dlerror());
    return 1;
  }
  printf("%s\n", name());
  printf("add(2, 3) = %d, counter now %d\n", add(2, 3), *counter);
  printf("hypot(5, 12) = %.17g\n", hyp(5, 12));
  void *none = dlsym(h, "no_such_symbol");
  printf("missing symbol: %s\n", none ? "found?!" : "NULL");
  Dl_info info;
  if (dladdr((void *)add, &info) && info.dli_sname)
    printf("dladdr: %s\n", info.dli_sname);
  printf("dlclose: %d\n", dlclose(h));
  return 0;
}
