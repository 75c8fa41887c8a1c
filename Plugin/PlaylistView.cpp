#include "PlaylistView.h"

#include "MoodboardLookAndFeel.h"
#include "PlaylistCells.h"
#include "TextFormat.h"

#include "Core/Log.h"
#include "Matching/PlaylistEdit.h"

#include <algorithm>

namespace moodboard::plugin
{
namespace
{
constexpr int rowHeight = 36;   // two lines of the table font
constexpr int playbackBarHeight = 46;
constexpr int dragThreshold = 6;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

void logUi (const juce::String& message) { log::info ("ui", message.toStdString()); }

juce::String describeTrack (const library::Track& track)
{
    const auto title = fromUtf8 (track.title.empty() ? track.path : track.title);
    return track.artist.empty() ? title : title + " - " + fromUtf8 (track.artist);
}
} // namespace

PlaylistView::PlaylistView()
{
    nameLabel.setFont (juce::Font (MoodboardLookAndFeel::titleFontHeight, juce::Font::bold));
    nameLabel.setMinimumHorizontalScale (1.0f);
    addAndMakeVisible (nameLabel);

    summaryLabel.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    summaryLabel.setColour (juce::Label::textColourId, palette::textDim);
    summaryLabel.setJustificationType (juce::Justification::topLeft);
    addAndMakeVisible (summaryLabel);

    auto& header = table.getHeader();
    const auto columnFlags = juce::TableHeaderComponent::visible
                             | juce::TableHeaderComponent::resizable;
    header.addColumn ({}, lock, 30, 30, 30, juce::TableHeaderComponent::visible);
    header.addColumn ("#", number, 38, 28, 60, columnFlags);
    header.addColumn ("Title", title, 150, 70, -1, columnFlags);
    header.addColumn ("Artist", artist, 100, 50, -1, columnFlags);
    header.addColumn ("Time", duration, 52, 40, 80, columnFlags);
    header.addColumn ("BPM", tempo, 50, 36, 80, columnFlags);
    header.addColumn ("Key", key, 84, 50, 120, columnFlags);
    header.addColumn ("Energy", energy, 80, 56, 160, columnFlags);
    header.addColumn ("Valence", valence, 80, 56, 160, columnFlags);
    header.addColumn ("Why", reason, 220, 60, -1, columnFlags);
    header.setStretchToFitActive (true);
    header.setPopupMenuActive (false);

    table.setModel (this);
    table.setRowHeight (rowHeight);
    table.setHeaderHeight (28);
    table.setTitle ("Playlist");
    table.setDescription ("Alt+Up and Alt+Down move a track, Delete removes it, L locks it in "
                          "place, Space plays it");
    table.setColour (juce::ListBox::outlineColourId, juce::Colours::transparentBlack);
    table.onKey = [this] (const juce::KeyPress& k) { return handleKey (k); };
    table.addMouseListener (this, true);
    table.setExplicitFocusOrder (1);
    addAndMakeVisible (table);

    playbackBar.onPlayRequested = [this] { playRow (juce::jmax (0, table.getSelectedRow())); };
    playbackBar.setExplicitFocusOrder (2);
    addAndMakeVisible (playbackBar);
    player.onFinished = [this] { playNext(); };

    spotifyButton.setTooltip ("Review what would be written, then send this playlist to your "
                              "Spotify account");
    spotifyButton.onClick = [this] { if (onSpotifyRequested != nullptr) onSpotifyRequested(); };
    spotifyButton.setExplicitFocusOrder (3);
    addAndMakeVisible (spotifyButton);

    saveButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    saveButton.setTooltip ("Review and save this playlist as an M3U8 or XSPF file (Ctrl+S)");
    saveButton.onClick = [this] { if (onSaveRequested != nullptr) onSaveRequested(); };
    saveButton.setExplicitFocusOrder (4);
    addAndMakeVisible (saveButton);

    setPlaylist (nullptr, {});
}

PlaylistView::~PlaylistView()
{
    if (player.isPlaying())
        logUi ("playback stopped: the window closed");
    table.removeMouseListener (this);
    table.setModel (nullptr);
}

void PlaylistView::setPlaylist (std::shared_ptr<const matching::Playlist> newPlaylist,
                                const juce::String& name)
{
    const auto wasAtRow = table.getViewport()->getViewPositionY() / rowHeight + 1;
    playlist = std::move (newPlaylist);
    dragRow = dropRow = -1;
    nameLabel.setText (playlist != nullptr ? name : juce::String ("No playlist yet"),
                       juce::dontSendNotification);
    updateSummary();
    table.updateContent();
    table.repaint();

    if (playlist == nullptr || playlist->entries.empty())
        return;

    // Another playlist opens at its first row, a refinement too: its tracks are chosen anew, so
    // the old place would show a different part of a different list. Edits of the playlist shown
    // (moves, removals, locks) do not come here and keep the user's place.
    table.selectRow (0);
    table.setVerticalPosition (0.0);
    logUi ("playlist top row: "
           + juce::String (table.getViewport()->getViewPositionY() / rowHeight + 1) + " (was "
           + juce::String (wasAtRow) + ")");
    const auto& first = playlist->entries.front();
    logUi ("playlist first track: " + describeTrack (first.track)
           + (first.locked ? " (locked)" : ""));
    // Where the first row is in the window, for checks that drive the app with the mouse.
    if (auto* window = getTopLevelComponent(); window != nullptr && window != this)
    {
        const auto row = window->getLocalPoint (&table,
                                                juce::Point<int> (0, table.getHeaderHeight()));
        logUi ("playlist rows start at " + juce::String (row.x) + "," + juce::String (row.y)
               + ", " + juce::String (rowHeight) + " px each");
    }
}

void PlaylistView::setBuilding (bool isBuilding)
{
    building = isBuilding;
    updateSummary();
}

void PlaylistView::setSendingToSpotify (bool isSending)
{
    sendingToSpotify = isSending;
    updateSummary();
}

void PlaylistView::updateSummary()
{
    const bool finished = playlist != nullptr && ! playlist->entries.empty() && ! building;
    saveButton.setEnabled (finished);
    spotifyButton.setEnabled (finished && ! sendingToSpotify);

    if (building)
    {
        summaryLabel.setText ("Building a playlist from your library...",
                              juce::dontSendNotification);
        return;
    }

    if (playlist == nullptr)
    {
        summaryLabel.setText ("Tell me how you feel and I will pick tracks from your library.",
                              juce::dontSendNotification);
        return;
    }

    const auto locked = std::ranges::count_if (playlist->entries,
                                               [] (const auto& e) { return e.locked; });
    juce::String text;
    text << format::trackCount ((int) playlist->entries.size()) << ", "
         << format::playlistLength (playlist->getTotalSeconds());
    if (locked > 0)
        text << ", " << juce::String ((int) locked) << " locked";

    if (! playlist->mood.explanation.empty())
        text << "  |  " << fromUtf8 (playlist->mood.explanation);

    summaryLabel.setText (text, juce::dontSendNotification);
}

int PlaylistView::getNumRows()
{
    return playlist != nullptr ? (int) playlist->entries.size() : 0;
}

void PlaylistView::paintRowBackground (juce::Graphics& g, int row, int, int, bool selected)
{
    if (selected)
        g.fillAll (palette::accent.withAlpha (0.35f));
    else if (row % 2 == 1)
        g.fillAll (palette::raised.withAlpha (0.45f));
}

juce::String PlaylistView::getCellText (const matching::PlaylistEntry& entry, int row,
                                        int columnId) const
{
    const auto& features = entry.track.features;

    switch (columnId)
    {
        case number: return juce::String (row + 1);
        case title: return fromUtf8 (entry.track.title);
        case artist: return fromUtf8 (entry.track.artist);
        case duration: return format::trackDuration (features.durationSeconds);
        case tempo: return features.tempoBpm ? juce::String (juce::roundToInt (*features.tempoBpm))
                                             : juce::String ("-");
        case key:
        {
            const auto name = audio::keyName (features);
            return name.empty() ? juce::String ("-") : fromUtf8 (name);
        }
        case reason: return fromUtf8 (entry.reason);
        default: return {};
    }
}

void PlaylistView::paintCell (juce::Graphics& g, int row, int columnId, int width, int height,
                              bool)
{
    if (playlist == nullptr || row < 0 || row >= (int) playlist->entries.size())
        return;

    const auto& entry = playlist->entries[(size_t) row];
    g.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));

    if (columnId == lock)
        return cells::drawLock (g, entry.locked, width, height);

    if (columnId == energy)
        return cells::drawLevel (g, entry.track.features.energy, palette::warm, width, height);

    if (columnId == valence)
        return cells::drawLevel (g, entry.track.features.valence, palette::accentBright, width,
                                 height);

    if (columnId == number && row == findPlayingRow())
    {
        // The track playing gets a play mark instead of its number.
        juce::Path mark;
        const auto y = (float) height * 0.5f;
        mark.addTriangle (10.0f, y - 6.0f, 10.0f, y + 6.0f, 20.0f, y);
        g.setColour (player.isPlaying() ? palette::warm : palette::textDim);
        g.fillPath (mark);
        return;
    }

    const bool dim = columnId == number || columnId == reason;
    const bool mayWrap = columnId == title || columnId == artist || columnId == reason;

    if (columnId == reason)
        g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));

    g.setColour (dim ? palette::textDim : palette::text);
    g.drawFittedText (getCellText (entry, row, columnId), 8, 2, width - 12, height - 4,
                      juce::Justification::centredLeft, mayWrap ? 2 : 1, 1.0f);
}

