#pragma once

#include "Core/Error.h"

#include <filesystem>
#include <string_view>

namespace moodboard
{

/** Replaces `file` with `contents` so that a crash leaves either the old or the new file, never
    a mix: writes a temporary file beside it, flushes it to disk, then renames it. Any thread.
*/
[[nodiscard]] Expected<void> writeFileAtomically (const std::filesystem::path& file,
                                                  std::string_view contents);

} // namespace moodboard
