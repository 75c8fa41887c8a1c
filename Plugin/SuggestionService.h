#pragma once

#include "Matching/Playlist.h"
#include "Mood/MoodConversation.h"

#include <juce_events/juce_events.h>

#include <functional>
#include <memory>

namespace moodboard::matching
{
class Suggester;
}

namespace moodboard::plugin
{

class LibraryService;

/** What a mood request produced: a playlist, or a message saying why there is none. */
struct SuggestionResult
{
    juce::String moodText;
    juce::String reply;                                   // what the conversation understood
    juce::String question;                                // one short question, or empty
    bool refined = false;                                 // the message changed the last mood
    std::shared_ptr<const matching::Playlist> playlist;   // null when `error` is set
    juce::String error;                                   // for the user
    juce::File playlistFolder;                            // where playlists are saved by default
};

/** Holds the chat's mood conversation and builds playlists on one background thread, and writes
    confirmed playlists to disk there too. Requests run one at a time in the order they were made.
    Each message goes through the conversation, so "more upbeat" or "like the third one" refines
    the last playlist's mood instead of starting over. The conversation lasts as long as the
    window's services; it is not kept between sessions.

    Answers are posted to the message thread with MessageManager::callAsync; the callback should
    hold a Component::SafePointer to whatever it updates.
*/
class SuggestionService final
{
public:
    using ResultCallback = std::function<void (SuggestionResult)>;
    using SaveCallback = std::function<void (juce::Result, juce::File)>;

    explicit SuggestionService (LibraryService& library);
    ~SuggestionService();

    /** Reads `moodText` as the next message of the conversation and builds its playlist;
        `onDone` runs on the message thread. Message thread. */
    void requestPlaylist (const juce::String& moodText, ResultCallback onDone);

    /** Builds a playlist for a target made elsewhere (the session's live mood), named `name`,
        outside the conversation; `onDone` runs on the message thread. Message thread. */
    void requestPlaylistFor (mood::MoodTarget target, const juce::String& name,
                             ResultCallback onDone);

    /** Writes `playlist` as extended M3U8 to `file`, creating its folder; `onDone` runs on the
        message thread with the outcome. Message thread. */
    void savePlaylist (std::shared_ptr<const matching::Playlist> playlist, const juce::File& file,
                       SaveCallback onDone);

private:
    [[nodiscard]] SuggestionResult buildPlaylist (const juce::String& moodText,
                                                  const mood::MoodTarget* given = nullptr);
    void useLanguageModelIfConfigured();
    [[nodiscard]] static juce::Result writePlaylist (const matching::Playlist&, const juce::File&);

    LibraryService& library;
    mood::MoodConversation conversation;              // used only on the pool's thread
    bool languageModelChecked = false;                // pool's thread
    std::unique_ptr<matching::Suggester> suggester;   // used only on the pool's thread
    juce::ThreadPool pool { 1 };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SuggestionService)
};

} // namespace moodboard::plugin
