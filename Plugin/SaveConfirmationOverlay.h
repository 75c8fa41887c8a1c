#pragma once

#include "OverlayCard.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>
#include <memory>

namespace moodboard::plugin
{

/** Asks the user to confirm before a playlist is written: it covers the whole editor, dims it,
    and shows the playlist's name (editable), its track count and length, the file format (M3U8
    or XSPF) and the file it will be written to, with "Choose location...", "Save" and "Cancel".

    Keyboard: Return saves, Escape cancels, Tab moves between the name, the buttons and back.
    Nothing is written here; onSave hands the chosen file, the name (the playlist's title inside
    the file) and whether that file may be replaced to the editor.

    Nothing is replaced that the user did not choose to replace: when the file named after the
    playlist exists already, the overlay shows the free name it will take instead ("Calm (2).m3u8")
    and says why. Only a file picked with "Choose location...", whose dialog asked about
    replacing it, may be replaced.
*/
class SaveConfirmationOverlay final : public OverlayCard
{
public:
    /** `folder` is where the file goes unless the user picks another place. */
    SaveConfirmationOverlay (const juce::String& playlistName, const juce::String& summary,
                             const juce::File& folder);
    ~SaveConfirmationOverlay() override;

    /** The file asked for (named after the playlist, or picked), the playlist's name, and
        whether the file may be replaced (only a picked one). */
    std::function<void (const juce::File&, const juce::String&, bool)> onSave;
    std::function<void()> onCancel;

    /** The file the playlist would be written to now: a free name beside an existing file of
        the playlist's name. Message thread. */
    [[nodiscard]] juce::File getTargetFile() const;

    /** Puts the keyboard focus on the Save button. Message thread. */
    void focusDefaultButton();

    void resized() override;
    bool keyPressed (const juce::KeyPress&) override;
    void mouseDown (const juce::MouseEvent&) override;

private:
    void save();
    void cancel();
    void chooseLocation();
    void updateTarget();
    [[nodiscard]] juce::File getAskedFile() const;
    [[nodiscard]] bool mayReplace() const;

    juce::File folder;
    juce::File customFile;   // set when the user picked a place; the name then no longer moves it

    juce::Label heading;
    juce::Label nameCaption;
    juce::TextEditor nameEditor;
    juce::Label summaryLabel;
    juce::ComboBox formatBox;
    juce::Label targetCaption;
    juce::Label targetLabel;
    juce::TextButton chooseButton { "Choose location..." };
    juce::TextButton saveButton { "Save" };
    juce::TextButton cancelButton { "Cancel" };
    juce::Label hintLabel;

    std::unique_ptr<juce::FileChooser> chooser;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SaveConfirmationOverlay)
};

} // namespace moodboard::plugin
