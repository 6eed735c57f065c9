/* Benchmark: a branchy interpreter loop: a small register bytecode machine (switch dispatch,
 * unpredictable branches) running a Collatz-length sum and a prime sieve. Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op { LI, MOV, ADD, ADDI, MULI, ANDI, SHRI, LOADM, STOREM, BGE, BEQI, BNEI, JMP, HALT };
struct insn { uint8_t op, a, b; int32_t c; };

static int64_t run(const struct insn *code, int64_t *r, int64_t *mem) {
  uint64_t steps = 0;
  for (const struct insn *pc = code;; steps++) {
    const struct insn *i = pc++;
    switch (i->op) {
    case LI: r[i->a] = i->c; break;
    case MOV: r[i->a] = r[i->b]; break;
    case ADD: r[i->a] += r[i->b]; break;
    case ADDI: r[i->a] = r[i->b] + i->c; break;
    case MULI: r[i->a] = r[i->b] * i->c; break;
    case ANDI: r[i->a] = r[i->b] & i->c; break;
    case SHRI: r[i->a] = r[i->b] >> i->c; break;
    case LOADM: r[i->a] = mem[r[i->b]]; break;
    case STOREM: mem[r[i->b]] = r[i->a]; break;
    case BGE: if (r[i->a] >= r[i->b]) pc = code + i->c; break;
    case BEQI: if (r[i->a] == i->b) pc = code + i->c; break;
    case BNEI: if (r[i->a] != i->b) pc = code + i->c; break;
    case JMP: pc = code + i->c; break;
    case HALT: return (int64_t)steps;
    default: abort();
    }
  }
}

/* Sum of Collatz lengths (an odd step does x = (3x + 1) / 2) for i in [1, r1):
 * r0 = i, r2 = total, r3 = x, r4 = length, r5 = scratch. */
static const struct insn collatz[] = {
  /* 0 */ { LI, 0, 0, 1 },     { LI, 2, 0, 0 },    { BGE, 0, 1, 16 },  { MOV, 3, 0, 0 },
  /* 4 */ { LI, 4, 0, 0 },     { BEQI, 3, 1, 13 }, { ANDI, 5, 3, 1 },  { BEQI, 5, 0, 10 },
  /* 8 */ { MULI, 3, 3, 3 },   { ADDI, 3, 3, 1 },  { SHRI, 3, 3, 1 },  { ADDI, 4, 4, 1 },
  /* 12 */ { JMP, 0, 0, 5 },   { ADD, 2, 4, 0 },   { ADDI, 0, 0, 1 },  { JMP, 0, 0, 2 },
  /* 16 */ { HALT, 0, 0, 0 },
};

/* Sieve of Eratosthenes over mem[0, r1): r0 = i, r2 = primes found, r3 = multiple, r6 = 1. */
static const struct insn sieve[] = {
  /* 0 */ { LI, 0, 0, 2 },     { LI, 2, 0, 0 },    { LI, 6, 0, 1 },    { BGE, 0, 1, 15 },
  /* 4 */ { LOADM, 5, 0, 0 },  { BNEI, 5, 0, 13 }, { ADDI, 2, 2, 1 },  { MOV, 3, 0, 0 },
  /* 8 */ { ADD, 3, 0, 0 },    { BGE, 3, 1, 13 },  { STOREM, 6, 3, 0 }, { ADD, 3, 0, 0 },
  /* 12 */ { JMP, 0, 0, 9 },   { ADDI, 0, 0, 1 },  { JMP, 0, 0, 3 },   { HALT, 0, 0, 0 },
};

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atol(argv[1]) : 400000;
  int64_t r[8] = { 0 };
  int64_t *mem = calloc((size_t)n * 8, sizeof *mem);
  if (!mem) return 1;
  r[1] = n;
  int64_t steps = run(collatz, r, NULL);
  int64_t total = r[2];
  for (int k = 0; k < 8; k++) r[k] = 0;
  r[1] = n * 8;
  steps += run(sieve, r, mem);
  printf("vm: n %lld collatz %lld primes %lld steps %lld\n", (long long)n, (long long)total,
         (long long)r[2], (long long)steps);
  return 0;
}
