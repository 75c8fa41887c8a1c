#pragma once

#include "Mood/MoodPresets.h"

#include <juce_gui_basics/juce_gui_basics.h>
#include <juce_gui_extra/juce_gui_extra.h>

#include <vector>

namespace moodboard::plugin
{

class MoodPresetFields;
class MoodPresetService;

/** "Moods & keys": the mood presets and the keys of every command, for the settings page (or a
    window of its own).

    On the left the list of presets (number, name, arc, key) with Add, Remove, Up and Down, and
    the selected preset's name, arc, end point and start point; edits stay in this component
    until Save, which validates them through the core (the error says what to fix and nothing is
    written) and hands them to the MoodPresetService, which tells every editor. On the right
    JUCE's key mapping editor over a command manager of its own, with the same commands as the
    editors; a changed key is stored at once in hotkeys.xml and reaches every editor.

    The service must outlive the component. Message thread only.
*/
class MoodPresetEditor final : public juce::Component,
                               private juce::ChangeListener,
                               private juce::ListBoxModel
{
public:
    explicit MoodPresetEditor (MoodPresetService& service);
    ~MoodPresetEditor() override;

    /** Puts the keyboard focus on the preset list. Message thread. */
    void focusFirstField();

    /** The presets as edited now, saved or not. Message thread. */
    [[nodiscard]] const std::vector<mood::MoodPreset>& getEditedPresets() const noexcept
    {
        return edited;
    }

    /** Whether there are edits that Save has not stored. Message thread. */
    [[nodiscard]] bool hasUnsavedChanges() const noexcept { return unsaved; }

    /** Validates and stores the edited presets; false (with the reason shown) when they were
        not stored. Message thread. */
    bool save();

    void paint (juce::Graphics&) override;
    void resized() override;

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    int getNumRows() override;
    void paintListBoxItem (int row, juce::Graphics&, int width, int height, bool selected) override;
    void selectedRowsChanged (int lastRowSelected) override;

    void addPreset();
    void removePreset();
    void movePreset (int by);
    void selectPreset (int index);
    void presetEdited();
    void revert();
    void showOutcome (const juce::String& text, bool isProblem);
    void restoreKeys();
    void storeKeys();
    void refreshFromService();

    MoodPresetService& service;
    std::vector<mood::MoodPreset> edited;
    int selected = 0;
    bool unsaved = false;

    juce::Label presetsCaption, keysCaption;
    juce::ListBox list { "Mood presets", this };
    juce::TextButton addButton { "Add" }, removeButton { "Remove" };
    juce::TextButton upButton { "Up" }, downButton { "Down" };
    std::unique_ptr<MoodPresetFields> fields;
    juce::TextButton saveButton { "Save presets" }, revertButton { "Undo edits" };
    juce::Label outcomeLabel;

    // Declared before the editor of its keys, which refers to its mapping set.
    juce::ApplicationCommandManager keyManager;
    std::unique_ptr<juce::KeyMappingEditorComponent> keyEditor;
    juce::Label keysNote;
    juce::String shownKeys;   // the mappings as last restored or stored
    bool layoutLogged = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MoodPresetEditor)
};

} // namespace moodboard::plugin
