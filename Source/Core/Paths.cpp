#include "Core/Paths.h"

#include <cstdlib>

namespace moodboard
{
namespace
{
std::filesystem::path fromEnvironment (const char* name)
{
    const char* value = std::getenv (name);
    return value != nullptr && *value != '\0' ? std::filesystem::path (value)
                                              : std::filesystem::path();
}

std::filesystem::path home()
{
    auto dir = fromEnvironment ("HOME");
    return dir.empty() ? std::filesystem::temp_directory_path() : dir;
}

// MOODBOARD_HOME/<sub>, else $XDG_x_HOME/music-moodboard, else ~/<fallback>/music-moodboard.
std::filesystem::path resolve (const char* sub, const char* xdgVariable, const char* fallback)
{
    std::filesystem::path dir;

    if (auto isolated = fromEnvironment ("MOODBOARD_HOME"); ! isolated.empty())
        dir = isolated / sub;
    else if (auto xdg = fromEnvironment (xdgVariable); ! xdg.empty() && xdg.is_absolute())
        dir = xdg / "music-moodboard";
    else
        dir = home() / fallback / "music-moodboard";

    std::error_code ec;
    std::filesystem::create_directories (dir, ec);
    return dir;
}
} // namespace

std::filesystem::path Paths::dataDir() { return resolve ("data", "XDG_DATA_HOME", ".local/share"); }
std::filesystem::path Paths::configDir()
{
    return resolve ("config", "XDG_CONFIG_HOME", ".config");
}
std::filesystem::path Paths::stateDir()
{
    return resolve ("state", "XDG_STATE_HOME", ".local/state");
}
std::filesystem::path Paths::cacheDir() { return resolve ("cache", "XDG_CACHE_HOME", ".cache"); }

} // namespace moodboard
