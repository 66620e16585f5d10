#pragma once
// Leveled logging to stderr, one line per message, safe from any thread.
//   GESSO_LOG(info) << "listening on " << endpoint;
#include <sstream>
#include <string_view>

namespace gesso::core {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

void set_log_level(LogLevel level);
LogLevel log_level();
bool parse_log_level(std::string_view text, LogLevel& out);
// Writes one line: "<iso time> <level> <message>\n", atomically with respect to other log lines.
void write_log(LogLevel level, std::string_view message);

class LogLine {
public:
    explicit LogLine(LogLevel level) : level_(level) {}
    ~LogLine() { write_log(level_, stream_.str()); }
    LogLine(const LogLine&) = delete;
    LogLine& operator=(const LogLine&) = delete;
    template <class T>
    LogLine& operator<<(const T& value) {
        stream_ << value;
        return *this;
    }

private:
    LogLevel level_;
    std::ostringstream stream_;
};

}  // namespace gesso::core

// A for-statement (not an if) so that the macro is safe under an unbraced if/else.
#define GESSO_LOG(level)                                                                              \
    for (bool gesso_log_once_ = ::gesso::core::LogLevel::level >= ::gesso::core::log_level(); gesso_log_once_; \
         gesso_log_once_ = false)                                                                     \
    ::gesso::core::LogLine(::gesso::core::LogLevel::level)
