#pragma once

#include "Core/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard
{

/** The music folders the library watches, kept in `library.json` in the config folder.

    The file holds {"libraryFolders": ["/music", "/more music"], "libraryFolder": "/music"}. The
    single "libraryFolder" is the form earlier versions wrote; it is still read when the list is
    absent, and written as the first folder so that an earlier version finds it too. Folders are
    absolute, lexically normal and without a trailing slash; the order is the user's.
*/
struct LibraryFolders final
{
    std::vector<std::string> folders;

    /** `library.json` in Paths::configDir(). Any thread. */
    [[nodiscard]] static std::filesystem::path defaultFile();

    /** Reads the settings from a parsed file in either form; an error names what is wrong.
        Any thread. */
    [[nodiscard]] static Expected<LibraryFolders> fromJson (const nlohmann::json& settings);

    /** The file's contents in the current form. Any thread. */
    [[nodiscard]] nlohmann::json toJson() const;

    /** Reads `file`: no folders when it does not exist, an error (the file left as it is) when
        it is damaged. Any thread. */
    [[nodiscard]] static Expected<LibraryFolders> load (const std::filesystem::path& file);

    /** Writes `file` atomically. Any thread. */
    [[nodiscard]] Expected<void> save (const std::filesystem::path& file) const;

    /** Adds a folder (normalised); false when it is already in the list. Any thread. */
    bool add (const std::string& folder);

    /** Removes a folder (compared after normalising); false when it was not in the list.
        Any thread. */
    bool remove (const std::string& folder);

    [[nodiscard]] bool contains (const std::string& folder) const;
};

/** `folder` as the list keeps it: lexically normal, without a trailing slash. Any thread. */
[[nodiscard]] std::string normaliseFolder (const std::string& folder);

/** True when `path` is `folder` or lies below it (whole path components only). Any thread. */
[[nodiscard]] bool isPathUnder (const std::string& path, const std::string& folder);

/** Of `paths`, those below `removed` that no folder of `remaining` holds: the tracks that leave
    the library with a removed folder. Any thread. */
[[nodiscard]] std::vector<std::string> pathsLeavingWith (const std::vector<std::string>& paths,
                                                         const std::string& removed,
                                                         const std::vector<std::string>& remaining);

/** Checks a folder the user typed: a leading "~/" means the home folder; the folder must be
    absolute, exist and be a folder. Gives the normalised folder, or an error saying what to do.
    Any thread.
*/
[[nodiscard]] Expected<std::string> checkLibraryFolder (std::string_view typed);

} // namespace moodboard
