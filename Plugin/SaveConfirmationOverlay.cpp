#include "SaveConfirmationOverlay.h"

#include "MoodboardLookAndFeel.h"
#include "TextFormat.h"

namespace moodboard::plugin
{
namespace
{
constexpr int cardWidth = 560;
constexpr int cardHeight = 330;

void styleCaption (juce::Label& label, const juce::String& text)
{
    label.setText (text, juce::dontSendNotification);
    label.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight, juce::Font::bold));
    label.setColour (juce::Label::textColourId, palette::textDim);
}
} // namespace

SaveConfirmationOverlay::SaveConfirmationOverlay (const juce::String& playlistName,
                                                  const juce::String& summary,
                                                  const juce::File& folderToUse)
    : OverlayCard (cardWidth, cardHeight), folder (folderToUse)
{
    setTitle ("Save playlist");
    setWantsKeyboardFocus (true);
    setFocusContainerType (FocusContainerType::keyboardFocusContainer);

    heading.setText ("Save playlist", juce::dontSendNotification);
    heading.setFont (juce::Font (MoodboardLookAndFeel::titleFontHeight, juce::Font::bold));
    addAndMakeVisible (heading);

    styleCaption (nameCaption, "NAME");
    addAndMakeVisible (nameCaption);

    nameEditor.setText (playlistName, false);
    nameEditor.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    nameEditor.setIndents (10, 0);
    nameEditor.setJustification (juce::Justification::centredLeft);
    nameEditor.setTitle ("Playlist name");
    nameEditor.onTextChange = [this] { updateTarget(); };
    nameEditor.onReturnKey = [this] { save(); };
    nameEditor.onEscapeKey = [this] { cancel(); };
    addAndMakeVisible (nameEditor);

    summaryLabel.setText (summary, juce::dontSendNotification);
    summaryLabel.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    addAndMakeVisible (summaryLabel);

    // The core picks the writer by the file's extension, so the choice only changes that.
    formatBox.addItem ("M3U8 playlist (.m3u8)", 1);
    formatBox.addItem ("XSPF playlist (.xspf)", 2);
    formatBox.setSelectedId (1, juce::dontSendNotification);
    formatBox.setTitle ("File format");
    formatBox.setTooltip ("M3U8 opens in most players; XSPF keeps titles and artists for VLC and "
                          "web players");
    formatBox.onChange = [this] { updateTarget(); };
    addAndMakeVisible (formatBox);

    styleCaption (targetCaption, "WILL BE SAVED TO");
    addAndMakeVisible (targetCaption);

    targetLabel.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    targetLabel.setJustificationType (juce::Justification::topLeft);
    targetLabel.setMinimumHorizontalScale (1.0f);
    addAndMakeVisible (targetLabel);

    chooseButton.onClick = [this] { chooseLocation(); };
    addAndMakeVisible (chooseButton);

    saveButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    saveButton.onClick = [this] { save(); };
    addAndMakeVisible (saveButton);

    cancelButton.onClick = [this] { cancel(); };
    addAndMakeVisible (cancelButton);

    hintLabel.setText ("Return saves, Escape cancels", juce::dontSendNotification);
    hintLabel.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    hintLabel.setColour (juce::Label::textColourId, palette::textDim);
    addAndMakeVisible (hintLabel);

    updateTarget();
}

SaveConfirmationOverlay::~SaveConfirmationOverlay() = default;

juce::File SaveConfirmationOverlay::getAskedFile() const
{
    const auto extension = formatBox.getSelectedId() == 2 ? ".xspf" : ".m3u8";
    if (customFile != juce::File())
        return customFile.withFileExtension (extension);

    return folder.getChildFile (format::playlistFileName (nameEditor.getText().trim()))
        .withFileExtension (extension);
}

bool SaveConfirmationOverlay::mayReplace() const
{
    // The file dialog asked about replacing the file it returned, not its twin in the other
    // format.
    return customFile != juce::File() && getAskedFile() == customFile;
}

