// GET/POST /compose: post works from the browser. One multipart form carries the text, content warning,
// sensitivity, visibility, licence and AI-training reservation (the post's own gesso[license] and
// gesso[data_mining], as with POST /api/v1/statuses; "default" follows the artist's settings), cloak level,
// visible watermark and up to limits::kMaxStatusMedia works, each in its own slot (file_N with its alt text
// alt_N), so the form works without JavaScript. The draft is read by the API's own reader
// (web/mastodon/status_draft.hpp) and posted by activitypub::publish_with_works: the media intake, then
// publish_status, exactly as an app's upload and post. A refused form is shown again (422) with the error next
// to its field and nothing stored; a post sends the browser to its page (303).
#include <algorithm>

#include "activitypub/media_intake.hpp"
#include "activitypub/post_works.hpp"
#include "activitypub/protection.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "web/mastodon/status_draft.hpp"
#include "web/multipart.hpp"
#include "web/pages/choices.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

namespace limits = core::limits;

const Choices& visibility_choices() {
    static const Choices kChoices = {{"public", "Public: everyone, and the gallery"},
                                     {"unlisted", "Unlisted: everyone with the link, not in the gallery"},
                                     {"private", "Followers only"},
                                     {"direct", "Only the people mentioned"}};
    return kChoices;
}

// `prefix` followed by `n` (appended: GCC 12 warns falsely, -Wrestrict, on "literal" + std::to_string).
std::string numbered(std::string prefix, std::size_t n) {
    prefix += std::to_string(n);
    return prefix;
}

// What the form holds, as sent (or as the artist's defaults on a fresh form).
struct ComposeForm {
    std::string text, spoiler_text, visibility = "public", licence, cloak, watermark_text;
    std::string data_mining = std::string(activitypub::kAuthorDefault);
    std::string author_data_mining;  // the artist's setting, named in the "as in my settings" choice
    bool sensitive = false, watermark = false;
    std::vector<std::string> alts = std::vector<std::string>(limits::kMaxStatusMedia);
};

ComposeForm defaults(activitypub::Context& ctx, const SessionViewer& viewer) {
    core::ProtectionSettings s = activitypub::protection_settings(ctx, viewer.account.id);
    ComposeForm f;
    f.licence = licence_name(s.license);
    f.author_data_mining = s.data_mining;
    f.cloak = s.cloak_level;
    f.watermark = !s.watermark_text.empty();
    f.watermark_text = s.watermark_text;
    return f;
}

Response form_page(const Site& site, const Request& req, const ComposeForm& f, const FieldErrors& errors) {
    mustache::data data;
    data.set("text", f.text);
    data.set("spoiler_text", f.spoiler_text);
    if (f.sensitive) data.set("sensitive", true);
    data.set("visibility_options", choices_view(visibility_choices(), f.visibility));
    data.set("licence_options", choices_view(licence_choices(), f.licence));
    Choices ai_training = data_mining_choices();
    std::string mine = f.author_data_mining;
    for (const auto& [value, label] : ai_training) {
        if (value == f.author_data_mining) mine = label;
    }
    ai_training.insert(ai_training.begin(), {std::string(activitypub::kAuthorDefault), "As in my settings: " + mine});
    data.set("data_mining_options", choices_view(ai_training, f.data_mining));
    data.set("cloak_options", choices_view(cloak_choices(), f.cloak));
    if (f.watermark) data.set("watermark", true);
    data.set("watermark_text", f.watermark_text);
    data.set("max_chars", std::to_string(limits::kMaxStatusChars));
    data.set("max_works", std::to_string(limits::kMaxStatusMedia));
    data.set("max_alt", std::to_string(limits::kMaxMediaDescriptionChars));
    data.set("max_watermark", std::to_string(limits::kMaxWatermarkTextBytes));
    if (site.settings().require_alt_text) data.set("require_alt", true);
    mustache::data slots{mustache::data::type::list};
    for (std::size_t i = 0; i < limits::kMaxStatusMedia; ++i) {
        mustache::data slot;
        std::size_t n = i + 1;
        slot.set("n", std::to_string(n));
        slot.set("alt", f.alts[i]);
        if (auto it = errors.find(numbered("file_", n)); it != errors.end()) slot.set("file_error", it->second);
        if (auto it = errors.find(numbered("alt_", n)); it != errors.end()) slot.set("alt_error", it->second);
        slots.push_back(std::move(slot));
    }
    data.set("slots", std::move(slots));
    add_form_messages(data, errors);
    return render_form_page(site, req, "Post a work", "compose", std::move(data), form_status(errors));
}

// One file the form carried, with the slot it came in (1-based; 0: a part outside the slots).
struct SentFile {
    std::size_t slot = 0;
    std::string_view bytes;
};

