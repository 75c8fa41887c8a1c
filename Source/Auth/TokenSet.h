#pragma once

#include "Core/Error.h"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <string>

namespace moodboard::auth
{

using SystemClock = std::chrono::system_clock;

/** What a token endpoint gave for one account. Holds secrets: it goes to the SecretStore and
    to the code that calls the API, never to a log, an error message, plugin state or the
    assistant's context. */
struct TokenSet
{
    std::string accessToken;
    std::string refreshToken; // empty when the provider gave none
    std::string idToken;
    std::string tokenType = "Bearer";
    std::string scope;
    SystemClock::time_point expiresAt{};

    // Who signed in, from the checked ID token (or the provider's profile); not secret.
    std::string subject;
    std::string displayName;

    /** True when the access token is missing or expires within `margin`. Any thread. */
    [[nodiscard]] bool expiresWithin (std::chrono::seconds margin,
                                      SystemClock::time_point now = SystemClock::now()) const;

    /** For the secret store only. Any thread. */
    [[nodiscard]] std::string toJson() const;
    [[nodiscard]] static Expected<TokenSet> fromJson (const std::string& text);
};

} // namespace moodboard::auth
