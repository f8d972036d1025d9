// The allocator setting for programs that stream large messages.
#include "core/large_buffers.h"

#include <malloc.h>

namespace otter {

void keepLargeBuffersInHeap()
{
    // Fixed values also switch off glibc's sliding threshold, which follows the size of the last mapped
    // block freed and so keeps mapping every chunk of exactly that size.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // Freed memory is given back once this much lies unused at the top of the heap: a few chunks' worth.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

} // namespace otter
