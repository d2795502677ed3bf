#include "qinba/render/gpu_upload.h"

#include "qinba/render/gl.h"

#include <atomic>

namespace qinba::gpu {

namespace {
std::atomic<std::uint64_t> uploaded{0};
} // namespace

void bufferData(unsigned target, std::int64_t bytes, const void* data, unsigned usage) {
    glBufferData(target, static_cast<GLsizeiptr>(bytes), data, usage);
    if (data) uploaded += static_cast<std::uint64_t>(bytes);
}

void bufferSubData(unsigned target, std::int64_t offset, std::int64_t bytes, const void* data) {
    glBufferSubData(target, static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes), data);
    uploaded += static_cast<std::uint64_t>(bytes);
}

std::uint64_t uploadedBytes() {
    return uploaded.load();
}

} // namespace qinba::gpu
