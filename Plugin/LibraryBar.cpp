#include "LibraryBar.h"

#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin
{

LibraryBar::LibraryBar()
{
    appName.setText ("Music Moodboard", juce::dontSendNotification);
    appName.setFont (juce::Font (MoodboardLookAndFeel::titleFontHeight, juce::Font::bold));
    appName.setColour (juce::Label::textColourId, palette::accentBright);
    addAndMakeVisible (appName);

    chooseButton.setTooltip ("Add a folder that holds music; every library folder is scanned");
    chooseButton.onClick = [this] { if (onChooseFolder != nullptr) onChooseFolder(); };
    addAndMakeVisible (chooseButton);

    folderLabel.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    folderLabel.setMinimumHorizontalScale (1.0f);
    addAndMakeVisible (folderLabel);

    countsLabel.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    countsLabel.setColour (juce::Label::textColourId, palette::textDim);
    countsLabel.setMinimumHorizontalScale (1.0f);
    addAndMakeVisible (countsLabel);

    progressBar.setTitle ("Scan progress");
    addChildComponent (progressBar);

    currentFileLabel.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    currentFileLabel.setColour (juce::Label::textColourId, palette::textDim);
    currentFileLabel.setMinimumHorizontalScale (1.0f);
    addChildComponent (currentFileLabel);

    cancelButton.setTooltip ("Stop the scan; what is analysed so far stays in the library");
    cancelButton.onClick = [this] { if (onCancelScan != nullptr) onCancelScan(); };
    addChildComponent (cancelButton);

    accountButton.onClick = [this] { if (onAccountClicked != nullptr) onAccountClicked(); };
    addAndMakeVisible (accountButton);

    settingsButton.setTooltip ("Library folders, language model, account, moods and keys (Ctrl+,)");
    settingsButton.onClick = [this] { if (onSettingsClicked != nullptr) onSettingsClicked(); };
    addAndMakeVisible (settingsButton);

    update ({});
    showAccount ({});
}

void LibraryBar::showAccount (const AccountService::Status& status)
{
    using State = AccountService::State;
    switch (status.state)
    {
        case State::unknown:
            accountButton.setButtonText ("Sign in");
            accountButton.setTooltip ("Looking up the stored sign-in...");
            break;
        case State::notConfigured:
            accountButton.setButtonText ("Sign in");
            accountButton.setTooltip ("Sign-in is not set up: the README's \"Signing in\" "
                                      "says how");
            break;
        case State::signedOut:
            accountButton.setButtonText ("Sign in");
            accountButton.setTooltip ("Sign in through your browser, to put playlists on Spotify");
            break;
        case State::signingIn:
            accountButton.setButtonText ("Cancel sign-in");
            accountButton.setTooltip ("The browser is waiting for you to sign in; click to stop");
            break;
        case State::signedIn:
            accountButton.setButtonText (status.user);
            accountButton.setTooltip ("Signed in as " + status.user + "; click to sign out");
            break;
    }
    accountButton.setEnabled (status.state != State::unknown);
}

juce::String LibraryBar::describeCounts (const LibraryService::Status& status)
{
    if (status.error.isNotEmpty())
        return status.error;

    juce::String text;

    if (status.numTracks >= 0)
        text << status.numTracks << (status.numTracks == 1 ? " track" : " tracks")
             << " in the library";
    else
        text << "Opening the library...";

    if (status.isScanning)
        return text;

    if (const auto& report = status.lastReport)
    {
        text << "  |  last scan: " << report->analysed << " analysed, " << report->unchanged
             << " unchanged, ";
        if (report->moved > 0)
            text << report->moved << " moved, ";
        text << (int) report->failures.size() << " failed";
        if (! report->stillUnreadable.empty())
            text << ", " << (int) report->stillUnreadable.size() << " still unreadable";

        if (report->cancelled)
            text << " (cancelled)";
    }

    return text;
}

juce::String LibraryBar::describeFailures (const LibraryService::Status& status)
{
    if (! status.lastReport)
        return {};

    // Every file that could not be read, with why: the strip has room for the count only. Those
    // that failed at an earlier scan and have not changed are not read again, but still listed.
    constexpr std::size_t shownAtMost = 25;
    auto failures = status.lastReport->failures;
    failures.insert (failures.end(), status.lastReport->stillUnreadable.begin(),
                     status.lastReport->stillUnreadable.end());
    if (failures.empty())
        return {};

    juce::String text;
    text << (int) failures.size() << (failures.size() == 1 ? " file" : " files")
         << " could not be read:";
    for (std::size_t i = 0; i < failures.size() && i < shownAtMost; ++i)
        text << "\n" << juce::String::fromUTF8 (failures[i].reason.c_str());   // names the file
    if (failures.size() > shownAtMost)
        text << "\n... and " << (int) (failures.size() - shownAtMost)
             << " more (see moodboard.log in the state folder)";
    return text;
}

void LibraryBar::update (const LibraryService::Status& status)
{
    auto folderText = status.folder.isEmpty() ? juce::String ("No music folder chosen yet")
                                              : status.folder;
    if (status.folders.size() > 1)
        folderText << "  (+" << (int) status.folders.size() - 1 << " more)";
    folderLabel.setText (folderText, juce::dontSendNotification);
    folderLabel.setColour (juce::Label::textColourId,
                           status.folder.isEmpty() ? palette::textDim : palette::text);

    countsLabel.setText (describeCounts (status), juce::dontSendNotification);
    countsLabel.setColour (juce::Label::textColourId,
                           status.error.isNotEmpty() ? palette::danger : palette::textDim);
    countsLabel.setTooltip (describeFailures (status));

    const auto& p = status.progress;
    progress = p.total > 0 ? (double) p.done / (double) p.total : -1.0;
    const auto countText = juce::String (p.done) + " / " + juce::String (p.total);
    progressBar.setTextToDisplay (p.total > 0 ? countText
                                              : juce::String ("Looking for files..."));

    auto fileText = juce::String::fromUTF8 (p.currentFile.c_str());
    fileText = juce::File (fileText).getFileName();

    if (p.secondsLeft >= 0.0)
        fileText << "  (about " << juce::roundToInt (p.secondsLeft) << " s left)";

    currentFileLabel.setText (fileText, juce::dontSendNotification);

    if (scanning != status.isScanning)
    {
        scanning = status.isScanning;
        progressBar.setVisible (scanning);
        currentFileLabel.setVisible (scanning);
        cancelButton.setVisible (scanning);
        chooseButton.setEnabled (! scanning);
        resized();
    }
}

void LibraryBar::paint (juce::Graphics& g)
{
    g.setColour (palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), MoodboardLookAndFeel::cornerRadius);
}

