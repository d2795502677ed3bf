#pragma once
// Each panel's own widget state: text being typed, choices not yet applied, which dialog is open. A panel
// reads and writes only its own struct here; what it asks of the application goes out as commands.

#include "qinba/core/scenario.h"
#include "qinba/ui/commands.h"
#include "qinba/ui/file_dialog.h"

#include <map>
#include <string>

namespace qinba {

struct MainMenuState {
    std::string openScenarioPath; ///< File > Open scenario
    std::string saveAsPath;       ///< File > Save scenario as
    std::string odPath;           ///< File > Import OD matrix
    std::string viewSettingsPath; ///< File > Save view settings / Load view settings
    bool showAbout = false;
    bool showControls = false;
    bool showHistory = false;
};

struct ViewPanelState {
    double uiScale = 0.0;   ///< the UI scale slider while it is dragged (applied on release)
    double triangles = 0.0; ///< the terrain triangles slider while it is dragged
};

struct OpenDemDialogState {
    bool open = false;
    std::string path;
    std::string crs;
};

/// View > Terrain sources.
struct TerrainSourcesPanelState {
    bool open = false;
    std::string addPath; ///< the path field of "Add above"
};

struct LayersPanelState {
    std::string addPath;      ///< the path field
    std::size_t selected = 0; ///< layer whose style the panel shows
};

struct ZoningPanelState {
    std::string exportPrefix;
    int exportCrs = 0; ///< 0 map projection (GeoJSON WGS84), 1 EPSG:4490, 2 EPSG:4326, 3 EPSG:3857
};

struct TourPanelState {
    std::string tour;             ///< tour being edited
    std::size_t keyframe = 0;     ///< keyframe shown
    std::string newViewpointName; ///< "save view as" field
    std::string newTourName;      ///< "new tour" field
};

struct ScreenshotDialogState {
    bool open = false;
    std::string path;
    int sizeChoice = 0; ///< 0 window, 1 twice, 2 3840x2160, 3 custom
    int custom[2] = {7680, 4320};
};

/// File > Export to GIS: where, which format (by the path's extension) and which CRS.
struct ExportDialogState {
    bool open = false;
    std::string path;  ///< FILE.gpkg, FILE.geojson or FILE.shp
    int format = 0;    ///< 0 GeoPackage, 1 GeoJSON, 2 Shapefile (sets the path's extension)
    int crsChoice = 0; ///< 0 EPSG:4490, 1 EPSG:4326, 2 EPSG:3857, 3 custom
    std::string customCrs;
    int stage = 0; ///< 0 every stage, n: stage n (1-based)
};

struct RecordPanelState {
    RecordingSettings settings;
    int sizeChoice = 0; ///< 0 1920x1080, 1 3840x2160, 2 1280x720, 3 custom
};

struct DetailPanelState {
    std::map<std::string, double> volumeDrafts; ///< flow id → volume being dragged, applied on release
    std::string renameEn, renameZh;             ///< the name fields for the selected place
    std::string renameFor;                      ///< the place those fields were filled from
};

/// The widget state of every panel.
struct PanelStates {
    MainMenuState mainMenu;
    ViewPanelState view;
    OpenDemDialogState openDem;
    LayersPanelState layers;
    TerrainSourcesPanelState terrainSources;
    ZoningPanelState zoning;
    TourPanelState tour;
    ScreenshotDialogState screenshot;
    ExportDialogState exportGis;
    RecordPanelState record;
    DetailPanelState detail;
    FileDialogs fileDialogs; ///< the file chooser open now, if any (file_dialog.h)
};

} // namespace qinba
