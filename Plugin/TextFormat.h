#pragma once

#include <juce_core/juce_core.h>

namespace moodboard::plugin::format
{

/** "3:07" for a track length; "-" when unknown. Any thread. */
[[nodiscard]] juce::String trackDuration (double seconds);

/** "42 min" or "1 h 05 min" for a playlist length. Any thread. */
[[nodiscard]] juce::String playlistLength (double seconds);

/** "12 tracks" or "1 track". Any thread. */
[[nodiscard]] juce::String trackCount (int count);

/** A short playlist name from mood text: the meaningful words, capitalised ("Sleepy Relaxing",
    "Café Nächte"), or "Mood playlist" when nothing is left. Any thread. */
[[nodiscard]] juce::String playlistName (const juce::String& moodText);

/** A file name for a playlist name, as readable as the name (matching::playlistFileStem: only
    '/', NUL and leading dots are replaced), with the .m3u8 extension. Any thread. */
[[nodiscard]] juce::String playlistFileName (const juce::String& name);

/** `file` when nothing is there, else the first free "Name (2).ext" beside it
    (matching::freePlaylistFile). Any thread. */
[[nodiscard]] juce::File freePlaylistFile (const juce::File& file);

} // namespace moodboard::plugin::format
