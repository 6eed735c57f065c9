/* How a threaded process ends. Usage: thr_exit MODE
 *   group     a second thread calls exit(3) while main waits in pthread_join: status 3
 *   main      main calls pthread_exit; the other threads finish their work and print after
 *             it; the last one to end ends the process (glibc: status 0)
 *   return    main returns 5 while other threads still run (exit_group kills them)
 *   raw       a thread ends with the raw exit syscall and main joins it, then returns 0
 *   rawall    main ends with the raw exit syscall (status 4), the other thread later (6):
 *             the process ends when the last thread does, with its status (6) */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t bar;

static void *exiter(void *arg) {
  (void)arg;
  printf("thread: calling exit(3)\n");
  fflush(stdout);
  exit(3);
}

static void *late_worker(void *arg) {
  long id = (long)arg;
  pthread_barrier_wait(&bar);   /* main has called pthread_exit by now (or is about to) */
  usleep(20000 * (unsigned)id);
  printf("worker %ld done after main exited\n", id);
  fflush(stdout);
  return NULL;
}

static void *spinner(void *arg) {
  (void)arg;
  for (;;)
    __asm__ volatile("" ::: "memory");
  return NULL;
}

static void *raw_exit(void *arg) {
  (void)arg;
  syscall(SYS_exit, 9);
  return NULL;
}

static void *raw_exit_late(void *arg) {
  (void)arg;
  usleep(50000);
  printf("last thread: raw exit 6\n");
  fflush(stdout);
  syscall(SYS_exit, 6);
  return NULL;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "group";
  pthread_t t;
  if (strcmp(mode, "group") == 0) {
    pthread_create(&t, NULL, exiter, NULL);
    pthread_join(t, NULL);
    printf("not reached\n");
    return 0;
  }
  if (strcmp(mode, "main") == 0) {
    pthread_barrier_init(&bar, NULL, 4);
    for (long i = 1; i <= 3; i++)
      pthread_create(&t, NULL, late_worker, (void *)i);
    printf("main: pthread_exit\n");
    fflush(stdout);
    pthread_barrier_wait(&bar);
    pthread_exit(NULL);
  }
  if (strcmp(mode, "return") == 0) {
    for (int i = 0; i < 3; i++)
      pthread_create(&t, NULL, spinner, NULL);
    printf("main: returning 5 with spinning threads\n");
    return 5;
  }
  if (strcmp(mode, "raw") == 0) {
    pthread_create(&t, NULL, raw_exit, NULL);
    pthread_join(t, NULL);
    printf("joined a thread that used the raw exit\n");
    return 0;
  }
  if (strcmp(mode, "rawall") == 0) {
    pthread_create(&t, NULL, raw_exit_late, NULL);
    syscall(SYS_exit, 4);
  }
  return 2;
}
