/* Benchmark: integer hashing and an open-addressing hash table (multiply, shift, xor, loads and
 * stores to a table bigger than the caches). Prints a checksum so all runs can be compared. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TABLE_BITS 20
#define TABLE_SIZE (1u << TABLE_BITS)

static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdu;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53u;
  return x ^ (x >> 33);
}

/* FNV-1a over a byte buffer. */
static uint32_t fnv1a(const unsigned char *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

int main(int argc, char **argv) {
  long rounds = argc > 1 ? atol(argv[1]) : 10;
  uint64_t *keys = calloc(TABLE_SIZE, sizeof *keys);
  uint32_t *vals = calloc(TABLE_SIZE, sizeof *vals);
  unsigned char *bytes = malloc(1 << 16);
  if (!keys || !vals || !bytes) return 1;
  uint64_t sum = 0;
  for (long r = 0; r < rounds; r++) {
    /* Fill the table to 75% with keys derived from the round, count probes. */
    uint64_t probes = 0;
    for (uint32_t i = 0; i < TABLE_SIZE / 4 * 3; i++) {
      uint64_t k = mix(i * 2654435761u + (uint64_t)r) | 1;
      uint32_t h = (uint32_t)(k >> (64 - TABLE_BITS));
      while (keys[h] && keys[h] != k) h = (h + 1) & (TABLE_SIZE - 1), probes++;
      keys[h] = k;
      vals[h] += i;
    }
    /* Look up present and absent keys. */
    uint64_t found = 0;
    for (uint32_t i = 0; i < TABLE_SIZE; i++) {
      uint64_t k = mix(i * 2654435761u + (uint64_t)r) | 1;
      uint32_t h = (uint32_t)(k >> (64 - TABLE_BITS));
      while (keys[h] && keys[h] != k) h = (h + 1) & (TABLE_SIZE - 1);
      if (keys[h] == k) found += vals[h];
    }
    for (int i = 0; i < 1 << 16; i++) bytes[i] = (unsigned char)(mix((uint64_t)i + r) >> 7);
    uint32_t f = 0;
    for (int j = 0; j < 8; j++) f ^= fnv1a(bytes + j, (1 << 16) - 8);
    sum = mix(sum ^ probes) + found + f;
    for (uint32_t i = 0; i < TABLE_SIZE; i++) keys[i] = 0, vals[i] = 0;
  }
  printf("hash: rounds %ld checksum %016llx\n", rounds, (unsigned long long)sum);
  return 0;
}
