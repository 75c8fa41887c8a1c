#pragma once

#include "Mood/MoodPresets.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <vector>

namespace moodboard::plugin::commands
{

/** Every keyboard shortcut of the editor, as commands of a juce::ApplicationCommandManager, so
    that the keys are listed and changed in one place (the key mapping editor in Moods & keys)
    and stored in hotkeys.xml.

    The default keys use the command modifier: Ctrl on Linux and Windows, Cmd on macOS.
*/
enum : juce::CommandID
{
    firstMoodPreset = 0x4d4d0001,   // "Mood preset 1", Ctrl+1; presets 2..9 follow
    savePlaylist = 0x4d4d0101,      // Ctrl+S
    openSettings,                   // Ctrl+,
    openMoodsAndKeys                // Ctrl+K
};

/** How many presets have a command (and a default key). */
inline constexpr int numMoodPresetCommands = 9;

/** The command of preset `index` (0-based). */
[[nodiscard]] constexpr juce::CommandID moodPresetCommand (int index) noexcept
{
    return firstMoodPreset + index;
}

/** The preset index (0-based) a command selects, or -1 for the other commands. */
[[nodiscard]] int presetIndexOf (juce::CommandID) noexcept;

/** All commands, in the order the key mapping editor lists them. Any thread. */
[[nodiscard]] juce::Array<juce::CommandID> all();

/** The name the key mapping editor lists for preset `index` (0-based): the preset's own name
    ("Calm"), or "Mood preset N" while there is no such preset or its name is blank. Any
    thread. */
[[nodiscard]] juce::String presetCommandName (int index,
                                              const std::vector<mood::MoodPreset>& presets);

/** Name, category, description and default key of `id`. A preset command is named after the
    preset it selects now (presetCommandName) and its description says so, or says there is
    none. Message thread. */
void describe (juce::CommandID id, juce::ApplicationCommandInfo& info,
               const std::vector<mood::MoodPreset>& presets);

/** Registers (or describes again) every command in `manager`, for the editor's manager and for
    one that only edits keys. When a preset was renamed since, the commands are registered anew
    in the same order and keep the keys they had in `manager`. Message thread. */
void registerAll (juce::ApplicationCommandManager& manager,
                  const std::vector<mood::MoodPreset>& presets);

} // namespace moodboard::plugin::commands
