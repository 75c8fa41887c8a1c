// The whole sign-in against a real OpenID Connect provider (oidc-provider from npm) on loopback,
// with the test playing the browser: code flow with PKCE, ID token checks, refresh with
// rotation shared by concurrent callers, logout with revocation, and the provider refusing a
// wrong verifier and a replayed code.
#include "Auth/AuthSettings.h"
#include "Auth/LoginFlow.h"
#include "Auth/Pkce.h"
#include "Auth/SignIn.h"
#include "Auth/TokenManager.h"
#include "AuthPeers.h"

#include <catch2/catch.hpp>

#include <future>
#include <latch>
#include <thread>

using namespace moodboard;
using namespace moodboard::auth;
using namespace moodboard::testing;

namespace
{
AuthSettings settingsFor (const PeerProcess& provider)
{
    AuthSettings settings;
    settings.auth0Issuer = provider.getBaseUrl() + "/";
    settings.auth0ClientId = "moodboard-test";
    settings.ports = {};
    return settings;
}

void noteTokens (AuthSandbox& sandbox, const TokenSet& tokens)
{
    sandbox.noteSecret (tokens.accessToken);
    sandbox.noteSecret (tokens.refreshToken);
    sandbox.noteSecret (tokens.idToken);
}
} // namespace

TEST_CASE ("Sign-in, refresh, rotation and logout against an OpenID Connect provider", "[auth]")
{
    AuthSandbox sandbox ("auth-oidc-flow");
    PeerProcess provider (oidcProviderScript(), {"0", "moodboard-test"});
    const auto settings = settingsFor (provider);
    net::HttpClient http;

    std::future<Expected<net::HttpResponse>> browser;
    LoginOptions options;
    options.opener = [&] (const std::string& url)
    {
        browser = std::async (std::launch::async, browse, url);
        return true;
    };

    LoginFlow flow (settings.auth0Endpoints(), http, options);
    auto tokens = flow.run();
    sandbox.noteSecret (flow.getVerifier());
    sandbox.noteSecret (flow.getReceivedCode());
    if (!tokens)
        sandbox.noteError (tokens.error().message);
    REQUIRE (tokens);
    noteTokens (sandbox, *tokens);

    CHECK (tokens->subject == "listener-1");
    CHECK (tokens->displayName == "Test Listener");
    CHECK_FALSE (tokens->refreshToken.empty());
    CHECK (tokens->expiresAt > SystemClock::now() + std::chrono::minutes (50));
    CHECK (flow.getTokenRequestCount() == 1);

    const auto& url = flow.getAuthorizeUrl();
    CHECK (queryValue (url, "redirect_uri") == flow.getRedirectUri());
    CHECK_THAT (flow.getRedirectUri(),
                Catch::StartsWith ("http://127.0.0.1:") && Catch::EndsWith ("/callback"));
    CHECK (queryValue (url, "code_challenge_method") == "S256");
    CHECK (queryValue (url, "code_challenge") == makeCodeChallenge (flow.getVerifier()));
    CHECK (queryValue (url, "scope") == "openid profile offline_access");
    CHECK (queryValue (url, "state") == flow.getState());
    CHECK (url.find (flow.getVerifier()) == std::string::npos);

    auto page = browser.get();
    REQUIRE (page);
    CHECK (page->status == 200);
    CHECK_THAT (page->body,
                Catch::Contains ("Signed in") && Catch::Contains ("You can close this tab."));

    // Refresh: the stored access token is made stale; eight callers at once share one refresh.
    FileSecretStore store (sandbox.getFolder() / "credentials.json");
    OAuthClient client (settings.auth0Endpoints(), http);
    TokenManager manager ("auth0", store, client);
    auto stale = *tokens;
    stale.expiresAt = SystemClock::now() - std::chrono::seconds (1);
    REQUIRE (manager.adopt (stale));

    std::latch start (8);
    std::vector<Expected<std::string>> results (8, makeError (Error::Kind::internal, "not run"));
    std::vector<std::thread> callers;
    for (int i = 0; i < 8; ++i)
        callers.emplace_back (
            [&, i]
            {
                start.arrive_and_wait();
                results[static_cast<std::size_t> (i)] = manager.getAccessToken();
            });
    for (auto& t : callers)
        t.join();

    CHECK (manager.getRefreshCount() == 1);
    for (const auto& r : results)
    {
        REQUIRE (r);
        CHECK (*r == *results.front());
    }
    CHECK (*results.front() != tokens->accessToken);
    sandbox.noteSecret (*results.front());

    // The provider rotated the refresh token, and the new one was stored.
    const auto rotated = manager.getRefreshToken();
    sandbox.noteSecret (rotated);
    CHECK (rotated != tokens->refreshToken);
    auto stored = store.load ("auth0");
    REQUIRE (stored);
    REQUIRE (*stored);
    CHECK (TokenSet::fromJson (**stored)->refreshToken == rotated);
    CHECK (manager.getSubject() == "listener-1");

    // A fresh token is handed out without another refresh.
    CHECK (manager.getAccessToken() == *results.front());
    CHECK (manager.getRefreshCount() == 1);

    // Logout revokes at the provider and forgets locally.
    REQUIRE (manager.logout());
    CHECK_FALSE (manager.isSignedIn());
    CHECK_FALSE (store.load ("auth0")->has_value());
    auto afterLogout = client.refresh (rotated);
    REQUIRE_FALSE (afterLogout);
    CHECK (afterLogout.error().kind == Error::Kind::invalidInput);
    CHECK_THAT (afterLogout.error().message, Catch::Contains ("invalid_grant"));
    sandbox.noteError (afterLogout.error().message);
    auto notSignedIn = manager.getAccessToken();
    REQUIRE_FALSE (notSignedIn);
    CHECK_THAT (notSignedIn.error().message, Catch::Contains ("moodboard login"));

    sandbox.checkNoLeaks();
}

