/* Promotion policy: which engine runs, and after how many entries a block is translated. */
#include "profile/profile.h"

#include "util/options.h"

uint64_t prof_promotions;
static bool jit_off;

bool prof_jit_enabled(void) {
#ifdef __x86_64__
  return !jit_off && rvx_opts.engine != RVX_ENGINE_INTERP;
#else
  return false;
#endif
}

void prof_disable_jit(void) { jit_off = true; }

int32_t prof_initial_heat(void) {
  if (!prof_jit_enabled())
    return INT32_MAX;
  return rvx_opts.jit_threshold > INT32_MAX ? INT32_MAX : (int32_t)rvx_opts.jit_threshold;
}
