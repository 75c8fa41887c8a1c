// Sign-in attempts that must fail cleanly: wrong or missing state, access denied, two callbacks,
// a timeout, a taken port, a slow or broken token endpoint; and the ones that must still work
// (stray requests first, a browser opener that fails). The browser is played by the test;
// the token endpoint is the fault-injecting fake, whose request counts prove that no token
// request went out.
#include "Auth/AuthSettings.h"
#include "Auth/LoginFlow.h"
#include "Auth/SignIn.h"
#include "AuthPeers.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <future>
#include <thread>

using namespace moodboard;
using namespace moodboard::auth;
using namespace moodboard::testing;

namespace
{
const std::string craftedCode = "crafted-code-5f31c2a9e7";

OAuthEndpoints fakeEndpoints (const PeerProcess& fake, const std::string& tokenPath)
{
    OAuthEndpoints e;
    e.authorizeUrl = fake.getBaseUrl() + "/authorize";
    e.tokenUrl = fake.getBaseUrl() + tokenPath;
    e.clientId = "client-1";
    e.scope = "openid offline_access";
    e.requestTimeout = std::chrono::seconds (1);
    return e;
}

int tokenRequests (const PeerProcess& fake, const std::string& path)
{
    net::HttpClient http;
    auto stats = http.send ({.url = fake.getBaseUrl() + "/stats"});
    REQUIRE (stats);
    return nlohmann::json::parse (stats->body).value (path, 0);
}

// A "browser" that calls the redirect URI itself with the given query (after a short delay so
// that the flow is already waiting, although queued requests work as well).
struct CraftedBrowser
{
    std::function<std::string (const std::string& state)> queryFor;
    std::future<Expected<net::HttpResponse>> answer;

    bool operator() (const std::string& url)
    {
        const auto target =
            queryValue (url, "redirect_uri") + "?" + queryFor (queryValue (url, "state"));
        answer = std::async (std::launch::async, [target] { return browse (target); });
        return true;
    }
};

struct Attempt
{
    Expected<TokenSet> result;
    int tokenRequestCount = 0;
    std::string page;
};

Attempt attempt (AuthSandbox& sandbox, const OAuthEndpoints& endpoints,
                 std::function<std::string (const std::string&)> queryFor,
                 std::chrono::milliseconds timeout = std::chrono::seconds (10))
{
    net::HttpClient http;
    auto browser = std::make_shared<CraftedBrowser>();
    browser->queryFor = std::move (queryFor);
    LoginOptions options;
    options.timeout = timeout;
    options.opener = [browser] (const std::string& url) { return (*browser) (url); };

    LoginFlow flow (endpoints, http, options);
    auto result = flow.run();
    sandbox.noteSecret (flow.getVerifier());
    if (!result)
        sandbox.noteError (result.error().message);

    std::string page;
    if (browser->answer.valid())
        if (auto response = browser->answer.get())
            page = std::to_string (response->status) + " " + response->body;
    return {std::move (result), flow.getTokenRequestCount(), page};
}
} // namespace

TEST_CASE ("Callbacks with a wrong or missing state, or access denied, end with no token request",
           "[auth]")
{
    AuthSandbox sandbox ("auth-negative-state");
    sandbox.noteSecret (craftedCode);
    PeerProcess fake (fakeServicesScript(), {});
    const auto endpoints = fakeEndpoints (fake, "/garbage/oauth/token");

    SECTION ("wrong state")
    {
        auto a = attempt (sandbox, endpoints,
                          [] (const std::string&)
                          { return "code=" + craftedCode + "&state=forged-state-value"; });
        REQUIRE_FALSE (a.result);
        CHECK_THAT (a.result.error().message, Catch::Contains ("wrong state"));
        CHECK (a.tokenRequestCount == 0);
        CHECK_THAT (a.page, Catch::StartsWith ("400") && Catch::Contains ("Sign-in failed") &&
                                Catch::Contains ("You can close this tab."));
    }

    SECTION ("missing state")
    {
        auto a =
            attempt (sandbox, endpoints, [] (const std::string&) { return "code=" + craftedCode; });
        REQUIRE_FALSE (a.result);
        CHECK_THAT (a.result.error().message, Catch::Contains ("no state"));
        CHECK (a.tokenRequestCount == 0);
    }

    SECTION ("access denied")
    {
        auto a = attempt (
            sandbox, endpoints,
            [] (const std::string& state) {
                return "error=access_denied&error_description=The%20user%20said%20no&state=" +
                       state;
            });
        REQUIRE_FALSE (a.result);
        CHECK (a.result.error().kind == Error::Kind::cancelled);
        CHECK_THAT (a.result.error().message, Catch::Contains ("access was denied"));
        CHECK (a.tokenRequestCount == 0);
        CHECK_THAT (a.page, Catch::Contains ("access was denied"));
    }

    CHECK (tokenRequests (fake, "/garbage/oauth/token") == 0);
    sandbox.checkNoLeaks();
}

