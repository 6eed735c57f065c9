/* Canary words in rvx's own memory for the confinement tests (a build with -DRVX_CANARY
 * only; tests/suites/90-confine.sh makes it): static data, the heap, the host stack of every
 * thread, and a page on each side of every mapping rvx makes with mmap(NULL, ...) (the guest
 * reservation, the code cache, the block arena...). They are checked at exit: a changed word
 * is reported ("rvx: canary: ...") and rvx exits with RVX_CANARY_STATUS. */
#ifndef RVX_CANARY_H
#define RVX_CANARY_H

#define RVX_CANARY_STATUS 86

#ifdef RVX_CANARY
/* Places the static, heap and main-stack canaries (the main stack's live in main's frame,
 * hence the macro). RVX_CANARY_SELFTEST=WHERE in the environment overwrites one on purpose
 * at exit, so that the tests can see a violation reported: data, bss, heap, stack, map. */
#define canary_init()                         \
  volatile unsigned long canary_main_frame_[32]; \
  canary_setup((unsigned long *)canary_main_frame_)
void canary_setup(unsigned long *main_frame);
/* Checks every canary; on a violation reports it and _exits. Async-signal-safe. */
void canary_check(void);
#else
#define canary_init() ((void)0)
static inline void canary_check(void) {}
#endif

#endif
