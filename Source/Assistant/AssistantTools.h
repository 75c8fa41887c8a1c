#pragma once

#include "Core/Error.h"
#include "Knowledge/KnowledgeBase.h"
#include "Matching/Playlist.h"
#include "Mood/MoodConversation.h"
#include "Spotify/TrackResolver.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>

namespace moodboard::assistant
{

/** What the tools may use, handed in by the shell. There is no way to write to Spotify in here:
    `resolveOnSpotify` is a read capability (a TrackResolver over the signed-in account, whose
    token the assistant never sees), and writes leave the assistant as PendingActions that only
    the shell's confirmation overlay or prompt can carry out. */
struct AssistantServices
{
    std::function<Expected<matching::Playlist> (const mood::MoodTarget&)> suggest;
    // When set, used instead of `suggest` for a refinement of the current playlist ("more
    // upbeat"), so a shell can keep the tracks its user locked; a new mood still uses `suggest`.
    std::function<Expected<matching::Playlist> (const mood::MoodTarget&)> refine;
    std::function<std::vector<library::Track>()> libraryTracks;
    const knowledge::KnowledgeBase* guides = nullptr;
    std::string reader = "user:anonymous"; // the OpenFGA user the guides are filtered for
    std::function<std::vector<spotify::Resolution> (const std::vector<library::Track>&)>
        resolveOnSpotify; // empty when nobody is signed in
};

/** A write the assistant asked for, waiting for the user: shown in the overlay or at the prompt,
    carried out by the shell's own push path, or dropped. */
struct PendingAction
{
    enum class Kind
    {
        push, // create the playlist on Spotify
        play  // push if needed, then start playing it
    };

    std::string id;
    Kind kind = Kind::push;
    std::string playlistName; // empty when nobody named it: the shell picks its usual name
    bool cover = false;
    matching::Playlist playlist;
};

/** The session the tools work on: the conversation, the current playlist, the pending writes. */
struct ToolSession
{
    mood::MoodConversation conversation;
    std::optional<matching::Playlist> playlist;
    std::vector<PendingAction> pending;
    std::vector<knowledge::CitedSource> citedSources; // of the last ask_guides call
};

/** One typed tool: JSON Schemas for its input and output, validated on every call. */
struct Tool
{
    std::string name;
    std::string description;
    nlohmann::json input;
    nlohmann::json output;
    bool writes = false; // returns a pending action instead of acting
    std::function<Expected<nlohmann::json> (const nlohmann::json&, ToolSession&)> run;
};

/** The assistant's tools: read_mood, search_library, build_playlist, refine_playlist,
    explain_track, ask_guides, resolve_on_spotify (reads), push_to_spotify and play_on_spotify
    (writes: they only ever return a pending action).

    call() validates the input against the tool's schema (unknown fields refused, so an argument
    such as "skip_confirmation" is an error, not an option), runs it, and validates its output;
    any problem comes back as `{"error": "...", "retry": true|false}` for the model to read and
    correct. Not thread-safe: one ToolBox and session per conversation thread.
*/
class ToolBox final
{
public:
    explicit ToolBox (AssistantServices services);

    [[nodiscard]] nlohmann::json call (const std::string& name, const nlohmann::json& input,
                                       ToolSession& session) const;

    [[nodiscard]] const std::vector<Tool>& getTools() const { return tools; }
    [[nodiscard]] const Tool* find (const std::string& name) const;

    /** The tools in the OpenAI chat-completions `tools` form. */
    [[nodiscard]] nlohmann::json describeForModel() const;

private:
    AssistantServices services;
    std::vector<Tool> tools;
};

} // namespace moodboard::assistant
