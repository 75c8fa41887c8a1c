#pragma once

#include "Auth/TokenSet.h"
#include "Net/HttpClient.h"

#include <atomic>

namespace moodboard::auth
{

/** Where one OAuth 2.0 / OpenID Connect provider takes requests, and how this app is known there.
 */
struct OAuthEndpoints
{
    std::string authorizeUrl;
    std::string tokenUrl;
    std::string revokeUrl; // empty: the provider has no revocation endpoint
    std::string jwksUrl;   // empty: ID token signatures are not checked
    std::string issuer;    // empty: no ID token is expected
    std::string clientId;
    std::string audience; // Auth0's API identifier; empty for none
    std::string scope;
    net::Parameters extraAuthorizeParameters;
    std::chrono::milliseconds requestTimeout{30000};
};

/** The requests a public client (no secret) makes to a token endpoint: the code exchange,
    refresh and revocation. Each goes out once: a one-time code or a rotating refresh token must
    never be sent twice.

    Error kinds tell the caller what to do: `io` the provider could not be reached or answered
    5xx (keep the stored sign-in and try later); `invalidInput` the provider refused the grant
    (the code or refresh token is used, expired, revoked, or the verifier did not match: sign in
    again); `corrupt` the answer was not a token response; `cancelled` the caller cancelled.
    Messages name the provider's OAuth error code but never a token, code or verifier.

    Any thread except the message and audio threads; the HttpClient serialises requests.
*/
class OAuthClient final
{
public:
    OAuthClient (OAuthEndpoints endpoints, net::HttpClient& http);

    /** The authorisation request URL with PKCE (S256), `state` and the redirect URI. Any thread. */
    [[nodiscard]] std::string buildAuthorizeUrl (const std::string& redirectUri,
                                                 const std::string& state,
                                                 const std::string& codeChallenge,
                                                 const std::string& nonce) const;

    /** Exchanges an authorisation code; `redirectUri` must be byte for byte the one sent in the
        authorisation request. */
    [[nodiscard]] Expected<TokenSet> exchangeCode (const std::string& code,
                                                   const std::string& redirectUri,
                                                   const std::string& verifier,
                                                   const std::atomic<bool>* cancel = nullptr);

    /** Uses a refresh token. The result keeps `refreshToken` when the provider did not rotate it.
     */
    [[nodiscard]] Expected<TokenSet> refresh (const std::string& refreshToken,
                                              const std::atomic<bool>* cancel = nullptr);

    /** Revokes a token (RFC 7009); a provider without a revocation endpoint succeeds trivially. */
    [[nodiscard]] Expected<void> revoke (const std::string& token, const std::string& typeHint);

    /** Any POST to the token endpoint (a token exchange, for one); the answer is parsed as a
        token response. */
    [[nodiscard]] Expected<TokenSet> requestToken (net::Parameters form,
                                                   const std::atomic<bool>* cancel = nullptr);

    /** The OAuth error code ("invalid_grant") of a token endpoint answer, if it has one. */
    [[nodiscard]] static std::string errorCodeOf (const net::HttpResponse& response);

    [[nodiscard]] const OAuthEndpoints& getEndpoints() const { return endpoints; }

private:
    [[nodiscard]] Expected<TokenSet> parseTokenResponse (const net::HttpResponse& response) const;

    OAuthEndpoints endpoints;
    net::HttpClient& http;
};

} // namespace moodboard::auth