TEST_CASE ("The provider refuses a wrong verifier and a replayed code, and the client says so",
           "[auth]")
{
    AuthSandbox sandbox ("auth-oidc-refusals");
    PeerProcess provider (oidcProviderScript(), {"0", "moodboard-test"});
    const auto settings = settingsFor (provider);
    net::HttpClient http;
    OAuthClient client (settings.auth0Endpoints(), http);

    // Nothing listens on this redirect: the scripted browser stops before following it.
    const std::string redirect = "http://127.0.0.1:53999/callback";
    const auto codeFor = [&] (const std::string& verifier)
    {
        const auto location = authorizeUntilRedirect (
            client.buildAuthorizeUrl (redirect, *makeState(), makeCodeChallenge (verifier),
                                      *makeState()),
            redirect);
        const auto code = queryValue (location, "code");
        REQUIRE_FALSE (code.empty());
        sandbox.noteSecret (code);
        return code;
    };

    const auto verifier = *makeCodeVerifier();
    const auto wrongVerifier = *makeCodeVerifier();
    sandbox.noteSecret (verifier);
    sandbox.noteSecret (wrongVerifier);

    auto wrong = client.exchangeCode (codeFor (verifier), redirect, wrongVerifier);
    REQUIRE_FALSE (wrong);
    sandbox.noteError (wrong.error().message);
    CHECK (wrong.error().kind == Error::Kind::invalidInput);
    CHECK_THAT (wrong.error().message,
                Catch::Contains ("invalid_grant") && Catch::Contains ("verifier"));

    const auto code = codeFor (verifier);
    auto first = client.exchangeCode (code, redirect, verifier);
    REQUIRE (first);
    noteTokens (sandbox, *first);

    auto replay = client.exchangeCode (code, redirect, verifier);
    REQUIRE_FALSE (replay);
    sandbox.noteError (replay.error().message);
    CHECK (replay.error().kind == Error::Kind::invalidInput);
    CHECK_THAT (replay.error().message,
                Catch::Contains ("invalid_grant") && Catch::Contains ("already used"));

    // A redirect URI that differs by one byte from the authorisation request is refused too.
    const auto other = client.exchangeCode (codeFor (verifier), redirect + "/", verifier);
    REQUIRE_FALSE (other);
    sandbox.noteError (other.error().message);
    CHECK_THAT (other.error().message, Catch::Contains ("invalid_grant"));

    sandbox.checkNoLeaks();
}

