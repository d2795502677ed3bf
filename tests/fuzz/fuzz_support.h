#pragma once
// Shared by the libFuzzer targets: stop with a message when a property of the code under test is broken (a
// libFuzzer crash, kept as a reproducer), and put fuzz input into GDAL's in-memory file system.

#include <cpl_vsi.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace qinba::fuzz {

/// Aborts (a crash libFuzzer reports and saves) when `condition` is false.
inline void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz property broken: %s\n", what);
        std::abort();
    }
}

/// QINBA_FUZZ_VERBOSE set: targets say what each input gave (to check that seeds reach the paths they are
/// for: `QINBA_FUZZ_VERBOSE=1 build-fuzz/fuzz/fuzz_dem tests/fuzz/corpus/fuzz_dem/*`).
inline void report(const std::string& what) {
    static const bool verbose = std::getenv("QINBA_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fprintf(stderr, "fuzz result: %s\n", what.c_str());
}

/// The input as a file under /vsimem/ for as long as this object lives. GDAL reads it without copying, so
/// the bytes are copied here first (libFuzzer's buffer must not be written to).
class MemFile {
  public:
    MemFile(std::string path, const std::uint8_t* data, std::size_t size)
        : path_(std::move(path)), bytes_(static_cast<GByte*>(VSIMalloc(size == 0 ? 1 : size))) {
        if (size > 0) std::memcpy(bytes_, data, size);
        VSILFILE* f = VSIFileFromMemBuffer(path_.c_str(), bytes_, size, /*bTakeOwnership=*/TRUE);
        if (f)
            VSIFCloseL(f);
        else
            VSIFree(bytes_);
    }
    ~MemFile() { VSIUnlink(path_.c_str()); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    GByte* bytes_;
};

} // namespace qinba::fuzz
