#include "SuggestionService.h"

#include "LibraryService.h"
#include "TextFormat.h"

#include "Assistant/Assistant.h"
#include "Assistant/ModelFallback.h"
#include "Auth/LanguageModelKey.h"
#include "Auth/LocalAccount.h"
#include "Auth/UserScope.h"
#include "Core/Log.h"
#include "Core/Paths.h"
#include "Knowledge/KnowledgeLibrary.h"
#include "Matching/PlaylistEdit.h"
#include "Matching/Suggester.h"
#include "Spotify/SpotifyAccount.h"
#include "Spotify/TrackResolver.h"

#include <algorithm>
#include <utility>

namespace moodboard::plugin
{
namespace
{
constexpr int stopTimeoutMs = 30000;
constexpr const char* emptyLibrary =
    "Your library is empty. Choose a folder of music to scan first.";

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

template <typename Callback, typename... Args>
void postToMessageThread (Callback callback, Args... args)
{
    juce::MessageManager::callAsync ([callback = std::move (callback), ... args = std::move (args)]
                                     () mutable { callback (std::move (args)...); });
}

bool called (const assistant::AssistantReply& reply, const char* tool)
{
    return std::ranges::find (reply.toolCalls, tool) != reply.toolCalls.end();
}

bool sameTracks (const matching::Playlist& a, const matching::Playlist& b)
{
    return std::ranges::equal (a.entries, b.entries, [] (const auto& x, const auto& y)
    {
        return x.track.id == y.track.id && x.track.path == y.track.path;
    });
}

juce::String withSources (const assistant::AssistantReply& reply)
{
    auto text = fromUtf8 (reply.text).trimEnd();
    if (reply.sources.empty())
        return text;

    juce::StringArray names;
    for (const auto& source : reply.sources)
        names.add ("\"" + fromUtf8 (source.title) + "\" (" + fromUtf8 (source.documentId) + ")");
    return text + "\nSources: " + names.joinIntoString (", ");
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
                 { postToMessageThread (onDone, askAssistant (moodText)); });
}

void SuggestionService::requestPlaylistFor (mood::MoodTarget target, const juce::String& name,
                                            ResultCallback onDone)
{
    pool.addJob ([this, target = std::move (target), name, onDone = std::move (onDone)]
                 { postToMessageThread (onDone, buildPlaylist (name, target)); });
}

Expected<matching::Playlist> SuggestionService::suggest (const mood::MoodTarget& target,
                                                         const matching::SequenceOptions& options)
{
    auto catalog = library.getCatalog();
    if (! catalog)
        return makeError (catalog.error().kind,
                          "The library catalog cannot be opened: " + catalog.error().message);
    if ((*catalog)->getNumTracks() == 0)
        return makeError (Error::Kind::notFound, emptyLibrary);

    if (suggester == nullptr)
        suggester = std::make_unique<matching::Suggester> (**catalog, Paths::indexFile());

    auto playlist = suggester->suggest (target, options);
    if (playlist)
        ++playlistsBuilt;
    else
        suggestProblem = playlist.error().message;
    return playlist;
}

void SuggestionService::prepareAssistant()
{
    if (assistant != nullptr && ! signInMayHaveChanged.exchange (false))
        return;
    signInMayHaveChanged = false;

    // Who is talking decides which guides may be read and where the conversation is kept.
    std::string reader = "user:anonymous";
    auto folder = Paths::stateDir();
    auto local = auth::openLocalAccount();
    std::unique_ptr<spotify::SpotifyAccount> account;
    if (local)
    {
        folder = auth::signedInUserFolder (**local);
        if (auto opened = spotify::SpotifyAccount::open ((*local)->settings, *(*local)->store))
        {
            account = std::move (*opened);
            reader = "user:" + account->getUser().subject;
        }
    }
    else
        log::warning ("assistant", "the sign-in settings cannot be read: " + local.error().message);

    if (assistant != nullptr && reader == assistantReader && ! modelMayHaveChanged.exchange (false))
        return;
    modelMayHaveChanged = false;

    // The old assistant refers to the accounts replaced below.
    assistant.reset();
    spotifyAccount = std::move (account);
    localAccount = local ? std::move (*local) : nullptr;
    assistantReader = reader;

    if (! guidesOpened)
    {
        guidesOpened = true;
        if (auto opened = knowledge::openKnowledgeLibrary (knowledge::defaultKnowledgeFolder()))
            guides = std::move (*opened);
        else
            log::warning ("assistant", "the guides are not available: " + opened.error().message);
    }

    assistant::AssistantServices services;
    services.suggest = [this] (const mood::MoodTarget& target) { return suggest (target); };
    services.refine = [this] (const mood::MoodTarget& target)
    {
        // The tracks the user locked in the playlist shown keep their places; the ones removed
        // stay out.
        const auto shown = shownPlaylist;
        return suggest (target, shown != nullptr ? matching::refinementOptionsOf (*shown)
                                                 : matching::SequenceOptions {});
    };
    services.libraryTracks = [this]
    {
        auto catalog = library.getCatalog();
        return catalog ? (*catalog)->getAllTracks() : std::vector<library::Track> {};
    };
    services.guides = guides != nullptr ? guides->base.get() : nullptr;
    services.reader = reader;
    if (auto* spotify = spotifyAccount.get())
        services.resolveOnSpotify = [spotify] (const std::vector<library::Track>& tracks)
        {
            return spotify::TrackResolver (spotify->getTokens(), spotify->apiOptions())
                .resolveAll (tracks);
        };

    auto model = auth::configuredLanguageModel();
    usesLanguageModel = model.has_value();
    assistant = std::make_unique<assistant::Assistant> (std::move (services),
                                                        folder / "assistant.json", model);
    shownPlaylist.reset();
    log::info ("assistant", std::string ("assistant ready: ")
                                + (spotifyAccount != nullptr ? "signed in" : "nobody signed in")
                                + (guides != nullptr ? ", guides loaded" : ", no guides")
                                + (usesLanguageModel ? ", with the configured language model"
                                                     : ", local rules"));
}

SuggestionResult SuggestionService::askAssistant (const juce::String& text)
{
    SuggestionResult result;
    result.moodText = text;
    result.playlistFolder = juce::File (fromUtf8 ((Paths::stateDir() / "playlists").string()));

    try
    {
        prepareAssistant();
        if (auto elsewhere = std::exchange (builtElsewhere, std::nullopt))
        {
            // The playlist shown came from a preset, the map or the session: it is the one
            // "more upbeat" changes, with its own locks and removed tracks.
            shownPlaylist = elsewhere->playlist;
            assistant->adoptPlaylist (elsewhere->label, elsewhere->target, *elsewhere->playlist);
        }

        const auto builtBefore = playlistsBuilt;
        suggestProblem.clear();
        auto reply = assistant->say (text.toStdString());

        const bool playlistTool = called (reply, "build_playlist")
                                  || called (reply, "refine_playlist");
        if (usesLanguageModel)
        {
            if (! reply.problem.empty())
            {
                log::info ("llm", "language model not used: " + reply.problem);
                result.modelNotice = fromUtf8 (assistant::describeModelFallback (reply));
            }
            else if (playlistTool)
                log::info ("llm", "mood read by the language model");
            else
                log::info ("llm", "message answered by the language model");
        }

        if (called (reply, "ask_guides"))
            log::info ("ui", "assistant answered from guides: "
                                 + std::to_string (reply.sources.size()) + " sources");

        const auto& current = assistant->getPlaylist();
        if (playlistsBuilt != builtBefore && current)
        {
            shownPlaylist = std::make_shared<const matching::Playlist> (*current);
            result.playlist = shownPlaylist;
            const auto& calls = reply.toolCalls;
            const auto last = std::ranges::find_if (calls.rbegin(), calls.rend(),
                                                    [] (const std::string& tool)
            {
                return tool == "build_playlist" || tool == "refine_playlist";
            });
            result.refined = last != calls.rend() && *last == "refine_playlist";
            // The local rules list the tracks, which the playlist view shows already; a model's
            // own words are kept.
            if (usesLanguageModel && reply.problem.empty())
                result.reply = fromUtf8 (reply.text).trimEnd();
        }
        else if (playlistTool && ! suggestProblem.empty())
            result.error = fromUtf8 (suggestProblem);
        else
            result.answer = withSources (reply);

        const bool asksToSend = called (reply, "push_to_spotify")
                                || called (reply, "play_on_spotify");
        if (asksToSend && ! reply.pending && ! current)
        {
            // This assistant has built nothing (it is new since a sign-in, or only the session's
            // mood made a playlist): the request is for the playlist the user sees.
            SpotifyRequest request;
            request.play = called (reply, "play_on_spotify");
            result.spotifyRequest = std::move (request);
            result.answer.clear();
        }
        else if (reply.pending)
        {
            if (auto action = assistant->takePendingAction (reply.pending->id))
            {
                SpotifyRequest request;
                request.playlist = shownPlaylist != nullptr
                                           && sameTracks (*shownPlaylist, action->playlist)
                                       ? shownPlaylist
                                       : std::make_shared<const matching::Playlist> (
                                           std::move (action->playlist));
                request.name = fromUtf8 (action->playlistName);
                request.cover = action->cover;
                request.play = action->kind == assistant::PendingAction::Kind::play;
                result.spotifyRequest = std::move (request);
            }
        }
    }
    catch (const std::exception& e)
    {
        log::error ("assistant", std::string ("the assistant failed: ") + e.what());
        result.error = "The assistant could not answer: " + juce::String (e.what());
    }

    return result;
}

SuggestionResult SuggestionService::buildPlaylist (const juce::String& name,
                                                   const mood::MoodTarget& target)
{
    SuggestionResult result;
    result.moodText = name;

    try
    {
        const auto folder = Paths::stateDir() / "playlists";
        result.playlistFolder = juce::File (fromUtf8 (folder.string()));

        // A target made elsewhere (a preset, the map, the session's mood) is built without the
        // conversation; the next message takes it and its playlist as the ones to refine.
        result.reply = fromUtf8 (target.explanation);
        auto playlist = suggest (target);

        if (! playlist)
        {
            result.error = fromUtf8 (playlist.error().message);
            return result;
        }

        result.playlist = std::make_shared<const matching::Playlist> (std::move (*playlist));
        shownPlaylist = result.playlist;
        builtElsewhere = BuiltElsewhere { name.toStdString(), target, result.playlist };
    }
    catch (const std::exception& e)
    {
        log::error ("ui", std::string ("playlist could not be built: ") + e.what());
        result.error = "The playlist could not be built: " + juce::String (e.what());
    }

    return result;
}

void SuggestionService::playlistEdited (std::shared_ptr<const matching::Playlist> edited)
{
    // Queued behind any message still being answered, so that one is not changed under it.
    pool.addJob ([this, edited = std::move (edited)]
    {
        if (edited == nullptr)
            return;
        shownPlaylist = edited;
        if (builtElsewhere)
        {
            builtElsewhere->playlist = edited;
            return;   // the assistant takes it with its target at the next message
        }
        if (assistant != nullptr)
            assistant->setPlaylist (*edited);
    });
}

void SuggestionService::savePlaylist (std::shared_ptr<const matching::Playlist> playlist,
                                      const juce::File& file, const juce::String& name,
                                      bool replaceExisting, SaveCallback onDone)
{
    pool.addJob ([playlist = std::move (playlist), file, name, replaceExisting,
                  onDone = std::move (onDone)]
    {
        // A file that appeared since the overlay looked is not replaced either.
        const auto target = replaceExisting ? file : format::freePlaylistFile (file);
        postToMessageThread (onDone, writePlaylist (*playlist, target, name), target);
    });
}

juce::Result SuggestionService::writePlaylist (const matching::Playlist& playlist,
                                               const juce::File& file, const juce::String& name)
{
    const auto folder = file.getParentDirectory();

    if (const auto created = folder.createDirectory(); created.failed())
        return juce::Result::fail ("The folder " + folder.getFullPathName()
                                   + " cannot be created: " + created.getErrorMessage());

    try
    {
        const auto path = std::filesystem::path (file.getFullPathName().toStdString());

        if (auto written = matching::writePlaylistFile (playlist, path, name.toStdString());
            ! written)
            return juce::Result::fail (fromUtf8 (written.error().message));
    }
    catch (const std::exception& e)
    {
        return juce::Result::fail ("The playlist could not be written: " + juce::String (e.what()));
    }

    return juce::Result::ok();
}

} // namespace moodboard::plugin
