// The counting allocator (see include/CAllocationCounter.h). Linked into the AllocationProbe
// executable only: its definitions of malloc & co. interpose glibc's for the whole process, shared
// libraries (libswiftCore, libc itself) included.
#include "CAllocationCounter.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);

static atomic_long allocations;
static atomic_long frees;
static atomic_int counting;
// Initial-exec TLS in an executable: reading it never allocates (no lazy TLS block).
static __thread int excluded;

static inline int counts(void) {
    return atomic_load_explicit(&counting, memory_order_relaxed) && !excluded;
}

static inline void count_allocation(void) {
    if (counts()) atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
}

void tollgate_allocation_counter_start(void) {
    atomic_store(&allocations, 0);
    atomic_store(&frees, 0);
    atomic_store(&counting, 1);
}

void tollgate_allocation_counter_stop(void) { atomic_store(&counting, 0); }
long tollgate_allocation_counter_allocations(void) { return atomic_load(&allocations); }
long tollgate_allocation_counter_frees(void) { return atomic_load(&frees); }
void tollgate_allocation_counter_exclude_current_thread(void) { excluded = 1; }

void *malloc(size_t size) {
    count_allocation();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_allocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    void *moved = __libc_realloc(pointer, size);
    // A new block or a move is an allocation; growing in place is not (as SwiftNIO counts).
    if (moved != pointer && moved != NULL) count_allocation();
    return moved;
}

void free(void *pointer) {
    if (pointer != NULL && counts()) atomic_fetch_add_explicit(&frees, 1, memory_order_relaxed);
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    // POSIX: a power of two and a multiple of sizeof(void *), else EINVAL.
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_allocation();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *out = pointer;
    return 0;
}
