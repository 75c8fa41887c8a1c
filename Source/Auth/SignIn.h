#pragma once

#include "Auth/AuthSettings.h"
#include "Auth/BrowserOpener.h"
#include "Auth/SecretStore.h"
#include "Net/HttpClient.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace moodboard::auth
{

enum class Provider
{
    auth0,
    spotify
};

/** Who is signed in with which provider; nothing secret. */
struct SignedInUser
{
    Provider provider = Provider::auth0;
    std::string subject; // the provider's user id (`sub`, or Spotify's user id)
    std::string displayName;
};

[[nodiscard]] std::string providerName (Provider);

/** The account operations the shells offer: sign in, sign out, who is signed in.

    The CLI calls these on its main thread; the app must call login() on a background thread (it
    blocks until the browser comes back, up to the timeout) and may stop it with `cancel`. Tokens
    stay inside: callers receive a SignedInUser, never a token.
*/
class SignIn final
{
public:
    SignIn (AuthSettings settings, SecretStore& store, net::HttpClient& http);

    /** Runs the browser sign-in and stores the result. `opener` empty: the URL is only shown. */
    [[nodiscard]] Expected<SignedInUser>
    login (Provider provider, const BrowserOpener& opener,
           const std::function<void (const std::string&)>& showUrl,
           const std::atomic<bool>* cancel = nullptr,
           std::chrono::milliseconds timeout = std::chrono::minutes (5));

    /** Sends the user through connecting their Spotify account to Auth0 (an Auth0 sign-in through
        the configured connection with Spotify's scopes, which puts Spotify's tokens into the Token
        Vault), then stores the new Auth0 sign-in. A caller whose TokenVault::getToken() said
        `notConnected` or `missingScopes` calls this and then repeats its action once. */
    [[nodiscard]] Expected<SignedInUser>
    connectSpotify (const BrowserOpener& opener,
                    const std::function<void (const std::string&)>& showUrl,
                    const std::atomic<bool>* cancel = nullptr,
                    std::chrono::milliseconds timeout = std::chrono::minutes (5));

    /** Signs out of every provider: revokes where the provider allows it, then forgets the
        tokens. Returns the providers that were signed in. */
    [[nodiscard]] Expected<std::vector<Provider>> logout();

    /** The stored sign-ins. */
    [[nodiscard]] Expected<std::vector<SignedInUser>> whoami();

private:
    [[nodiscard]] Expected<SignedInUser> run (Provider, OAuthEndpoints, const BrowserOpener&,
                                              const std::function<void (const std::string&)>&,
                                              const std::atomic<bool>*, std::chrono::milliseconds);
    [[nodiscard]] Expected<void> fetchSpotifyProfile (TokenSet& tokens);

    AuthSettings settings;
    SecretStore& store;
    net::HttpClient& http;
};

} // namespace moodboard::auth
