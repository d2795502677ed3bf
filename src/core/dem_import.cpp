#include "qinba/core/dem_import.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cpl_vsi.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace qinba {

namespace fs = std::filesystem;

namespace {

constexpr double kNoData = -32768.0;
constexpr double kPi = 3.14159265358979323846;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool demLike(const std::string& name) {
    static const std::set<std::string> kinds{".hgt", ".tif", ".tiff", ".asc", ".img", ".nc",  ".dem",
                                             ".bil", ".flt", ".vrt",  ".dt0", ".dt1", ".dt2", ".grd"};
    return kinds.count(lower(fs::path(name).extension().string())) > 0;
}

void addZipMembers(const std::string& zip, std::vector<std::string>& out) {
    const std::string root = "/vsizip/" + zip;
    char** entries = VSIReadDirRecursive(root.c_str());
    std::vector<std::string> members;
    for (char** e = entries; e && *e; ++e)
        if (demLike(*e)) members.push_back(root + "/" + *e);
    CSLDestroy(entries);
    std::sort(members.begin(), members.end());
    if (members.empty()) members.push_back(root); // let GDAL say what is wrong with it
    out.insert(out.end(), members.begin(), members.end());
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

/// Opens a tile and checks it can be mosaicked: a georeferenced raster with a CRS whose band reads.
Result<DatasetPtr> openTile(const std::string& path) {
    GdalErrorCapture capture;
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return Error{path, "", _("GDAL cannot open it as a raster") + capture.suffix()};
    if (ds->GetRasterCount() == 0) {
        const char* first = CSLFetchNameValue(ds->GetMetadata("SUBDATASETS"), "SUBDATASET_1_NAME");
        if (!first) return Error{path, "", _("contains no raster band")};
        ds.reset(GDALDataset::Open(first, GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!ds || ds->GetRasterCount() == 0)
            return Error{path, first, _("GDAL cannot open the subdataset as a raster") + capture.suffix()};
    }
    if (auto size = checkDemSize(path, ds->GetRasterXSize(), ds->GetRasterYSize()); !size)
        return size.error();
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None) return Error{path, "", _("has no geotransform")};
    const OGRSpatialReference* sr = ds->GetSpatialRef();
    if (!sr || sr->IsEmpty()) {
        if (!looksGeographic(gt, ds->GetRasterXSize(), ds->GetRasterYSize()))
            return Error{path, "", _("has no coordinate reference system")};
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        ds->SetSpatialRef(&wgs84);
    }
    // A quick read of the whole band at low resolution finds truncated and damaged files.
    std::vector<float> probe(64 * 64);
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(),
                                       probe.data(), 64, 64, GDT_Float32, 0, 0, nullptr) != CE_None)
        return Error{path, "band 1", _("cannot be read") + capture.suffix()};
    return ds;
}

struct Stage {
    const DemImportOptions* options;
    std::string name;
    double from, to;
    double reached = 0.0; // GDALWarp's progress over several sources can step back a little
    static int CPL_STDCALL call(double done, const char*, void* data) {
        auto* s = static_cast<Stage*>(data);
        s->reached = std::max(s->reached, s->from + (s->to - s->from) * std::clamp(done, 0.0, 1.0));
        return !s->options->progress || s->options->progress(s->reached, s->name);
    }
};

/// Nodata components (4-neighbour) of a grid: fills those of at most `maxCells` that do not touch the
/// grid's edge from `filled`, leaves the others. Counts what it did into `summary`.
void keepSmallFills(std::vector<float>& values, const std::vector<float>& filled, int w, int h, int maxCells,
                    DemImportSummary& summary) {
    std::vector<unsigned char> seen(values.size(), 0);
    std::vector<std::size_t> component, queue;
    for (std::size_t start = 0; start < values.size(); ++start) {
        if (seen[start] || values[start] != kNoData) continue;
        component.clear();
        queue.assign(1, start);
        seen[start] = 1;
        bool edge = false;
        while (!queue.empty()) {
            const std::size_t i = queue.back();
            queue.pop_back();
            component.push_back(i);
            const int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
            edge = edge || x == 0 || y == 0 || x == w - 1 || y == h - 1;
            const std::size_t next[4] = {x > 0 ? i - 1 : i, x < w - 1 ? i + 1 : i, y > 0 ? i - w : i,
                                         y < h - 1 ? i + w : i};
            for (std::size_t j : next)
                if (!seen[j] && values[j] == kNoData) {
                    seen[j] = 1;
                    queue.push_back(j);
                }
        }
        const bool small = !edge && component.size() <= static_cast<std::size_t>(maxCells) &&
                           std::all_of(component.begin(), component.end(),
                                       [&](std::size_t i) { return filled[i] != kNoData; });
        if (!small) {
            ++summary.voidsKept;
            continue;
        }
        for (std::size_t i : component)
            values[i] = filled[i];
        ++summary.voidsFilled;
        summary.cellsFilled += component.size();
    }
}

} // namespace

