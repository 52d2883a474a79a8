#ifndef TOLLGATE_ALLOCATION_COUNTER_H
#define TOLLGATE_ALLOCATION_COUNTER_H

/// A counting allocator for the allocation-count test (issue 11), linked only into the
/// AllocationProbe executable: it defines malloc, calloc, realloc, free and the aligned variants,
/// forwards each to glibc's own (`__libc_malloc`…), and counts the calls made while counting is on,
/// on every thread that has not excluded itself.

/// Zeroes the counters and starts counting.
void tollgate_allocation_counter_start(void);
/// Stops counting (the counters keep their values).
void tollgate_allocation_counter_stop(void);
/// Allocations (malloc, calloc, realloc of a new block or a move, aligned allocations) counted.
long tollgate_allocation_counter_allocations(void);
/// Frees of non-null pointers counted.
long tollgate_allocation_counter_frees(void);
/// From now on the calling thread's calls are not counted (a load driver, a backend).
void tollgate_allocation_counter_exclude_current_thread(void);

#endif
