#pragma once

#include "Core/Error.h"
#include "Mood/MoodTarget.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::mood
{

/** A named mood the user can pick with one key: Ctrl+1..9 in the app, `moodboard mood-key NAME`,
    or a MIDI note in the plugin. The list is the user's own, kept in `mood-presets.json` in the
    config folder; the first nine are the ones the number keys reach.
*/
struct MoodPreset
{
    std::string name;
    MoodPoint end;
    Arc arc = Arc::steady;
    std::optional<MoodPoint> start;  // only with a rising or falling arc

    /** The target a playlist is built for: the end point, and the start and arc when the preset
        moves; nothing else is constrained. Any thread.
    */
    [[nodiscard]] MoodTarget toTarget() const;
};

/** Limits the editor and the file checks share. */
inline constexpr std::size_t maxMoodPresetNameLength = 40;  // characters, not bytes
inline constexpr std::size_t maxMoodPresets = 24;

/** The nine presets a new user gets: Calm, Focus, Happy, Energetic, Melancholy, Wind down
    (falling), Wake up (rising), Party and Romantic. Any thread.
*/
[[nodiscard]] std::vector<MoodPreset> defaultMoodPresets();

/** `mood-presets.json` in the config folder (Paths::configDir()). Any thread. */
[[nodiscard]] std::filesystem::path moodPresetsFile();

/** Reads the presets from `file`. A missing file gives the defaults. A file that is not JSON, has
    the wrong shape or breaks a rule of validateMoodPresets gives an error naming the file and what
    to fix; the file is never changed. Any thread.
*/
[[nodiscard]] Expected<std::vector<MoodPreset>> loadMoodPresets (const std::filesystem::path& file);

/** Checks the rules every stored list keeps: 1..24 presets; names non-empty, at most 40
    characters and unique ignoring case; valence and energy in 0..1; a start only with a rising or
    falling arc, which needs one; and the arc's direction matching its points. The error names
    the preset (by number and name) and says what to change. Any thread.
*/
[[nodiscard]] Expected<void> validateMoodPresets (const std::vector<MoodPreset>&);

/** Validates `presets` and replaces `file` with them atomically (a crash leaves the old or the
    new list). Nothing is written when validation fails. Any thread.
*/
[[nodiscard]] Expected<void> saveMoodPresets (const std::filesystem::path& file,
                                              const std::vector<MoodPreset>& presets);

/** The preset whose name equals `nameOrNumber` ignoring case and surrounding spaces, or the one
    at position "1".."N" (1-based); nullptr when none matches. The pointer lives as long as
    `presets` is unchanged. Any thread.
*/
[[nodiscard]] const MoodPreset* findMoodPreset (const std::vector<MoodPreset>& presets,
                                                std::string_view nameOrNumber);

/** The index into `presets` of findMoodPreset's answer, or empty. Any thread. */
[[nodiscard]] std::optional<std::size_t>
findMoodPresetIndex (const std::vector<MoodPreset>& presets, std::string_view nameOrNumber);

} // namespace moodboard::mood
