#pragma once
// The one way the render layer sends buffer data to the GPU: every glBufferData and glBufferSubData goes
// through these helpers, which count the bytes, so a test or the status line can see what a frame uploads.

#include <cstdint>

namespace qinba::gpu {

/// glBufferData(target, bytes, data, usage), counted. `data` may be null (storage only: counts nothing).
void bufferData(unsigned target, std::int64_t bytes, const void* data, unsigned usage);
/// glBufferSubData(target, offset, bytes, data), counted.
void bufferSubData(unsigned target, std::int64_t offset, std::int64_t bytes, const void* data);

/// Bytes sent with the helpers above since the program started (all threads, all contexts).
std::uint64_t uploadedBytes();

} // namespace qinba::gpu
