#include "PluginChecks.h"

#include "HarnessSupport.h"
#include "MoodCommands.h"

namespace moodboard::harness
{

// The key mapping editor lists each preset command by the preset's name, follows a rename, and
// the rename keeps the keys the user gave the commands and their order in the list.
void checkPresetCommandNames()
{
    using namespace moodboard::plugin;
    juce::ApplicationCommandManager manager;
    auto presets = mood::defaultMoodPresets();
    commands::registerAll (manager, presets);
    auto& keys = *manager.getKeyMappings();

    const auto first = commands::moodPresetCommand (0);
    const auto seventh = commands::moodPresetCommand (6);
    check (manager.getNameOfCommand (first) == "Calm"
               && manager.getNameOfCommand (seventh) == "Wake up",
           "the key list names presets 1 and 7 '" + manager.getNameOfCommand (first).toStdString()
               + "' and '" + manager.getNameOfCommand (seventh).toStdString()
               + "', as the presets are named");

    // The user moves preset 1 from Ctrl+1 to F5, then renames it.
    const juce::KeyPress ctrl1 ('1', juce::ModifierKeys::commandModifier, 0);
    const juce::KeyPress f5 (juce::KeyPress::F5Key);
    keys.removeKeyPress (ctrl1);
    keys.addKeyPress (first, f5);
    presets[0].name = "Quiet evening";
    commands::registerAll (manager, presets);

    const auto assigned = keys.getKeyPressesAssignedToCommand (first);
    const auto listed = manager.getCommandsInCategory ("Mood presets");
    check (manager.getNameOfCommand (first) == "Quiet evening",
           "after a rename the key list names preset 1 '"
               + manager.getNameOfCommand (first).toStdString() + "'");
    check (assigned.size() == 1 && assigned[0] == f5 && keys.findCommandForKeyPress (ctrl1) == 0,
           "the renamed preset keeps the user's key F5 and Ctrl+1 stays free ("
               + std::to_string (assigned.size()) + " keys)");
    check (listed.size() == commands::numMoodPresetCommands && listed[0] == first
               && manager.getCommandCategories()[0] == "Mood presets",
           "the preset commands keep their place at the top of the key list");

    // Fewer presets than commands: the rest are numbered; a blank name being typed too.
    presets.resize (2);
    presets[1].name = "  ";
    commands::registerAll (manager, presets);
    check (manager.getNameOfCommand (commands::moodPresetCommand (8)) == "Mood preset 9"
               && manager.getNameOfCommand (commands::moodPresetCommand (1)) == "Mood preset 2",
           "a command without a preset, or with a blank name, is listed as 'Mood preset N'");
}

// The default preset keys as JUCE's X11 peer delivers them: Ctrl+2 to Ctrl+7 come as control
// characters and are looked up again as their digits, but X turns Ctrl+8 into DEL (0x7F), which
// JUCE passes on as the key code. Every one selects its preset; Delete stays free.
void checkPresetKeysAsDelivered()
{
    using namespace moodboard::plugin;
    juce::ApplicationCommandManager manager;
    commands::registerAll (manager, mood::defaultMoodPresets());
    auto& keys = *manager.getKeyMappings();
    const auto ctrl = juce::ModifierKeys::commandModifier;

    for (int i = 0; i < commands::numMoodPresetCommands; ++i)
    {
        const auto digit = (juce::juce_wchar) ('1' + i);
        const juce::KeyPress typed ('1' + i, ctrl, digit);
        check (keys.findCommandForKeyPress (typed) == commands::moodPresetCommand (i),
               "Ctrl+" + std::to_string (i + 1) + " selects preset " + std::to_string (i + 1));
    }
   #if JUCE_LINUX || JUCE_BSD
    const juce::KeyPress ctrl8OnX11 (0x7f, ctrl, 0x7f);
    check (keys.findCommandForKeyPress (ctrl8OnX11) == commands::moodPresetCommand (7),
           "Ctrl+8 as X delivers it (DEL with Ctrl) selects preset 8");
   #endif
    for (const auto& free : { juce::KeyPress (juce::KeyPress::deleteKey),
                              juce::KeyPress (juce::KeyPress::deleteKey, ctrl, 0),
                              juce::KeyPress (juce::KeyPress::backspaceKey, ctrl, 0) })
        check (keys.findCommandForKeyPress (free) == 0,
               "no command takes " + free.getTextDescription().toStdString());
}

} // namespace moodboard::harness
