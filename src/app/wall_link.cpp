#include "qinba/app/wall_link.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>
#include <random>
#include <regex>

namespace qinba::app {

namespace {

Error optionError(const std::string& option, const std::string& message) {
    return Error{"", option, message};
}

std::string systemError() {
    return std::strerror(errno);
}

std::string addressText(const sockaddr* a) {
    char host[NI_MAXHOST] = "", port[NI_MAXSERV] = "";
    const socklen_t size = a->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    getnameinfo(a, size, host, sizeof host, port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV);
    return a->sa_family == AF_INET6 ? "[" + std::string(host) + "]:" + port : std::string(host) + ":" + port;
}

/// The addresses getaddrinfo gives for `e` (UDP); `passive`: for binding (an empty host is any address).
Result<std::vector<sockaddr_storage>> resolve(const WallEndpoint& e, const std::string& option,
                                              bool passive) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    if (passive && e.host.empty()) hints.ai_family = AF_INET; // 0.0.0.0, as on every exhibition LAN
    addrinfo* found = nullptr;
    const std::string port = std::to_string(e.port);
    if (const int rc = getaddrinfo(e.host.empty() ? nullptr : e.host.c_str(), port.c_str(), &hints, &found);
        rc != 0)
        return optionError(option, formatText(_("cannot resolve '{}': {}"), e.host, gai_strerror(rc)));
    std::vector<sockaddr_storage> out;
    for (const addrinfo* a = found; a; a = a->ai_next) {
        sockaddr_storage s{};
        std::memcpy(&s, a->ai_addr, a->ai_addrlen);
        out.push_back(s);
    }
    freeaddrinfo(found);
    if (out.empty()) return optionError(option, formatText(_("'{}' has no address"), e.host));
    return out;
}

socklen_t sizeOf(const sockaddr_storage& s) {
    return s.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
}

bool isMulticast(const sockaddr_storage& s) {
    if (s.ss_family == AF_INET)
        return IN_MULTICAST(ntohl(reinterpret_cast<const sockaddr_in&>(s).sin_addr.s_addr));
    return IN6_IS_ADDR_MULTICAST(&reinterpret_cast<const sockaddr_in6&>(s).sin6_addr);
}

} // namespace

Result<WallEndpoint> parseWallEndpoint(const std::string& text, const std::string& option,
                                       bool hostOptional) {
    const auto bad = [&] {
        return optionError(option, formatText(hostOptional ? _("expected [ADDRESS:]PORT, found '{}'")
                                                           : _("expected HOST:PORT, found '{}'"),
                                              text));
    };
    WallEndpoint e;
    std::string port = text;
    if (!text.empty() && text.front() == '[') { // [v6]:port
        const auto close = text.find("]:");
        if (close == std::string::npos) return bad();
        e.host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
        e.host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (e.host.empty() || e.host.find(':') != std::string::npos) return bad();
    } else if (!hostOptional) {
        return bad();
    }
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), e.port);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size()) return bad();
    if (e.port < 1 || e.port > 65535)
        return optionError(option, formatText(_("port {} out of range (1 to 65535)"), port));
    return e;
}

Result<std::vector<WallEndpoint>> parseWallPeers(const std::string& text, const std::string& option) {
    std::vector<WallEndpoint> peers;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        auto e = parseWallEndpoint(text.substr(start, comma - start), option);
        if (!e) return e.error();
        peers.push_back(*e);
        start = comma + 1;
    }
    return peers;
}

Result<double> parseWallEpoch(const std::string& text, const std::string& option) {
    double seconds = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (!text.empty() && ec == std::errc{} && end == text.data() + text.size() && std::isfinite(seconds) &&
        seconds >= 0.0)
        return seconds;
    static const std::regex iso(
        R"((\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(?:Z|\+00:?00))");
    std::smatch m;
    if (std::regex_match(text, m, iso)) {
        std::tm t{};
        t.tm_year = std::stoi(m[1]) - 1900;
        t.tm_mon = std::stoi(m[2]) - 1;
        t.tm_mday = std::stoi(m[3]);
        t.tm_hour = std::stoi(m[4]);
        t.tm_min = std::stoi(m[5]);
        const double second = std::stod(m[6]);
        if (t.tm_mon <= 11 && t.tm_mday >= 1 && t.tm_mday <= 31 && t.tm_hour <= 23 && t.tm_min <= 59 &&
            second < 61.0) {
            const int day = t.tm_mday;
            const std::time_t whole = timegm(&t);
            if (whole != -1 && t.tm_mday == day) return static_cast<double>(whole) + second;
        }
    }
    return optionError(option, formatText(_("expected Unix seconds or an ISO 8601 UTC time such as "
                                            "2027-01-01T00:00:00Z, found '{}'"),
                                          text));
}

// --- sending --------------------------------------------------------------------------------------------

struct WallSender::Destination {
    sockaddr_storage address;
};

