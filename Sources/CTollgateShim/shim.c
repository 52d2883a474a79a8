#define _GNU_SOURCE
#include "CTollgateShim.h"
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <string.h>

int tollgate_errno(void) { return errno; }

int tollgate_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

void tollgate_set_thread_name(const char *name) {
    char buffer[16];
    strncpy(buffer, name, sizeof buffer - 1);
    buffer[sizeof buffer - 1] = 0;
    pthread_setname_np(pthread_self(), buffer);
}

int tollgate_malloc_trim(size_t pad) { return malloc_trim(pad); }

int tollgate_set_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
