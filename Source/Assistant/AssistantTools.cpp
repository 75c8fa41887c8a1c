#include "Assistant/AssistantTools.h"

#include "Assistant/JsonSchema.h"
#include "Auth/Pkce.h"
#include "Mood/MoodParser.h"

#include <algorithm>
#include <cmath>

namespace moodboard::assistant
{
namespace
{
using nlohmann::json;

json object (json properties, std::vector<std::string> required = {})
{
    return {{"type", "object"},
            {"properties", std::move (properties)},
            {"required", std::move (required)},
            {"additionalProperties", false}};
}

const json text (int maxLength = 500)
{
    return {{"type", "string"}, {"minLength", 1}, {"maxLength", maxLength}};
}

json number01()
{
    return {{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
}

json trackList()
{
    return {{"type", "array"},
            {"items", object ({{"position", {{"type", "integer"}}},
                               {"title", {{"type", "string"}}},
                               {"artist", {{"type", "string"}}},
                               {"reason", {{"type", "string"}}}},
                              {"position", "title", "artist"})}};
}

std::string lower (std::string s)
{
    for (auto& c : s)
        if (static_cast<unsigned char> (c) < 0x80)
            c = static_cast<char> (std::tolower (static_cast<unsigned char> (c)));
    return s;
}

json describePlaylist (const matching::Playlist& playlist)
{
    json tracks = json::array();
    int position = 0;
    for (const auto& entry : playlist.entries)
        tracks.push_back ({{"position", ++position},
                           {"title", entry.track.title},
                           {"artist", entry.track.artist},
                           {"reason", entry.reason}});
    return {{"summary", playlist.mood.explanation}, {"tracks", tracks}};
}

json playlistOutput()
{
    return object ({{"summary", {{"type", "string"}}}, {"tracks", trackList()}},
                   {"summary", "tracks"});
}

json pendingOutput()
{
    return object ({{"pending_action", object ({{"id", {{"type", "string"}}},
                                                {"kind", {{"type", "string"}}},
                                                {"playlist", {{"type", "string"}}},
                                                {"tracks", {{"type", "integer"}}}},
                                               {"id", "kind"})},
                    {"status", {{"type", "string"}}}},
                   {"pending_action", "status"});
}
} // namespace

ToolBox::ToolBox (AssistantServices given)
    : services (std::move (given))
{
    auto& s = services;

    tools.push_back (
        {"read_mood", "Reads how the user feels into a mood target (valence, energy).",
         object ({{"text", text()}}, {"text"}),
         object (
             {{"summary", {{"type", "string"}}}, {"valence", number01()}, {"energy", number01()}},
             {"summary", "valence", "energy"}),
         false,
         [] (const json& in, ToolSession&) -> Expected<json>
         {
             const auto target = mood::MoodParser().parse (in["text"].get<std::string>());
             return json{{"summary", target.explanation},
                         {"valence", target.end.valence},
                         {"energy", target.end.energy}};
         }});

    tools.push_back ({"search_library",
                      "Finds tracks in the user's library by title, artist, "
                      "album or genre words.",
                      object ({{"query", text (200)},
                               {"limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 20}}}},
                              {"query"}),
                      object ({{"tracks", trackList()}}, {"tracks"}), false,
                      [&s] (const json& in, ToolSession&) -> Expected<json>
                      {
                          if (!s.libraryTracks)
                              return makeError (Error::Kind::unsupported, "no library is open");
                          const auto words = lower (in["query"].get<std::string>());
                          const auto limit = in.value ("limit", 10);
                          json found = json::array();
                          for (const auto& t : s.libraryTracks())
                          {
                              // A file that could not be read is in the catalog only so the
                              // next scan can say so; it is no track to offer.
                              if (! t.isAnalysed())
                                  continue;
                              const auto hay =
                                  lower (t.title + " " + t.artist + " " + t.album + " " + t.genre);
                              if (hay.find (words) == std::string::npos)
                                  continue;
                              found.push_back ({{"position", (int) found.size() + 1},
                                                {"title", t.title},
                                                {"artist", t.artist}});
                              if ((int) found.size() >= limit)
                                  break;
                          }
                          return json{{"tracks", found}};
                      }});

    auto build = [&s] (const mood::ConversationReply& reply, ToolSession& session) -> Expected<json>
    {
        if (!s.suggest)
            return makeError (Error::Kind::unsupported, "no library is open");
        auto playlist =
            reply.refined && s.refine ? s.refine (reply.target) : s.suggest (reply.target);
        if (!playlist)
            return std::unexpected (playlist.error());
        session.conversation.setOfferedTracks (matching::offeredTracksOf (*playlist));
        session.playlist = std::move (*playlist);
        return describePlaylist (*session.playlist);
    };

    tools.push_back (
        {"build_playlist", "Builds a playlist from the user's library for a mood.",
         object ({{"mood", text()},
                  {"count", {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}}},
                  {"minutes", {{"type", "number"}, {"minimum", 1}, {"maximum", 1440}}}},
                 {"mood"}),
         playlistOutput(), false,
         [build] (const json& in, ToolSession& session) -> Expected<json>
         {
             auto reply = session.conversation.say (in["mood"].get<std::string>());
             if (in.contains ("count"))
             {
                 reply.target.count = in["count"].get<int>();
                 reply.target.durationSeconds.reset();
             }
             if (in.contains ("minutes"))
                 reply.target.durationSeconds = in["minutes"].get<double>() * 60.0;
             return build (reply, session);
         }});

    tools.push_back ({"refine_playlist",
                      "Changes the current playlist: \"more upbeat\", "
                      "\"shorter\", \"darker\", \"undo\".",
                      object ({{"change", text (300)}}, {"change"}), playlistOutput(), false,
                      [build] (const json& in, ToolSession& session) -> Expected<json>
                      {
                          if (!session.playlist)
                              return makeError (Error::Kind::invalidInput,
                                                "there is no playlist yet; build one first");
                          return build (session.conversation.say (in["change"].get<std::string>()),
                                        session);
                      }});

    tools.push_back (
        {"explain_track", "Says why a track of the current playlist was chosen.",
         object ({{"position", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}}}},
                 {"position"}),
         object ({{"title", {{"type", "string"}}},
                  {"artist", {{"type", "string"}}},
                  {"reason", {{"type", "string"}}},
                  {"energy", {{"type", {"number", "null"}}}},
                  {"valence", {{"type", {"number", "null"}}}},
                  {"tempo_bpm", {{"type", {"number", "null"}}}}},
                 {"title", "reason"}),
         false,
         [] (const json& in, ToolSession& session) -> Expected<json>
         {
             const auto position = in["position"].get<int>();
             if (!session.playlist || position > (int) session.playlist->entries.size())
                 return makeError (Error::Kind::invalidInput,
                                   "no track at that position of the playlist");
             const auto& entry = session.playlist->entries[(std::size_t) position - 1];
             const auto& f = entry.track.features;
             const auto orNull = [] (const std::optional<double>& v)
             { return v ? json (*v) : json(); };
             return json{{"title", entry.track.title},    {"artist", entry.track.artist},
                         {"reason", entry.reason},        {"energy", orNull (f.energy)},
                         {"valence", orNull (f.valence)}, {"tempo_bpm", orNull (f.tempoBpm)}};
         }});

    tools.push_back (
        {"ask_guides",
         "Looks up the mood-to-music guides the user may read; "
         "answers cite their sources.",
         object ({{"question", text()}}, {"question"}),
         object ({{"chunks",
                   {{"type", "array"},
                    {"items", object ({{"source", {{"type", "string"}}},
                                       {"title", {{"type", "string"}}},
                                       {"text", {{"type", "string"}}}},
                                      {"source", "title", "text"})}}}},
                 {"chunks"}),
         false,
         [&s] (const json& in, ToolSession& session) -> Expected<json>
         {
             if (s.guides == nullptr)
                 return makeError (Error::Kind::unsupported, "no guides are loaded");
             auto found = s.guides->retrieve (s.reader, in["question"].get<std::string>(), 4);
             if (!found)
                 return std::unexpected (found.error());
             json chunks = json::array();
             for (const auto& chunk : found->chunks)
                 chunks.push_back (
                     {{"source", chunk.documentId}, {"title", chunk.title}, {"text", chunk.text}});
             session.citedSources = found->sources;
             return json{{"chunks", chunks}};
         }});

    tools.push_back ({"resolve_on_spotify",
                      "Checks how many tracks of the current playlist are on "
                      "Spotify (nothing is written).",
                      object ({}),
                      object ({{"found", {{"type", "integer"}}},
                               {"unclear", {{"type", "integer"}}},
                               {"missing", {{"type", "integer"}}}},
                              {"found", "unclear", "missing"}),
                      false,
                      [&s] (const json&, ToolSession& session) -> Expected<json>
                      {
                          if (!s.resolveOnSpotify)
                              return makeError (Error::Kind::invalidInput,
                                                "nobody is signed in to Spotify");
                          if (!session.playlist)
                              return makeError (Error::Kind::invalidInput,
                                                "there is no playlist yet; build one first");
                          std::vector<library::Track> tracks;
                          for (const auto& e : session.playlist->entries)
                              tracks.push_back (e.track);
                          int found = 0, unclear = 0, missing = 0;
                          // Counts only: what Spotify answered stays out of the model's context.
                          for (const auto& r : s.resolveOnSpotify (tracks))
                              (r.status == spotify::Resolution::Status::matched     ? found
                               : r.status == spotify::Resolution::Status::ambiguous ? unclear
                                                                                    : missing)++;
                          return json{{"found", found}, {"unclear", unclear}, {"missing", missing}};
                      }});

    auto pend = [] (PendingAction::Kind kind)
    {
        return [kind] (const json& in, ToolSession& session) -> Expected<json>
        {
            if (!session.playlist || session.playlist->entries.empty())
                return makeError (Error::Kind::invalidInput,
                                  "there is no playlist yet; build one first");
            auto id = auth::makeState();
            if (!id)
                return std::unexpected (id.error());
            // No name given: the shell names it as it names the playlist it shows.
            PendingAction action{id->substr (0, 10), kind, in.value ("name", std::string()),
                                 in.value ("cover", false), *session.playlist};
            session.pending.push_back (action);
            return json{{"pending_action",
                         {{"id", action.id},
                          {"kind", kind == PendingAction::Kind::push ? "push" : "play"},
                          {"playlist", action.playlistName},
                          {"tracks", (int) action.playlist.entries.size()}}},
                        {"status", "waiting for the user to confirm in the app or at the "
                                   "prompt; nothing has been written"}};
        };
    };

    tools.push_back ({"push_to_spotify",
                      "Asks to create the current playlist on the user's "
                      "Spotify account. Only the user can confirm it.",
                      object ({{"name", text (100)}, {"cover", {{"type", "boolean"}}}}),
                      pendingOutput(), true, pend (PendingAction::Kind::push)});
    tools.push_back ({"play_on_spotify",
                      "Asks to send the current playlist to Spotify and play "
                      "it. Only the user can confirm it.",
                      object ({{"name", text (100)}}), pendingOutput(), true,
                      pend (PendingAction::Kind::play)});
}

const Tool* ToolBox::find (const std::string& name) const
{
    for (const auto& tool : tools)
        if (tool.name == name)
            return &tool;
    return nullptr;
}

json ToolBox::call (const std::string& name, const json& input, ToolSession& session) const
{
    const auto* tool = find (name);
    if (tool == nullptr)
    {
        std::string names;
        for (const auto& t : tools)
            names += (names.empty() ? "" : ", ") + t.name;
        return {{"error", "there is no tool \"" + name + "\"; the tools are " + names},
                {"retry", true}};
    }
    if (auto problem = validateAgainstSchema (input, tool->input))
        return {{"error", "invalid arguments for " + name + ": " + *problem}, {"retry", true}};

    auto result = tool->run (input, session);
    if (!result)
        return {{"error", result.error().message}, {"retry", false}};
    if (auto problem = validateAgainstSchema (*result, tool->output))
        return {{"error", name + " gave an answer outside its schema (" + *problem + ")"},
                {"retry", false}};
    return *result;
}

json ToolBox::describeForModel() const
{
    json list = json::array();
    for (const auto& tool : tools)
        list.push_back ({{"type", "function"},
                         {"function",
                          {{"name", tool.name},
                           {"description", tool.description},
                           {"parameters", tool.input}}}});
    return list;
}

} // namespace moodboard::assistant
