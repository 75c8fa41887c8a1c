#include "Auth/TokenManager.h"

#include "Core/Log.h"

namespace moodboard::auth
{

TokenManager::TokenManager (std::string name, SecretStore& s, OAuthClient& c,
                            std::chrono::seconds m)
    : account (std::move (name))
    , store (s)
    , client (c)
    , margin (m)
{
}

Expected<bool> TokenManager::loadStored()
{
    auto stored = store.load (account);
    if (!stored)
        return std::unexpected (stored.error());
    if (!*stored)
        return false;

    auto parsed = TokenSet::fromJson (**stored);
    if (!parsed)
        return std::unexpected (parsed.error());

    std::lock_guard lock (mutex);
    tokens = std::move (*parsed);
    return true;
}

Expected<void> TokenManager::adopt (TokenSet fresh)
{
    if (auto saved = store.save (account, fresh.toJson()); !saved)
        return saved;

    std::lock_guard lock (mutex);
    tokens = std::move (fresh);
    return {};
}

std::string TokenManager::getRefreshToken() const
{
    std::lock_guard lock (mutex);
    return tokens ? tokens->refreshToken : std::string();
}

std::string TokenManager::getSubject() const
{
    std::lock_guard lock (mutex);
    return tokens ? tokens->subject : std::string();
}

std::string TokenManager::getDisplayName() const
{
    std::lock_guard lock (mutex);
    return tokens ? tokens->displayName : std::string();
}

bool TokenManager::isSignedIn() const
{
    std::lock_guard lock (mutex);
    return tokens.has_value();
}

int TokenManager::getRefreshCount() const
{
    std::lock_guard lock (mutex);
    return refreshCount;
}

Expected<TokenSet> TokenManager::refreshOnce (const std::string& refreshToken,
                                              const std::atomic<bool>* cancel)
{
    {
        std::lock_guard lock (mutex);
        ++refreshCount;
    }
    return client.refresh (refreshToken, cancel);
}

Expected<std::string> TokenManager::renewAfterRefusal (const std::string& refusedAccessToken,
                                                       const std::atomic<bool>* cancel)
{
    {
        std::lock_guard lock (mutex);
        // Marked as expired, the token takes getAccessToken()'s single-refresh path.
        if (tokens && !refreshing && tokens->accessToken == refusedAccessToken)
            tokens->expiresAt = {};
    }
    return getAccessToken (cancel);
}

Expected<std::string> TokenManager::getAccessToken (const std::atomic<bool>* cancel)
{
    std::unique_lock lock (mutex);

    if (!tokens)
        return makeError (Error::Kind::invalidInput, "not signed in; run `moodboard login`");

    if (refreshing)
    {
        const auto waitingFor = generation;
        refreshed.wait (lock, [&] { return generation != waitingFor; });
        if (lastRefreshError)
            return std::unexpected (*lastRefreshError);
        if (!tokens)
            return makeError (Error::Kind::invalidInput, "not signed in; run `moodboard login`");
        return tokens->accessToken;
    }

    if (!tokens->expiresWithin (margin))
        return tokens->accessToken;

    if (tokens->refreshToken.empty())
        return makeError (Error::Kind::invalidInput,
                          "the sign-in has expired and cannot be renewed; "
                          "run `moodboard login` again");

    refreshing = true;
    auto previous = *tokens;
    lock.unlock();

    // Another process (the app beside the CLI) may have refreshed already: its tokens are in the
    // store, and sending our older, rotated-away refresh token could trip reuse detection.
    if (auto stored = store.load (account); stored && *stored)
        if (auto storedTokens = TokenSet::fromJson (**stored);
            storedTokens && storedTokens->refreshToken != previous.refreshToken &&
            !storedTokens->refreshToken.empty())
        {
            if (!storedTokens->expiresWithin (margin))
            {
                lock.lock();
                tokens = std::move (*storedTokens);
                refreshing = false;
                lastRefreshError.reset();
                ++generation;
                refreshed.notify_all();
                return tokens->accessToken;
            }
            previous.refreshToken = storedTokens->refreshToken;
        }

    auto fresh = refreshOnce (previous.refreshToken, cancel);

    // Another process may have rotated the refresh token since we read it: use the stored one.
    if (!fresh && fresh.error().kind == Error::Kind::invalidInput)
    {
        auto stored = store.load (account);
        if (stored && *stored)
            if (auto storedTokens = TokenSet::fromJson (**stored);
                storedTokens && storedTokens->refreshToken != previous.refreshToken)
            {
                log::info ("auth", "the refresh token was renewed elsewhere; using the stored one");
                fresh = refreshOnce (storedTokens->refreshToken, cancel);
            }
    }

    std::optional<Error> failure;

    if (fresh)
    {
        fresh->subject = previous.subject;
        fresh->displayName = previous.displayName;
        if (fresh->idToken.empty())
            fresh->idToken = previous.idToken;

        // Saved before anyone can use it: if the process dies now, the rotated token is not lost.
        if (auto saved = store.save (account, fresh->toJson()); !saved)
            failure = saved.error();
    }
    else
    {
        failure = fresh.error();
    }

    lock.lock();
    refreshing = false;
    ++generation;
    lastRefreshError = failure;

    if (fresh)
        tokens = std::move (*fresh); // kept in memory even if saving failed

    if (!fresh && fresh.error().kind == Error::Kind::invalidInput)
    {
        log::warning ("auth", "the stored sign-in was refused; signing out");
        tokens.reset();
        lock.unlock();
        (void) store.remove (account);
        lock.lock();
    }

    refreshed.notify_all();

    if (failure)
        return std::unexpected (*failure);
    return tokens->accessToken;
}

Expected<void> TokenManager::logout()
{
    std::optional<TokenSet> old;
    {
        std::unique_lock lock (mutex);
        refreshed.wait (lock, [&] { return !refreshing; });
        old = std::exchange (tokens, std::nullopt);
    }

    Expected<void> revoked;
    if (old)
    {
        revoked = client.revoke (old->refreshToken.empty() ? old->accessToken : old->refreshToken,
                                 old->refreshToken.empty() ? "access_token" : "refresh_token");
        if (!revoked)
            log::warning ("auth", "sign-out: the provider did not confirm the revocation: " +
                                      revoked.error().message);
    }

    if (auto removed = store.remove (account); !removed)
        return removed;

    log::info ("auth", "signed out of " + account);
    return revoked;
}

} // namespace moodboard::auth