std::vector<std::string> findDemTiles(const std::vector<std::string>& inputs) {
    std::vector<std::string> out;
    for (const std::string& in : inputs) {
        std::error_code ec;
        if (fs::is_directory(in, ec)) {
            std::vector<std::string> files;
            for (auto it = fs::recursive_directory_iterator(in, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec)) files.push_back(it->path().string());
            std::sort(files.begin(), files.end());
            for (const std::string& f : files) {
                if (lower(fs::path(f).extension().string()) == ".zip")
                    addZipMembers(f, out);
                else if (demLike(f))
                    out.push_back(f);
            }
        } else if (lower(fs::path(in).extension().string()) == ".zip" && fs::is_regular_file(in, ec)) {
            addZipMembers(in, out);
        } else {
            out.push_back(in);
        }
    }
    return out;
}

Result<DemImportSummary> importDem(const DemImportOptions& options) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    DemImportSummary summary;
    if (options.out.empty()) return Error{"", "--out", _("name the GeoTIFF to write")};
    std::vector<DatasetPtr> tiles;
    for (const std::string& path : findDemTiles(options.inputs)) {
        if (!isGdalVirtualPath(path) && !fs::exists(path)) {
            summary.skipped.push_back({path, _("file not found")});
            continue;
        }
        auto ds = openTile(path);
        if (!ds) {
            summary.skipped.push_back({path, ds.error().message});
            continue;
        }
        summary.used.push_back(path);
        tiles.push_back(std::move(*ds));
    }
    if (tiles.empty()) {
        std::string why;
        for (const SkippedTile& s : summary.skipped)
            why += (why.empty() ? "" : "; ") + s.path + ": " + s.reason;
        return Error{"", "",
                     _("none of the inputs is a usable elevation tile") +
                         (why.empty() ? "" : " (" + why + ")")};
    }

    OGRSpatialReference target;
    if (!options.crs.empty()) {
        if (target.SetFromUserInput(options.crs.c_str()) != OGRERR_NONE)
            return Error{"", "--crs", formatText(_("cannot parse '{}'"), options.crs)};
    } else {
        target = *tiles.front()->GetSpatialRef();
    }
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char* targetWkt = nullptr;
    target.exportToWkt(&targetWkt);
    const std::string wkt = targetWkt ? targetWkt : "";
    CPLFree(targetWkt);
    summary.crsName = target.GetName() ? target.GetName() : "";

    CPLStringList args;
    for (const char* a : {"-of", "MEM", "-ot", "Float32", "-r", "bilinear", "-dstnodata", "-32768", "-t_srs"})
        args.AddString(a);
    args.AddString(wkt.c_str());
    if (options.bounds) {
        const auto& b = *options.bounds;
        if (!(b[0] < b[2] && b[1] < b[3]))
            return Error{"", "--bounds", _("expected W,S,E,N in degrees with west < east and south < north")};
        args.AddString("-te");
        for (double v : b)
            args.AddString(CPLSPrintf("%.12g", v));
        args.AddString("-te_srs");
        args.AddString("EPSG:4326");
    }
    GDALWarpAppOptions* warpOptions = GDALWarpAppOptionsNew(args.List(), nullptr);
    Stage warpStage{&options, _("mosaicking"), 0.0, 0.6};
    GDALWarpAppOptionsSetProgress(warpOptions, &Stage::call, &warpStage);
    std::vector<GDALDatasetH> handles;
    handles.reserve(tiles.size());
    for (auto& t : tiles)
        handles.push_back(GDALDataset::ToHandle(t.get()));
    int usage = 0;
    DatasetPtr mosaic(GDALDataset::FromHandle(
        GDALWarp("", nullptr, static_cast<int>(handles.size()), handles.data(), warpOptions, &usage)));
    GDALWarpAppOptionsFree(warpOptions);
    if (!mosaic) return Error{"", "", _("mosaicking the tiles failed") + capture.suffix()};

    const int w = mosaic->GetRasterXSize(), h = mosaic->GetRasterYSize();
    summary.width = w;
    summary.height = h;
    GDALRasterBand* band = mosaic->GetRasterBand(1);
    std::vector<float> values(static_cast<std::size_t>(w) * h);
    if (band->RasterIO(GF_Read, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0, nullptr) != CE_None)
        return Error{"", "", _("cannot read the mosaic back") + capture.suffix()};

    // GDALFillNodata fills every sample within reach of data, the edges of large voids and of the coverage
    // too; only the samples of small enclosed voids are taken from its result.
    if (options.maxVoidCells > 0 &&
        std::count(values.begin(), values.end(), static_cast<float>(kNoData)) > 0) {
        GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
        DatasetPtr work(mem->Create("", w, h, 1, GDT_Float32, nullptr));
        GDALRasterBand* wb = work->GetRasterBand(1);
        wb->SetNoDataValue(kNoData);
        if (wb->RasterIO(GF_Write, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0, nullptr) != CE_None)
            return Error{"", "", _("cannot stage the mosaic for void filling") + capture.suffix()};
        Stage fillStage{&options, _("filling voids"), 0.6, 0.75};
        const double reach = std::max(8.0, 2.0 * std::sqrt(static_cast<double>(options.maxVoidCells)));
        if (GDALFillNodata(wb, nullptr, reach, 0, 0, nullptr, &Stage::call, &fillStage) != CE_None)
            return Error{"", "", _("filling the voids failed") + capture.suffix()};
        std::vector<float> filled(values.size());
        if (wb->RasterIO(GF_Read, 0, 0, w, h, filled.data(), w, h, GDT_Float32, 0, 0, nullptr) != CE_None)
            return Error{"", "", _("cannot read the filled mosaic") + capture.suffix()};
        keepSmallFills(values, filled, w, h, options.maxVoidCells, summary);
        if (band->RasterIO(GF_Write, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0, nullptr) != CE_None)
            return Error{"", "", _("cannot write the filled mosaic") + capture.suffix()};
    }

    double gt[6];
    mosaic->GetGeoTransform(gt);
    const bool geographic = target.IsGeographic();
    const double units = geographic ? 1.0 : target.GetLinearUnits();
    constexpr double kMetresPerDegree = 111319.49;
    for (int y = 0; y < h; ++y) {
        double area = std::abs(gt[1] * gt[5]) * units * units;
        if (geographic)
            area *= kMetresPerDegree * kMetresPerDegree * std::cos((gt[3] + (y + 0.5) * gt[5]) * kPi / 180.0);
        const auto row = values.begin() + static_cast<std::ptrdiff_t>(y) * w;
        summary.coverageKm2 += area / 1.0e6 * static_cast<double>(std::count_if(row, row + w, [](float v) {
                                   return v != static_cast<float>(kNoData);
                               }));
    }
    summary.resolutionM =
        std::abs(gt[1]) * units *
        (geographic ? kMetresPerDegree * std::cos((gt[3] + h / 2.0 * gt[5]) * kPi / 180.0) : 1.0);
    if (summary.coverageKm2 <= 0.0) return Error{"", "", _("the mosaic has no data inside the bounds")};
    mosaic->SetMetadataItem(
        "SOURCE",
        formatText(_("mosaic of {} elevation tiles by qinba import-dem"), summary.used.size()).c_str());

    // The COG is written beside the target and renamed, so a cancelled or failed import leaves no half file.
    const std::string part = options.out + ".part.tif";
    CPLStringList cog;
    for (const char* a : {"-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=YES", "-co",
                          "OVERVIEW_RESAMPLING=AVERAGE", "-co", "BLOCKSIZE=256", "-co", "BIGTIFF=IF_SAFER"})
        cog.AddString(a);
    GDALTranslateOptions* translateOptions = GDALTranslateOptionsNew(cog.List(), nullptr);
    Stage cogStage{&options, _("writing the Cloud-Optimized GeoTIFF"), 0.75, 1.0};
    GDALTranslateOptionsSetProgress(translateOptions, &Stage::call, &cogStage);
    DatasetPtr written(GDALDataset::FromHandle(
        GDALTranslate(part.c_str(), GDALDataset::ToHandle(mosaic.get()), translateOptions, &usage)));
    GDALTranslateOptionsFree(translateOptions);
    if (!written) {
        VSIUnlink(part.c_str());
        return Error{options.out, "", _("cannot write the Cloud-Optimized GeoTIFF") + capture.suffix()};
    }
    summary.overviews = written->GetRasterBand(1)->GetOverviewCount();
    written.reset();
    std::error_code ec;
    fs::rename(part, options.out, ec);
    if (ec) {
        fs::remove(part, ec);
        return Error{options.out, "", formatText(_("cannot be written: {}"), ec.message())};
    }
    return summary;
}

} // namespace qinba