TEST_CASE ("A callback naming another issuer ends the sign-in before any token request", "[auth]")
{
    AuthSandbox sandbox ("auth-oidc-issuer");
    PeerProcess provider (oidcProviderScript(), {"0", "moodboard-test"});
    auto settings = settingsFor (provider);
    settings.auth0Issuer = provider.getBaseUrl(); // the provider says ".../": a different issuer
    net::HttpClient http;

    std::future<Expected<net::HttpResponse>> browser;
    LoginOptions options;
    options.opener = [&] (const std::string& url)
    {
        browser = std::async (std::launch::async, browse, url);
        return true;
    };
    LoginFlow flow (settings.auth0Endpoints(), http, options);
    auto tokens = flow.run();
    sandbox.noteSecret (flow.getVerifier());
    sandbox.noteSecret (flow.getReceivedCode());

    REQUIRE_FALSE (tokens);
    sandbox.noteError (tokens.error().message);
    CHECK_THAT (tokens.error().message, Catch::Contains ("another issuer"));
    CHECK (flow.getTokenRequestCount() == 0);
    auto page = browser.get();
    REQUIRE (page);
    CHECK (page->status == 400);
    CHECK_THAT (page->body, Catch::Contains ("Sign-in failed"));
    sandbox.checkNoLeaks();
}

TEST_CASE ("Connecting Spotify signs in to Auth0 through the connection with Spotify's scopes",
           "[auth]")
{
    AuthSandbox sandbox ("auth-oidc-connect");
    PeerProcess provider (oidcProviderScript(), {"0", "moodboard-test"});
    const auto settings = settingsFor (provider);
    net::HttpClient http;
    FileSecretStore store (sandbox.getFolder() / "credentials.json");
    SignIn signIn (settings, store, http);

    std::string url;
    std::future<Expected<net::HttpResponse>> browser;
    const BrowserOpener opener = [&] (const std::string& u)
    {
        url = u;
        browser = std::async (std::launch::async, browse, u);
        return true;
    };

    auto user = signIn.connectSpotify (opener, {});
    if (!user)
        sandbox.noteError (user.error().message);
    REQUIRE (user);
    CHECK (user->subject == "listener-1");
    CHECK (queryValue (url, "connection") == "spotify");
    CHECK (queryValue (url, "connection_scope") == settings.spotifyScopes);
    REQUIRE (browser.get());
    CHECK (store.load ("auth0")->has_value());
    sandbox.checkNoLeaks();
}

TEST_CASE ("A second process takes the tokens another one refreshed instead of reusing its own",
           "[auth]")
{
    AuthSandbox sandbox ("auth-oidc-two-processes");
    PeerProcess provider (oidcProviderScript(), {"0", "moodboard-test"});
    const auto settings = settingsFor (provider);
    net::HttpClient http;

    std::future<Expected<net::HttpResponse>> browser;
    LoginOptions options;
    options.opener = [&] (const std::string& url)
    {
        browser = std::async (std::launch::async, browse, url);
        return true;
    };
    LoginFlow flow (settings.auth0Endpoints(), http, options);
    auto tokens = flow.run();
    REQUIRE (tokens);
    noteTokens (sandbox, *tokens);
    REQUIRE (browser.get());

    // Two managers over one store stand for the CLI and the app, each with the same stale tokens.
    FileSecretStore store (sandbox.getFolder() / "credentials.json");
    OAuthClient client (settings.auth0Endpoints(), http);
    TokenManager cli ("auth0", store, client);
    TokenManager app ("auth0", store, client);
    auto stale = *tokens;
    stale.expiresAt = SystemClock::now() - std::chrono::seconds (1);
    REQUIRE (cli.adopt (stale));
    REQUIRE (app.adopt (stale));

    auto fromCli = cli.getAccessToken();
    REQUIRE (fromCli);
    sandbox.noteSecret (*fromCli);
    sandbox.noteSecret (cli.getRefreshToken());
    CHECK (cli.getRefreshCount() == 1);

    // The app would have sent the rotated-away refresh token; it takes the stored tokens instead.
    auto fromApp = app.getAccessToken();
    REQUIRE (fromApp);
    CHECK (*fromApp == *fromCli);
    CHECK (app.getRefreshCount() == 0);
    CHECK (app.getRefreshToken() == cli.getRefreshToken());
    sandbox.checkNoLeaks();
}
