/* Benchmark: libc string work: formatting and parsing numbers (snprintf, strtoull), searching
 * (strstr, strchr), copying (memcpy, memmove) and comparing (strcmp). Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  long rounds = argc > 1 ? atol(argv[1]) : 600;
  enum { LINES = 4000, LEN = 64 };
  static char text[LINES * LEN + 1], copy[LINES * LEN + 1];
  uint64_t h = 1469598103934665603u, x = 12345;
  for (long r = 0; r < rounds; r++) {
    /* Format lines of numbers and words. */
    size_t pos = 0;
    for (int i = 0; i < LINES; i++) {
      x = x * 6364136223846793005u + 1442695040888963407u;
      pos += (size_t)snprintf(text + pos, LEN, "%llu:%x:%s;", (unsigned long long)(x >> 20),
                              (unsigned)(x & 0xffff), (x >> 60) & 1 ? "needle" : "hay");
    }
    /* Parse them back. */
    uint64_t sum = 0;
    for (char *p = text; *p;) {
      char *end;
      sum += strtoull(p, &end, 10);
      sum += strtoull(end + 1, &end, 16);
      p = strchr(end, ';') + 1;
    }
    /* Search and copy. */
    size_t needles = 0;
    for (const char *p = text; (p = strstr(p, "needle")) != NULL; p += 6) needles++;
    size_t n = strlen(text);
    memcpy(copy, text, n + 1);
    for (int i = 0; i < 200; i++) memmove(copy + (i * 7) % 1024, copy + 4096 + i, 20000);
    int c = strcmp(text, copy);
    h = (h ^ sum ^ needles ^ n ^ (uint64_t)(c > 0) ^ (uint64_t)(c < 0) << 1) * 1099511628211u;
  }
  printf("strings: rounds %ld checksum %016llx\n", rounds, (unsigned long long)h);
  return 0;
}
