#pragma once

#include "AccountService.h"
#include "LibraryService.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace moodboard::plugin
{

/** The strip across the top of the editor: the first library folder (and how many more) with
    the counts, an "Add folder..." button, and while a scan runs, its progress, the file being
    analysed and Cancel.
    At its right end, the account button: "Sign in", "Cancel sign-in" while the browser is
    open, or the signed-in user's name, which offers signing out; left of it "Settings".
*/
class LibraryBar final : public juce::Component
{
public:
    LibraryBar();

    std::function<void()> onChooseFolder;
    std::function<void()> onCancelScan;
    std::function<void()> onAccountClicked;
    std::function<void()> onSettingsClicked;

    /** Shows a new library status. Message thread. */
    void update (const LibraryService::Status& status);

    /** Shows who is signed in, or what the account button will do. Message thread. */
    void showAccount (const AccountService::Status& status);

    [[nodiscard]] juce::Component& getAccountButton() { return accountButton; }
    [[nodiscard]] juce::Component& getSettingsButton() { return settingsButton; }

    void paint (juce::Graphics&) override;
    void resized() override;

private:
    [[nodiscard]] static juce::String describeCounts (const LibraryService::Status& status);
    [[nodiscard]] static juce::String describeFailures (const LibraryService::Status& status);

    juce::Label appName;
    juce::TextButton chooseButton { "Add folder..." };
    juce::Label folderLabel;
    juce::Label countsLabel;
    double progress = 0.0;
    juce::ProgressBar progressBar { progress };
    juce::Label currentFileLabel;
    juce::TextButton cancelButton { "Cancel" };
    juce::TextButton accountButton { "Sign in" };
    juce::TextButton settingsButton { "Settings" };
    bool scanning = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (LibraryBar)
};

} // namespace moodboard::plugin
