#pragma once

#include "LibraryService.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <memory>

namespace moodboard::plugin
{

/** The Library tab of the settings: the watched folders with their track counts, a path field
    with "Add" (and "Browse..." for the folder chooser), "Remove" for the selected folder and
    "Rescan now". Changes go to the LibraryService, which saves the list and scans; the tab
    follows its status. Keyboard: Return in the path field adds, Delete in the list removes.
    Message thread only.
*/
class SettingsLibraryTab final : public juce::Component,
                                 private juce::ChangeListener,
                                 private juce::ListBoxModel
{
public:
    explicit SettingsLibraryTab (LibraryService& library);
    ~SettingsLibraryTab() override;

    /** Puts the keyboard focus on the path field. Message thread. */
    void focusFirstField();

    void resized() override;

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    int getNumRows() override;
    void paintListBoxItem (int row, juce::Graphics&, int width, int height, bool selected) override;
    void deleteKeyPressed (int lastRowSelected) override;
    juce::String getNameForRow (int row) override;

    void addTypedFolder();
    void browse();
    void removeSelected();
    void showStatus (const LibraryService::Status&);

    LibraryService& library;
    LibraryService::Status shown;

    juce::Label foldersCaption;
    juce::ListBox folderList { "Music folders", this };
    juce::Label addCaption;
    juce::TextEditor pathField;
    juce::TextButton addButton { "Add" };
    juce::TextButton browseButton { "Browse..." };
    juce::TextButton removeButton { "Remove" };
    juce::TextButton rescanButton { "Rescan now" };
    juce::Label statusLabel;
    juce::Label problemLabel;
    juce::String typedProblem;   // a path that was refused before it reached the service

    std::unique_ptr<juce::FileChooser> chooser;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsLibraryTab)
};

} // namespace moodboard::plugin