juce::String PlaylistView::getCellTooltip (int row, int columnId)
{
    if (playlist == nullptr || row < 0 || row >= (int) playlist->entries.size())
        return {};

    const auto& entry = playlist->entries[(size_t) row];

    if (columnId == lock)
        return entry.locked ? "Locked: stays here when you refine the mood. Click to unlock (L)"
                            : "Click to lock this track in place (L)";

    if (columnId == title)
        return fromUtf8 (entry.track.path);

    return columnId == energy || columnId == valence ? juce::String()
                                                     : getCellText (entry, row, columnId);
}

void PlaylistView::cellClicked (int row, int columnId, const juce::MouseEvent& e)
{
    if (e.mods.isPopupMenu())
        return showMenu (row);

    if (columnId == lock)
        toggleLock (row);
}

void PlaylistView::cellDoubleClicked (int row, int, const juce::MouseEvent&) { playRow (row); }

void PlaylistView::backgroundClicked (const juce::MouseEvent&) { table.deselectAllRows(); }

bool PlaylistView::handleKey (const juce::KeyPress& k)
{
    using juce::KeyPress;
    const auto row = table.getSelectedRow();
    const auto alt = juce::ModifierKeys::altModifier;

    // Edit keys are taken even where they do nothing (Alt+Up on the first row), so they never
    // fall through to the list as a plain selection move.
    if (k == KeyPress (KeyPress::upKey, alt, 0))
        moveRow (row, row - 1);
    else if (k == KeyPress (KeyPress::downKey, alt, 0))
        moveRow (row, row + 1);
    else if (k == KeyPress (KeyPress::deleteKey) || k == KeyPress (KeyPress::backspaceKey))
        removeRow (row);
    else if (k == KeyPress ('l'))
        toggleLock (row);
    else if (k == KeyPress (KeyPress::F10Key, juce::ModifierKeys::shiftModifier, 0))
        showMenu (row);
    else if (k == KeyPress (KeyPress::spaceKey) || k == KeyPress (KeyPress::returnKey))
        playOrPause (row);
    else
        return false;

    return true;
}

