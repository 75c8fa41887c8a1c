#include "PlaylistView.h"

#include "MoodboardLookAndFeel.h"
#include "TextFormat.h"

namespace moodboard::plugin
{
namespace
{
constexpr int rowHeight = 42;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

void drawLevel (juce::Graphics& g, const std::optional<double>& value, juce::Colour colour,
                int width, int height)
{
    if (! value)
    {
        g.setColour (palette::textDim);
        g.drawText ("-", 8, 0, width - 8, height, juce::Justification::centredLeft);
        return;
    }

    const auto level = (float) juce::jlimit (0.0, 1.0, *value);
    const auto track = juce::Rectangle<float> (8.0f, (float) height * 0.5f - 3.0f,
                                               juce::jmax (10.0f, (float) width - 50.0f), 6.0f);
    g.setColour (palette::outline);
    g.fillRoundedRectangle (track, 3.0f);
    g.setColour (colour);
    g.fillRoundedRectangle (track.withWidth (juce::jmax (6.0f, track.getWidth() * level)), 3.0f);

    g.setColour (palette::text);
    g.drawText (juce::String (*value, 2), (int) track.getRight() + 4, 0,
                width - (int) track.getRight() - 4, height, juce::Justification::centredLeft);
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
    table.setColour (juce::ListBox::outlineColourId, juce::Colours::transparentBlack);
    addAndMakeVisible (table);

    saveButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    saveButton.setTooltip ("Review and save this playlist as an M3U8 file (Ctrl+S)");
    saveButton.onClick = [this] { if (onSaveRequested != nullptr) onSaveRequested(); };
    addAndMakeVisible (saveButton);

    spotifyButton.setTooltip ("Review what would be written, then send this playlist to your "
                              "Spotify account");
    spotifyButton.onClick = [this] { if (onSpotifyRequested != nullptr) onSpotifyRequested(); };
    addAndMakeVisible (spotifyButton);

    setPlaylist (nullptr, {});
}

PlaylistView::~PlaylistView()
{
    table.setModel (nullptr);
}

void PlaylistView::setPlaylist (std::shared_ptr<const matching::Playlist> newPlaylist,
                                const juce::String& name)
{
    playlist = std::move (newPlaylist);
    nameLabel.setText (playlist != nullptr ? name : juce::String ("No playlist yet"),
                       juce::dontSendNotification);
    updateSummary();
    table.updateContent();
    table.repaint();
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

    juce::String text;
    text << format::trackCount ((int) playlist->entries.size()) << ", "
         << format::playlistLength (playlist->getTotalSeconds());

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

    if (columnId == energy)
        return drawLevel (g, entry.track.features.energy, palette::warm, width, height);

    if (columnId == valence)
        return drawLevel (g, entry.track.features.valence, palette::accentBright, width, height);

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

    if (columnId == title)
        return fromUtf8 (entry.track.path);

    return columnId == energy || columnId == valence ? juce::String()
                                                     : getCellText (entry, row, columnId);
}

void PlaylistView::paint (juce::Graphics& g)
{
    g.setColour (palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), MoodboardLookAndFeel::cornerRadius);
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
    table.setBounds (area);
}

} // namespace moodboard::plugin