std::vector<SentFile> sent_files(const Request& req) {
    std::vector<SentFile> files;
    auto boundary = multipart_boundary(req.header(http::field::content_type));
    if (!boundary) return files;
    for (const auto& part : parse_multipart(req.message.body(), *boundary)) {
        // A file input left empty arrives as a part with an empty file name and no bytes.
        if (!part.filename || part.body.empty()) continue;
        std::size_t slot = 0;
        for (std::size_t n = 1; n <= limits::kMaxStatusMedia; ++n) {
            if (part.name == numbered("file_", n)) slot = n;
        }
        files.push_back({slot, part.body});
    }
    return files;
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    return form_page(site, req, defaults(site.ctx(), viewer), {});
}

Response submit(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    ComposeForm f = defaults(ctx, viewer);
    const std::string default_licence = f.licence;
    f.text = p.get_or("status", "");
    f.spoiler_text = p.get_or("spoiler_text", "");
    f.visibility = p.get_or("visibility", f.visibility);
    f.licence = p.get_or("gesso[license]", f.licence);
    f.data_mining = p.get_or("gesso[data_mining]", f.data_mining);
    f.cloak = p.get_or("cloak", f.cloak);
    f.watermark_text = p.get_or("watermark_text", f.watermark_text);
    for (std::size_t i = 0; i < limits::kMaxStatusMedia; ++i) f.alts[i] = p.get_or(numbered("alt_", i + 1), "");
    auto refuse = [&](FieldErrors errors) { return form_page(site, req, f, errors); };
    try {
        f.sensitive = p.boolean("sensitive").value_or(false);
        f.watermark = p.boolean("watermark").value_or(false);
    } catch (const Error& e) {
        return refuse({{"", e.what()}});
    }

    std::vector<SentFile> files = sent_files(req);
    bool blank = f.text.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank && files.empty()) return refuse({{"status", "Write something or add a work."}});
    if (files.size() > limits::kMaxStatusMedia || std::any_of(files.begin(), files.end(), [](const SentFile& s) { return s.slot == 0; })) {
        return refuse({{"works", numbered("A post holds at most ", limits::kMaxStatusMedia) + " works."}});
    }
    if (f.watermark && f.watermark_text.size() > limits::kMaxWatermarkTextBytes) {
        return refuse({{"watermark_text", numbered("Keep the watermark under ", limits::kMaxWatermarkTextBytes) +
                                              " characters."}});
    }
    auto licence_url = core::normalize_license(f.licence);
    if (!licence_url) return refuse({{"gesso[license]", "Choose one of the licences listed."}});

    activitypub::PostDraft draft;
    try {
        draft = mastodon::read_draft(p);
    } catch (const Error& e) {
        if (e.code() != Errc::unprocessable && e.code() != Errc::not_found) throw;
        return refuse(errors_from(e, {{"Visibility", "visibility"}}));
    }
    // The form has no such fields; a crafted one does not get to attach earlier uploads or a poll here.
    draft.media_ids.clear();
    draft.media_changes.clear();
    draft.poll.reset();
    draft.in_reply_to_id.reset();
    // The artist's default licence stays theirs (it follows later changes); another choice is the post's own.
    if (f.licence == default_licence) draft.rights.license.reset();
    if (f.data_mining == activitypub::kAuthorDefault) draft.rights.data_mining.reset();

    std::vector<activitypub::NewWork> works;
    for (const SentFile& file : files) {
        activitypub::UploadOptions o = activitypub::with_account_defaults(ctx, viewer.account.id, f.cloak, f.watermark,
                                                                          *licence_url);
        if (f.watermark) o.watermark_text = f.watermark_text;
        o.description = f.alts[file.slot - 1];
        std::string alt_field = numbered("alt_", file.slot);
        if (site.settings().require_alt_text && o.description.find_first_not_of(" \t\r\n") == std::string::npos) {
            return refuse({{alt_field, "Describe this work for people who cannot see it."}});
        }
        try {
            activitypub::validate_upload_options(o);
        } catch (const Error& e) {
            if (e.code() != Errc::unprocessable) throw;
            return refuse(errors_from(e, {{"cloak", "cloak"}, {"Description", alt_field}, {"licence", "gesso[license]"}}));
        }
        works.push_back({file.bytes, std::move(o)});
    }

    core::Status status;
    try {
        status = activitypub::publish_with_works(ctx, viewer.account, draft, works);
    } catch (const activitypub::WorkRefused& e) {
        return refuse({{numbered("file_", files[e.index()].slot), e.what()}});
    } catch (const Error& e) {
        if (e.code() != Errc::unprocessable && e.code() != Errc::not_found) throw;
        return refuse(errors_from(e, {{"character limit", "status"},
                                      {"Text", "status"},
                                      {"media attachments", "works"},
                                      {"license", "gesso[license]"},
                                      {"data_mining", "gesso[data_mining]"}}));
    }
    return see_other(status.url);
}

}  // namespace

void add_compose_routes(Router& router, const SitePtr& site) {
    router.get("/compose", signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return show(*s, req, v); }));
    router.add(http::verb::post, "/compose",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return submit(*s, req, v); }),
               limits::kMaxComposeBodyBytes);
}

}  // namespace gesso::web::pages
