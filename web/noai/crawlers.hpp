#pragma once
// The AI crawler list: ai.robots.txt's agents (MIT, vendored in third_party/ai-robots-txt/ and compiled in, so the
// binary needs no data file), and how a User-Agent header is matched against agent names.
#include <string>
#include <string_view>
#include <vector>

namespace gesso::web::noai {

// The vendored robots.txt and the SOURCE line naming its project, licence and commit (generated at build time).
std::string_view vendored_robots_txt();
std::string_view vendored_source();

// The agents of a robots.txt, in order: every "User-agent:" value, trimmed, without duplicates ("*" skipped).
std::vector<std::string> parse_robots_agents(std::string_view robots_txt);
// parse_robots_agents(vendored_robots_txt()), parsed once. Thread-safe.
const std::vector<std::string>& vendored_agents();

// True when `agent` appears in `user_agent` as a whole token: case-insensitive, and neither preceded nor
// followed by a letter or digit ("GPTBot/1.2" matches GPTBot; "NotGPTBotX" does not). Only the first
// limits::kMaxUserAgentScanBytes of the header are read.
bool user_agent_matches(std::string_view user_agent, std::string_view agent);

}  // namespace gesso::web::noai
