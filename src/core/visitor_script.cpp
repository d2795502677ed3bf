#include "qinba/core/visitor_script.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace qinba {

Result<std::vector<VisitorAction>> parseVisitorScript(const std::string& text, const std::string& file) {
    std::vector<VisitorAction> script;
    std::istringstream lines(text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        VisitorAction a;
        std::string kind;
        if (!(words >> a.at)) {
            if (words.eof() && line.find_first_not_of(" \t\r") == std::string::npos) continue; // blank
            return Error{file, formatText(_("line {}"), number), _("expected the seconds first")};
        }
        const auto bad = [&](const std::string& expected) {
            return Error{file, formatText(_("line {}"), number), expected};
        };
        if (!std::isfinite(a.at) || a.at < 0.0) return bad(_("expected seconds of 0 or more"));
        words >> kind;
        bool ok = true;
        if (kind == "drag" || kind == "orbit") {
            a.kind = kind == "drag" ? VisitorAction::Kind::Drag : VisitorAction::Kind::Orbit;
            ok = static_cast<bool>(words >> a.dx >> a.dy >> a.duration) && std::isfinite(a.dx) &&
                 std::isfinite(a.dy) && a.duration > 0.0 && a.duration < 1.0e6;
            if (!ok)
                return bad(formatText(_("expected '{} DX DY SECONDS' (pixels a second, seconds > 0)"), kind));
        } else if (kind == "zoom") {
            a.kind = VisitorAction::Kind::Zoom;
            ok = static_cast<bool>(words >> a.dx) && std::isfinite(a.dx) && std::abs(a.dx) <= 100.0;
            if (!ok) return bad(_("expected 'zoom NOTCHES' (-100 to 100)"));
        } else if (kind == "stage") {
            a.kind = VisitorAction::Kind::Stage;
            long n = 0;
            ok = static_cast<bool>(words >> n) && n >= 1 && n <= 10000;
            if (!ok) return bad(_("expected 'stage N' (1 is the first stage)"));
            a.stage = static_cast<std::size_t>(n - 1);
        } else {
            return bad(formatText(_("unknown action '{}'; expected drag, orbit, zoom or stage"), kind));
        }
        std::string extra;
        if (words >> extra) return bad(formatText(_("unexpected '{}' at the end"), extra));
        script.push_back(a);
    }
    return script;
}

Result<std::vector<VisitorAction>> loadVisitorScript(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) return Error{path.string(), "", _("cannot open the visitor script")};
    std::ostringstream text;
    text << in.rdbuf();
    return parseVisitorScript(text.str(), path.string());
}

VisitorFrame visitorFrame(const std::vector<VisitorAction>& script, double from, double to,
                          glm::dvec2 centre) {
    VisitorFrame f;
    f.nav.mouse = centre;
    const double dt = std::max(to - from, 0.0);
    for (const VisitorAction& a : script) {
        switch (a.kind) {
        case VisitorAction::Kind::Drag:
        case VisitorAction::Kind::Orbit:
            if (to > a.at && from < a.at + a.duration) {
                (a.kind == VisitorAction::Kind::Drag ? f.nav.panDrag : f.nav.orbitDrag) = true;
                f.nav.mouseDelta += glm::dvec2(a.dx, a.dy) * dt;
                f.interacted = true;
            }
            break;
        case VisitorAction::Kind::Zoom:
            if (a.at >= from && a.at < to) f.nav.wheel += a.dx, f.interacted = true;
            break;
        case VisitorAction::Kind::Stage:
            if (a.at >= from && a.at < to) f.stage = a.stage, f.interacted = true;
            break;
        }
    }
    return f;
}

} // namespace qinba