Result<WallSender> WallSender::open(const std::vector<WallEndpoint>& peers, std::optional<WallEndpoint> group,
                                    WallKey key, const std::string& peersOption,
                                    const std::string& groupOption) {
    WallSender s;
    s.key_ = std::move(key);
    std::random_device random;
    s.id_ = (static_cast<std::uint64_t>(random()) << 32) ^ random();
    for (const WallEndpoint& p : peers) {
        auto found = resolve(p, peersOption, false);
        if (!found) return found.error();
        s.destinations_.push_back({found->front()}); // one address a peer: the first getaddrinfo prefers
    }
    if (group) {
        auto found = resolve(*group, groupOption, false);
        if (!found) return found.error();
        if (!isMulticast(found->front()))
            return optionError(
                groupOption,
                formatText(_("'{}' is not a multicast address (expected e.g. 239.255.42.1:PORT)"),
                           group->host));
        s.destinations_.push_back({found->front()});
    }
    for (const Destination& d : s.destinations_) {
        int& fd = d.address.ss_family == AF_INET6 ? s.socket6_ : s.socket4_;
        if (fd >= 0) continue;
        fd = socket(d.address.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return optionError(group ? groupOption : peersOption,
                               formatText(_("cannot open a UDP socket: {}"), systemError()));
        // A wall is one LAN segment: multicast goes no further than the first router, and comes back to
        // this PC so a follower on the lead's own machine hears it.
        const int ttl = 1, loop = 1;
        if (d.address.ss_family == AF_INET) {
            setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl);
            const unsigned char loop4 = 1;
            setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop4, sizeof loop4);
        } else {
            setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &ttl, sizeof ttl);
            setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop);
        }
    }
    for (const Destination& d : s.destinations_)
        s.names_.push_back(addressText(reinterpret_cast<const sockaddr*>(&d.address)));
    return s;
}

WallSender::WallSender(WallSender&& o) noexcept
    : destinations_(std::move(o.destinations_)), names_(std::move(o.names_)),
      socket4_(std::exchange(o.socket4_, -1)), socket6_(std::exchange(o.socket6_, -1)),
      key_(std::move(o.key_)), id_(o.id_), sequence_(o.sequence_), failures_(o.failures_) {}

WallSender::~WallSender() {
    if (socket4_ >= 0) close(socket4_);
    if (socket6_ >= 0) close(socket6_);
}

std::uint64_t WallSender::send(const WallState& state, double unixNow) {
    WallMessage m;
    m.sender = id_;
    m.sequence = ++sequence_;
    m.sentAt = unixNow;
    m.state = state;
    const auto bytes = encodeWallMessage(m, key_);
    for (const Destination& d : destinations_) {
        const int fd = d.address.ss_family == AF_INET6 ? socket6_ : socket4_;
        if (sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&d.address),
                   sizeOf(d.address)) != static_cast<ssize_t>(bytes.size()))
            ++failures_;
    }
    return m.sequence;
}

// --- receiving ------------------------------------------------------------------------------------------

Result<WallReceiver> WallReceiver::open(const WallEndpoint& listen, std::optional<WallEndpoint> group,
                                        const std::string& option) {
    auto found = resolve(listen, option, true);
    if (!found) return found.error();
    const sockaddr_storage& address = found->front();
    WallReceiver r;
    r.socket_ = socket(address.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (r.socket_ < 0)
        return optionError(option, formatText(_("cannot open a UDP socket: {}"), systemError()));
    if (group) { // several followers on one PC may listen to the same group port
        const int yes = 1;
        setsockopt(r.socket_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    }
    if (bind(r.socket_, reinterpret_cast<const sockaddr*>(&address), sizeOf(address)) != 0)
        return optionError(option, formatText(_("cannot listen on {}: {}"),
                                              addressText(reinterpret_cast<const sockaddr*>(&address)),
                                              systemError()));
    if (group) {
        auto g = resolve(*group, "--wall-group", false);
        if (!g) return g.error();
        const sockaddr_storage& ga = g->front();
        bool joined = false;
        if (ga.ss_family == AF_INET && address.ss_family == AF_INET) {
            ip_mreq request{};
            request.imr_multiaddr = reinterpret_cast<const sockaddr_in&>(ga).sin_addr;
            request.imr_interface.s_addr = htonl(INADDR_ANY);
            joined = setsockopt(r.socket_, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) == 0;
        } else if (ga.ss_family == AF_INET6 && address.ss_family == AF_INET6) {
            ipv6_mreq request{};
            request.ipv6mr_multiaddr = reinterpret_cast<const sockaddr_in6&>(ga).sin6_addr;
            joined = setsockopt(r.socket_, IPPROTO_IPV6, IPV6_JOIN_GROUP, &request, sizeof request) == 0;
        }
        if (!joined)
            return optionError("--wall-group", formatText(_("cannot join the multicast group {}: {}"),
                                                          group->host, systemError()));
    }
    return r;
}

WallReceiver::WallReceiver(WallReceiver&& o) noexcept : socket_(std::exchange(o.socket_, -1)) {}

WallReceiver::~WallReceiver() {
    if (socket_ >= 0) close(socket_);
}

std::size_t WallReceiver::drain(WallFollower& follower, double unixNow, std::size_t maxPackets) {
    std::array<std::uint8_t, 2048> buffer;
    std::size_t read = 0;
    for (; read < maxPackets; ++read) {
        // MSG_TRUNC: the packet's real length, so an oversized one is refused for its size.
        const ssize_t n = recv(socket_, buffer.data(), buffer.size(), MSG_DONTWAIT | MSG_TRUNC);
        if (n < 0) break; // EAGAIN: nothing more this frame (other errors: try again next frame)
        const std::size_t size = static_cast<std::size_t>(n);
        if (size > buffer.size()) {
            std::vector<std::uint8_t> oversized(size, 0);
            follower.receive(oversized, unixNow);
        } else {
            follower.receive(std::span<const std::uint8_t>(buffer.data(), size), unixNow);
        }
    }
    return read;
}

} // namespace qinba::app
