#include "web/mastodon/filter_entity.hpp"

namespace gesso::web::mastodon {

namespace {

void write_context(core::JsonWriter& w, const storage::Filter& f) {
    w.key("context").begin_array();
    for (const auto& c : f.contexts) w.value(c);
    w.end_array();
    if (f.expires_at) w.field("expires_at", core::format_iso8601(*f.expires_at));
    else w.key("expires_at").null();
}

}  // namespace

void write_filter_keyword(core::JsonWriter& w, const storage::FilterKeyword& k) {
    w.begin_object().field("id", std::to_string(k.id)).field("keyword", k.keyword).field("whole_word", k.whole_word);
    w.end_object();
}

void write_filter_status(core::JsonWriter& w, const storage::FilterStatus& s) {
    w.begin_object().field("id", std::to_string(s.id)).field("status_id", std::to_string(s.status_id)).end_object();
}

void write_filter(core::JsonWriter& w, const storage::Filter& f) {
    w.begin_object().field("id", std::to_string(f.id)).field("title", f.title);
    write_context(w, f);
    w.field("filter_action", f.action);
    w.key("keywords").begin_array();
    for (const auto& k : f.keywords) write_filter_keyword(w, k);
    w.end_array().key("statuses").begin_array();
    for (const auto& s : f.statuses) write_filter_status(w, s);
    w.end_array().end_object();
}

void write_filter_result(core::JsonWriter& w, const activitypub::FilterResult& r) {
    w.begin_object().key("filter");
    write_filter(w, *r.filter);
    w.key("keyword_matches");
    if (r.keyword_matches.empty()) w.null();
    else {
        w.begin_array();
        for (const auto& k : r.keyword_matches) w.value(k);
        w.end_array();
    }
    w.key("status_matches");
    if (r.status_matches.empty()) w.null();
    else {
        w.begin_array();
        for (const auto& s : r.status_matches) w.value(s);
        w.end_array();
    }
    w.end_object();
}

void write_v1_filter(core::JsonWriter& w, const storage::Filter& f, const storage::FilterKeyword& k) {
    w.begin_object().field("id", std::to_string(k.id)).field("phrase", k.keyword);
    write_context(w, f);
    w.field("irreversible", f.action == "hide").field("whole_word", k.whole_word).end_object();
}

}  // namespace gesso::web::mastodon
