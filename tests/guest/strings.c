/* String and memory functions of libc (many have hand-written riscv64 versions in glibc),
 * plus qsort/bsearch over numbers and strings. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int cmp_int(const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned hash(const void *p, size_t n)
{
  unsigned h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ ((const unsigned char *)p)[i]) * 16777619u;
  return h;
}

static void mem_funcs(void)
{
  static unsigned char a[4096], b[4096];
  for (int i = 0; i < 4096; i++)
    a[i] = (unsigned char)(i * 31 + 7);
  /* Every small length and alignment combination through memcpy/memmove/memset/memcmp. */
  unsigned h = 0;
  for (int off = 0; off < 16; off++) {
    for (int len = 0; len < 80; len++) {
      memset(b, 0xAA, 256);
      memcpy(b + off, a + (len % 9), len);
      h ^= hash(b, 256) + (unsigned)len;
      memmove(b + off + 3, b + off, len);
      h ^= hash(b, 256) * 3;
      memmove(b + off, b + off + 5, len);
      h ^= hash(b, 256) * 5;
      int c = memcmp(b + off, a + (len % 9), len);
      h += (unsigned)(c > 0) - (unsigned)(c < 0);
    }
  }
  printf("mem hash %08x\n", h);
  memset(b, 0, sizeof b);
  memcpy(b + 1, a, 4000);
  printf("memcmp %d %d %d\n", memcmp(b + 1, a, 4000) == 0, memcmp("abc", "abd", 3) < 0,
         memcmp("b", "a", 1) > 0);
  printf("memchr %td %p\n", (unsigned char *)memchr(a, a[1000], 4096) - a,
         memchr("abc", 'z', 3));
}

static void str_funcs(void)
{
  char buf[256];
  strcpy(buf, "Hello");
  strcat(buf, ", world");
  strncat(buf, "!!!???", 3);
  printf("str [%s] len=%zu\n", buf, strlen(buf));
  printf("strchr %s | strrchr %s | strstr %s | strpbrk %s\n", strchr(buf, 'o'),
         strrchr(buf, 'o'), strstr(buf, "wor"), strpbrk(buf, ",!"));
  printf("strspn %zu strcspn %zu\n", strspn("aaabbc", "ab"), strcspn("hello world", " "));
  printf("strcmp %d %d %d strncmp %d strcasecmp %d\n", strcmp("a", "b") < 0,
         strcmp("b", "a") > 0, strcmp("same", "same"), strncmp("abcX", "abcY", 3),
         strcasecmp("HeLLo", "hello"));
  char tok[] = "  one,two;;three four ";
  for (char *save, *t = strtok_r(tok, " ,;", &save); t; t = strtok_r(NULL, " ,;", &save))
    printf("tok [%s]\n", t);
  char *d = strdup("duplicate me");
  char *nd = strndup("truncate me", 5);
  printf("strdup [%s] strndup [%s]\n", d, nd);
  free(d);
  free(nd);
  for (const char *p = "MiXeD 123 !"; *p; p++)
    putchar(isalpha((unsigned char)*p) ? toupper((unsigned char)*p) : isdigit((unsigned char)*p) ? '#' : '_');
  putchar('\n');
  /* Long strings across pages for the vectorised scans. */
  char *big = malloc(100001);
  memset(big, 'x', 100000);
  big[100000] = 0;
  big[77777] = 'y';
  printf("big strlen %zu strchr %td strrchr-x %td\n", strlen(big), strchr(big, 'y') - big,
         strrchr(big, 'x') - big);
  free(big);
  char out[32];
  strncpy(out, "short", sizeof out);
  printf("strncpy [%s] pad=%d\n", out, out[31] == 0);
  printf("stpcpy end=%td\n", stpcpy(out, "abcdef") - out);
}

static void sorting(void)
{
  enum { N = 5000 };
  static int v[N];
  unsigned x = 12345;
  for (int i = 0; i < N; i++) {
    x = x * 1103515245 + 12345;
    v[i] = (int)(x >> 8) % 100000 - 50000;
  }
  qsort(v, N, sizeof v[0], cmp_int);
  int sorted = 1;
  long long s = 0;
  for (int i = 0; i < N; i++) {
    s += (long long)v[i] * (i + 1);
    if (i && v[i - 1] > v[i])
      sorted = 0;
  }
  printf("qsort sorted=%d min=%d max=%d weighted=%lld\n", sorted, v[0], v[N - 1], s);
  int found = 0, missing = 0;
  for (int k = -50000; k < 50000; k += 37) {
    if (bsearch(&k, v, N, sizeof v[0], cmp_int))
      found++;
    else
      missing++;
  }
  printf("bsearch found=%d missing=%d\n", found, missing);
  char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape",
                   "apple", "kiwi"};
  size_t nw = sizeof words / sizeof words[0];
  qsort(words, nw, sizeof words[0], cmp_str);
  for (size_t i = 0; i < nw; i++)
    printf("%s%s", words[i], i + 1 < nw ? " " : "\n");
  const char *key = "date";
  char **hit = bsearch(&key, words, nw, sizeof words[0], cmp_str);
  printf("bsearch word at %td\n", hit ? hit - words : -1);
}

int main(void)
{
  mem_funcs();
  str_funcs();
  sorting();
  return 0;
}
