#pragma once

#include <filesystem>
#include <string>

namespace moodboard::matching
{

/** The file name, without extension, for a playlist named `name` (UTF-8): as readable as the
    name, so letters of every language, spaces, case and punctuation stay. Only what file systems
    refuse or hide is replaced: '/' and NUL by '-', and dots at the start (a hidden file) by '_'.
    Spaces around the name are trimmed, a name over 200 bytes is cut at a character boundary
    (file systems allow 255, and " (2).xspf" must fit), and an empty name gives "Playlist".
    Any thread. */
[[nodiscard]] std::string playlistFileStem (const std::string& name);

/** Where a new playlist file goes without replacing anything: `folder`/`stem``extension` when
    no file of that name exists, else the first free of "stem (2)", "stem (3)"... as desktop
    apps name a second download. `extension` includes its dot (".m3u8"). Any thread. */
[[nodiscard]] std::filesystem::path freePlaylistFile (const std::filesystem::path& folder,
                                                      const std::string& stem,
                                                      const std::string& extension);

/** The title written into a playlist file: `title`, the playlist's name, on one line; the
    file's name without its extension when `title` is empty. Any thread. */
[[nodiscard]] std::string playlistTitle (const std::string& title,
                                         const std::filesystem::path& file);

} // namespace moodboard::matching
