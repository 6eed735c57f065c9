/* Benchmark: floating point: the n-body simulation of the outer planets (double precision
 * add, multiply, divide, sqrt) and a single-precision matrix multiply. Only correctly rounded
 * operations are used (no libm calls, fp contraction off in the build), so every machine
 * prints the same checksum. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NB 5

struct body { double x, y, z, vx, vy, vz, mass; };

static struct body bodies[NB] = {
  { 0, 0, 0, 0, 0, 0, SOLAR_MASS },
  { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
    -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS },
  { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
    2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS },
  { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
    -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS },
  { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
    -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS },
};

static void advance(double dt) {
  for (int i = 0; i < NB; i++) {
    struct body *a = &bodies[i];
    for (int j = i + 1; j < NB; j++) {
      struct body *b = &bodies[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      a->vx -= dx * b->mass * mag, a->vy -= dy * b->mass * mag, a->vz -= dz * b->mass * mag;
      b->vx += dx * a->mass * mag, b->vy += dy * a->mass * mag, b->vz += dz * a->mass * mag;
    }
  }
  for (int i = 0; i < NB; i++) {
    struct body *a = &bodies[i];
    a->x += dt * a->vx, a->y += dt * a->vy, a->z += dt * a->vz;
  }
}

static double energy(void) {
  double e = 0;
  for (int i = 0; i < NB; i++) {
    struct body *a = &bodies[i];
    e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
    for (int j = i + 1; j < NB; j++) {
      struct body *b = &bodies[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      e -= a->mass * b->mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void offset_momentum(void) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++)
    px += bodies[i].vx * bodies[i].mass, py += bodies[i].vy * bodies[i].mass,
    pz += bodies[i].vz * bodies[i].mass;
  bodies[0].vx = -px / SOLAR_MASS, bodies[0].vy = -py / SOLAR_MASS, bodies[0].vz = -pz / SOLAR_MASS;
}

#define MN 160
static float ma[MN][MN], mb[MN][MN], mc[MN][MN];

static uint32_t matmul(int r) {
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      ma[i][j] = (float)((i * 7 + j * 3 + r) % 17) / 8.0f - 1.0f;
      mb[i][j] = (float)((i * 5 + j * 11) % 13) / 4.0f + 0.125f;
    }
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      float s = 0;
      for (int k = 0; k < MN; k++) s += ma[i][k] * mb[k][j];
      mc[i][j] = s / 3.0f;
    }
  uint32_t h = 0;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      uint32_t bits;
      memcpy(&bits, &mc[i][j], 4);
      h = (h ^ bits) * 16777619u;
    }
  return h;
}

int main(int argc, char **argv) {
  long steps = argc > 1 ? atol(argv[1]) : 5000000;
  offset_momentum();
  double e0 = energy();
  for (long i = 0; i < steps; i++) advance(0.01);
  double e1 = energy();
  uint64_t bits;
  memcpy(&bits, &e1, 8);
  uint32_t m = 0;
  for (int r = 0; r < 4; r++) m = m * 31 + matmul(r);
  printf("nbody: steps %ld energy %.9f -> %.9f bits %016llx matmul %08x\n", steps, e0, e1,
         (unsigned long long)bits, m);
  return 0;
}
