/* ThreadSanitizer builds only (make check SANITIZE=thread): what keeps rvx's signal handling
 * out of the TSan runtime's way (docs/SECURITY.md, "Sanitizers"). Every macro here is empty,
 * or the identity, in a normal build. */
#ifndef RVX_UTIL_TSAN_H
#define RVX_UTIL_TSAN_H

/* The same detection as MEM_GUEST_TSAN (mem/mem.h): gcc says __SANITIZE_THREAD__, clang
 * answers __has_feature. */
#if defined(__SANITIZE_THREAD__)
#define RVX_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RVX_TSAN 1
#endif
#endif

/* rvx installs its handler for the guest's signals with the raw rt_sigaction (os/signal_host.c),
 * so TSan does not wrap it and does not defer the signal to its next interceptor (guest code,
 * interpreted or translated, never calls one: a thread spinning in guest code would never see
 * its signal). The kernel then runs the handler anywhere, also inside the TSan runtime while it
 * holds the thread's slot lock; instrumented code in the handler (an atomic, or a plain access
 * that switches the trace part) takes that lock again and deadlocks. So the functions the
 * handler runs carry TSAN_SIGNAL_HANDLER: no instrumentation at all, atomics included (clang's
 * no_sanitize("thread") still instruments atomics), and no call to an intercepted function.
 * What they touch is the signalled thread's own state, so TSan loses no cross-thread order. */
#ifdef RVX_TSAN
#if defined(__has_attribute)
#if __has_attribute(disable_sanitizer_instrumentation)
#define TSAN_SIGNAL_HANDLER __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef TSAN_SIGNAL_HANDLER
#define TSAN_SIGNAL_HANDLER __attribute__((no_sanitize_thread))
#endif
/* A copy of a fixed size that is never a call to the memcpy TSan intercepts. */
#if defined(__clang__)
#define TSAN_SIGNAL_COPY(d, s, n) __builtin_memcpy_inline((d), (s), (n))
#else
#define TSAN_SIGNAL_COPY(d, s, n) __builtin_memcpy((d), (s), (n))
#endif
#else
#define TSAN_SIGNAL_HANDLER
#define TSAN_SIGNAL_COPY(d, s, n) memcpy((d), (s), (n))
#endif

/* The interpreter's AMOs and LR/SC are host atomics on guest memory, which TSan runs inside its
 * runtime with the thread's slot lock held: a guest fault there (an AMO on an unmapped or
 * read-only page) would enter rvx's fault handler, which takes an (intercepted) mutex and
 * leaves by siglongjmp, with that lock held: a deadlock. So the TSan build first touches the
 * guest word with an uninstrumented access that faults the same way (same page, same address,
 * same kind: a write for AMO and SC, a read for LR), outside the runtime. `lock or $0` leaves
 * the word as it is, atomically. p is returned. */
#ifdef RVX_TSAN
#define TSAN_GUEST_RMW(p) ({                                   \
    __typeof__(p) tq_ = (p);                                   \
    __asm__ volatile("lock orb $0, %0" : "+m"(*(char *)tq_) :: "memory"); \
    tq_;                                                       \
  })
#define TSAN_GUEST_READ(p) ({                                  \
    __typeof__(p) tq_ = (p);                                   \
    char tv_;                                                  \
    __asm__ volatile("movb %1, %0" : "=q"(tv_) : "m"(*(const char *)tq_)); \
    (void)tv_;                                                 \
    tq_;                                                       \
  })
#else
#define TSAN_GUEST_RMW(p) (p)
#define TSAN_GUEST_READ(p) (p)
#endif

#endif
