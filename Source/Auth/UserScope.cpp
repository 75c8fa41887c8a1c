#include "Auth/UserScope.h"

#include "Auth/Pkce.h"
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

} // namespace moodboard::auth