juce::File SaveConfirmationOverlay::getTargetFile() const
{
    // One look at the folder per keystroke in the name, on the message thread: a local folder.
    const auto asked = getAskedFile();
    return mayReplace() ? asked : format::freePlaylistFile (asked);
}

void SaveConfirmationOverlay::focusDefaultButton()
{
    saveButton.grabKeyboardFocus();
}

void SaveConfirmationOverlay::updateTarget()
{
    // The folder and the file name on lines of their own, so a long folder wraps before the name.
    const auto target = getTargetFile();
    const auto asked = getAskedFile();
    const auto folderText = target.getParentDirectory().getFullPathName() + "/";
    auto text = folderText + "\n" + target.getFileName();
    if (target != asked)
        text << "\n(" << asked.getFileName() << " is there already and stays as it is)";
    else if (mayReplace() && target.existsAsFile())
        text << "\n(replaces the file there, as chosen)";
    targetLabel.setText (text, juce::dontSendNotification);
    saveButton.setEnabled (nameEditor.getText().trim().isNotEmpty() || customFile != juce::File());
}

void SaveConfirmationOverlay::save()
{
    if (saveButton.isEnabled() && onSave != nullptr)
        onSave (getAskedFile(), nameEditor.getText().trim(), mayReplace());
}

void SaveConfirmationOverlay::cancel()
{
    if (onCancel != nullptr)
        onCancel();
}

void SaveConfirmationOverlay::chooseLocation()
{
    chooser = std::make_unique<juce::FileChooser> ("Save playlist as", getTargetFile(),
                                                   "*.m3u8;*.xspf");
    const auto chooserFlags = juce::FileBrowserComponent::saveMode
                       | juce::FileBrowserComponent::canSelectFiles
                       | juce::FileBrowserComponent::warnAboutOverwriting;

    chooser->launchAsync (chooserFlags, [safe = SafePointer (this)] (const juce::FileChooser& fc)
    {
        if (safe == nullptr || fc.getResult() == juce::File())
            return;

        const auto picked = fc.getResult();
        if (picked.hasFileExtension ("xspf"))
            safe->formatBox.setSelectedId (2, juce::dontSendNotification);
        safe->customFile = picked;
        safe->updateTarget();
        safe->focusDefaultButton();
    });
}

bool SaveConfirmationOverlay::keyPressed (const juce::KeyPress& key)
{
    if (key == juce::KeyPress::escapeKey)
    {
        cancel();
        return true;
    }

    if (key == juce::KeyPress::returnKey)
    {
        // Return on a focused Cancel or Choose button means that button, elsewhere it saves.
        if (cancelButton.hasKeyboardFocus (false))
            cancel();
        else if (chooseButton.hasKeyboardFocus (false))
            chooseLocation();
        else
            save();

        return true;
    }

    // Tab moves between the fields (the overlay keeps the focus inside); nothing else typed
    // here may reach the editor underneath.
    return ! key.isKeyCode (juce::KeyPress::tabKey);
}

void SaveConfirmationOverlay::mouseDown (const juce::MouseEvent&) {}

void SaveConfirmationOverlay::resized()
{
    auto area = getCardBounds().reduced (24, 20);

    heading.setBounds (area.removeFromTop (30));
    area.removeFromTop (8);
    nameCaption.setBounds (area.removeFromTop (18));
    nameEditor.setBounds (area.removeFromTop (36));
    area.removeFromTop (8);
    auto summaryRow = area.removeFromTop (28);
    formatBox.setBounds (summaryRow.removeFromRight (200));
    summaryLabel.setBounds (summaryRow);
    area.removeFromTop (8);
    targetCaption.setBounds (area.removeFromTop (18));

    auto buttons = area.removeFromBottom (38);
    area.removeFromBottom (8);
    hintLabel.setBounds (area.removeFromBottom (20));

    targetLabel.setBounds (area);

    chooseButton.setBounds (buttons.removeFromLeft (170));
    saveButton.setBounds (buttons.removeFromRight (110));
    buttons.removeFromRight (10);
    cancelButton.setBounds (buttons.removeFromRight (110));
}

} // namespace moodboard::plugin
