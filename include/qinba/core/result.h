#pragma once
// Result<T>: a value or an Error that names the file, the field and what was expected.

#include <string>
#include <utility>
#include <variant>

namespace qinba {

/// What went wrong with outside input or an operation on it.
struct Error {
    std::string file;    ///< path of the file concerned; empty when no file is involved
    std::string field;   ///< field, band, row, column or option concerned; empty when none
    std::string message; ///< what was wrong and, where it helps, what was expected

    /// One line for a terminal or a notification: "file: field: message".
    std::string toString() const {
        std::string out;
        if (!file.empty()) out += file + ": ";
        if (!field.empty()) out += field + ": ";
        out += message;
        return out;
    }
};

/// A value of type T, or the Error that prevented it.
template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

/// Success or an Error, for operations that return nothing.
using Status = Result<std::monostate>;
inline Status okStatus() {
    return Status(std::monostate{});
}

} // namespace qinba
