#include "Spotify/SpotifyAccount.h"

#include "Auth/TokenManager.h"
#include "Auth/TokenVault.h"
#include "Auth/UserScope.h"

namespace moodboard::spotify
{
namespace
{
// Spotify's own sign-in: its access token is the API's token.
class DirectTokens final : public AccessTokenSource
{
public:
    explicit DirectTokens (auth::TokenManager& tokens)
        : manager (tokens)
    {
    }

    Expected<std::string> getToken (const std::atomic<bool>* cancel) override
    {
        return manager.getAccessToken (cancel);
    }

    Expected<std::string> renew (const std::string& refused,
                                 const std::atomic<bool>* cancel) override
    {
        return manager.renewAfterRefusal (refused, cancel);
    }

private:
    auth::TokenManager& manager;
};

// An Auth0 sign-in: Spotify's token comes out of the Token Vault.
class VaultTokens final : public AccessTokenSource
{
public:
    explicit VaultTokens (auth::TokenVault& tokenVault)
        : vault (tokenVault)
    {
    }

    Expected<std::string> getToken (const std::atomic<bool>* cancel) override
    {
        auto token = vault.getToken (SpotifyAccount::pushScopes(), cancel);
        if (token)
        {
            connectNeeded = false;
            return token->accessToken;
        }

        using Reason = auth::ConnectionProblem::Reason;
        const auto reason = token.error().reason;
        connectNeeded = reason == Reason::notConnected || reason == Reason::missingScopes;
        if (connectNeeded)
            return makeError (Error::Kind::invalidInput,
                              "Spotify is not connected to your sign-in with the permissions "
                              "this needs; run `moodboard login --connect`, then run this again "
                              "(an interrupted push carries on where it stopped)");
        return std::unexpected (token.error().error);
    }

    Expected<std::string> renew (const std::string&, const std::atomic<bool>* cancel) override
    {
        vault.forget();
        return getToken (cancel);
    }

    std::atomic<bool> connectNeeded{false};

private:
    auth::TokenVault& vault;
};
} // namespace

struct SpotifyAccount::Parts
{
    net::HttpClient http;
    std::unique_ptr<auth::OAuthClient> client;
    std::unique_ptr<auth::TokenManager> manager;
    std::unique_ptr<auth::TokenVault> vault;
    std::unique_ptr<AccessTokenSource> tokens;
    VaultTokens* vaultTokens = nullptr;
};

SpotifyAccount::SpotifyAccount()
    : parts (std::make_unique<Parts>())
{
}
SpotifyAccount::~SpotifyAccount() = default;

const std::vector<std::string>& SpotifyAccount::pushScopes()
{
    static const std::vector<std::string> scopes{"playlist-modify-private", "ugc-image-upload"};
    return scopes;
}

Expected<std::unique_ptr<SpotifyAccount>> SpotifyAccount::open (const auth::AuthSettings& settings,
                                                                auth::SecretStore& store)
{
    std::unique_ptr<SpotifyAccount> account (new SpotifyAccount());
    account->apiUrl = settings.spotifyApiUrl;
    auto& parts = *account->parts;

    for (const auto provider : {auth::Provider::auth0, auth::Provider::spotify})
    {
        if (provider == auth::Provider::auth0 && !settings.hasAuth0())
            continue;
        const auto endpoints = provider == auth::Provider::auth0 ? settings.auth0Endpoints()
                                                                 : settings.spotifyEndpoints();
        auto client = std::make_unique<auth::OAuthClient> (endpoints, parts.http);
        auto manager =
            std::make_unique<auth::TokenManager> (auth::providerName (provider), store, *client);
        auto loaded = manager->loadStored();
        if (!loaded)
            return std::unexpected (loaded.error());
        if (!*loaded)
            continue;

        account->user = {provider, manager->getSubject(), manager->getDisplayName()};
        parts.client = std::move (client);
        parts.manager = std::move (manager);
        if (provider == auth::Provider::auth0)
        {
            parts.vault = std::make_unique<auth::TokenVault> (*parts.client, *parts.manager,
                                                              settings.auth0Connection);
            auto vaultTokens = std::make_unique<VaultTokens> (*parts.vault);
            parts.vaultTokens = vaultTokens.get();
            parts.tokens = std::move (vaultTokens);
        }
        else
            parts.tokens = std::make_unique<DirectTokens> (*parts.manager);
        return account;
    }

    return makeError (Error::Kind::invalidInput,
                      "not signed in to Spotify; run `moodboard login` (with Auth0 or "
                      "`--provider spotify`) first");
}

AccessTokenSource& SpotifyAccount::getTokens()
{
    return *parts->tokens;
}

std::string SpotifyAccount::describe() const
{
    const auto name = user.displayName.empty() ? user.subject : user.displayName;
    return name + " (" + auth::providerName (user.provider) + " user " + user.subject + ")";
}

std::filesystem::path SpotifyAccount::getDataFolder() const
{
    return auth::userDataDir (auth::providerName (user.provider), user.subject);
}

bool SpotifyAccount::needsConnecting() const
{
    return parts->vaultTokens != nullptr && parts->vaultTokens->connectNeeded.load();
}

} // namespace moodboard::spotify
