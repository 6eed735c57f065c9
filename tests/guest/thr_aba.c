/* LR/SC and A-B-A: thread 1 takes a reservation (lr.w) on a word holding A and waits; thread 2
 * changes the word to B and back to A with LR/SC pairs; thread 1's sc.w must then fail (an
 * intervening store from another hart), although the word holds A again. A value-compare SC
 * (QEMU's) succeeds here. Also: an sc.w to another address than the lr's fails. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static int32_t word = 100;
static volatile int stage;

static void *other(void *arg) {
  (void)arg;
  while (stage != 1)
    ;
  int32_t tmp, fail;
  /* A -> B */
  __asm__ volatile("1: lr.w %0, (%2)\n li %0, 200\n sc.w %1, %0, (%2)\n bnez %1, 1b"
                   : "=&r"(tmp), "=&r"(fail) : "r"(&word) : "memory");
  /* B -> A */
  __asm__ volatile("1: lr.w %0, (%2)\n li %0, 100\n sc.w %1, %0, (%2)\n bnez %1, 1b"
                   : "=&r"(tmp), "=&r"(fail) : "r"(&word) : "memory");
  stage = 2;
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, other, NULL);
  int32_t seen, fail;
  /* lr; tell the other thread to go; spin (plain loads) until it is done; sc */
  __asm__ volatile("lr.w %0, (%2)\n"
                   "li t0, 1\n sw t0, (%3)\n"
                   "1: lw t0, (%3)\n li t1, 2\n bne t0, t1, 1b\n"
                   "li t0, 300\n sc.w %1, t0, (%2)\n"
                   : "=&r"(seen), "=&r"(fail)
                   : "r"(&word), "r"(&stage)
                   : "t0", "t1", "memory");
  pthread_join(t, NULL);
  printf("lr saw %d; sc after A-B-A %s; word %d\n", seen, fail ? "failed" : "SUCCEEDED", word);

  static int32_t other_word;
  __asm__ volatile("lr.w %0, (%2)\n sc.w %1, %0, (%3)\n"
                   : "=&r"(seen), "=&r"(fail) : "r"(&word), "r"(&other_word) : "memory");
  printf("sc to another address %s\n", fail ? "failed" : "SUCCEEDED");
  return 0;
}
