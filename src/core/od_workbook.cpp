// OD tables from .xlsx and .ods workbooks, through GDAL's XLSX and ODS drivers: each sheet is a layer. With
// headers disabled every spreadsheet row is a feature whose FID is the row number and whose n-th field is
// column n, so errors can name the cell a spreadsheet shows.

#include "od_table.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include <filesystem>
#include <memory>

namespace qinba::od {

namespace {

/// Sets a GDAL configuration option on this thread while alive, then restores the earlier value.
class ThreadConfig {
  public:
    ThreadConfig(const char* key, const char* value) : key_(key) {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) old_ = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ThreadConfig() { CPLSetThreadLocalConfigOption(key_, old_ ? old_->c_str() : nullptr); }
    ThreadConfig(const ThreadConfig&) = delete;
    ThreadConfig& operator=(const ThreadConfig&) = delete;

  private:
    const char* key_;
    std::optional<std::string> old_;
};

struct DatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};

} // namespace

Result<std::vector<Sheet>> readWorkbook(const std::string& path) {
    ensureGdalRegistered();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return Error{path, "", _("file not found")};
    // Every row is data (the header is found here, not by the driver) and every cell text, so that years
    // and ids stay as written.
    const ThreadConfig xlsxHeaders("OGR_XLSX_HEADERS", "DISABLE"),
        xlsxTypes("OGR_XLSX_FIELD_TYPES", "STRING"), odsHeaders("OGR_ODS_HEADERS", "DISABLE"),
        odsTypes("OGR_ODS_FIELD_TYPES", "STRING");
    GdalErrorCapture capture;
    const char* const drivers[] = {"XLSX", "ODS", nullptr};
    std::unique_ptr<void, DatasetCloser> ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds)
        return Error{path, "",
                     std::string(_("cannot be read as an .xlsx or .ods workbook")) + capture.suffix()};
    std::vector<Sheet> sheets;
    const int layers = GDALDatasetGetLayerCount(ds.get());
    for (int i = 0; i < layers; ++i) {
        OGRLayerH layer = GDALDatasetGetLayer(ds.get(), i);
        Sheet sheet{OGR_L_GetName(layer), {}};
        OGR_L_ResetReading(layer);
        std::size_t previous = 0;
        while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
            const GIntBig fid = OGR_F_GetFID(f);
            const std::size_t row =
                fid > static_cast<GIntBig>(previous) ? static_cast<std::size_t>(fid) : previous + 1;
            previous = row;
            Record record{row, {}};
            const int fields = OGR_F_GetFieldCount(f);
            for (int c = 0; c < fields; ++c)
                record.fields.emplace_back(OGR_F_IsFieldSetAndNotNull(f, c) ? OGR_F_GetFieldAsString(f, c)
                                                                            : "");
            OGR_F_Destroy(f);
            while (!record.fields.empty() && trim(record.fields.back()).empty())
                record.fields.pop_back();
            if (!record.fields.empty()) sheet.records.push_back(std::move(record));
        }
        sheets.push_back(std::move(sheet));
    }
    return sheets;
}

} // namespace qinba::od
