#include "Auth/LocalAccount.h"
#include "Auth/SignIn.h"
#include "Auth/UserScope.h"
#include "Core/Paths.h"
#include "Cli/Commands.h"

#include <iostream>

namespace moodboard::cli
{

std::unique_ptr<auth::LocalAccount> openAccount()
{
    auto account = auth::openLocalAccount();
    if (!account)
    {
        printError (account.error().message);
        return nullptr;
    }
    if (!(*account)->storeWarning.empty())
        std::cerr << "moodboard: note: " << (*account)->storeWarning << "\n";
    return std::move (*account);
}

namespace
{

std::string describeUser (const auth::SignedInUser& user)
{
    const auto name = user.displayName.empty() ? user.subject : user.displayName;
    return name + " (" + auth::providerName (user.provider) + " user " + user.subject + ")";
}
} // namespace

int runLogin (const std::vector<std::string>& args)
{
    std::optional<auth::Provider> provider;
    bool openBrowser = true;
    bool connect = false;

    for (std::size_t i = 0; i < args.size(); ++i)
    {
        if (args[i] == "--no-browser")
            openBrowser = false;
        else if (args[i] == "--connect")
            connect = true;
        else if (args[i] == "--provider" && i + 1 < args.size())
        {
            const auto& name = args[++i];
            if (name == "auth0")
                provider = auth::Provider::auth0;
            else if (name == "spotify")
                provider = auth::Provider::spotify;
            else
            {
                printError ("unknown provider '" + name +
                            "'; use --provider auth0 or --provider spotify");
                return 2;
            }
        }
        else
        {
            printError (
                "login does not know " + args[i] +
                "; usage: moodboard login [--provider auth0|spotify] [--connect] [--no-browser]");
            return 2;
        }
    }

    auto account = openAccount();
    if (!account)
        return 1;

    if (!provider)
        provider = account->settings.hasAuth0() || !account->settings.hasSpotify()
                       ? auth::Provider::auth0
                       : auth::Provider::spotify;

    auth::SignIn signIn (account->settings, *account->store, account->http);
    const auto showUrl = [] (const std::string& url) {
        std::cout << "Open this address in your browser to sign in:\n\n  " << url << "\n"
                  << std::endl;
    };

    // Nothing to wait for when the provider is not set up: SignIn says what is missing at once.
    const bool configured = (connect || *provider == auth::Provider::auth0)
                                ? account->settings.hasAuth0()
                                : account->settings.hasSpotify();
    if (configured)
        std::cerr << "Waiting for the sign-in in your browser (up to 5 minutes; Ctrl+C stops)...\n";
    const auto opener =
        openBrowser ? auth::BrowserOpener (auth::openWithDesktop) : auth::BrowserOpener();
    auto user = connect ? signIn.connectSpotify (opener, showUrl)
                        : signIn.login (*provider, opener, showUrl);
    if (!user)
    {
        printError ("sign-in failed: " + user.error().message);
        return 1;
    }

    std::cout << "Signed in as " << describeUser (*user) << ".\n";
    return 0;
}

int runLogout (const std::vector<std::string>& args)
{
    if (!args.empty())
    {
        printError ("logout takes no arguments");
        return 2;
    }

    auto account = openAccount();
    if (!account)
        return 1;

    auth::SignIn signIn (account->settings, *account->store, account->http);
    auto signedOut = signIn.logout();
    if (!signedOut)
    {
        printError ("signed out on this computer, but " + signedOut.error().message);
        return 1;
    }

    if (signedOut->empty())
        std::cout << "Nobody was signed in.\n";
    for (const auto provider : *signedOut)
        std::cout << "Signed out of " << auth::providerName (provider) << ".\n";
    return 0;
}

int runWhoami (const std::vector<std::string>& args)
{
    if (!args.empty())
    {
        printError ("whoami takes no arguments");
        return 2;
    }

    auto account = openAccount();
    if (!account)
        return 1;

    auth::SignIn signIn (account->settings, *account->store, account->http);
    auto users = signIn.whoami();
    if (!users)
    {
        printError (users.error().message);
        return 1;
    }

    if (users->empty())
    {
        std::cout << "Not signed in; run `moodboard login`.\n";
        return 1;
    }

    for (const auto& user : *users)
        std::cout << "Signed in as " << describeUser (user) << "\n";
    return 0;
}

std::filesystem::path signedInUserFolder()
{
    // login and whoami say the secret store's warning; a chat need not.
    auto account = auth::openLocalAccount();
    if (!account)
        return Paths::stateDir();
    return auth::signedInUserFolder (**account);
}

} // namespace moodboard::cli
