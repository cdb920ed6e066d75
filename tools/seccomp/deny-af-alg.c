/*
 * deny-af-alg: runs a command under a seccomp filter that makes socket(AF_ALG, ...) fail with EPERM (or the
 * errno given), as the default seccomp profiles of Docker and containerd do; every other system call is allowed.
 * Raw classic BPF, no libseccomp: it needs only a C compiler and the kernel's UAPI headers (linux-libc-dev).
 * The tests of the kernel backend compile it at test time (see docs/kernel-backend.md, "When the kernel says no").
 *
 * usage: deny-af-alg [--errno N] COMMAND [ARGS...]
 * exit:  COMMAND's own status (it replaces this process), 2 usage, 126 the filter could not be installed,
 *        127 COMMAND could not be executed
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "deny-af-alg knows the audit architecture of x86_64 and aarch64 only"
#endif

int main(int argc, char **argv) {
    int err = EPERM;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--errno") == 0) {
        char *end;
        long v = strtol(argv[2], &end, 10);
        if (*end != '\0' || v < 1 || v > 4095) {
            fprintf(stderr, "deny-af-alg: --errno wants a number from 1 to 4095, got '%s'\n", argv[2]);
            return 2;
        }
        err = (int) v;
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: deny-af-alg [--errno N] COMMAND [ARGS...]\n");
        return 2;
    }
    struct sock_filter filter[] = {
        /* Another architecture's system call numbers mean something else: refuse them all. */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 3),
        /* The low 32 bits of the first argument: the address family (an int). */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_ALG, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof(filter) / sizeof(filter[0]), .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        fprintf(stderr, "deny-af-alg: prctl(PR_SET_NO_NEW_PRIVS) failed: %s\n", strerror(errno));
        return 126;
    }
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) {
        fprintf(stderr, "deny-af-alg: prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER) failed: %s\n", strerror(errno));
        return 126;
    }
    execvp(argv[first], argv + first);
    fprintf(stderr, "deny-af-alg: cannot execute %s: %s\n", argv[first], strerror(errno));
    return 127;
}
