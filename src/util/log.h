/* One-line diagnostics of rvx itself, always prefixed "rvx: ". */
#ifndef RVX_LOG_H
#define RVX_LOG_H

__attribute__((format(printf, 1, 2))) void log_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2), noreturn)) void log_fatal(const char *fmt, ...);

#endif
