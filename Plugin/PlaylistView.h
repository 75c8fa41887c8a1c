#pragma once

#include "PlaybackBar.h"
#include "TrackPlayer.h"

#include "Matching/Playlist.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>
#include <memory>

namespace moodboard::plugin
{

/** The playlist's table; it offers each key press to the view before the list's own handling,
    so that Alt+Up moves a track instead of only moving the selection. */
class PlaylistTable final : public juce::TableListBox
{
public:
    std::function<bool (const juce::KeyPress&)> onKey;

    bool keyPressed (const juce::KeyPress& key) override
    {
        return (onKey != nullptr && onKey (key)) || juce::TableListBox::keyPressed (key);
    }
};

/** The playlist side of the editor: its name and what was understood, a table of the tracks
    (lock, #, title, artist, duration, tempo, key, energy, valence and why each was picked), a
    preview player under it, and the "Save playlist..." and "Send to Spotify" buttons.

    The user edits the playlist shown: drag a row, or Alt+Up/Alt+Down, to move a track; Delete
    (or the context menu) to remove it; the lock column, L or the menu to lock it in place (a
    locked track keeps its place when the mood is refined). Each edit makes a new playlist,
    handed to onPlaylistEdited; the one shown before is never changed, as others may share it.
    Space, Return or a double-click plays the selected track through the view's TrackPlayer; the
    next one follows at the end. The player stops when the view goes (the editor closes).
*/
class PlaylistView final : public juce::Component,
                           private juce::TableListBoxModel
{
public:
    PlaylistView();
    ~PlaylistView() override;

    /** Called when the user asks to save the playlist shown. */
    std::function<void()> onSaveRequested;

    /** Called when the user asks to send the playlist shown to Spotify. */
    std::function<void()> onSpotifyRequested;

    /** Called with the new playlist after each edit the user makes (move, remove, lock), which
        the view already shows; save and send should use it from now on. */
    std::function<void (std::shared_ptr<const matching::Playlist>)> onPlaylistEdited;

    /** Shows a playlist under a name; null clears the table. Message thread. */
    void setPlaylist (std::shared_ptr<const matching::Playlist> playlist, const juce::String& name);

    /** Shows that a new playlist is being built; the save button and editing are off meanwhile.
        Message thread. */
    void setBuilding (bool isBuilding);

    /** Shows that a playlist is being sent to Spotify; that button is off meanwhile.
        Message thread. */
    void setSendingToSpotify (bool isSending);

    void paint (juce::Graphics&) override;
    void paintOverChildren (juce::Graphics&) override;
    void resized() override;
    void mouseDown (const juce::MouseEvent&) override;
    void mouseDrag (const juce::MouseEvent&) override;
    void mouseUp (const juce::MouseEvent&) override;

private:
    enum ColumnId
    {
        lock = 1,
        number,
        title,
        artist,
        duration,
        tempo,
        key,
        energy,
        valence,
        reason
    };

    int getNumRows() override;
    void paintRowBackground (juce::Graphics&, int row, int width, int height,
                             bool selected) override;
    void paintCell (juce::Graphics&, int row, int columnId, int width, int height,
                    bool selected) override;
    juce::String getCellTooltip (int row, int columnId) override;
    void cellClicked (int row, int columnId, const juce::MouseEvent&) override;
    void cellDoubleClicked (int row, int columnId, const juce::MouseEvent&) override;
    void backgroundClicked (const juce::MouseEvent&) override;

    [[nodiscard]] juce::String getCellText (const matching::PlaylistEntry&, int row,
                                            int columnId) const;
    void updateSummary();
    [[nodiscard]] bool handleKey (const juce::KeyPress&);
    void showMenu (int row);

    [[nodiscard]] bool canEdit() const;
    void moveRow (int from, int to);
    void removeRow (int row);
    void toggleLock (int row);
    void applyEdit (matching::Playlist edited, const juce::String& what, int rowToSelect);

    void playRow (int row);
    void playOrPause (int row);
    void playNext();
    [[nodiscard]] int findPlayingRow() const;
    [[nodiscard]] int dropRowAt (juce::Point<int> inTable) const;

    std::shared_ptr<const matching::Playlist> playlist;
    bool building = false;
    bool sendingToSpotify = false;
    int dragRow = -1, dropRow = -1;   // a row being dragged and where it would land

    juce::Label nameLabel;
    juce::Label summaryLabel;
    PlaylistTable table;
    juce::TextButton saveButton { "Save playlist..." };
    juce::TextButton spotifyButton { "Send to Spotify" };
    TrackPlayer player;
    PlaybackBar playbackBar { player };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (PlaylistView)
};

} // namespace moodboard::plugin
