/* Guest threads: the first one (more come with clone). */
#define _GNU_SOURCE
#include "os/thread.h"

#include <unistd.h>

#include "exc/exc.h"

__thread os_thread *os_self;

os_thread *os_thread_first(void)
{
  static os_thread first;
  first.tid = gettid();
  os_self = &first;
  exc_cpu = &first.cpu;
  return &first;
}
