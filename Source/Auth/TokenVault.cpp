#include "Auth/TokenVault.h"

#include "Core/Log.h"

#include <algorithm>
#include <sstream>

namespace moodboard::auth
{
namespace
{
bool hasScopes (const std::string& granted, const std::vector<std::string>& required)
{
    std::istringstream words (granted);
    std::vector<std::string> have;
    for (std::string w; words >> w;)
        have.push_back (w);
    for (const auto& r : required)
        if (std::find (have.begin(), have.end(), r) == have.end())
            return false;
    return true;
}

std::string lower (std::string text)
{
    for (auto& c : text)
        c = static_cast<char> (std::tolower (static_cast<unsigned char> (c)));
    return text;
}
} // namespace

TokenVault::TokenVault (OAuthClient& a, TokenManager& s, std::string c, std::chrono::seconds m)
    : auth0 (a)
    , session (s)
    , connection (std::move (c))
    , margin (m)
{
}

void TokenVault::forget()
{
    std::lock_guard lock (mutex);
    cached.reset();
}

int TokenVault::getExchangeCount() const
{
    std::lock_guard lock (mutex);
    return exchanges;
}

std::expected<ConnectionToken, ConnectionProblem>
TokenVault::getToken (const std::vector<std::string>& requiredScopes,
                      const std::atomic<bool>* cancel)
{
    using Reason = ConnectionProblem::Reason;
    std::lock_guard lock (mutex);

    if (cached && cached->expiresAt - margin > SystemClock::now() &&
        hasScopes (cached->scope, requiredScopes))
        return *cached;

    const auto refreshToken = session.getRefreshToken();
    if (refreshToken.empty())
        return std::unexpected (
            ConnectionProblem{Reason::signInAgain,
                              {Error::Kind::invalidInput,
                               "not signed in with Auth0 (or no refresh token was issued); "
                               "run `moodboard login`"}});

    ++exchanges;
    auto result = auth0.requestToken (
        {{"grant_type",
          "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token"},
         {"subject_token", refreshToken},
         {"subject_token_type", "urn:ietf:params:oauth:token-type:refresh_token"},
         {"requested_token_type",
          "http://auth0.com/oauth/token-type/federated-connection-access-token"},
         {"connection", connection}},
        cancel);

    if (!result)
    {
        const auto& message = result.error().message;
        const auto text = lower (message);
        Reason reason = Reason::unavailable;

        if (result.error().kind == Error::Kind::invalidInput)
        {
            if (text.find ("federated_connection_refresh_token_not_found") != std::string::npos ||
                (text.find ("not found") != std::string::npos &&
                 text.find ("token") != std::string::npos) ||
                text.find ("not connected") != std::string::npos)
                reason = Reason::notConnected;
            else if (text.find ("insufficient_scope") != std::string::npos ||
                     text.find ("scope") != std::string::npos)
                reason = Reason::missingScopes;
            else if (text.find ("invalid_grant") != std::string::npos)
                reason = Reason::signInAgain;
            else
                reason = Reason::notConnected;
        }

        std::string advice;
        switch (reason)
        {
            case Reason::notConnected:
                advice = "your " + connection +
                         " account is not connected to your sign-in; connect "
                         "it with `moodboard login --connect`";
                break;
            case Reason::missingScopes:
                advice = "your " + connection +
                         " account was connected without the permissions "
                         "Music Moodboard needs; connect it again with `moodboard login --connect`";
                break;
            case Reason::signInAgain:
                advice = "the Auth0 sign-in has expired; run `moodboard login`";
                break;
            case Reason::unavailable:
                advice = message;
                break;
        }

        log::warning ("auth", "token vault exchange for " + connection + " failed: " + message);
        return std::unexpected (ConnectionProblem{reason, {result.error().kind, advice}});
    }

    ConnectionToken token{result->accessToken, result->scope, result->expiresAt};

    if (!hasScopes (token.scope, requiredScopes))
        return std::unexpected (
            ConnectionProblem{Reason::missingScopes,
                              {Error::Kind::invalidInput,
                               "your " + connection +
                                   " account was connected without the "
                                   "permissions Music Moodboard needs; connect it again with "
                                   "`moodboard login --connect`"}});

    cached = token;
    return token;
}

} // namespace moodboard::auth
