#pragma once

#include "Auth/AuthSettings.h"
#include "Auth/SecretStore.h"
#include "Auth/SignIn.h"
#include "Spotify/AccessTokenSource.h"
#include "Spotify/SpotifyApi.h"

#include <filesystem>
#include <memory>

namespace moodboard::spotify
{

/** The signed-in user's way to Spotify: with an Auth0 sign-in, Spotify tokens from Auth0's Token
    Vault; with Spotify's own sign-in, its tokens, refreshed as they expire. The tokens stay in
    here and in the secret store; callers get the AccessTokenSource for a SpotifyApi.

    Any thread except the message and audio threads (opening reads the secret store).
*/
class SpotifyAccount final
{
public:
    ~SpotifyAccount();

    /** Opens the stored sign-in, Auth0 first when both are stored and Auth0 is configured.
        Errors say what to do (`moodboard login`, or connect Spotify). */
    [[nodiscard]] static Expected<std::unique_ptr<SpotifyAccount>>
    open (const auth::AuthSettings& settings, auth::SecretStore& store);

    [[nodiscard]] AccessTokenSource& getTokens();
    [[nodiscard]] const auth::SignedInUser& getUser() const { return user; }
    /** "Name (spotify user id)" for the confirmation: whose account is written. */
    [[nodiscard]] std::string describe() const;
    /** The signed-in user's own folder; pushes are recorded under it. */
    [[nodiscard]] std::filesystem::path getDataFolder() const;
    [[nodiscard]] const std::string& getApiUrl() const { return apiUrl; }
    /** Options for a SpotifyApi on this account: the configured API address. */
    [[nodiscard]] ApiOptions apiOptions() const
    {
        ApiOptions options;
        options.baseUrl = apiUrl;
        return options;
    }

    /** True when the last token request failed because Spotify is not connected to the Auth0
        account (or lacks scopes): the shell sends the user through SignIn::connectSpotify. */
    [[nodiscard]] bool needsConnecting() const;

    /** The scopes a push may need, asked of the Token Vault. */
    static const std::vector<std::string>& pushScopes();

private:
    SpotifyAccount();
    struct Parts;
    std::unique_ptr<Parts> parts;
    auth::SignedInUser user;
    std::string apiUrl;
};

} // namespace moodboard::spotify
