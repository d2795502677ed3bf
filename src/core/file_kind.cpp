#include "qinba/core/file_kind.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/od_import.h"

#include <gdal_priv.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

namespace qinba {

namespace {

namespace fs = std::filesystem;

std::string head(const std::string& path, std::size_t n) {
    std::ifstream in(fs::path(path), std::ios::binary);
    std::string s(n, '\0');
    in.read(s.data(), static_cast<std::streamsize>(n));
    s.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return s;
}

/// Scenario or view settings, by the keys of a JSON object; Unknown for any other JSON (GeoJSON included).
FileKind jsonKind(const std::string& path) {
    std::ifstream in(fs::path(path), std::ios::binary);
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.contains("type")) return FileKind::Unknown;
    if (j.contains("places") || j.contains("corridors") || j.contains("stages")) return FileKind::Scenario;
    if (j.contains("style") || j.contains("labels") || j.contains("decorations"))
        return FileKind::ViewSettings;
    return FileKind::Unknown;
}

bool looksLikeText(const std::string& bytes) {
    return bytes.find('\0') == std::string::npos;
}

std::string lowerExtension(const std::string& path) {
    std::string e = fs::path(path).extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return e;
}

} // namespace

FileClass classifyFile(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::path(path);
    if (fs::is_directory(p, ec)) return {FileKind::Folder, ""};
    if (!fs::exists(p, ec)) return {FileKind::Missing, ""};

    const std::string bytes = head(path, 4096);
    const auto first = bytes.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    if (first != std::string::npos && bytes[first] == '{') {
        if (const FileKind k = jsonKind(path); k != FileKind::Unknown) return {k, "JSON"};
    }

    ensureGdalRegistered();
    GdalErrorCapture quiet; // a file GDAL does not know is an answer here, not an error to log
    using Dataset = std::unique_ptr<GDALDataset, void (*)(GDALDataset*)>;
    const auto close = [](GDALDataset* d) { GDALClose(GDALDataset::ToHandle(d)); };
    {
        Dataset ds(GDALDataset::FromHandle(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY,
                                                      nullptr, nullptr, nullptr)),
                   close);
        if (ds && ds->GetRasterCount() > 0) {
            const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
            GDALRasterBand* band = ds->GetRasterBand(1);
            const GDALDataType t = band->GetRasterDataType();
            const bool elevationType = t == GDT_Int16 || t == GDT_UInt16 || t == GDT_Int32 ||
                                       t == GDT_UInt32 || t == GDT_Float32 || t == GDT_Float64;
            if (ds->GetRasterCount() == 1 && elevationType && !band->GetColorTable())
                return {FileKind::Dem, driver};
            return {FileKind::RasterLayer, driver};
        }
    }
    // An OD matrix before vector data: GDAL's CSV driver would take any CSV as a table of points.
    const std::string ext = lowerExtension(path);
    if (looksLikeText(bytes) || ext == ".xlsx" || ext == ".ods") {
        if (readOdFile(path)) return {FileKind::OdMatrix, ""};
    }
    {
        Dataset ds(GDALDataset::FromHandle(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                      nullptr, nullptr, nullptr)),
                   close);
        if (ds && ds->GetLayerCount() > 0)
            return {FileKind::VectorLayer, ds->GetDriver() ? ds->GetDriver()->GetDescription() : ""};
    }
    return {FileKind::Unknown, ""};
}

} // namespace qinba
