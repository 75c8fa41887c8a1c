#include "Core/LibraryFolders.h"

#include "Core/Paths.h"
#include "Core/SettingsFile.h"

#include <algorithm>
#include <cstdlib>

namespace moodboard
{
namespace
{
constexpr const char* listKey = "libraryFolders";
constexpr const char* singleKey = "libraryFolder";

std::string trimmed (std::string_view text)
{
    const auto first = text.find_first_not_of (" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of (" \t\r\n");
    return std::string (text.substr (first, last - first + 1));
}
} // namespace

std::string normaliseFolder (const std::string& folder)
{
    if (folder.empty())
        return {};

    auto normal = std::filesystem::path (folder).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/')
        normal.pop_back();
    return normal;
}

bool isPathUnder (const std::string& path, const std::string& folder)
{
    const auto base = normaliseFolder (folder);
    if (base.empty())
        return false;
    if (path == base)
        return true;
    const auto prefix = base == "/" ? base : base + "/";
    return path.starts_with (prefix);
}

std::vector<std::string> pathsLeavingWith (const std::vector<std::string>& paths,
                                           const std::string& removed,
                                           const std::vector<std::string>& remaining)
{
    std::vector<std::string> leaving;
    for (const auto& path : paths)
    {
        const auto keptByOther = std::any_of (remaining.begin(), remaining.end(),
                                              [&] (const std::string& other)
                                              { return isPathUnder (path, other); });
        if (isPathUnder (path, removed) && ! keptByOther)
            leaving.push_back (path);
    }
    return leaving;
}

std::filesystem::path LibraryFolders::defaultFile() { return Paths::configDir() / "library.json"; }

Expected<LibraryFolders> LibraryFolders::fromJson (const nlohmann::json& settings)
{
    LibraryFolders result;
    const auto wrongShape = [] (const std::string& what)
    {
        return makeError (Error::Kind::corrupt,
                          "The library settings have " + what
                              + "; expected {\"libraryFolders\": [\"/path\", ...]}.");
    };

    if (! settings.is_object())
        return wrongShape ("no JSON object");

    if (const auto list = settings.find (listKey); list != settings.end())
    {
        if (! list->is_array())
            return wrongShape ("a \"libraryFolders\" that is not a list");
        for (const auto& item : *list)
        {
            if (! item.is_string())
                return wrongShape ("a folder that is not a text");
            result.add (item.get<std::string>());
        }
        return result;
    }

    if (const auto single = settings.find (singleKey); single != settings.end())
    {
        if (! single->is_string())
            return wrongShape ("a \"libraryFolder\" that is not a text");
        result.add (single->get<std::string>());
    }
    return result;
}

nlohmann::json LibraryFolders::toJson() const
{
    nlohmann::json settings = { { listKey, folders } };
    if (! folders.empty())
        settings[singleKey] = folders.front();
    return settings;
}

Expected<LibraryFolders> LibraryFolders::load (const std::filesystem::path& file)
{
    auto read = readSettingsFile (file);
    if (! read)
        return std::unexpected (read.error());
    if (! read->has_value())
        return LibraryFolders {};

    auto parsed = fromJson (**read);
    if (! parsed)
        return makeError (Error::Kind::corrupt,
                          "The settings file " + file.string() + " is damaged: "
                              + parsed.error().message
                              + " Defaults are used and the file is left as it is.");
    return parsed;
}

Expected<void> LibraryFolders::save (const std::filesystem::path& file) const
{
    return writeSettingsFile (file, toJson());
}

bool LibraryFolders::add (const std::string& folder)
{
    const auto normal = normaliseFolder (folder);
    if (normal.empty() || contains (normal))
        return false;
    folders.push_back (normal);
    return true;
}

bool LibraryFolders::remove (const std::string& folder)
{
    const auto normal = normaliseFolder (folder);
    const auto found = std::find (folders.begin(), folders.end(), normal);
    if (found == folders.end())
        return false;
    folders.erase (found);
    return true;
}

bool LibraryFolders::contains (const std::string& folder) const
{
    return std::find (folders.begin(), folders.end(), normaliseFolder (folder)) != folders.end();
}

Expected<std::string> checkLibraryFolder (std::string_view typed)
{
    auto text = trimmed (typed);
    if (text.empty())
        return makeError (Error::Kind::invalidInput, "Type the path of a music folder first.");

    if (text == "~" || text.starts_with ("~/"))
    {
        const char* home = std::getenv ("HOME");
        if (home == nullptr || *home == '\0')
            return makeError (Error::Kind::invalidInput,
                              "\"~\" cannot be used here: the home folder is not known. "
                              "Type the whole path.");
        text = std::string (home) + text.substr (1);
    }

    if (! std::filesystem::path (text).is_absolute())
        return makeError (Error::Kind::invalidInput,
                          "\"" + text + "\" is not a whole path: start it with / (or ~/).");

    std::error_code ec;
    if (! std::filesystem::exists (text, ec))
        return makeError (Error::Kind::notFound,
                          "There is no folder " + text
                              + ". Check the spelling, or plug in its drive.");
    if (! std::filesystem::is_directory (text, ec))
        return makeError (Error::Kind::invalidInput,
                          text + " is a file, not a folder. Give the folder that holds it.");

    return normaliseFolder (text);
}

} // namespace moodboard
