#include "MoodCommands.h"

namespace moodboard::plugin::commands
{

int presetIndexOf (juce::CommandID id) noexcept
{
    const auto index = (int) (id - firstMoodPreset);
    return id >= firstMoodPreset && index < numMoodPresetCommands ? index : -1;
}

juce::String presetCommandName (int index, const std::vector<mood::MoodPreset>& presets)
{
    // A name being edited may be blank for a moment; JUCE needs a name for every command.
    const auto name = index >= 0 && index < (int) presets.size()
                          ? juce::String::fromUTF8 (presets[(size_t) index].name.c_str()).trim()
                          : juce::String();
    return name.isNotEmpty() ? name : "Mood preset " + juce::String (index + 1);
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
        info.setInfo (presetCommandName (index, presets), description, "Mood presets", 0);
        info.addDefaultKeypress ('1' + index, command);
       #if JUCE_LINUX || JUCE_BSD
        // X turns Ctrl+8 into the DEL character (0x7F) and JUCE's X11 peer passes that on as the
        // key code, so Ctrl+'8' never matches there. The key code X really delivers is added;
        // the Delete key itself arrives as KeyPress::deleteKey, a different code, and is not
        // taken.
        if ('1' + index == '8')
            info.addDefaultKeypress (0x7f, command);
       #endif
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
    juce::Array<juce::ApplicationCommandInfo> infos;
    bool renamed = false;
    for (const auto id : all())
    {
        juce::ApplicationCommandInfo info (id);
        describe (id, info, presets);
        if (const auto* registered = manager.getCommandForID (id))
            renamed = renamed || registered->shortName != info.shortName;
        infos.add (info);
    }

    // JUCE keeps a registered command's name (registering it again under another one is taken
    // for a typo), so after a preset was renamed the commands are registered anew, in their
    // order, and given back the keys they had.
    std::unique_ptr<juce::XmlElement> keys;
    if (renamed)
    {
        keys = manager.getKeyMappings()->createXml (false);
        manager.clearCommands();
    }

    for (const auto& info : infos)
        manager.registerCommand (info);

    if (keys != nullptr)
        manager.getKeyMappings()->restoreFromXml (*keys);
}

} // namespace moodboard::plugin::commands
