#pragma once

#include "Auth/OAuthClient.h"
#include "Auth/SecretStore.h"

#include <condition_variable>
#include <mutex>

namespace moodboard::auth
{

/** Keeps one account's tokens fresh and stored.

    Design: the tokens live in memory and in the SecretStore under one account name. An access
    token that expires within `refreshMargin` is refreshed before it is handed out. Only one
    refresh runs at a time: a caller that finds one running waits on a condition variable and
    shares its result, so a rotating, single-use refresh token is never sent twice by this
    process. The answer's new refresh token is saved to the store before any caller receives the
    new access token. Before refreshing, the store is read again: another process (the app beside
    the CLI) may have refreshed already, and its fresh tokens are taken instead of sending a
    rotated-away refresh token. When the provider refuses the refresh token, the store is read
    once more and a different stored token is tried before the account is declared signed out.
    Processes do not lock each other out: two processes refreshing in the same instant can still
    both send the same refresh token.

    Any thread except the message and audio threads (refreshing blocks on the network).
*/
class TokenManager final
{
public:
    TokenManager (std::string account, SecretStore& store, OAuthClient& client,
                  std::chrono::seconds refreshMargin = std::chrono::seconds (60));

    /** Reads the stored tokens; false when none are stored. */
    [[nodiscard]] Expected<bool> loadStored();

    /** Takes the tokens of a new sign-in: stores them, then keeps them. */
    [[nodiscard]] Expected<void> adopt (TokenSet tokens);

    /** A valid access token, refreshed first when needed. Errors: `invalidInput` means sign in
        again; `io` means try later (the stored sign-in is kept). */
    [[nodiscard]] Expected<std::string> getAccessToken (const std::atomic<bool>* cancel = nullptr);

    /** The API refused `refusedAccessToken` before its expiry (revoked, or the clocks differ):
        refreshes now, unless another caller already replaced that token, in which case the
        replacement is returned. Same errors as getAccessToken(). */
    [[nodiscard]] Expected<std::string> renewAfterRefusal (
        const std::string& refusedAccessToken, const std::atomic<bool>* cancel = nullptr);

    /** The current refresh token (for the Token Vault exchange); empty when there is none. */
    [[nodiscard]] std::string getRefreshToken() const;

    /** Who is signed in; empty when nobody is. */
    [[nodiscard]] std::string getSubject() const;
    [[nodiscard]] std::string getDisplayName() const;
    [[nodiscard]] bool isSignedIn() const;

    /** Revokes the refresh token at the provider (best effort: a failure is reported in the
        result but the tokens are forgotten either way) and removes them from memory and store. */
    [[nodiscard]] Expected<void> logout();

    /** How many refresh requests went out, for tests. */
    [[nodiscard]] int getRefreshCount() const;

private:
    [[nodiscard]] Expected<TokenSet> refreshOnce (const std::string& refreshToken,
                                                  const std::atomic<bool>* cancel);

    std::string account;
    SecretStore& store;
    OAuthClient& client;
    std::chrono::seconds margin;

    mutable std::mutex mutex;
    std::condition_variable refreshed;
    std::optional<TokenSet> tokens;
    bool refreshing = false;
    std::uint64_t generation = 0;
    std::optional<Error> lastRefreshError;
    int refreshCount = 0;
};

} // namespace moodboard::auth
