#pragma once
// The choices the protection settings and the compose page offer (value as the gesso[...] parameters take it,
// label for people), and their view for a template's <select>.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/pages/render.hpp"

namespace gesso::web::pages {

using Choices = std::vector<std::pair<std::string, std::string>>;

const Choices& data_mining_choices();   // PLUS DataMining values, the recommended reservation first
const Choices& licence_choices();       // short names core::normalize_license reads
const Choices& cloak_choices();         // off, low, medium, high
const Choices& watermark_positions();   // as core/protection.hpp stores them

// The short name of a stored licence URL ("all-rights-reserved" for none or an unknown one).
std::string licence_name(const std::string& url);

// [{value, label, selected}] for a template's {{#name}}<option ...>{{/name}}.
mustache::data choices_view(const Choices& choices, std::string_view selected);

}  // namespace gesso::web::pages
