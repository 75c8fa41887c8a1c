#pragma once

#include <functional>
#include <string>

namespace moodboard::auth
{

/** Opens a URL in the user's browser; false when it could not. */
using BrowserOpener = std::function<bool (const std::string& url)>;

/** The desktop's opener: `xdg-open URL` (MOODBOARD_BROWSER names another program), started
    without a shell and waited for up to 10 seconds. The URL carries only public values (client id,
    state, PKCE challenge), never the verifier or a token. Any thread except the message thread. */
[[nodiscard]] bool openWithDesktop (const std::string& url);

} // namespace moodboard::auth
