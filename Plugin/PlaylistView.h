#pragma once

#include "Matching/Playlist.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>
#include <memory>

namespace moodboard::plugin
{

/** The playlist side of the editor: its name and what was understood, a table of the tracks
    (#, title, artist, duration, tempo, key, energy, valence and why each was picked), and the
    "Save playlist..." and "Send to Spotify" buttons.
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

    /** Shows a playlist under a name; null clears the table. Message thread. */
    void setPlaylist (std::shared_ptr<const matching::Playlist> playlist, const juce::String& name);

    /** Shows that a new playlist is being built; the save button is off meanwhile.
        Message thread. */
    void setBuilding (bool isBuilding);

    /** Shows that a playlist is being sent to Spotify; that button is off meanwhile.
        Message thread. */
    void setSendingToSpotify (bool isSending);

    void paint (juce::Graphics&) override;
    void resized() override;

private:
    enum ColumnId
    {
        number = 1,
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

    [[nodiscard]] juce::String getCellText (const matching::PlaylistEntry&, int row,
                                            int columnId) const;
    void updateSummary();

    std::shared_ptr<const matching::Playlist> playlist;
    bool building = false;
    bool sendingToSpotify = false;

    juce::Label nameLabel;
    juce::Label summaryLabel;
    juce::TableListBox table;
    juce::TextButton saveButton { "Save playlist..." };
    juce::TextButton spotifyButton { "Send to Spotify" };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (PlaylistView)
};

} // namespace moodboard::plugin
