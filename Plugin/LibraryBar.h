#pragma once

#include "LibraryService.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace moodboard::plugin
{

/** The strip across the top of the editor: the library folder and its counts, a "Choose
    folder..." button, and while a scan runs, its progress, the file being analysed and Cancel.
*/
class LibraryBar final : public juce::Component
{
public:
    LibraryBar();

    std::function<void()> onChooseFolder;
    std::function<void()> onCancelScan;

    /** Shows a new library status. Message thread. */
    void update (const LibraryService::Status& status);

    void paint (juce::Graphics&) override;
    void resized() override;

private:
    [[nodiscard]] static juce::String describeCounts (const LibraryService::Status& status);

    juce::Label appName;
    juce::TextButton chooseButton { "Choose folder..." };
    juce::Label folderLabel;
    juce::Label countsLabel;
    double progress = 0.0;
    juce::ProgressBar progressBar { progress };
    juce::Label currentFileLabel;
    juce::TextButton cancelButton { "Cancel" };
    bool scanning = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (LibraryBar)
};

} // namespace moodboard::plugin
