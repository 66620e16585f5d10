#pragma once
// `gesso admin policy …`: the node's policy rules, their decision log and the posts held for review.
#include "server/config.hpp"
#include "server/node.hpp"

namespace gesso::server {

int policy_verb(Node& node, const Invocation& inv);

}  // namespace gesso::server
