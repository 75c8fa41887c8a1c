#pragma once

#include "Matching/Playlist.h"
#include "Matching/Sequencer.h"
#include "Mood/MoodTarget.h"

#include <juce_events/juce_events.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace moodboard::assistant
{
class Assistant;
}

namespace moodboard::auth
{
struct LocalAccount;
}

namespace moodboard::knowledge
{
struct KnowledgeLibrary;
}

namespace moodboard::matching
{
class Suggester;
}

namespace moodboard::spotify
{
class SpotifyAccount;
}

namespace moodboard::plugin
{

class LibraryService;

/** A write to Spotify the assistant asked for. It is only a request: the editor runs it through
    the same Spotify confirmation overlay as the "Send to Spotify" button. */
struct SpotifyRequest
{
    std::shared_ptr<const matching::Playlist> playlist;   // null: the playlist shown, by its name
    juce::String name;
    bool cover = false;
    bool play = false;   // the user also asked to start playing it
};

/** What a chat message produced: a playlist, an answer that changes no playlist, or a message
    saying why there is neither; and perhaps a Spotify write waiting for confirmation. */
struct SuggestionResult
{
    juce::String moodText;
    juce::String reply;                                   // what the conversation understood
    juce::String question;                                // one short question, or empty
    bool refined = false;                                 // the message changed the last mood
    std::shared_ptr<const matching::Playlist> playlist;   // null when the playlist did not change
    juce::String error;                                   // for the user
    juce::File playlistFolder;                            // where playlists are saved by default
    juce::String answer;                  // an answer without a new playlist, with its sources
    juce::String modelNotice;             // why the configured language model was not used
    std::optional<SpotifyRequest> spotifyRequest;
};

/** Holds the chat's assistant and builds playlists on one background thread, and writes
    confirmed playlists to disk there too. Requests run one at a time in the order they were made.

    Design: each chat message goes to an assistant::Assistant that lives on the pool's thread
    only. It is made at the first message, because the guides take a while to index and the
    keyring may block: its services are this service's Suggester and the library's catalog, the
    guides, the reader of the stored sign-in (guides are filtered for that user) and a read-only
    Spotify lookup; its conversation is kept in the signed-in user's folder (`assistant.json`).
    It is made again (with that user's saved words and no playlist yet) when signInChanged() was
    called and the stored sign-in is then a different user. A mood or a refinement ("more
    upbeat") gives a playlist, a question an answer from the guides, and "send it to Spotify" a
    SpotifyRequest that only the editor's confirmation overlay can carry out. Playlists for a
    target made elsewhere (requestPlaylistFor) use the same Suggester without the assistant;
    the next message then works on that playlist and its target, as it would on one it built.

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

    /** Gives `moodText` to the assistant as the next message of the conversation; `onDone`
        runs on the message thread with the playlist, the answer or the Spotify request it
        gave. Message thread. */
    void requestPlaylist (const juce::String& moodText, ResultCallback onDone);

    /** Builds a playlist for a target made elsewhere (the session's live mood), named `name`,
        outside the conversation; `onDone` runs on the message thread. Message thread. */
    void requestPlaylistFor (mood::MoodTarget target, const juce::String& name,
                             ResultCallback onDone);

    /** Writes `playlist` titled `name` to `file` (extended M3U8 for .m3u8, XSPF for .xspf),
        creating its folder. Unless `replaceExisting` (the user chose to replace that file), an
        existing file stays as it is and the playlist goes to the first free "Name (2).m3u8"
        beside it, decided when writing. `onDone` runs on the message thread with the outcome
        and the file written. Message thread. */
    void savePlaylist (std::shared_ptr<const matching::Playlist> playlist, const juce::File& file,
                       const juce::String& name, bool replaceExisting, SaveCallback onDone);

    /** The user edited the playlist shown (moved, removed or locked tracks): the chat works on
        this one from the next message on, and a refinement ("more upbeat") keeps its locked
        tracks at their places. Message thread. */
    void playlistEdited (std::shared_ptr<const matching::Playlist> edited);

    /** Someone signed in or out: the next message checks who the assistant talks to. Any
        thread. */
    void signInChanged() { signInMayHaveChanged = true; }

    /** The language model settings were saved: the next message makes the assistant again with
        them (the conversation's saved words are kept). Any thread. */
    void languageModelChanged()
    {
        modelMayHaveChanged = true;
        signInMayHaveChanged = true;
    }

private:
    [[nodiscard]] SuggestionResult buildPlaylist (const juce::String& name,
                                                  const mood::MoodTarget& target);
    [[nodiscard]] SuggestionResult askAssistant (const juce::String& text);
    void prepareAssistant();
    [[nodiscard]] Expected<matching::Playlist> suggest (const mood::MoodTarget& target,
                                                        const matching::SequenceOptions& = {});
    [[nodiscard]] static juce::Result writePlaylist (const matching::Playlist&, const juce::File&,
                                                     const juce::String& name);

    LibraryService& library;
    // Used only on the pool's thread. The assistant refers to the guides and the accounts, so
    // it is declared after them and made again before they are replaced.
    std::unique_ptr<matching::Suggester> suggester;
    std::unique_ptr<knowledge::KnowledgeLibrary> guides;
    bool guidesOpened = false;
    std::unique_ptr<auth::LocalAccount> localAccount;
    std::unique_ptr<spotify::SpotifyAccount> spotifyAccount;
    std::unique_ptr<assistant::Assistant> assistant;
    std::string assistantReader;
    bool usesLanguageModel = false;
    int playlistsBuilt = 0;                              // successful suggestions so far
    std::string suggestProblem;                          // why the last suggestion failed
    std::shared_ptr<const matching::Playlist> shownPlaylist;   // the one last posted
    // The last playlist built for a target made elsewhere, until the next message hands it to
    // the assistant (which may not exist yet): that message refines it, not the chat's mood.
    struct BuiltElsewhere
    {
        std::string label;
        mood::MoodTarget target;
        std::shared_ptr<const matching::Playlist> playlist;
    };
    std::optional<BuiltElsewhere> builtElsewhere;
    std::atomic<bool> signInMayHaveChanged { false };
    std::atomic<bool> modelMayHaveChanged { false };
    juce::ThreadPool pool { 1 };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SuggestionService)
};

} // namespace moodboard::plugin
