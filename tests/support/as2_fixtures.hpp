#pragma once
// For the activitypub/as2 reader tests: the ActivityStreams documents in tests/fixtures/as2/ and the UTC times
// written in them.
#include <rapidjson/document.h>

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/json_parse.hpp"
#include "support/fixtures.hpp"

namespace gesso::test {

// tests/fixtures/as2/<name>.json parsed the way the inbox parses a body (core::parse_json, with its limits).
inline rapidjson::Document load_as2(std::string_view name) {
    return core::parse_json(read_fixture("as2", std::string(name) + ".json"));
}

// y-mo-d h:mi:s UTC.
inline core::TimePoint utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    using namespace std::chrono;
    return core::TimePoint(sys_days(year{y} / month{mo} / day{d}) + hours(h) + minutes(mi) + seconds(s));
}

}  // namespace gesso::test
