/* The gdb suite's (86-gdb.sh) static-PIE guest. Debian's cross glibc has no static-PIE
 * support (no rcrt1.o), so the suite builds it with -DGDB_PIE_FREESTANDING -static-pie
 * -nostdlib: its own _start, system calls by ecall, nothing that needs relocating (no pointers
 * in data). The Makefile's ordinary static build is the same program with a main. Its exit
 * status is add()'s result. */

static long sys3(long n, long a, long b, long c)
{
  register long a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

static void say(const char *s)
{
  long n = 0;
  while (s[n])
    n++;
  sys3(64, 1, (long)s, n);   /* write */
}

int counter;

__attribute__((noinline)) int add(int a, int b)
{
  int s = a + b;
  counter += s;
  return s;
}

static int run(void)
{
  int r = add(3, 4);
  say(r == 7 ? "pie add=7\n" : "pie add wrong\n");
  return r;
}

#ifdef GDB_PIE_FREESTANDING
__attribute__((noreturn)) void _start(void)
{
  int r = run();
  sys3(94, r, 0, 0);   /* exit_group */
  __builtin_unreachable();
}
#else
int main(void)
{
  return run();
}
#endif
