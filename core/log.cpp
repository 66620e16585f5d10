#include "core/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "core/clock.hpp"

namespace gesso::core {

namespace {
std::atomic<LogLevel> g_level{LogLevel::info};
std::mutex g_write_mutex;

const char* level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug: return "DEBUG";
        case LogLevel::info: return "INFO";
        case LogLevel::warn: return "WARN";
        case LogLevel::error: return "ERROR";
    }
    return "INFO";
}
}  // namespace

void set_log_level(LogLevel level) { g_level.store(level); }
LogLevel log_level() { return g_level.load(); }

bool parse_log_level(std::string_view text, LogLevel& out) {
    if (text == "debug") out = LogLevel::debug;
    else if (text == "info") out = LogLevel::info;
    else if (text == "warn") out = LogLevel::warn;
    else if (text == "error") out = LogLevel::error;
    else return false;
    return true;
}

void write_log(LogLevel level, std::string_view message) {
    std::string line = format_iso8601(system_clock().now());
    line += ' ';
    line += level_name(level);
    line += ' ';
    line += message;
    line += '\n';
    std::lock_guard lock(g_write_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace gesso::core
