/* Linked into the sanitizer builds of rvx (make check SANITIZE=...): the runtime options that
 * let the sanitizers coexist with rvx, built in so that they hold even where a test runs rvx
 * with an empty environment; ASAN_OPTIONS and friends still override them. Why each one:
 * docs/SECURITY.md, "Sanitizers". Compiled without instrumentation (the runtimes call these
 * before they are initialised). */
const char *__asan_default_options(void);
const char *__ubsan_default_options(void);
const char *__tsan_default_options(void);
const char *__lsan_default_options(void);

const char *__asan_default_options(void)
{
  return "handle_segv=0:handle_sigbus=0:handle_sigill=0:handle_sigfpe=0:handle_abort=0:"
         "allow_user_segv_handler=1:use_sigaltstack=0:detect_leaks=0:"
         "detect_stack_use_after_return=0:exitcode=99";
}

const char *__ubsan_default_options(void)
{
  return "print_stacktrace=1:halt_on_error=1:exitcode=99";
}

const char *__tsan_default_options(void)
{
  return "handle_segv=0:handle_sigbus=0:handle_sigill=0:handle_sigfpe=0:handle_abort=0:"
         "report_signal_unsafe=0:die_after_fork=0:halt_on_error=1:exitcode=99";
}

const char *__lsan_default_options(void)
{
  return "detect_leaks=0";
}
