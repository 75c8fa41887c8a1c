// The Token Vault exchange against a fake of Auth0's token endpoint: the request's parameters,
// caching until shortly before expiry, and each refusal mapped to what the user must do.
#include "Auth/TokenVault.h"
#include "AuthPeers.h"

#include <catch2/catch.hpp>

using namespace moodboard;
using namespace moodboard::auth;
using namespace moodboard::testing;

namespace
{
struct Vault
{
    explicit Vault (const std::string& refreshToken)
        : sandbox ("auth-vault")
        , fake (fakeServicesScript(), {})
        , store (sandbox.getFolder() / "credentials.json")
        , client ({.tokenUrl = fake.getBaseUrl() + "/vault/oauth/token", .clientId = "client-1"},
                  http)
        , session ("auth0", store, client)
        , vault (client, session, "spotify")
    {
        if (!refreshToken.empty())
        {
            TokenSet tokens;
            tokens.accessToken = "auth0-access-token-a81f";
            tokens.refreshToken = refreshToken;
            tokens.expiresAt = SystemClock::now() + std::chrono::hours (1);
            REQUIRE (session.adopt (tokens));
        }
        sandbox.noteSecret ("auth0-access-token-a81f");
    }

    AuthSandbox sandbox;
    PeerProcess fake;
    net::HttpClient http;
    FileSecretStore store;
    OAuthClient client;
    TokenManager session;
    TokenVault vault;
};

using Reason = ConnectionProblem::Reason;
} // namespace

TEST_CASE ("Token Vault exchanges the refresh token for the Spotify token and caches it", "[auth]")
{
    Vault v ("rt-connected");
    auto token = v.vault.getToken ({"playlist-modify-private"});
    REQUIRE (token);
    CHECK_THAT (token->accessToken, Catch::StartsWith ("spotify-at-"));
    CHECK (token->expiresAt > SystemClock::now() + std::chrono::minutes (55));
    v.sandbox.noteSecret (token->accessToken);

    auto again = v.vault.getToken ({"playlist-modify-private"});
    REQUIRE (again);
    CHECK (again->accessToken == token->accessToken);
    CHECK (v.vault.getExchangeCount() == 1);

    v.vault.forget();
    auto fresh = v.vault.getToken();
    REQUIRE (fresh);
    CHECK (fresh->accessToken != token->accessToken);
    CHECK (v.vault.getExchangeCount() == 2);
    v.sandbox.noteSecret (fresh->accessToken);
    v.sandbox.checkNoLeaks();
}

TEST_CASE ("A connection token about to expire is exchanged again", "[auth]")
{
    Vault v ("rt-short-lived"); // 30 s left, under the two-minute reuse margin
    auto first = v.vault.getToken();
    auto second = v.vault.getToken();
    REQUIRE (first);
    REQUIRE (second);
    CHECK (first->accessToken != second->accessToken);
    CHECK (v.vault.getExchangeCount() == 2);
}

TEST_CASE ("Token Vault refusals say whether to connect Spotify or sign in again", "[auth]")
{
    SECTION ("not connected")
    {
        Vault v ("rt-not-connected");
        auto token = v.vault.getToken();
        REQUIRE_FALSE (token);
        CHECK (token.error().reason == Reason::notConnected);
        CHECK_THAT (token.error().error.message, Catch::Contains ("not connected") &&
                                                     Catch::Contains ("moodboard login --connect"));
        v.sandbox.checkNoLeaks();
    }

    SECTION ("connected without the needed scopes")
    {
        Vault v ("rt-few-scopes");
        auto token = v.vault.getToken ({"playlist-modify-private"});
        REQUIRE_FALSE (token);
        CHECK (token.error().reason == Reason::missingScopes);
        CHECK_THAT (token.error().error.message, Catch::Contains ("connect it again"));
    }

    SECTION ("the Auth0 refresh token is gone")
    {
        Vault v ("rt-revoked");
        auto token = v.vault.getToken();
        REQUIRE_FALSE (token);
        CHECK (token.error().reason == Reason::signInAgain);
    }

    SECTION ("the service fails")
    {
        Vault v ("rt-unknown-to-the-fake"); // the fake answers 500
        auto token = v.vault.getToken();
        REQUIRE_FALSE (token);
        CHECK (token.error().reason == Reason::unavailable);
    }

    SECTION ("nobody signed in: no request at all")
    {
        Vault v ("");
        auto token = v.vault.getToken();
        REQUIRE_FALSE (token);
        CHECK (token.error().reason == Reason::signInAgain);
        CHECK (v.vault.getExchangeCount() == 0);
    }
}
