#pragma once

#include "Core/Error.h"

#include <atomic>
#include <string>

namespace moodboard::spotify
{

/** Where the Web API's bearer token comes from: the user's own Spotify sign-in, or Auth0's Token
    Vault. The token is handed to the API client and nowhere else: callers above the client (the
    shells, the assistant's tools) hold a SpotifyApi, a capability to call Spotify, never the
    token itself.

    Implementations are safe to call from several threads at once; any thread except the message
    and audio threads (they may block on the network).
*/
class AccessTokenSource
{
public:
    virtual ~AccessTokenSource() = default;

    /** A token to send now, renewed first when it is about to expire. */
    [[nodiscard]] virtual Expected<std::string> getToken (const std::atomic<bool>* cancel) = 0;

    /** Spotify refused `refused` (401): drop it and get a fresh one. When another thread has
        already replaced it, its replacement is returned without asking the provider again. */
    [[nodiscard]] virtual Expected<std::string> renew (const std::string& refused,
                                                       const std::atomic<bool>* cancel) = 0;
};

} // namespace moodboard::spotify
