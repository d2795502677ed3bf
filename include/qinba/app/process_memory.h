#pragma once
// Memory figures of this process, for the soak run and the benchmark.

namespace qinba::app {

/// Resident memory now, MB (from /proc/self/statm).
double residentMb();
/// Highest resident memory so far, MB (VmHWM in /proc/self/status).
double peakResidentMb();
/// Bytes the C heap has handed out and not taken back, MB (resident memory also counts freed pages the
/// allocator keeps, and the GL driver's own).
double heapMb();

} // namespace qinba::app
