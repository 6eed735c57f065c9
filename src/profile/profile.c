/* Promotion policy: which engine runs, and after how many entries a block is translated. */
#include "profile/profile.h"

#include "util/options.h"

uint64_t prof_promotions;
/* Set by the first clone of a thread while other threads read it: an atomic flag. */
static bool jit_off;

bool prof_jit_enabled(void) {
#ifdef __x86_64__
  return !__atomic_load_n(&jit_off, __ATOMIC_RELAXED) && rvx_opts.engine != RVX_ENGINE_INTERP;
#else
  return false;
#endif
}

void prof_disable_jit(void) { __atomic_store_n(&jit_off, true, __ATOMIC_RELAXED); }

int32_t prof_initial_heat(void) {
  if (!prof_jit_enabled())
    return INT32_MAX;
  return rvx_opts.jit_threshold > INT32_MAX ? INT32_MAX : (int32_t)rvx_opts.jit_threshold;
}
