#include "Auth/TokenSet.h"

#include <nlohmann/json.hpp>

namespace moodboard::auth
{

bool TokenSet::expiresWithin (std::chrono::seconds margin, SystemClock::time_point now) const
{
    return accessToken.empty() || expiresAt - margin <= now;
}

std::string TokenSet::toJson() const
{
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds> (expiresAt.time_since_epoch());
    nlohmann::json json{{"access_token", accessToken},
                        {"refresh_token", refreshToken},
                        {"id_token", idToken},
                        {"token_type", tokenType},
                        {"scope", scope},
                        {"expires_at", seconds.count()},
                        {"sub", subject},
                        {"name", displayName}};
    return json.dump();
}

Expected<TokenSet> TokenSet::fromJson (const std::string& text)
{
    const auto json = nlohmann::json::parse (text, nullptr, false);
    if (!json.is_object())
        return makeError (Error::Kind::corrupt, "the stored sign-in is damaged; sign in again");

    const auto text_ = [&] (const char* key)
    {
        const auto it = json.find (key);
        return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
    };

    TokenSet tokens;
    tokens.accessToken = text_ ("access_token");
    tokens.refreshToken = text_ ("refresh_token");
    tokens.idToken = text_ ("id_token");
    tokens.tokenType = text_ ("token_type");
    tokens.scope = text_ ("scope");
    tokens.subject = text_ ("sub");
    tokens.displayName = text_ ("name");

    if (const auto it = json.find ("expires_at"); it != json.end() && it->is_number_integer())
        tokens.expiresAt = SystemClock::time_point (std::chrono::seconds (it->get<long long>()));

    if (tokens.accessToken.empty() && tokens.refreshToken.empty())
        return makeError (Error::Kind::corrupt, "the stored sign-in holds no token; sign in again");

    return tokens;
}

} // namespace moodboard::auth
