#include "qinba/core/georeferenced_image.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace qinba {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

Status writeGeoTiff(const std::string& path, const ImageRgba8& image, const GeoTransform& gt,
                    const std::string& wkt) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    DatasetPtr ds(mem ? mem->Create("", image.width, image.height, 4, GDT_Byte, nullptr) : nullptr);
    if (!ds) return Error{path, "", std::string(_("cannot create an in-memory raster")) + capture.suffix()};
    double transform[6];
    std::copy(gt.begin(), gt.end(), transform);
    ds->SetGeoTransform(transform);
    ds->SetProjection(wkt.c_str());
    // Pixel-interleaved RGBA straight from the image.
    int bands[4] = {1, 2, 3, 4};
    if (ds->RasterIO(GF_Write, 0, 0, image.width, image.height,
                     const_cast<std::uint8_t*>(image.pixels.data()), image.width, image.height, GDT_Byte, 4,
                     bands, 4, 4L * image.width, 1, nullptr) != CE_None)
        return Error{path, "", std::string(_("cannot fill the in-memory raster")) + capture.suffix()};
    const GDALColorInterp interp[4] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand};
    for (int b = 0; b < 4; ++b)
        ds->GetRasterBand(b + 1)->SetColorInterpretation(interp[b]);

    static std::atomic<unsigned> counter{0};
    const std::string memName = "/vsimem/qinba_georef_" + std::to_string(counter++) + ".tif";
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"COMPRESS=DEFLATE", "PHOTOMETRIC=RGB", "ALPHA=UNASSOCIATED", nullptr};
    DatasetPtr out(gtiff ? gtiff->CreateCopy(memName.c_str(), ds.get(), FALSE, const_cast<char**>(options),
                                             nullptr, nullptr)
                         : nullptr);
    if (!out) return Error{path, "", std::string(_("cannot encode the GeoTIFF")) + capture.suffix()};
    out.reset();
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(memName.c_str(), &size, FALSE);
    const std::string bytes = data ? std::string(reinterpret_cast<const char*>(data), size) : "";
    VSIUnlink(memName.c_str());
    VSIUnlink((memName + ".aux.xml").c_str());
    if (bytes.empty()) return Error{path, "", std::string(_("cannot encode the GeoTIFF")) + capture.suffix()};
    return writeFileAtomically(path, bytes);
}

Status writePngWithWorldFile(const std::string& path, const ImageRgba8& image, const GeoTransform& gt,
                             const std::string& wkt) {
    ensureGdalRegistered();
    OGRSpatialReference srs;
    if (srs.importFromWkt(wkt.c_str()) != OGRERR_NONE)
        return Error{path, "", _("the map projection cannot be written as a .prj file")};
    OGRSpatialReference esri(srs);
    char* esriWkt = nullptr;
    const char* esriOptions[] = {"FORMAT=WKT1_ESRI", nullptr};
    const bool esriOk = esri.exportToWkt(&esriWkt, esriOptions) == OGRERR_NONE && esriWkt;
    const std::string prj = esriOk ? std::string(esriWkt) + "\n" : "";
    CPLFree(esriWkt);
    if (!esriOk) return Error{path, "", _("the map projection cannot be written as a .prj file")};

    if (auto s = writePng(path, image); !s) return s;
    // The world file gives the centre of the top-left pixel, not its corner.
    char world[512];
    std::snprintf(world, sizeof world, "%.10f\n%.10f\n%.10f\n%.10f\n%.10f\n%.10f\n", gt[1], gt[4], gt[2],
                  gt[5], gt[0] + 0.5 * gt[1] + 0.5 * gt[2], gt[3] + 0.5 * gt[4] + 0.5 * gt[5]);
    const std::filesystem::path base = std::filesystem::path(path);
    if (auto s = writeFileAtomically(std::filesystem::path(base).replace_extension(".pgw").string(), world);
        !s)
        return s;
    if (auto s = writeFileAtomically(std::filesystem::path(base).replace_extension(".prj").string(), prj); !s)
        return s;
    char* escaped = CPLEscapeString(wkt.c_str(), -1, CPLES_XML);
    const std::string aux = std::string("<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">") + escaped +
                            "</SRS>\n</PAMDataset>\n";
    CPLFree(escaped);
    return writeFileAtomically(path + ".aux.xml", aux);
}

} // namespace

std::optional<GeoTransform> orthoGeoTransform(const OrbitCamera& camera, Viewport viewport) {
    if (!camera.orthographic || std::abs(camera.pitch - 90.0) > 0.01) return std::nullopt;
    const double mpp = metresPerPixel(camera, viewport);
    const double h = camera.heading * M_PI / 180.0;
    // Image right and image up on the map for a camera looking straight down (see OrbitCamera::right, up).
    const double rx = std::cos(h), ry = -std::sin(h), ux = std::sin(h), uy = std::cos(h);
    const double halfW = 0.5 * viewport.width * mpp, halfH = 0.5 * viewport.height * mpp;
    const double x0 = camera.target.x - halfW * rx + halfH * ux,
                 y0 = camera.target.y - halfW * ry + halfH * uy;
    GeoTransform gt{x0, mpp * rx, -mpp * ux, y0, mpp * ry, -mpp * uy};
    for (double& v : gt)
        v += 0.0; // -0 (north up) becomes 0, so world files read 0 rather than -0
    return gt;
}

OrbitCamera orthoCameraOver(const MapRect& extent, Viewport viewport, double groundZ) {
    OrbitCamera c;
    c.orthographic = true;
    c.pitch = 90.0;
    c.heading = 0.0;
    c.target = {extent.centre().x, extent.centre().y, groundZ};
    const double halfH = 0.5 * std::max(extent.height(), extent.width() / viewport.aspect());
    c.distance = halfH / std::tan(c.fovY * M_PI / 360.0);
    return c;
}

Status writeGeoreferencedImage(const std::string& path, const ImageRgba8& image,
                               const GeoTransform& transform, const std::string& wkt) {
    const std::string ext = lowerExtension(path);
    if (ext == ".tif" || ext == ".tiff") return writeGeoTiff(path, image, transform, wkt);
    if (ext == ".png") return writePngWithWorldFile(path, image, transform, wkt);
    return Error{path, "", _("unsupported extension for a georeferenced picture: expected .tif or .png")};
}

} // namespace qinba
