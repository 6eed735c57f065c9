/* rvx --version: the version (the VERSION file, which the Makefile passes as RVX_VERSION) and
 * how this rvx was built, all known at compile time. */
#include "util/cmdline.h"

#ifndef RVX_VERSION
#define RVX_VERSION "unknown"
#endif

#ifdef __clang__
#define BUILD_CC __VERSION__   /* "Debian Clang 14.0.6" */
#else
#define BUILD_CC "gcc " __VERSION__
#endif

#ifdef __OPTIMIZE__
#define BUILD_OPT "optimized"
#else
#define BUILD_OPT "not optimized"
#endif

#ifdef __x86_64__
#define BUILD_JIT "yes (x86-64; --engine=jit, the default)"
#else
#define BUILD_JIT "no (this host is not x86-64: the interpreter runs everything)"
#endif

#ifdef RVX_INTERP_SWITCH
#define BUILD_DISPATCH "switch"
#else
#define BUILD_DISPATCH "computed goto"
#endif

#ifdef RVX_CANARY
#define BUILD_CANARY "yes (guard words checked; a test build)"
#else
#define BUILD_CANARY "no"
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SAN_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define SAN_TSAN 1
#endif
#endif
#if (defined(__SANITIZE_ADDRESS__) || defined(SAN_ASAN)) && \
    (defined(__SANITIZE_THREAD__) || defined(SAN_TSAN))
#define BUILD_SAN "address, thread"
#elif defined(__SANITIZE_ADDRESS__) || defined(SAN_ASAN)
#define BUILD_SAN "address"
#elif defined(__SANITIZE_THREAD__) || defined(SAN_TSAN)
#define BUILD_SAN "thread"
#else
#define BUILD_SAN "none"
#endif

const char rvx_version_line[] =
  "rvx " RVX_VERSION " (riscv64 RV64GC Linux guest, x86-64 Linux host)\n"
  "compiler: " BUILD_CC ", " BUILD_OPT "\n"
  "translator: " BUILD_JIT "\n"
  "interpreter dispatch: " BUILD_DISPATCH "\n"
  "Zydis: no (rvx is linked statically; -d out_asm logs host code as hex bytes and\n"
  "  tools/rvx-jitdis disassembles them with Zydis)\n"
  "canary build: " BUILD_CANARY "\n"
  "sanitizers (address, thread): " BUILD_SAN "\n";