TEST_CASE ("Two callbacks at once end the sign-in with no token request", "[auth]")
{
    AuthSandbox sandbox ("auth-negative-double");
    sandbox.noteSecret (craftedCode);
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http;
    std::vector<std::future<Expected<net::HttpResponse>>> answers;

    LoginOptions options;
    options.opener = [&] (const std::string& url)
    {
        const auto target = queryValue (url, "redirect_uri") + "?code=" + craftedCode +
                            "&state=" + queryValue (url, "state");
        answers.push_back (std::async (std::launch::async, browse, target));
        answers.push_back (std::async (std::launch::async, browse, target));
        std::this_thread::sleep_for (
            std::chrono::milliseconds (300)); // both queued before the wait
        return true;
    };
    LoginFlow flow (fakeEndpoints (fake, "/garbage/oauth/token"), http, options);
    auto result = flow.run();
    sandbox.noteSecret (flow.getVerifier());

    REQUIRE_FALSE (result);
    sandbox.noteError (result.error().message);
    CHECK_THAT (result.error().message, Catch::Contains ("two sign-in responses"));
    CHECK (flow.getTokenRequestCount() == 0);
    for (auto& a : answers)
    {
        auto page = a.get();
        REQUIRE (page);
        CHECK (page->status == 400);
    }
    CHECK (tokenRequests (fake, "/garbage/oauth/token") == 0);
    sandbox.checkNoLeaks();
}

TEST_CASE ("No callback within the timeout ends the sign-in", "[auth]")
{
    AuthSandbox sandbox ("auth-negative-timeout");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http;
    LoginOptions options;
    options.timeout = std::chrono::milliseconds (400);
    options.opener = [] (const std::string&) { return true; }; // the user never finishes

    LoginFlow flow (fakeEndpoints (fake, "/garbage/oauth/token"), http, options);
    auto result = flow.run();
    REQUIRE_FALSE (result);
    CHECK_THAT (result.error().message, Catch::Contains ("no sign-in response arrived"));
    CHECK (flow.getTokenRequestCount() == 0);
    CHECK (LoginOptions{}.timeout == std::chrono::minutes (5));
}

TEST_CASE ("A sign-in port taken by another program is reported before the browser opens", "[auth]")
{
    AuthSandbox sandbox ("auth-negative-port");
    auto squatter = net::LoopbackListener::open ({});
    REQUIRE (squatter);
    net::HttpClient http;
    bool opened = false;
    LoginOptions options;
    options.listener.ports = {(*squatter)->getPort()};
    options.opener = [&] (const std::string&) { return opened = true; };

    LoginFlow flow ({}, http, options);
    auto result = flow.run();
    REQUIRE_FALSE (result);
    CHECK_THAT (result.error().message, Catch::Contains (std::to_string ((*squatter)->getPort())));
    CHECK_FALSE (opened);
}

