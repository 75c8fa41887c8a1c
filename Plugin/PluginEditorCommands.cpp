// The editor's keyboard commands: mood presets 1..9, save, settings and Moods & keys, reached
// through the editor's own juce::ApplicationCommandManager.

#include "PluginEditor.h"

#include "MoodCommands.h"
#include "PluginProcessor.h"

#include "Core/Log.h"

namespace moodboard::plugin
{
namespace
{
void logUi (const juce::String& message) { log::info ("ui", message.toStdString()); }
} // namespace

void PluginEditor::setUpCommands()
{
    commandManager.registerAllCommandsForTarget (this);
    // Each editor has its own manager, so a key always reaches the editor it was pressed in.
    commandManager.setFirstCommandTarget (this);
    restoreKeyMappings();

    auto* keys = commandManager.getKeyMappings();
    addKeyListener (keys);
    chat.getInput().addKeyListener (keys);
    keyListened.add (&chat.getInput());
    juce::Desktop::getInstance().addFocusChangeListener (this);
    services.moodPresets.addChangeListener (this);

    for (const auto& problem : services.moodPresets.getProblems())
    {
        chat.addMessage (ChatHistory::Author::problem, problem);
        logUi ("mood presets problem shown: " + problem);
    }
}

void PluginEditor::releaseCommands()
{
    services.moodPresets.removeChangeListener (this);
    juce::Desktop::getInstance().removeFocusChangeListener (this);

    auto* keys = commandManager.getKeyMappings();
    removeKeyListener (keys);
    for (auto& listened : keyListened)
        if (auto* component = listened.getComponent())
            component->removeKeyListener (keys);
    keyListened.clear();
    commandManager.setFirstCommandTarget (nullptr);
}

void PluginEditor::restoreKeyMappings()
{
    auto& keys = *commandManager.getKeyMappings();
    const auto stored = services.moodPresets.getKeyMappings();
    if (stored == nullptr || ! keys.restoreFromXml (*stored))
        keys.resetToDefaultMappings();
}

void PluginEditor::moodPresetsChanged()
{
    // Preset names are the commands' names; keys may have changed in another window.
    commands::registerAll (commandManager, services.moodPresets.getPresets());
    restoreKeyMappings();
    commandManager.commandStatusChanged();
    updateChips();
}

void PluginEditor::globalFocusChanged (juce::Component* focused)
{
    // A text box would take Ctrl+1 as the digit before the key reached the editor, so the
    // commands' keys listen on whatever inside the editor has the focus.
    if (focused == nullptr || focused == this || ! isParentOf (focused))
        return;

    keyListened.removeIf ([] (auto& listened) { return listened == nullptr; });
    for (auto& listened : keyListened)
        if (listened.getComponent() == focused)
            return;

    focused->addKeyListener (commandManager.getKeyMappings());
    keyListened.add (focused);
}

bool PluginEditor::isCoveredByOverlay() const
{
    return overlay != nullptr || spotifyOverlay != nullptr || settingsPage != nullptr;
}

void PluginEditor::getAllCommands (juce::Array<juce::CommandID>& ids)
{
    ids.addArray (commands::all());
}

void PluginEditor::getCommandInfo (juce::CommandID id, juce::ApplicationCommandInfo& info)
{
    const auto& presets = services.moodPresets.getPresets();
    commands::describe (id, info, presets);

    // Under a confirmation or the settings, keys go to them (a disabled command leaves the key).
    const auto index = commands::presetIndexOf (id);
    info.setActive (! isCoveredByOverlay() && index < (int) presets.size());
}

bool PluginEditor::perform (const InvocationInfo& info)
{
    if (isCoveredByOverlay())
        return false;

    if (const auto index = commands::presetIndexOf (info.commandID); index >= 0)
        return selectMoodPreset (index);

    switch (info.commandID)
    {
        case commands::savePlaylist: openSaveConfirmation(); return true;
        case commands::openSettings: openSettings(); return true;
        case commands::openMoodsAndKeys: openMoodsAndKeys(); return true;
        default: return false;
    }
}

void PluginEditor::openMoodsAndKeys()
{
    openSettings();
    if (settingsPage == nullptr)
        return;
    settingsPage->showTab (SettingsPage::Tab::moods);
    logUi ("moods and keys opened");
}

} // namespace moodboard::plugin
