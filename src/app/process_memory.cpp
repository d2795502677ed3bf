#include "qinba/app/process_memory.h"

#include <malloc.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace qinba::app {

double residentMb() {
    long pages = 0, resident = 0;
    std::ifstream("/proc/self/statm") >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double peakResidentMb() {
    std::ifstream status("/proc/self/status");
    std::string key;
    double kb = 0.0;
    while (status >> key)
        if (key == "VmHWM:" && status >> kb) return kb / 1024.0;
    return 0.0;
}

double heapMb() {
    const struct mallinfo2 m = mallinfo2();
    return static_cast<double>(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

} // namespace qinba::app