TEST_CASE ("A slow, a garbage and an empty token answer each fail with a clear message", "[auth]")
{
    AuthSandbox sandbox ("auth-negative-token");
    sandbox.noteSecret (craftedCode);
    PeerProcess fake (fakeServicesScript(), {});
    const auto withState = [] (const std::string& state)
    { return "code=" + craftedCode + "&state=" + state; };

    SECTION ("slow")
    {
        const auto started = std::chrono::steady_clock::now();
        auto a = attempt (sandbox, fakeEndpoints (fake, "/slow/oauth/token"), withState);
        REQUIRE_FALSE (a.result);
        CHECK_THAT (a.result.error().message, Catch::Contains ("did not answer within 1 s"));
        CHECK (std::chrono::steady_clock::now() - started < std::chrono::milliseconds (2500));
        CHECK (a.tokenRequestCount == 1);
        CHECK_THAT (a.page, Catch::StartsWith ("400") && Catch::Contains ("did not answer"));
    }

    SECTION ("garbage")
    {
        auto a = attempt (sandbox, fakeEndpoints (fake, "/garbage/oauth/token"), withState);
        REQUIRE_FALSE (a.result);
        CHECK (a.result.error().kind == Error::Kind::corrupt);
        CHECK_THAT (a.result.error().message, Catch::Contains ("not JSON"));
        CHECK (tokenRequests (fake, "/garbage/oauth/token") == 1);
    }

    SECTION ("no access token")
    {
        auto a = attempt (sandbox, fakeEndpoints (fake, "/empty/oauth/token"), withState);
        REQUIRE_FALSE (a.result);
        CHECK_THAT (a.result.error().message, Catch::Contains ("without an access token"));
    }

    sandbox.checkNoLeaks();
}

TEST_CASE (
    "Spotify's PKCE flow: stray requests first, a failing opener, the profile, stored tokens",
    "[auth]")
{
    AuthSandbox sandbox ("auth-spotify");
    PeerProcess fake (fakeServicesScript(), {});
    AuthSettings settings;
    settings.spotifyClientId = "spotify-client";
    settings.spotifyAccountsUrl = fake.getBaseUrl() + "/spotify";
    settings.spotifyApiUrl = fake.getBaseUrl() + "/spotify";
    settings.ports = {};

    const auto endpoints = settings.spotifyEndpoints();
    CHECK (endpoints.scope == "playlist-read-private playlist-modify-private ugc-image-upload "
                              "user-library-read user-top-read user-read-recently-played "
                              "user-modify-playback-state user-read-private");

    FileSecretStore store (sandbox.getFolder() / "credentials.json");
    net::HttpClient http;
    SignIn signIn (settings, store, http);

    std::string shownUrl;
    std::future<Expected<net::HttpResponse>> browser;
    const auto failingOpener = [] (const std::string&) { return false; };
    const auto showUrl = [&] (const std::string& url)
    {
        shownUrl = url;
        const auto redirect = queryValue (url, "redirect_uri");
        browser = std::async (std::launch::async,
                              [url, redirect]
                              {
                                  // A favicon and a bare visit before the real redirect; both must
                                  // be ignored.
                                  (void) browse (redirect.substr (0, redirect.rfind ('/')) +
                                                 "/favicon.ico");
                                  (void) browse (redirect);
                                  return browse (url);
                              });
    };

    auto user = signIn.login (Provider::spotify, failingOpener, showUrl);
    if (!user)
        sandbox.noteError (user.error().message);
    REQUIRE (user);
    CHECK (user->subject == "spotify-listener-1");
    CHECK (user->displayName == "Spotify Listener");
    CHECK_THAT (queryValue (shownUrl, "redirect_uri"), Catch::StartsWith ("http://127.0.0.1:"));
    CHECK (shownUrl.find ("localhost") == std::string::npos);
    CHECK (queryValue (shownUrl, "code_challenge_method") == "S256");

    auto page = browser.get();
    REQUIRE (page);
    CHECK (page->status == 200);

    auto stored = store.load ("spotify");
    REQUIRE (stored);
    REQUIRE (*stored);
    const auto tokens = TokenSet::fromJson (**stored);
    REQUIRE (tokens);
    CHECK_THAT (tokens->accessToken, Catch::StartsWith ("sp-at-"));
    CHECK_THAT (tokens->refreshToken, Catch::StartsWith ("sp-rt-"));
    sandbox.noteSecret (tokens->accessToken);
    sandbox.noteSecret (tokens->refreshToken);

    auto users = signIn.whoami();
    REQUIRE (users);
    REQUIRE (users->size() == 1);
    CHECK (users->front().subject == "spotify-listener-1");

    auto out = signIn.logout();
    REQUIRE (out);
    CHECK (out->size() == 1);
    CHECK (signIn.whoami()->empty());
    sandbox.checkNoLeaks();
}
