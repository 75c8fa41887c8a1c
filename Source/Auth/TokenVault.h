#pragma once

#include "Auth/TokenManager.h"

#include <expected>

namespace moodboard::auth
{

/** An access token for a third-party API (Spotify), issued by the provider's connection. */
struct ConnectionToken
{
    std::string accessToken;
    std::string scope;
    SystemClock::time_point expiresAt{};
};

/** Why no connection token came back, in terms of what the user or the caller should do. */
struct ConnectionProblem
{
    enum class Reason
    {
        notConnected,  // the user has not connected the account: send them through connecting it
        missingScopes, // connected, but without the scopes the feature needs: connect again
        signInAgain,   // the Auth0 sign-in itself is gone
        unavailable    // network, 5xx or a broken answer: try again later
    };

    Reason reason = Reason::unavailable;
    Error error;
};

/** Auth0 Token Vault: exchanges the signed-in user's Auth0 refresh token for the access token of a
    federated connection (Spotify), with the grant
    urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token,
    subject_token_type urn:ietf:params:oauth:token-type:refresh_token and requested_token_type
    http://auth0.com/oauth/token-type/federated-connection-access-token.

    The token is cached in memory (never stored) until `reuseMargin` before it expires; one
    exchange runs at a time. Auth0's error codes for "this user has no token for the connection"
    are matched by code and description (federated_connection_refresh_token_not_found, or a
    description naming the connection's token as not found); check them against a real tenant
    when Auth0 changes its wording.

    Any thread except the message and audio threads.
*/
class TokenVault final
{
public:
    TokenVault (OAuthClient& auth0, TokenManager& session, std::string connection,
                std::chrono::seconds reuseMargin = std::chrono::seconds (120));

    /** A token for the connection carrying every scope in `requiredScopes`. */
    [[nodiscard]] std::expected<ConnectionToken, ConnectionProblem>
    getToken (const std::vector<std::string>& requiredScopes = {},
              const std::atomic<bool>* cancel = nullptr);

    /** Drops the cached token (after the API refused it, or at sign-out). */
    void forget();

    [[nodiscard]] int getExchangeCount() const;

private:
    OAuthClient& auth0;
    TokenManager& session;
    std::string connection;
    std::chrono::seconds margin;

    mutable std::mutex mutex;
    std::optional<ConnectionToken> cached;
    int exchanges = 0;
};

} // namespace moodboard::auth
