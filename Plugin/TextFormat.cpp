#include "TextFormat.h"

#include "Matching/PlaylistFileName.h"

namespace moodboard::plugin::format
{
namespace
{
constexpr int maxNameWords = 5;
const juce::String wordCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";

// Words that carry no mood of their own in requests like "I'm sleepy and need something calm".
bool isFillerWord (const juce::String& word)
{
    static const juce::StringArray fillers { "i", "im", "i'm", "me", "my", "a", "an", "the", "and",
                                             "or", "but", "to", "for", "of", "with", "some",
                                             "something", "need", "want", "like", "would", "please",
                                             "feel", "feeling", "am", "is", "be", "so", "very",
                                             "really", "just", "give", "play", "music", "songs",
                                             "song", "that", "this", "it", "while", "in", "on" };
    return fillers.contains (word);
}

// Letters of every language stay ("Café Nächte"); ASCII punctuation goes, and so do the general
// punctuation block's dashes and quotes.
bool isNameCharacter (juce::juce_wchar c)
{
    if (c < 0x80)
        return wordCharacters.containsChar (c) || c == '\'' || c == ' ';
    return c != 0xa0 && (c < 0x2000 || c > 0x206f);
}
} // namespace

juce::String trackDuration (double seconds)
{
    if (! (seconds > 0.0))
        return "-";

    const auto total = juce::roundToInt (seconds);
    return juce::String (total / 60) + ":" + juce::String (total % 60).paddedLeft ('0', 2);
}

juce::String playlistLength (double seconds)
{
    const auto minutes = juce::jmax (0, juce::roundToInt (seconds / 60.0));

    if (minutes < 60)
        return juce::String (minutes) + " min";

    return juce::String (minutes / 60) + " h " + juce::String (minutes % 60).paddedLeft ('0', 2)
           + " min";
}

juce::String trackCount (int count)
{
    return juce::String (count) + (count == 1 ? " track" : " tracks");
}

juce::String playlistName (const juce::String& moodText)
{
    juce::StringArray words;
    juce::String letters;
    const auto lowered = moodText.toLowerCase();
    for (auto p = lowered.getCharPointer(); ! p.isEmpty();)
        if (const auto c = p.getAndAdvance(); isNameCharacter (c))
            letters += juce::String::charToString (c);
    words.addTokens (letters, " ", {});
    words.removeEmptyStrings();

    juce::StringArray kept;

    for (auto word : words)
    {
        word = word.removeCharacters ("'");

        if (word.isNotEmpty() && ! isFillerWord (word) && kept.size() < maxNameWords)
            kept.add (word.substring (0, 1).toUpperCase() + word.substring (1));
    }

    return kept.isEmpty() ? juce::String ("Mood playlist") : kept.joinIntoString (" ");
}

juce::String playlistFileName (const juce::String& name)
{
    return juce::String::fromUTF8 (matching::playlistFileStem (name.toStdString()).c_str())
           + ".m3u8";
}

juce::File freePlaylistFile (const juce::File& file)
{
    const auto free = matching::freePlaylistFile (
        file.getParentDirectory().getFullPathName().toStdString(),
        file.getFileNameWithoutExtension().toStdString(), file.getFileExtension().toStdString());
    return juce::File (juce::String::fromUTF8 (free.string().c_str()));
}

} // namespace moodboard::plugin::format
