#pragma once

#include "Auth/BrowserOpener.h"
#include "Auth/OAuthClient.h"
#include "Net/LoopbackListener.h"

#include <atomic>
#include <functional>
#include <memory>

namespace moodboard::auth
{

struct LoginOptions
{
    net::LoopbackOptions listener;
    std::chrono::milliseconds timeout{std::chrono::minutes (5)};
    BrowserOpener opener; // empty: the URL is only shown
    /** Receives the authorisation URL when no opener is set or the opener failed, for the user
        to copy into a browser. */
    std::function<void (const std::string& url)> showUrl;
    std::chrono::seconds idTokenLeeway{120};
};

/** One sign-in attempt with the Authorization Code grant, PKCE (S256) and a loopback redirect,
    as RFC 8252 and RFC 9700 describe for native apps.

    prepare() makes a fresh verifier, state and nonce and binds the listener before anything is
    shown to the user. complete() waits for the one callback and checks it: a missing or wrong
    `state`, an `error` (access_denied and others), a second callback, a timeout or a cancel each
    end the attempt with an error and no token request. Otherwise the code is exchanged (with the
    same redirect URI, byte for byte), the ID token's issuer, audience, expiry and nonce are checked
    and its RS256 signature verified against the provider's key set, and the browser tab shows
    the outcome. run() does both and opens the browser in between.

    Use from one thread other than the message thread; `cancel` may be set from any thread.
*/
class LoginFlow final
{
public:
    LoginFlow (OAuthEndpoints endpoints, net::HttpClient& http, LoginOptions options);
    ~LoginFlow();

    [[nodiscard]] Expected<void> prepare();
    [[nodiscard]] Expected<TokenSet> complete (const std::atomic<bool>* cancel = nullptr);
    [[nodiscard]] Expected<TokenSet> run (const std::atomic<bool>* cancel = nullptr);

    /** Valid after prepare(). */
    [[nodiscard]] const std::string& getAuthorizeUrl() const { return authorizeUrl; }
    [[nodiscard]] const std::string& getRedirectUri() const { return redirectUri; }

    /** How many token requests this attempt sent (0 or 1). */
    [[nodiscard]] int getTokenRequestCount() const { return tokenRequests; }

    /** The attempt's secrets, for tests that check they never reach a log or an error. */
    [[nodiscard]] const std::string& getVerifier() const { return verifier; }
    [[nodiscard]] const std::string& getState() const { return state; }
    [[nodiscard]] const std::string& getReceivedCode() const { return receivedCode; }

private:
    [[nodiscard]] Expected<TokenSet> redeem (const net::Parameters& query,
                                             const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<void> checkIdentity (TokenSet& tokens, const std::atomic<bool>* cancel);

    OAuthClient client;
    net::HttpClient& http;
    LoginOptions options;
    std::unique_ptr<net::LoopbackListener> listener;
    std::string verifier, state, nonce, authorizeUrl, redirectUri, receivedCode;
    int tokenRequests = 0;
};

} // namespace moodboard::auth
