#include "activitypub/urls.hpp"

namespace gesso::activitypub {

std::string NodeUrls::host() const {
    if (!domain.empty() && domain.front() == '[') {  // [v6]:port
        auto close = domain.find(']');
        return domain.substr(0, close == std::string::npos ? domain.size() : close + 1);
    }
    return domain.substr(0, domain.find(':'));
}

}  // namespace gesso::activitypub
