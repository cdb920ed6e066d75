/*
 * afalg_loop: the system calls of chunkbench's kernel backend, in C, timed. The yardstick for
 * kernel[binding=ffm] (issue 11): one transform socket bound to ctr(aes) with a 128-bit key, one operation
 * socket, and per chunk exactly what FfmKernelCipher does for a direct buffer of one piece (<= 64 KiB):
 *
 *   io=copy:   sendmsg(data [+ ALG_SET_OP/ALG_SET_IV control messages]), read until the chunk is back
 *   io=splice: [sendmsg(control messages only, MSG_MORE)], vmsplice(input -> pipe), splice(pipe -> op), read
 *
 * The control messages go with the first chunk only in stream mode, with every chunk in per-chunk-iv mode.
 *
 *   usage: afalg_loop stream|per-chunk-iv copy|splice CHUNK_BYTES SECONDS
 *   prints: afalg_loop mode=M io=I chunk=N chunks=K ns_per_chunk=X
 *
 * Build: cc -O2 -o afalg_loop afalg_loop.c (tools/kernel-ffm-vs-c.sh does, where cc exists).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

static void die(const char *call) {
    fprintf(stderr, "afalg_loop: %s failed: %s (errno %d)\n", call, strerror(errno), errno);
    exit(1);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: afalg_loop stream|per-chunk-iv copy|splice CHUNK_BYTES SECONDS\n");
        return 2;
    }
    int per_chunk_iv = strcmp(argv[1], "per-chunk-iv") == 0;
    int splice_io = strcmp(argv[2], "splice") == 0;
    size_t chunk = strtoul(argv[3], NULL, 10);
    double seconds = atof(argv[4]);
    if (chunk == 0 || chunk > 65536 || chunk % 16 != 0) {
        fprintf(stderr, "afalg_loop: CHUNK_BYTES must be a multiple of 16 from 16 to 65536\n");
        return 2;
    }

    int tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (tfm < 0) die("socket(AF_ALG)");
    struct sockaddr_alg sa = {.salg_family = AF_ALG, .salg_type = "skcipher", .salg_name = "ctr(aes)"};
    if (bind(tfm, (struct sockaddr *)&sa, sizeof sa) != 0) die("bind(ctr(aes))");
    unsigned char key[16] = {0};
    if (setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, sizeof key) != 0) die("setsockopt(ALG_SET_KEY)");
    int op = accept(tfm, NULL, 0);
    if (op < 0) die("accept");
    int pipefd[2] = {-1, -1};
    if (splice_io && pipe2(pipefd, O_CLOEXEC) != 0) die("pipe2");

    unsigned char *in = aligned_alloc(4096, 65536);
    unsigned char *out = aligned_alloc(4096, 65536);
    memset(in, 0x5a, 65536);
    memset(out, 0, 65536);

    /* ALG_SET_OP (encrypt) then ALG_SET_IV (16 bytes), laid out once. */
    union {
        char buf[CMSG_SPACE(4) + CMSG_SPACE(sizeof(struct af_alg_iv) + 16)];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {0};
    struct iovec iov;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_ALG;
    c->cmsg_type = ALG_SET_OP;
    c->cmsg_len = CMSG_LEN(4);
    *(unsigned int *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
    c = CMSG_NXTHDR(&msg, c);
    c->cmsg_level = SOL_ALG;
    c->cmsg_type = ALG_SET_IV;
    c->cmsg_len = CMSG_LEN(sizeof(struct af_alg_iv) + 16);
    struct af_alg_iv *ivp = (struct af_alg_iv *)CMSG_DATA(c);
    ivp->ivlen = 16;

    int control_pending = 1;
    long chunks = 0;
    double t0 = 0, end = 0;
    int warm = 1;
    double start = now_ns();
    for (;;) {
        if (per_chunk_iv) {
            ivp->iv[15] = (unsigned char)chunks; /* a new counter block, as the benchmark passes one */
            control_pending = 1;
        }
        if (!splice_io) {
            iov.iov_base = in;
            iov.iov_len = chunk;
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control_pending ? control.buf : NULL;
            msg.msg_controllen = control_pending ? sizeof control.buf : 0;
            size_t sent = 0;
            while (sent < chunk) {
                ssize_t r = sendmsg(op, &msg, 0);
                if (r < 0) {
                    if (errno == EINTR) continue;
                    die("sendmsg");
                }
                control_pending = 0;
                msg.msg_control = NULL;
                msg.msg_controllen = 0;
                sent += r;
                iov.iov_base = in + sent;
                iov.iov_len = chunk - sent;
            }
        } else {
            if (control_pending) {
                msg.msg_iov = NULL;
                msg.msg_iovlen = 0;
                msg.msg_control = control.buf;
                msg.msg_controllen = sizeof control.buf;
                while (sendmsg(op, &msg, MSG_MORE) < 0) {
                    if (errno != EINTR) die("sendmsg(control)");
                }
                control_pending = 0;
            }
            size_t moved = 0;
            while (moved < chunk) {
                iov.iov_base = in + moved;
                iov.iov_len = chunk - moved;
                ssize_t r = vmsplice(pipefd[1], &iov, 1, 0);
                if (r < 0) {
                    if (errno == EINTR) continue;
                    die("vmsplice");
                }
                moved += r;
            }
            moved = 0;
            while (moved < chunk) {
                ssize_t r = splice(pipefd[0], NULL, op, NULL, chunk - moved, 0);
                if (r < 0) {
                    if (errno == EINTR) continue;
                    die("splice");
                }
                if (r == 0) {
                    fprintf(stderr, "afalg_loop: splice moved nothing\n");
                    return 1;
                }
                moved += r;
            }
        }
        size_t got = 0;
        while (got < chunk) {
            ssize_t r = read(op, out + got, chunk - got);
            if (r < 0) {
                if (errno == EINTR) continue;
                die("read");
            }
            if (r == 0) {
                fprintf(stderr, "afalg_loop: read returned end of file\n");
                return 1;
            }
            got += r;
        }
        chunks++;
        if ((chunks & 63) == 0) {
            double t = now_ns();
            if (warm && t - start > seconds * 0.25e9) { /* the first quarter warms caches and the emulator */
                warm = 0;
                t0 = t;
                chunks = 0;
            } else if (!warm && t - t0 > seconds * 1e9) {
                end = t;
                break;
            }
        }
    }
    printf("afalg_loop mode=%s io=%s chunk=%zu chunks=%ld ns_per_chunk=%.1f\n", argv[1], argv[2], chunk, chunks,
           (end - t0) / chunks);
    return 0;
}
