// Process-wide allocator setting for programs that stream large messages (otterd, the console).
#pragma once

namespace otter {

// Keeps buffers of up to 32 MiB (upload and download chunks, gRPC's read buffers) in the heap, reused
// from one message to the next. glibc would otherwise map fresh pages for each one, have the kernel zero
// them, and unmap them again when freed: more work per chunk than the copying the chunk itself needs.
// Call once at the start of main(), before any thread starts.
void keepLargeBuffersInHeap();

} // namespace otter