void PlaylistView::playOrPause (int row)
{
    // Space on the track loaded pauses or resumes it; on another track, plays that one.
    if (player.hasTrack() && row == findPlayingRow())
        playbackBar.togglePlay();
    else
        playRow (row);
}

void PlaylistView::showMenu (int row)
{
    if (playlist == nullptr || row < 0 || row >= getNumRows())
        return;

    table.selectRow (row);
    const bool locked = playlist->entries[(size_t) row].locked;
    const bool editable = canEdit();

    juce::PopupMenu menu;
    menu.addItem ("Play", [this, row] { playRow (row); });
    menu.addSeparator();
    menu.addItem ("Move up\tAlt+Up", editable && row > 0, false,
                  [this, row] { moveRow (row, row - 1); });
    menu.addItem ("Move down\tAlt+Down", editable && row + 1 < getNumRows(), false,
                  [this, row] { moveRow (row, row + 1); });
    menu.addItem (locked ? "Unlock\tL" : "Lock in place\tL", editable, false,
                  [this, row] { toggleLock (row); });
    menu.addSeparator();
    menu.addItem ("Remove from playlist\tDelete", editable, false,
                  [this, row] { removeRow (row); });

    auto options = juce::PopupMenu::Options().withTargetComponent (&table);
    if (auto* rowComponent = table.getComponentForRowNumber (row))
        options = options.withTargetComponent (rowComponent);
    menu.showMenuAsync (options);
}

bool PlaylistView::canEdit() const
{
    return playlist != nullptr && ! building;
}

void PlaylistView::moveRow (int from, int to)
{
    const auto n = getNumRows();
    if (! canEdit() || from < 0 || from >= n || to < 0 || to >= n || from == to)
        return;

    applyEdit (matching::moveEntry (*playlist, (size_t) from, (size_t) to), "moved", to);
}

void PlaylistView::removeRow (int row)
{
    if (! canEdit() || row < 0 || row >= getNumRows())
        return;

    applyEdit (matching::removeEntry (*playlist, (size_t) row), "removed",
               juce::jmin (row, getNumRows() - 2));
}

void PlaylistView::toggleLock (int row)
{
    if (! canEdit() || row < 0 || row >= getNumRows())
        return;

    const bool locked = ! playlist->entries[(size_t) row].locked;
    applyEdit (matching::setEntryLocked (*playlist, (size_t) row, locked),
               locked ? "locked" : "unlocked", row);
}

