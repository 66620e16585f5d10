#include "web/noai/crawlers.hpp"

#include <algorithm>

#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::web::noai {

namespace {
bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
}  // namespace

std::vector<std::string> parse_robots_agents(std::string_view text) {
    constexpr std::string_view kField = "user-agent:";
    std::vector<std::string> agents;
    while (!text.empty()) {
        auto eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = core::trim(line);
        if (line.size() <= kField.size() || core::to_lower_ascii(line.substr(0, kField.size())) != kField) continue;
        std::string agent(core::trim(line.substr(kField.size())));
        if (agent.empty() || agent == "*") continue;
        if (std::find(agents.begin(), agents.end(), agent) == agents.end()) agents.push_back(std::move(agent));
    }
    return agents;
}

const std::vector<std::string>& vendored_agents() {
    static const std::vector<std::string> agents = parse_robots_agents(vendored_robots_txt());
    return agents;
}

bool user_agent_matches(std::string_view user_agent, std::string_view agent) {
    if (agent.empty()) return false;
    std::string ua = core::to_lower_ascii(user_agent.substr(0, core::limits::kMaxUserAgentScanBytes));
    std::string needle = core::to_lower_ascii(agent);
    for (auto pos = ua.find(needle); pos != std::string::npos; pos = ua.find(needle, pos + 1)) {
        std::size_t end = pos + needle.size();
        bool starts = pos == 0 || !is_alnum(ua[pos - 1]);
        bool ends = end == ua.size() || !is_alnum(ua[end]);
        if (starts && ends) return true;
    }
    return false;
}

}  // namespace gesso::web::noai
