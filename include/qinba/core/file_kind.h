#pragma once
// What a file is, decided by its content rather than its name: for files dropped on the window and the
// recent-files list, which open whatever they are.

#include <string>

namespace qinba {

enum class FileKind {
    Dem,          ///< a raster of one band with elevation-like values (integers wider than a byte, or floats)
    RasterLayer,  ///< another raster GDAL reads (imagery, classes, several bands, a colour table)
    VectorLayer,  ///< vector data OGR reads (GeoJSON, Shapefile, GeoPackage, KML, ...)
    Scenario,     ///< a Qinba Atlas scenario (JSON with places, corridors or stages)
    ViewSettings, ///< saved view settings (JSON with style, labels or decorations)
    OdMatrix,     ///< an OD matrix readOdFile accepts
    Folder,
    Missing, ///< nothing at that path
    Unknown,
};

struct FileClass {
    FileKind kind = FileKind::Unknown;
    std::string detail; ///< the GDAL driver or "JSON"; empty when none
};

/// Looks at the file at `path`: a folder; JSON that is a scenario or view settings; a raster GDAL opens
/// (one band of a type wider than a byte and no colour table: a DEM); an OD matrix readOdFile reads; vector
/// data OGR opens. Never throws; reads no more than it needs (a raster's header, not its pixels).
FileClass classifyFile(const std::string& path);

} // namespace qinba
