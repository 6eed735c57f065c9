/* clone and clone3 as a thread library uses them, without glibc's pthread: the tid words
 * (CLONE_PARENT_SETTID written before clone returns and before the child runs,
 * CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID cleared and futex-woken at exit), CLONE_SETTLS,
 * the new stack, a0 = 0 in the child, registers otherwise inherited. The children make only
 * raw syscalls (they share the parent's glibc TLS). */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct clone_args_v0 {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

/* long raw_clone(nr, args..., fn, arg): the syscall nr with a0..a4 = args; the child calls
 * fn(arg) on its new stack, then exits with fn's result. */
long raw_clone3(struct clone_args_v0 *ca, size_t size, long (*fn)(void *), void *arg);
long raw_clone(unsigned long flags, void *sp, int *ptid, void *tls, int *ctid,
               long (*fn)(void *), void *arg);
__asm__(".globl raw_clone3\n"
        "raw_clone3:\n"
        "  mv t0, a2\n  mv t1, a3\n  li a7, 435\n  ecall\n  bnez a0, 1f\n"
        "  mv a0, t1\n  jalr t0\n  li a7, 93\n  ecall\n"
        "1: ret\n"
        ".globl raw_clone\n"
        "raw_clone:\n"
        "  mv t0, a5\n  mv t1, a6\n  li a7, 220\n  ecall\n  bnez a0, 2f\n"
        "  mv a0, t1\n  jalr t0\n  li a7, 93\n  ecall\n"
        "2: ret\n");

static long sys0(long nr) {
  register long a7 __asm__("a7") = nr, a0 __asm__("a0");
  __asm__ volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
  return a0;
}

static long sys6(long nr, long x0, long x1, long x2, long x3, long x4, long x5) {
  register long a7 __asm__("a7") = nr, a0 __asm__("a0") = x0, a1 __asm__("a1") = x1,
                a2 __asm__("a2") = x2, a3 __asm__("a3") = x3, a4 __asm__("a4") = x4,
                a5 __asm__("a5") = x5;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
                   : "memory");
  return a0;
}

typedef struct child_view {
  int *ptid, *ctid;
  int tid, ptid_seen, ctid_seen;
  uintptr_t tp, sp;
  int s0;
} child_view;

static long child(void *arg) {
  child_view *v = arg;
  v->tid = (int)sys0(SYS_gettid);
  v->ptid_seen = *(volatile int *)v->ptid;
  v->ctid_seen = *(volatile int *)v->ctid;
  __asm__ volatile("mv %0, tp" : "=r"(v->tp));
  __asm__ volatile("mv %0, sp" : "=r"(v->sp));
  return 0;
}

#define STACK 65536
static const unsigned long FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
  CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
  CLONE_CHILD_CLEARTID;

static void report(const char *how, long r, child_view *v, int ptid, volatile int *ctid,
                   char *stack, uintptr_t tls) {
  /* CLONE_CHILD_CLEARTID: wait until the kernel has cleared the word (and woken us) */
  int t;
  while ((t = *ctid) != 0)
    sys6(SYS_futex, (long)ctid, FUTEX_WAIT, t, 0, 0, 0);
  printf("%s: returned a tid %s\n", how, r > 0 && r != getpid() ? "yes" : "NO");
  printf("%s: parent tid word %s\n", how, ptid == r ? "set" : "WRONG");
  printf("%s: child's gettid %s\n", how, v->tid == r ? "matches" : "WRONG");
  printf("%s: child saw parent tid word %s, child tid word %s\n", how,
         v->ptid_seen == r ? "set" : "WRONG", v->ctid_seen == r ? "set" : "WRONG");
  printf("%s: tls %s, stack %s\n", how, v->tp == tls ? "ok" : "WRONG",
         v->sp > (uintptr_t)stack && v->sp <= (uintptr_t)stack + STACK ? "ok" : "WRONG");
  printf("%s: tid word cleared at exit\n", how);
}

int main(void) {
  static char stack1[STACK] __attribute__((aligned(16))), stack2[STACK] __attribute__((aligned(16)));
  static int ptid1, ctid1, ptid2, ctid2;
  static child_view v1, v2;
  uintptr_t tls1 = 0x12345670, tls2 = 0x7654320;

  v1.ptid = &ptid1;
  v1.ctid = &ctid1;
  struct clone_args_v0 ca;
  memset(&ca, 0, sizeof ca);
  ca.flags = FLAGS;
  ca.child_tid = (uintptr_t)&ctid1;
  ca.parent_tid = (uintptr_t)&ptid1;
  ca.stack = (uintptr_t)stack1;
  ca.stack_size = STACK;
  ca.tls = tls1;
  long r = raw_clone3(&ca, sizeof ca, child, &v1);
  if (r == -38) {
    printf("clone3: ENOSYS\n");
  } else {
    report("clone3", r, &v1, ptid1, &ctid1, stack1, tls1);
  }

  v2.ptid = &ptid2;
  v2.ctid = &ctid2;
  r = raw_clone(FLAGS, stack2 + STACK, &ptid2, (void *)tls2, &ctid2, child, &v2);
  report("clone", r, &v2, ptid2, &ctid2, stack2, tls2);
  return 0;
}
