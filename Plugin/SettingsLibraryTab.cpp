#include "SettingsLibraryTab.h"

#include "SettingsStyle.h"

#include "Core/LibraryFolders.h"

namespace moodboard::plugin
{
namespace
{
constexpr int rowHeight = 30;
constexpr int buttonHeight = 34;

juce::String describeFolder (const LibraryService::Status::Folder& folder)
{
    if (folder.missing)
        return "not there now; its tracks are kept";
    if (folder.numTracks < 0)
        return "counting...";
    return juce::String (folder.numTracks) + (folder.numTracks == 1 ? " track" : " tracks");
}
} // namespace

SettingsLibraryTab::SettingsLibraryTab (LibraryService& libraryToUse) : library (libraryToUse)
{
    setFocusContainerType (FocusContainerType::focusContainer);

    settings::styleCaption (foldersCaption, "MUSIC FOLDERS (ALL ARE SCANNED)");
    addAndMakeVisible (foldersCaption);

    folderList.setRowHeight (rowHeight);
    folderList.setColour (juce::ListBox::backgroundColourId, palette::raised);
    folderList.setColour (juce::ListBox::outlineColourId, palette::outline);
    folderList.setOutlineThickness (1);
    folderList.setTitle ("Music folders");
    folderList.setWantsKeyboardFocus (true);
    addAndMakeVisible (folderList);

    settings::styleCaption (addCaption, "ADD A FOLDER");
    addAndMakeVisible (addCaption);

    settings::styleField (pathField, "Folder to add", "Type a folder's path, e.g. ~/Music");
    pathField.onReturnKey = [this] { addTypedFolder(); };
    pathField.onTextChange = [this]
    {
        typedProblem.clear();
        showStatus (shown);
    };
    addAndMakeVisible (pathField);

    addButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    addButton.setTooltip ("Add the typed folder and scan it");
    addButton.onClick = [this] { addTypedFolder(); };
    addAndMakeVisible (addButton);

    browseButton.setTooltip ("Pick a folder in a file chooser");
    browseButton.onClick = [this] { browse(); };
    addAndMakeVisible (browseButton);

    removeButton.setTooltip ("Stop watching the selected folder; its tracks leave the library");
    removeButton.onClick = [this] { removeSelected(); };
    addAndMakeVisible (removeButton);

    rescanButton.setTooltip ("Scan every folder again: new files analysed, gone ones forgotten");
    rescanButton.onClick = [this]
    {
        settings::logUi ("settings: rescan requested");
        library.rescanRememberedFolder();
    };
    addAndMakeVisible (rescanButton);

    settings::styleNote (statusLabel);
    addAndMakeVisible (statusLabel);
    settings::styleNote (problemLabel);
    addAndMakeVisible (problemLabel);

    library.addChangeListener (this);
    showStatus (library.getStatus());
}

SettingsLibraryTab::~SettingsLibraryTab() { library.removeChangeListener (this); }

void SettingsLibraryTab::focusFirstField() { pathField.grabKeyboardFocus(); }

void SettingsLibraryTab::changeListenerCallback (juce::ChangeBroadcaster*)
{
    showStatus (library.getStatus());
}

void SettingsLibraryTab::showStatus (const LibraryService::Status& status)
{
    const auto foldersChanged = status.folders.size() != shown.folders.size()
                                || ! std::equal (status.folders.begin(), status.folders.end(),
                                                 shown.folders.begin(),
                                                 [] (const auto& a, const auto& b)
                                                 {
                                                     return a.path == b.path
                                                            && a.numTracks == b.numTracks
                                                            && a.missing == b.missing;
                                                 });
    shown = status;
    if (foldersChanged)
    {
        folderList.updateContent();
        folderList.repaint();
    }

    juce::String text;
    if (status.isScanning)
        text << "Scanning: " << status.progress.done << " of " << status.progress.total
             << " files";
    else if (status.numTracks >= 0)
        text << status.numTracks << (status.numTracks == 1 ? " track" : " tracks")
             << " in the library";
    if (! status.isScanning && status.lastReport)
        text << ". Last scan: " << status.lastReport->analysed << " analysed, "
             << status.lastReport->unchanged << " unchanged, "
             << status.lastReport->moved << " moved, "
             << (int) status.lastReport->failures.size() << " failed, "
             << (int) status.lastReport->stillUnreadable.size() << " still unreadable, "
             << status.lastReport->removed << " removed"
             << (status.lastReport->cancelled ? " (cancelled)." : ".");
    statusLabel.setText (text, juce::dontSendNotification);

    const auto problem = typedProblem.isNotEmpty() ? typedProblem : status.error;
    settings::showOutcome (problemLabel, problem, true);
    removeButton.setEnabled (! status.folders.empty());
    rescanButton.setEnabled (! status.folders.empty() && ! status.isScanning);
}

void SettingsLibraryTab::addTypedFolder()
{
    auto checked = checkLibraryFolder (pathField.getText().toStdString());
    if (! checked)
    {
        typedProblem = juce::String::fromUTF8 (checked.error().message.c_str());
        settings::logUi ("settings: library folder refused: " + typedProblem);
        showStatus (shown);
        pathField.grabKeyboardFocus();
        return;
    }

    const auto folder = juce::String::fromUTF8 (checked->c_str());
    settings::logUi ("settings: library folder added: " + folder);
    library.scanFolder (juce::File (folder));
    pathField.clear();
    typedProblem.clear();
    showStatus (shown);
}

void SettingsLibraryTab::browse()
{
    chooser = std::make_unique<juce::FileChooser> (
        "Add a music folder", juce::File::getSpecialLocation (juce::File::userMusicDirectory));
    const auto chooserFlags = juce::FileBrowserComponent::openMode
                              | juce::FileBrowserComponent::canSelectDirectories;

    chooser->launchAsync (chooserFlags, [safe = SafePointer (this)] (const juce::FileChooser& fc)
    {
        if (safe == nullptr || fc.getResult() == juce::File())
            return;
        safe->pathField.setText (fc.getResult().getFullPathName(), false);
        safe->addTypedFolder();
    });
}

void SettingsLibraryTab::removeSelected()
{
    const auto row = folderList.getSelectedRow();
    if (! juce::isPositiveAndBelow (row, (int) shown.folders.size()))
    {
        typedProblem = "Select a folder in the list first (click it, or use the arrow keys).";
        showStatus (shown);
        return;
    }

    const auto folder = shown.folders[(size_t) row].path;
    settings::logUi ("settings: library folder removed: " + folder);
    library.removeFolder (folder);
}

int SettingsLibraryTab::getNumRows() { return (int) shown.folders.size(); }

juce::String SettingsLibraryTab::getNameForRow (int row)
{
    if (! juce::isPositiveAndBelow (row, (int) shown.folders.size()))
        return {};
    const auto& folder = shown.folders[(size_t) row];
    return folder.path + ", " + describeFolder (folder);
}

void SettingsLibraryTab::paintListBoxItem (int row, juce::Graphics& g, int width, int height,
                                           bool selected)
{
    if (! juce::isPositiveAndBelow (row, (int) shown.folders.size()))
        return;

    const auto& folder = shown.folders[(size_t) row];
    if (selected)
        g.fillAll (palette::accent.withAlpha (0.45f));

    auto area = juce::Rectangle<int> (0, 0, width, height).reduced (10, 0);
    const auto count = describeFolder (folder);
    g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    g.setColour (folder.missing ? palette::danger : palette::textDim);
    const auto countWidth = juce::jmin (area.getWidth() / 2, 220);
    g.drawText (count, area.removeFromRight (countWidth), juce::Justification::centredRight);

    g.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    g.setColour (palette::text);
    g.drawText (folder.path, area.withTrimmedRight (8), juce::Justification::centredLeft, true);
}

void SettingsLibraryTab::deleteKeyPressed (int) { removeSelected(); }

void SettingsLibraryTab::resized()
{
    auto area = getLocalBounds().reduced (4);

    foldersCaption.setBounds (area.removeFromTop (20));
    auto listArea = area.removeFromTop (juce::jmax (rowHeight * 2, area.getHeight() - 190));
    folderList.setBounds (listArea);
    area.removeFromTop (8);

    auto listButtons = area.removeFromTop (buttonHeight);
    removeButton.setBounds (listButtons.removeFromLeft (110));
    listButtons.removeFromLeft (8);
    rescanButton.setBounds (listButtons.removeFromLeft (130));
    area.removeFromTop (12);

    addCaption.setBounds (area.removeFromTop (20));
    auto addRow = area.removeFromTop (buttonHeight);
    browseButton.setBounds (addRow.removeFromRight (110));
    addRow.removeFromRight (8);
    addButton.setBounds (addRow.removeFromRight (80));
    addRow.removeFromRight (8);
    pathField.setBounds (addRow);
    area.removeFromTop (8);

    statusLabel.setBounds (area.removeFromTop (36));
    problemLabel.setBounds (area);
}

} // namespace moodboard::plugin
