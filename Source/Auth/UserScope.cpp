#include "Auth/UserScope.h"

#include "Auth/LocalAccount.h"
#include "Auth/Pkce.h"
#include "Auth/SignIn.h"
#include "Core/Paths.h"

#include <sys/stat.h>

namespace moodboard::auth
{

std::filesystem::path userDataDir (const std::string& provider, const std::string& subject)
{
    // The provider is part of the key: the same `sub` at two providers is two people.
    const auto key = sha256Hex (provider + '\n' + subject).substr (0, 32);
    const auto dir = Paths::dataDir() / "users" / key;
    std::error_code ec;
    std::filesystem::create_directories (dir, ec);
    ::chmod (dir.c_str(), 0700);
    return dir;
}

std::filesystem::path signedInUserFolder (const LocalAccount& account)
{
    if (account.store == nullptr)
        return Paths::stateDir();

    // Reading the stored sign-ins needs no network; the client only satisfies SignIn.
    net::HttpClient http;
    SignIn signIn (account.settings, *account.store, http);
    const auto users = signIn.whoami();
    if (!users || users->empty())
        return Paths::stateDir();

    const auto& user = users->front();
    return userDataDir (providerName (user.provider), user.subject);
}

} // namespace moodboard::auth
