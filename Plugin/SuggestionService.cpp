#include "SuggestionService.h"

#include "LibraryService.h"

#include "Auth/LanguageModelKey.h"
#include "Core/Log.h"
#include "Core/Paths.h"
#include "Matching/Suggester.h"
#include "Mood/LlmMoodReader.h"

namespace moodboard::plugin
{
namespace
{
constexpr int stopTimeoutMs = 30000;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

template <typename Callback, typename... Args>
void postToMessageThread (Callback callback, Args... args)
{
    juce::MessageManager::callAsync ([callback = std::move (callback), ... args = std::move (args)]
                                     () mutable { callback (std::move (args)...); });
}
} // namespace

SuggestionService::SuggestionService (LibraryService& libraryToUse) : library (libraryToUse) {}

SuggestionService::~SuggestionService()
{
    pool.removeAllJobs (true, stopTimeoutMs);
}

void SuggestionService::requestPlaylist (const juce::String& moodText, ResultCallback onDone)
{
    pool.addJob ([this, moodText, onDone = std::move (onDone)]
                 { postToMessageThread (onDone, buildPlaylist (moodText)); });
}

void SuggestionService::requestPlaylistFor (mood::MoodTarget target, const juce::String& name,
                                            ResultCallback onDone)
{
    pool.addJob ([this, target = std::move (target), name, onDone = std::move (onDone)]
                 { postToMessageThread (onDone, buildPlaylist (name, &target)); });
}

SuggestionResult SuggestionService::buildPlaylist (const juce::String& moodText,
                                                   const mood::MoodTarget* given)
{
    SuggestionResult result;
    result.moodText = moodText;

    try
    {
        const auto folder = Paths::stateDir() / "playlists";
        result.playlistFolder = juce::File (fromUtf8 (folder.string()));

        auto catalog = library.getCatalog();

        if (! catalog)
        {
            result.error = "The library catalog cannot be opened: "
                           + fromUtf8 (catalog.error().message);
            return result;
        }

        if ((*catalog)->getNumTracks() == 0)
        {
            result.error = "Your library is empty. Choose a folder of music to scan first.";
            return result;
        }

        if (! languageModelChecked && given == nullptr)
            useLanguageModelIfConfigured();

        // A target given directly (the session's mood) bypasses the conversation.
        const auto reply = given != nullptr ? mood::ConversationReply { *given, given->explanation }
                                            : conversation.say (moodText.toStdString());
        result.reply = fromUtf8 (reply.message);
        result.question = fromUtf8 (reply.question.value_or (""));
        result.refined = reply.refined;

        if (suggester == nullptr)
            suggester = std::make_unique<matching::Suggester> (**catalog, Paths::indexFile());

        auto playlist = suggester->suggest (reply.target);

        if (! playlist)
        {
            result.error = fromUtf8 (playlist.error().message);
            return result;
        }

        if (given == nullptr)
            conversation.setOfferedTracks (matching::offeredTracksOf (*playlist));
        result.playlist = std::make_shared<const matching::Playlist> (std::move (*playlist));
    }
    catch (const std::exception& e)
    {
        log::error ("ui", std::string ("playlist could not be built: ") + e.what());
        result.error = "The playlist could not be built: " + juce::String (e.what());
    }

    return result;
}

void SuggestionService::useLanguageModelIfConfigured()
{
    // On the pool's thread: the keyring may block. New moods go to the model when one is
    // configured (README: A language model); refinements stay with the conversation.
    languageModelChecked = true;
    auto settings = auth::configuredLanguageModel();
    if (! settings)
        return;

    auto reader = std::make_shared<const mood::LlmMoodReader> (*settings);
    conversation.setInterpreter ([reader] (std::string_view text)
    {
        auto reading = reader->readWithDetails (text);
        log::info ("llm", reading.fromModel ? std::string ("mood read by the language model")
                                            : "language model not used: " + reading.problem);
        return std::move (reading.target);
    });
    log::info ("llm", "new moods are read by the configured language model");
}

void SuggestionService::savePlaylist (std::shared_ptr<const matching::Playlist> playlist,
                                      const juce::File& file, SaveCallback onDone)
{
    pool.addJob ([playlist = std::move (playlist), file, onDone = std::move (onDone)]
                 { postToMessageThread (onDone, writePlaylist (*playlist, file), file); });
}

juce::Result SuggestionService::writePlaylist (const matching::Playlist& playlist,
                                               const juce::File& file)
{
    const auto folder = file.getParentDirectory();

    if (const auto created = folder.createDirectory(); created.failed())
        return juce::Result::fail ("The folder " + folder.getFullPathName()
                                   + " cannot be created: " + created.getErrorMessage());

    try
    {
        const auto path = std::filesystem::path (file.getFullPathName().toStdString());

        if (auto written = matching::writeM3u8 (playlist, path); ! written)
            return juce::Result::fail (fromUtf8 (written.error().message));
    }
    catch (const std::exception& e)
    {
        return juce::Result::fail ("The playlist could not be written: " + juce::String (e.what()));
    }

    return juce::Result::ok();
}

} // namespace moodboard::plugin