void LibraryBar::resized()
{
    auto area = getLocalBounds().reduced (12, 8);

    const auto accountWidth = juce::jlimit (110, 220, area.getWidth() / 6);
    accountButton.setBounds (
        area.removeFromRight (accountWidth).withSizeKeepingCentre (accountWidth, 36));
    area.removeFromRight (8);
    settingsButton.setBounds (area.removeFromRight (100).withSizeKeepingCentre (100, 36));
    area.removeFromRight (12);

    appName.setBounds (area.removeFromLeft (180));
    area.removeFromLeft (8);
    chooseButton.setBounds (area.removeFromLeft (150).withSizeKeepingCentre (150, 36));
    area.removeFromLeft (14);

    if (scanning)
    {
        auto scanArea = area.removeFromRight (juce::jmin (360, area.getWidth() / 2));
        cancelButton.setBounds (scanArea.removeFromRight (84).withSizeKeepingCentre (84, 36));
        scanArea.removeFromRight (8);
        progressBar.setBounds (scanArea.removeFromTop (scanArea.getHeight() / 2).reduced (0, 3));
        currentFileLabel.setBounds (scanArea);
        area.removeFromRight (12);
    }

    folderLabel.setBounds (area.removeFromTop (area.getHeight() / 2));
    countsLabel.setBounds (area);
}

} // namespace moodboard::plugin
