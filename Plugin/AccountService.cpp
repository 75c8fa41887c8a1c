#include "AccountService.h"

#include "Auth/AuthSettings.h"
#include "Auth/BrowserOpener.h"
#include "Auth/LocalAccount.h"
#include "Auth/SecretStore.h"
#include "Auth/SignIn.h"
#include "Core/Log.h"
#include "Net/HttpClient.h"

namespace moodboard::plugin
{
namespace
{
constexpr int stopTimeoutMs = 10000;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

juce::String describe (const auth::SignedInUser& user)
{
    const auto name = user.displayName.empty() ? user.subject : user.displayName;
    return fromUtf8 (name + " (" + auth::providerName (user.provider) + ")");
}

// Everything a sign-in operation needs, made on the pool's thread: the keyring may block.
Expected<std::unique_ptr<auth::LocalAccount>> openAccount()
{
    auto account = auth::openLocalAccount();
    if (account && ! (*account)->storeWarning.empty())
        log::warning ("auth", (*account)->storeWarning);
    return account;
}
} // namespace

AccountService::AccountService() { refresh(); }

AccountService::~AccountService()
{
    cancel = true;
    pool.removeAllJobs (true, stopTimeoutMs);
}

AccountService::Status AccountService::getStatus() const
{
    std::lock_guard lock (statusLock);
    return status;
}

void AccountService::publish (const Status& next)
{
    {
        std::lock_guard lock (statusLock);
        status = next;
    }
    sendChangeMessage();
}

void AccountService::refresh()
{
    pool.addJob ([this]
    {
        Status next;
        auto account = openAccount();
        if (! account)
        {
            next.state = State::notConfigured;
            next.message = fromUtf8 (account.error().message);
            return publish (next);
        }

        const auto& settings = (*account)->settings;
        if (! settings.hasAuth0() && ! settings.hasSpotify())
        {
            next.state = State::notConfigured;
            return publish (next);
        }

        auth::SignIn signIn (settings, *(*account)->store, (*account)->http);
        const auto users = signIn.whoami();
        next.state = users && ! users->empty() ? State::signedIn : State::signedOut;
        if (users && ! users->empty())
            next.user = describe (users->front());
        if (! users)
            next.message = fromUtf8 (users.error().message);
        publish (next);
    });
}

void AccountService::signIn()
{
    if (getStatus().state == State::signingIn)
        return;

    cancel = false;
    publish ({ State::signingIn, {}, {}, {} });
    log::info ("auth", "sign-in started from the app");

    pool.addJob ([this]
    {
        auto account = openAccount();
        if (! account)
            return publish ({ State::notConfigured, {}, {}, fromUtf8 (account.error().message) });

        const auto& settings = (*account)->settings;
        if (! settings.hasAuth0() && ! settings.hasSpotify())
            return publish ({ State::notConfigured, {}, {},
                              "Sign-in is not set up yet: the README's \"Signing in\" says which "
                              "Auth0 or Spotify settings to give." });

        const auto provider = settings.hasAuth0() ? auth::Provider::auth0 : auth::Provider::spotify;
        auth::SignIn signIn (settings, *(*account)->store, (*account)->http);

        // Called only when the browser could not be opened: the address is shown for copying.
        const auto showAddress = [this] (const std::string& url)
        {
            auto next = getStatus();
            next.address = fromUtf8 (url);
            publish (next);
        };

        auto user = signIn.login (provider, auth::openWithDesktop, showAddress, &cancel);
        if (! user)
        {
            log::info ("auth", "sign-in from the app ended without a user");
            return publish ({ State::signedOut, {}, {},
                              "Sign-in failed: " + fromUtf8 (user.error().message) });
        }

        log::info ("auth", "signed in from the app with " + auth::providerName (user->provider));
        publish ({ State::signedIn, describe (*user), {},
                   "Signed in as " + describe (*user) + "." });
    });
}

void AccountService::cancelSignIn() { cancel = true; }

void AccountService::signOut()
{
    pool.addJob ([this]
    {
        auto account = openAccount();
        if (! account)
            return publish ({ State::notConfigured, {}, {}, fromUtf8 (account.error().message) });

        auth::SignIn signIn ((*account)->settings, *(*account)->store, (*account)->http);
        const auto signedOut = signIn.logout();
        publish ({ State::signedOut, {}, {},
                   signedOut ? juce::String ("Signed out; the stored sign-in is forgotten.")
                             : "Signed out on this computer, but "
                                   + fromUtf8 (signedOut.error().message) });
    });
}

} // namespace moodboard::plugin