void PlaylistView::applyEdit (matching::Playlist edited, const juce::String& what, int rowToSelect)
{
    auto shared = std::make_shared<const matching::Playlist> (std::move (edited));
    playlist = shared;
    updateSummary();
    table.updateContent();
    if (rowToSelect >= 0)
        table.selectRow (rowToSelect);
    else
        table.deselectAllRows();
    table.repaint();

    logUi ("playlist edited: " + juce::String ((int) shared->entries.size()) + " tracks (" + what
           + ")");
    if (! shared->entries.empty())
        logUi ("playlist first track: " + describeTrack (shared->entries.front().track)
               + (shared->entries.front().locked ? " (locked)" : ""));

    if (onPlaylistEdited != nullptr)
        onPlaylistEdited (shared);
}

int PlaylistView::findPlayingRow() const
{
    if (playlist == nullptr || ! player.hasTrack())
        return -1;

    const auto playing = player.getFile().getFullPathName();
    for (size_t i = 0; i < playlist->entries.size(); ++i)
        if (fromUtf8 (playlist->entries[i].track.path) == playing)
            return (int) i;
    return -1;
}

void PlaylistView::playRow (int row)
{
    if (playlist == nullptr || row < 0 || row >= getNumRows())
        return;

    const auto& track = playlist->entries[(size_t) row].track;
    const auto outcome = player.play (juce::File (fromUtf8 (track.path)));
    if (outcome.failed())
    {
        playbackBar.showProblem (outcome.getErrorMessage());
        logUi ((player.hasDevice() ? "playback failed: " : "playback unavailable: ")
               + outcome.getErrorMessage());
        return;
    }

    table.selectRow (row);
    playbackBar.showTrack (describeTrack (track));
    table.repaint();
    logUi ("playback started: " + describeTrack (track) + " on " + player.getDeviceName());
}

void PlaylistView::playNext()
{
    const auto row = findPlayingRow();
    if (row >= 0 && row + 1 < getNumRows())
        return playRow (row + 1);

    logUi ("playback finished");
    table.repaint();
}

int PlaylistView::dropRowAt (juce::Point<int> inTable) const
{
    // The gap between rows the pointer is nearest to, 0 (before the first) to the row count.
    auto* viewport = table.getViewport();
    const auto y = inTable.y - table.getHeaderHeight()
                   + (viewport != nullptr ? viewport->getViewPositionY() : 0);
    const auto rows = playlist != nullptr ? (int) playlist->entries.size() : 0;
    return juce::jlimit (0, rows, (y + rowHeight / 2) / rowHeight);
}

void PlaylistView::mouseDown (const juce::MouseEvent& e)
{
    dragRow = dropRow = -1;
    if (e.eventComponent == this || ! canEdit() || e.mods.isPopupMenu())
        return;

    const auto inTable = e.getEventRelativeTo (&table).getPosition();
    if (inTable.y >= table.getHeaderHeight())
        dragRow = table.getRowContainingPosition (inTable.x, inTable.y);
}

void PlaylistView::mouseDrag (const juce::MouseEvent& e)
{
    if (dragRow < 0 || e.getDistanceFromDragStart() < dragThreshold)
        return;

    dropRow = dropRowAt (e.getEventRelativeTo (&table).getPosition());
    repaint();
}

void PlaylistView::mouseUp (const juce::MouseEvent&)
{
    const auto from = dragRow, gap = dropRow;
    dragRow = dropRow = -1;
    repaint();

    // Dropping in the gap just above or below the row itself leaves it where it is.
    if (from >= 0 && gap >= 0 && gap != from && gap != from + 1)
        moveRow (from, gap > from ? gap - 1 : gap);
}

void PlaylistView::paint (juce::Graphics& g)
{
    g.setColour (palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), MoodboardLookAndFeel::cornerRadius);
}

void PlaylistView::paintOverChildren (juce::Graphics& g)
{
    if (dragRow < 0 || dropRow < 0)
        return;

    // Where the dragged track would land: a line between two rows.
    auto* viewport = table.getViewport();
    const auto scrolled = viewport != nullptr ? viewport->getViewPositionY() : 0;
    const auto y = table.getY() + table.getHeaderHeight() + dropRow * rowHeight - scrolled;
    g.setColour (palette::warm);
    g.fillRect (table.getX(), y - 1, table.getWidth(), 3);
}

void PlaylistView::resized()
{
    auto area = getLocalBounds().reduced (12);

    auto top = area.removeFromTop (30);
    saveButton.setBounds (top.removeFromRight (160).withSizeKeepingCentre (160, 34));
    top.removeFromRight (10);
    spotifyButton.setBounds (top.removeFromRight (150).withSizeKeepingCentre (150, 34));
    top.removeFromRight (10);
    nameLabel.setBounds (top);

    area.removeFromTop (4);
    summaryLabel.setBounds (area.removeFromTop (44));
    area.removeFromTop (6);
    playbackBar.setBounds (area.removeFromBottom (playbackBarHeight));
    area.removeFromBottom (8);
    table.setBounds (area);
}

} // namespace moodboard::plugin
