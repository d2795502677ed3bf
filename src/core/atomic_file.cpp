#include "qinba/core/atomic_file.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qinba {

Status writeFileAtomically(const std::string& path, std::string_view contents) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0)
        return Error{path, "", formatText(_("cannot create a temporary file: {}"), std::strerror(errno))};
    auto fail = [&](const char* what) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        return Status(Error{path, "", formatText(_("{}: {}"), _(what), why)});
    };
    std::size_t done = 0;
    while (done < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(N_("cannot write"));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail(N_("cannot flush to disk"));
    // mkstemp creates 0600; saved documents should have the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::close(fd) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmpl.c_str());
        return Error{path, "", formatText(_("cannot close: {}"), why)};
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmpl.c_str());
        return Error{path, "", formatText(_("cannot replace the file: {}"), why)};
    }
    return okStatus();
}

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path, "",
                     std::filesystem::exists(path) ? _("cannot open for reading") : _("file not found")};
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Error{path, "", _("read error")};
    return ss.str();
}

} // namespace qinba
