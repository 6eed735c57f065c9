/* The library half of hot.c: a second hot function, in a shared library for the dynamic
 * build (its name must come from the library's symbol table). */
__attribute__((noinline)) long lib_work(long n) {
  long s = 1;
  for (long i = 1; i <= n; i++)
    s += (s << 3) ^ i;
  return s;
}
