#pragma once
// Messages for the user: errors from loading files, confirmations. Shown as notifications in the corner.

#include <deque>
#include <string>

namespace qinba {

/// A queue of notifications. Errors stay until dismissed; information fades after a few seconds.
class Notifications {
  public:
    enum class Kind { Info, Error };
    struct Item {
        Kind kind = Kind::Info;
        std::string text;
        double postedAt = -1.0; ///< seconds on the UI clock, set when first drawn
    };

    void info(std::string text) { push(Kind::Info, std::move(text)); }
    void error(std::string text) { push(Kind::Error, std::move(text)); }
    const std::deque<Item>& items() const { return items_; }

    /// Draws the notifications at the bottom-right of the main viewport and removes expired or dismissed
    /// ones. `now` is in seconds.
    void draw(double now);

  private:
    void push(Kind kind, std::string text);
    std::deque<Item> items_;
};

} // namespace qinba
