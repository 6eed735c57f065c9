/* A tiny loop and a few known instructions at global labels, for the jit tools suite
 * (82-jit-tools.sh: RVX_JIT_INJECT_BUG=KIND@label must be found at that label). Exits with
 * status 0 when every result is right, 1 otherwise. */
	.text
	.globl _start
_start:
	li	a0, 0
	li	a1, 1000
loop:
	.globl	bug_addi
bug_addi:
	addi	a0, a0, 1
	addi	a1, a1, -1
	bnez	a1, loop
	li	t2, 1000
	bne	a0, t2, fail

	/* A value that only reaches memory: t0 is overwritten before the block ends, so a bug
	 * here changes no register, only the stored doubleword. */
	addi	sp, sp, -16
	li	t0, 7
	.globl	mem_only
mem_only:
	addi	t0, t0, 5
	sd	t0, 0(sp)
	li	t0, 0
	j	1f
1:	ld	t1, 0(sp)
	addi	sp, sp, 16
	li	t2, 12
	bne	t1, t2, fail

	/* x[rd] = 5 + 3 (a sub gives -2 or 2 whichever way the operands go) */
	li	a2, 5
	li	t0, 3
	.globl	bug_add
bug_add:
	add	a2, a2, t0
	li	t2, 8
	bne	a2, t2, fail

	/* A load that ends exactly at the end of a mapping: one byte further faults on the host
	 * (mmap two pages, unmap the second). */
	li	a0, 0
	li	a1, 8192
	li	a2, 3		/* PROT_READ | PROT_WRITE */
	li	a3, 0x22	/* MAP_PRIVATE | MAP_ANONYMOUS */
	li	a4, -1
	li	a5, 0
	li	a7, 222		/* mmap */
	ecall
	mv	s0, a0
	li	t0, 4096
	add	a0, s0, t0
	li	a1, 4096
	li	a7, 215		/* munmap */
	ecall
	li	t0, 4080
	add	a2, s0, t0
	.globl	edge_load
edge_load:
	addi	a2, a2, 8
	ld	a3, 0(a2)
	bnez	a3, fail

	li	a0, 0
	li	a7, 93
	ecall
fail:
	li	a0, 1
	li	a7, 93
	ecall
