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

} // namespace moodboard::harness
