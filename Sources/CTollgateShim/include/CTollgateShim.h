// The few Linux calls Glibc's Swift module does not export: epoll, eventfd, timerfd, accept4, malloc_trim.
// Kept tiny on purpose: Swift code calls these through Shared/Net/Syscall.swift (malloc_trim: HeapTrimmer.swift) only.
#ifndef CTOLLGATE_SHIM_H
#define CTOLLGATE_SHIM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>

/// The errno of the calling thread (errno is a macro that Swift cannot always see).
int tollgate_errno(void);

/// accept4(2), which glibc declares only under _GNU_SOURCE.
int tollgate_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

/// Names the calling thread (pthread_setname_np needs _GNU_SOURCE); at most 15 characters are kept.
void tollgate_set_thread_name(const char *name);

/// malloc_trim(3) (glibc's <malloc.h>, which Swift's Glibc module does not export): returns free
/// heap pages of every arena to the kernel. 1 when memory was released, 0 when none could be.
int tollgate_malloc_trim(size_t pad);

/// mallopt(M_MMAP_THRESHOLD, bytes): blocks of at least `bytes` get their own mapping, returned to
/// the kernel when freed. Setting it also stops glibc from raising the threshold on its own.
/// 1 on success.
int tollgate_set_mmap_threshold(int bytes);

#endif
