#pragma once

#include "Core/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>

namespace moodboard
{

/** Reads a JSON settings file from the config folder. Nothing when the file does not exist; an
    Error (Kind::corrupt) naming the file and what to do when it is not JSON or not an object.
    The file is never changed. Any thread.
*/
[[nodiscard]] Expected<std::optional<nlohmann::json>>
    readSettingsFile (const std::filesystem::path& file);

/** Writes `settings` to `file` atomically (Core/AtomicFile.h), indented, with a final newline.
    Any thread.
*/
[[nodiscard]] Expected<void> writeSettingsFile (const std::filesystem::path& file,
                                                const nlohmann::json& settings);

/** Copies a settings file that could not be read to `<name>.damaged` beside it, so that writing
    new settings over it loses nothing; gives the copy's path. Any thread.
*/
[[nodiscard]] Expected<std::filesystem::path>
    keepDamagedSettingsFile (const std::filesystem::path& file);

} // namespace moodboard
