#include "MoodCommands.h"

namespace moodboard::plugin::commands
{

int presetIndexOf (juce::CommandID id) noexcept
{
    const auto index = (int) (id - firstMoodPreset);
    return id >= firstMoodPreset && index < numMoodPresetCommands ? index : -1;
}

juce::Array<juce::CommandID> all()
{
    juce::Array<juce::CommandID> ids;
    for (int i = 0; i < numMoodPresetCommands; ++i)
        ids.add (moodPresetCommand (i));
    ids.addArray ({ savePlaylist, openSettings, openMoodsAndKeys });
    return ids;
}

void describe (juce::CommandID id, juce::ApplicationCommandInfo& info,
               const std::vector<mood::MoodPreset>& presets)
{
    const auto command = juce::ModifierKeys::commandModifier;

    if (const auto index = presetIndexOf (id); index >= 0)
    {
        const auto description =
            index < (int) presets.size()
                ? "Builds a playlist for the preset "
                      + juce::String::fromUTF8 (presets[(size_t) index].name.c_str())
                : "Does nothing until there are " + juce::String (index + 1) + " presets";
        info.setInfo ("Mood preset " + juce::String (index + 1), description, "Mood presets", 0);
        info.addDefaultKeypress ('1' + index, command);
        return;
    }

    switch (id)
    {
        case savePlaylist:
            info.setInfo ("Save playlist", "Opens the save confirmation for the playlist shown",
                          "Playlist", 0);
            info.addDefaultKeypress ('s', command);
            break;
        case openSettings:
            info.setInfo ("Settings", "Opens the settings page", "Windows", 0);
            info.addDefaultKeypress (',', command);
            break;
        case openMoodsAndKeys:
            info.setInfo ("Moods & keys", "Opens the editor of mood presets and keys", "Windows",
                          0);
            info.addDefaultKeypress ('k', command);
            break;
        default:
            break;
    }
}

void registerAll (juce::ApplicationCommandManager& manager,
                  const std::vector<mood::MoodPreset>& presets)
{
    for (const auto id : all())
    {
        juce::ApplicationCommandInfo info (id);
        describe (id, info, presets);
        manager.registerCommand (info);
    }
}

} // namespace moodboard::plugin::commands
