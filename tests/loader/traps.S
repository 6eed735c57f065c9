/* Guest traps, one per argument count (argc = 1 + the number of extra arguments), for the
 * end-to-end fault tests of tests/suites/40-loader.sh:
 *   1 illegal instruction      2 ebreak                 3 misaligned AMO
 *   4 jump into a data page    5 jump past the space    6 load from an unmapped page
 *   7 store into the text      8 load past the space */
  .text
  .globl _start
_start:
  ld t0, 0(sp)
  li t1, 1
  beq t0, t1, ill
  li t1, 2
  beq t0, t1, brk
  li t1, 3
  beq t0, t1, amo
  li t1, 4
  beq t0, t1, jdata
  li t1, 5
  beq t0, t1, jfar
  li t1, 6
  beq t0, t1, ldunmapped
  li t1, 7
  beq t0, t1, sttext
  li t1, 8
  beq t0, t1, ldfar
  li a0, 0
  li a7, 93
  ecall
ill:
  .word 0
brk:
  ebreak
amo:
  la t0, data
  addi t0, t0, 2
  amoadd.w t1, t1, (t0)
jdata:
  la t0, data
  jr t0
jfar:
  li t0, 1
  slli t0, t0, 40
  jr t0
ldunmapped:
  li t0, 0x1000
  ld t1, 0(t0)
sttext:
  la t0, _start
  sd zero, 0(t0)
ldfar:
  li t0, 1
  slli t0, t0, 38
  ld t1, 8(t0)

  .data
  .balign 8
data:
  .dword 0x0000001300000013
