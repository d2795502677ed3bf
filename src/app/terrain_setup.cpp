#include "qinba/app/terrain_setup.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/elevation_stack.h"

namespace qinba::app {

void setDemList(TerrainOptions& options, const std::vector<std::string>& list) {
    options.demFallbacks.clear();
    options.demPath.clear();
    if (list.empty()) return;
    options.demPath = list.front() == kEmbeddedDemName ? std::string() : list.front();
    if (list.size() == 1) return;
    options.demFallbacks.assign(list.begin() + 1, list.end());
    const auto embedded = [](const std::string& e) { return e.empty() || e == kEmbeddedDemName; };
    if (!embedded(list.front()) && std::none_of(list.begin() + 1, list.end(), embedded))
        options.demFallbacks.emplace_back(kEmbeddedDemName);
}

std::vector<std::string> demList(const TerrainOptions& options) {
    std::vector<std::string> list{options.demPath.empty() ? std::string(kEmbeddedDemName) : options.demPath};
    list.insert(list.end(), options.demFallbacks.begin(), options.demFallbacks.end());
    return list;
}

Result<Dem> loadTerrain(const TerrainOptions& options, const MapProjection& projection,
                        std::function<bool(double)> progress) {
    DemLoadOptions load;
    load.assumedCrs = options.demCrs;
    if (options.demFallbacks.empty()) {
        load.progress = std::move(progress);
        return loadDem(resolveDemEntry(options.demPath), projection, load);
    }
    const std::vector<std::string> list = demList(options);
    std::vector<Dem> dems;
    const auto count = static_cast<double>(list.size());
    double done = 0.0; // DEMs loaded so far
    for (const std::string& entry : list) {
        if (progress)
            load.progress = [&progress, done, count](double f) { return progress(0.9 * (done + f) / count); };
        auto dem = loadDem(resolveDemEntry(entry), projection, load);
        if (!dem) return dem.error();
        dems.push_back(std::move(*dem));
        done += 1.0;
    }
    std::vector<const Dem*> stack;
    stack.reserve(dems.size());
    for (const Dem& d : dems)
        stack.push_back(&d);
    auto composite = compositeDems(stack, load.maxSide);
    if (!composite) return composite.error();
    for (std::size_t i = 0; i < list.size(); ++i)
        composite->provenance.stack.push_back(describeDem(list[i], dems[i]));
    if (progress && !progress(1.0)) return Error{options.demPath, "", "cancelled"};
    return composite;
}

Result<std::unique_ptr<TileStreamer>> openStreamedTerrain(const TerrainOptions& options, const Dem& coarse,
                                                          const MapProjection& projection) {
    // Every DEM, small or large, goes through the one level-of-detail path, so the viewer and the headless
    // commands draw the same triangles for the same view.
    (void)coarse;
    if (options.lodMode == "off") return std::unique_ptr<TileStreamer>();
    TileSourceSpec spec;
    spec.path = resolveDemEntry(options.demPath);
    spec.fallbacks = options.demFallbacks;
    spec.assumedCrs = options.demCrs;
    spec.tileCells = options.lod.tileCells;
    return TileStreamer::open(spec, projection, options.lod);
}

} // namespace qinba::app
